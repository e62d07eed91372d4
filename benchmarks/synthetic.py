"""A synthetic kgraph graph of any size, with the vocabulary, IRIs and shape `kgraph build` writes.

Made to measure query engines on more than the seeds: articles with their text, mentions with offsets, people
with titles and posts, organisations, places inside places, events with an organizer and attendees, and the
materialised collaborations. People, organisations and places are drawn with a long tail (a few appear in many
articles), as in real newspapers. A few names are planted so the named queries have answers at every size:
万玲玲 (the busiest person), 荆州区委 and 荆州高新区党工委 (organisations with common members) and 荆州区 (the place
of many events).

    python benchmarks/synthetic.py /tmp/synthetic.ttl --triples 1000000

The graph is written as Turtle through pyoxigraph; nothing here is committed output.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate, combinations
from pathlib import Path

import pyoxigraph as ox

from kgraph.rdf import vocab
from kgraph.rdf.iri import Minter
from kgraph.rdf.vocab import DEFAULT_BASE, KG_NS

SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

PLANTED_PERSON = "万玲玲"
PLANTED_ORGS = ("荆州区委", "荆州高新区党工委")
PLANTED_PLACE = "荆州区"

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马胡朱郭何罗高林郑梁谢唐宋许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁"
            "沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂"
         "英华建国玲红志飞文辉海波鹏斌宇浩凯健俊帆帅旭宁龙林欣")
SCOPES = ("区委", "区政府", "区政协", "区人大常委会", "镇党委", "街道党工委", "区委宣传部", "区委统战部", "区纪委监委",
          "高新区党工委", "区财政局", "区教育局", "区卫健局", "区发改局", "区住建局", "区农业农村局", "区商务局")
PREFIXES = ("荆州", "沙市", "江陵", "公安", "监利", "洪湖", "松滋", "石首", "川店", "马山", "八岭山", "纪南", "李埠",
            "弥市", "郢城", "菱角湖", "太湖", "西城", "东城", "城南")
UNITS = ("中学", "小学", "卫生院", "村委会", "社区居委会", "有限公司", "合作社", "派出所", "镇政府", "管委会")
HEADS = ("书记", "副书记", "主任", "副主任", "部长", "副部长", "局长", "副局长", "主席", "副主席", "区长", "副区长",
         "镇长", "常委", "委员", "负责人")
PLACE_SUFFIXES = ("镇", "街道", "村", "社区", "乡", "片区", "工业园")
EVENT_TYPES = ("会议", "调研", "考察", "座谈", "督办", "走访", "学习", "活动")
TEXT_CHARS = ("一是的了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
              "用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实"
              "日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政"
              "美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员")


@dataclass(frozen=True, slots=True)
class Stats:
    """What was written: triples and node counts."""

    triples: int
    articles: int
    people: int
    events: int
    seconds: float


class _Writer:
    """Collects N-Triples lines, counting distinct triples."""

    def __init__(self) -> None:
        self.lines: set[str] = set()

    def iri(self, s: str, p: str, o: str) -> None:
        self.lines.add(f"<{s}> <{p}> <{o}> .")

    def text(self, s: str, p: str, value: str, lang: str | None = "zh") -> None:
        literal = '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        self.lines.add(f"<{s}> <{p}> {literal}{'@' + lang if lang else ''} .")

    def integer(self, s: str, p: str, value: int) -> None:
        self.lines.add(f'<{s}> <{p}> "{value}"^^<{XSD_INTEGER}> .')


class _Pick:
    """Draw items with a long tail: item k with weight 1 / (k + 1) ** skew."""

    def __init__(self, items: list[str], rng: random.Random, skew: float) -> None:
        self.items, self.rng = items, rng
        self.cum = list(accumulate(1 / (k + 1) ** skew for k in range(len(items))))

    def __call__(self, count: int = 1) -> list[str]:
        return self.rng.choices(self.items, cum_weights=self.cum, k=count)


def _names(rng: random.Random, count: int, make, planted: tuple[str, ...]) -> list[str]:
    names = list(dict.fromkeys(planted))
    seen = set(names)
    while len(names) < count:
        name = make()
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def generate_synthetic(triples: int = 1_000_000, *, seed: int = 7, base: str = DEFAULT_BASE) -> tuple[str, Stats]:
    """N-Triples text of a synthetic graph with about `triples` triples, and what it holds."""
    started = time.perf_counter()
    rng = random.Random(seed)
    iri = Minter(base)
    articles = max(4, round(triples / 148))  # about 148 triples per article, as the seeds
    people = _names(rng, max(8, round(articles * 1.3)),
                    lambda: rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2)))),
                    (PLANTED_PERSON,))
    reporters = people[len(people) * 9 // 10:]
    officials = people[: len(people) * 9 // 10]
    orgs = _names(rng, max(4, round(articles * 2.4)),
                  lambda: rng.choice(PREFIXES) + "".join(rng.choices(GIVEN, k=rng.choice((0, 1, 2)))) +
                  rng.choice(SCOPES + UNITS), PLANTED_ORGS)
    places = _names(rng, max(4, round(articles * 1.9)),
                    lambda: rng.choice(PREFIXES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))) +
                    rng.choice(PLACE_SUFFIXES), (PLANTED_PLACE,))
    pick_person, pick_reporter = _Pick(officials, rng, 0.9), _Pick(reporters, rng, 0.5)
    pick_org, pick_place = _Pick(orgs, rng, 0.8), _Pick(places, rng, 0.8)

    out = _Writer()
    person_iri = {name: str(iri.person(name)) for name in people}
    org_iri = {name: str(iri.org(name)) for name in orgs}
    place_iri = {name: str(iri.place(name)) for name in places}
    reporter_names = set(reporters)
    for name in people:
        role = "reporter" if name in reporter_names else "official"
        out.iri(person_iri[name], RDF_TYPE, SCHEMA + "Person")
        out.text(person_iri[name], SCHEMA + "name", name)
        out.text(person_iri[name], KG_NS + "role", role, lang=None)
    for name in orgs:
        out.iri(org_iri[name], RDF_TYPE, ORG + "Organization")
        out.text(org_iri[name], SCHEMA + "name", name)
    for k, name in enumerate(places):
        out.iri(place_iri[name], RDF_TYPE, SCHEMA + "Place")
        out.text(place_iri[name], SCHEMA + "name", name)
        if k and rng.random() < 0.4:
            parent = places[0] if rng.random() < 0.5 else places[rng.randrange(k)]
            out.iri(place_iri[name], SCHEMA + "containedInPlace", place_iri[parent])

    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    events = 0
    for a in range(articles):
        source_name = f"{a // 12:05d}_synthetic.txt"
        source, article_id = str(iri.source(source_name)), f"{a // 12:05d}-synthetic-{a % 12:03d}"
        article = str(iri.article(article_id))
        text = "".join(rng.choices(TEXT_CHARS, k=rng.randint(200, 800)))
        if a % 12 == 0:
            out.iri(source, RDF_TYPE, KG_NS + "SourceFile")
            out.text(source, SCHEMA + "name", source_name, lang=None)
        out.iri(article, RDF_TYPE, SCHEMA + "NewsArticle")
        out.text(article, SCHEMA + "headline", text[:rng.randint(10, 30)])
        if rng.random() < 0.45:
            out.text(article, SCHEMA + "alternativeHeadline", text[30:50])
        dateline = f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.85:
            out.text(article, KG_NS + "dateline", dateline, lang=None)
        out.text(article, SCHEMA + "text", text)
        out.iri(article, KG_NS + "sourceFile", source)
        out.iri(article, PROV + "wasDerivedFrom", source)
        out.integer(article, KG_NS + "articleIndex", a % 12)
        out.integer(article, KG_NS + "start", (a % 12) * 1000)
        out.integer(article, KG_NS + "end", (a % 12) * 1000 + len(text))
        out.iri(article, SCHEMA + "author", person_iri[pick_reporter()[0]])

        named = [(person_iri[n], n) for n in pick_person(rng.randint(2, 6))]
        named += [(org_iri[n], n) for n in pick_org(rng.randint(2, 6))]
        named += [(place_iri[n], n) for n in pick_place(rng.randint(2, 6))]
        for target, name in named:
            start = rng.randrange(max(1, len(text) - len(name)))
            _mention(out, iri, article_id, article, start, target, name)
            out.iri(article, SCHEMA + "mentions", target)

        if rng.random() < 0.47:
            events += 1
            event = str(iri.event(article_id))
            out.iri(event, RDF_TYPE, SCHEMA + "Event")
            out.text(event, SCHEMA + "name", text[:20])
            out.text(event, KG_NS + "eventType", rng.choice(EVENT_TYPES))
            out.iri(event, SCHEMA + "subjectOf", article)
            out.iri(event, PROV + "wasDerivedFrom", article)
            out.text(event, KG_NS + "dateline", dateline, lang=None)
            if rng.random() < 0.4:
                out.iri(event, SCHEMA + "location", place_iri[pick_place()[0]])
            members = list(dict.fromkeys(pick_person(rng.randint(2, 6))))
            out.iri(event, SCHEMA + "organizer", person_iri[members[0]])
            for name in members[1:]:
                out.iri(event, SCHEMA + "attendee", person_iri[name])
            for first, second in combinations(sorted(members), 2):
                shared[first, second].append(article_id)

    _posts(out, iri, rng, officials, person_iri, org_iri, pick_org, articles)
    for (first, second), ids in sorted(shared.items()):
        node = str(iri.collaboration(first, second))
        out.iri(node, RDF_TYPE, KG_NS + "Collaboration")
        out.iri(node, KG_NS + "participant", person_iri[first])
        out.iri(node, KG_NS + "participant", person_iri[second])
        out.integer(node, KG_NS + "weight", len(ids))
        for article_id in ids:
            out.iri(node, KG_NS + "evidence", str(iri.event(article_id)))
        out.iri(person_iri[first], KG_NS + "worksWith", person_iri[second])
        out.iri(person_iri[second], KG_NS + "worksWith", person_iri[first])

    stats = Stats(len(out.lines), articles, len(people), events, time.perf_counter() - started)
    return "\n".join(sorted(out.lines)) + "\n", stats


def _mention(out: _Writer, iri: Minter, article_id: str, article: str, start: int, target: str, name: str) -> str:
    node = str(iri.mention(article_id, start, start + len(name)))
    out.iri(node, RDF_TYPE, KG_NS + "Mention")
    out.iri(node, KG_NS + "inArticle", article)
    out.iri(node, KG_NS + "mentionOf", target)
    out.integer(node, KG_NS + "start", start)
    out.integer(node, KG_NS + "end", start + len(name))
    out.text(node, KG_NS + "text", name)
    return node


def _posts(out: _Writer, iri: Minter, rng: random.Random, officials: list[str], person_iri: dict[str, str],
           org_iri: dict[str, str], pick_org: _Pick, articles: int) -> None:
    """Titles for most officials: `<organisation><head>`, held in that organisation, read in some article."""
    for k, name in enumerate(officials):
        if k and rng.random() < 0.4:
            continue
        held = list(PLANTED_ORGS) if k == 0 else list(dict.fromkeys(pick_org(rng.choice((1, 1, 2, 3)))))
        for org in held:
            title = org + rng.choice(HEADS)
            post = str(iri.post(name, title))
            out.text(person_iri[name], SCHEMA + "jobTitle", title)
            out.iri(person_iri[name], ORG + "holds", post)
            out.iri(post, RDF_TYPE, ORG + "Post")
            out.text(post, RDFS + "label", title)
            out.iri(post, ORG + "heldBy", person_iri[name])
            out.iri(post, ORG + "postIn", org_iri[org])
            a = rng.randrange(articles)
            article_id = f"{a // 12:05d}-synthetic-{a % 12:03d}"
            article = str(iri.article(article_id))
            out.iri(post, KG_NS + "evidence", _mention(out, iri, article_id, article, 5000 + k, post, title))
            out.iri(post, PROV + "wasDerivedFrom", article)


def write_synthetic(path: Path, triples: int = 1_000_000, *, seed: int = 7) -> Stats:
    """Write the synthetic graph as Turtle (or N-Triples for a `.nt` path)."""
    text, stats = generate_synthetic(triples, seed=seed)
    if path.suffix == ".nt":
        path.write_text(text, encoding="utf-8")
        return stats
    quads = ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
    prefixes = dict(vocab.PREFIXES, id=DEFAULT_BASE)
    ox.serialize(quads, path, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="Turtle file to write (.nt for N-Triples)")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    stats = write_synthetic(args.path, args.triples, seed=args.seed)
    print(f"wrote {args.path}: {stats.triples} triples, {stats.articles} articles, {stats.people} people, "
          f"{stats.events} events in {stats.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
