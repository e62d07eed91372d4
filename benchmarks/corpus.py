"""A synthetic newspaper archive for `kgraph build`: pages made from the shapes of real ones.

Each page is one `.txt` file of about twelve articles, as the seed pages are: headlines (some printed twice, as PDF
extraction does), `本报讯（通讯员X）` openings, `□ 通讯员 X` bylines, title + name runs (`区委常委、常务副区长X`),
lists of names under one title (`区领导X、Y、Z参加活动`), photo captions (`（X 摄）`) and, on some pages, lines
broken every 9 to 12 characters inside words. Names, titles, organisations and places are drawn at random from
general lexicons (kgraph's surnames and title heads, a pool of given-name characters, the gazetteer's counties),
with a long tail: a few officials appear on many pages, as in a real paper. Nothing here is taken from a newspaper.

    python benchmarks/corpus.py /tmp/corpus-10k --articles 10000            # pages 00000.txt, 00001.txt, ...
    python benchmarks/corpus.py /tmp/corpus-10k --articles 10000 --extra 10  # the same, plus 10 more pages

The same seed and size always give the same pages; `--extra N` adds N pages with the same people.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

LEXICONS = Path(__file__).resolve().parent.parent / "kgraph" / "lexicons"
ARTICLES_PER_PAGE = 12
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玲红建文志国庆海燕林晓春梅东辉鹏飞宇浩"
         "俊峰波斌宁琳颖萍雪慧婷倩晨阳欣怡佳嘉君振远荣昌德武斌成龙凯翔云松柏青")
SCOPES = ("区委", "区政府", "区人大常委会", "区政协", "区纪委监委", "镇", "街道", "区")
HEADS = ("书记", "副书记", "区长", "副区长", "主任", "副主任", "部长", "局长", "副局长", "主席", "镇长", "常委")
DOMAINS = ("教育", "民政", "财政", "人社", "住建", "农业农村", "水利", "文旅", "卫健", "应急管理", "市场监管",
           "交通运输", "自然资源", "生态环境", "商务", "统计", "审计", "退役军人事务")
ORG_SUFFIXES = ("局", "委员会", "中心", "办公室", "服务中心")
TOWN_SUFFIXES = ("镇", "街道", "乡")
VERBS = ("调研", "督办", "检查", "走访", "考察")
TOPICS = ("防汛备汛工作", "项目建设", "安全生产", "乡村振兴", "招商引资", "城市更新", "基层治理", "民生实事",
          "疫情防控", "营商环境", "耕地保护", "河湖长制")
FILLER = (
    "要进一步提高政治站位，切实增强做好工作的责任感和紧迫感。",
    "各级各部门要强化协调配合，形成工作合力，确保各项任务落到实处。",
    "会议传达学习了上级有关会议精神，通报了前一阶段工作情况。",
    "要坚持问题导向，聚焦群众急难愁盼问题，扎实推进整改落实。",
    "近年来，该局创新工作方式方法，严格监督管理，主动走访困难群众。",
    "据了解，今年以来已累计投入资金两千余万元，惠及群众三万余人。",
    "项目建成后，将进一步完善城市排水系统，有效改善居民生活环境。",
    "要加强学习教育，注重学习成效，不断增进政治认同、思想认同、理论认同。",
    "活动现场，工作人员向过往群众发放宣传资料，耐心解答群众咨询。",
    "下一步，将持续深化改革，优化服务流程，推动各项工作提质增效。",
    "要压紧压实责任，加强隐患排查，坚决守住安全底线。",
    "参会人员围绕主题进行了深入交流，提出了意见和建议。",
)


@dataclass(frozen=True)
class Official:
    name: str
    title: str  # scope + head as printed: 区委副书记


def read_surnames() -> tuple[list[str], list[int]]:
    """Single surnames with weights from their modern rank (1 = 王): frequent surnames drawn more often."""
    names, weights = [], []
    for line in (LEXICONS / "surnames.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        surname, rank, kind = line.split("\t")[:3]
        if kind == "single":
            names.append(surname)
            weights.append(200 // int(rank) if int(rank) else 1)
    return names, weights


def read_counties() -> list[str]:
    rows = (LEXICONS / "gazetteer.csv").read_text(encoding="utf-8").splitlines()
    return [r.split(",")[1] for r in rows if not r.startswith("#") and r.split(",")[2:3] == ["county"]]


class Archive:
    """The people, organisations and places of one paper, drawn once from the seed."""

    def __init__(self, articles: int, seed: int) -> None:
        rng = random.Random(seed)
        surnames, weights = read_surnames()
        cum = list(accumulate(weights))
        names: set[str] = set()
        while len(names) < max(50, articles // 4):
            given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
            names.add(rng.choices(surnames, cum_weights=cum)[0] + given)
        pool = sorted(names)
        rng.shuffle(pool)
        self.officials = [Official(n, rng.choice(SCOPES) + rng.choice(HEADS)) for n in pool[: len(pool) // 2]]
        self.reporters = pool[len(pool) // 2:]
        self.towns = sorted({c[:2] + rng.choice(TOWN_SUFFIXES) for c in rng.sample(read_counties(), 60)})
        self.orgs = [f"区{d}{s}" for d in DOMAINS for s in ORG_SUFFIXES[:2]]
        self.weights = list(accumulate(1 / (i + 1) for i in range(len(self.officials))))  # Zipf-like tail
        self.seed = seed

    def official(self, rng: random.Random) -> Official:
        return rng.choices(self.officials, cum_weights=self.weights)[0]

    def article(self, rng: random.Random, month: int, day: int) -> str:
        """One article in one of the shapes of a real page."""
        lead = self.official(rng)
        others = [self.official(rng) for _ in range(rng.randint(1, 4))]
        town, org, topic = rng.choice(self.towns), rng.choice(self.orgs), rng.choice(TOPICS)
        headline = f"{lead.name}{rng.choice(VERBS)}{topic}"
        if rng.random() < 0.3:
            headline = f"{topic[:4]}{topic[:4]}\n" + headline  # a kicker printed twice
        byline = rng.choice(self.reporters)
        opening = (f"本报讯（通讯员{byline}）" if rng.random() < 0.7 else f"□ 通讯员 {byline}\n\n本报讯")
        shape = rng.random()
        if shape < 0.4:
            first = (f"{month}月{day}日，{lead.title}{lead.name}带队到{town}{rng.choice(VERBS)}{topic}。"
                     + "".join(f"{o.title}{o.name}、" for o in others).rstrip("、") + "参加。")
        elif shape < 0.7:
            first = (f"{month}月{day}日，{org}召开{topic}推进会。{lead.title}{lead.name}出席会议并讲话，"
                     f"区领导{'、'.join(o.name for o in others)}参加会议。")
        else:
            first = (f"近日，{town}组织开展{topic}专项行动。{org}相关负责人介绍了有关情况，"
                     f"{lead.name}强调，要抓好落实。")
        body = [first] + [rng.choice(FILLER) + rng.choice(FILLER) for _ in range(rng.randint(3, 8))]
        if rng.random() < 0.5:
            body.insert(2, f"{lead.name}指出，{rng.choice(FILLER)}")
        text = f"{headline}\n{opening}{body[0]}\n\n" + "\n\n".join(body[1:])
        if rng.random() < 0.2:
            text += f"\n\n（{rng.choice(self.reporters)} 摄）"
        return text

    def page(self, number: int) -> str:
        rng = random.Random(f"{self.seed}-{number}")
        year, month, day = 2014 + number * 10 // 4000 % 10, rng.randint(1, 12), rng.randint(1, 28)
        articles = [self.article(rng, month, day) for _ in range(ARTICLES_PER_PAGE)]
        articles[0] = articles[0].replace(f"{month}月{day}日", f"{year}年{month}月{day}日", 1)
        text = "\n\n".join(articles) + "\n"
        if rng.random() < 0.3:  # a PDF page: lines broken inside words
            text = "\n".join(wrap(line, rng) for line in text.split("\n"))
        return text


def wrap(line: str, rng: random.Random) -> str:
    if line.startswith(("本报讯", "□")) or len(line) < 14:
        return line
    width, parts = rng.randint(9, 12), []
    while line:
        parts.append(line[:width])
        line = line[width:]
    return "\n".join(parts)


def write_corpus(folder: Path, articles: int, *, seed: int = 7, extra: int = 0) -> list[Path]:
    """Write ceil(articles / 12) pages, plus `extra` more, into `folder`; the paths written."""
    archive = Archive(articles, seed)
    pages = -(-articles // ARTICLES_PER_PAGE) + extra
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(pages):
        path = folder / f"{number:05d}.txt"
        path.write_text(archive.page(number), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--extra", type=int, default=0, help="pages to add beyond the size, with the same people")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = write_corpus(args.folder, args.articles, seed=args.seed, extra=args.extra)
    print(f"wrote {len(paths)} pages to {args.folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
