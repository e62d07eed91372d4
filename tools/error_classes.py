"""Count the errors of a build on a gold set by class, before and after a change.

    python ../shared/eval/score.py before/graph.ttl ../shared/gold/dev --json --details > before.json
    python ../shared/eval/score.py after/graph.ttl ../shared/gold/dev --json --details > after.json
    python tools/error_classes.py before.json after.json

The classes are read off the shape of each string (a `·`, the surname, the ending), never off a list of names,
so the same table can be made for any gold set. Prints a Markdown table.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from kgraph.gazetteer import load_gazetteer
from kgraph.lexicon import load_lexicon

VISIT = ("考察团", "代表团", "调研组", "检查组", "视察组", "一行")
MEETING_BODY = ("人大", "委员会", "主席团", "常委会", "代表团")
DEPARTMENT = tuple("局办委部厅处科室")
COMPANY = ("公司", "集团", "厂", "车间", "基地", "牧场", "合作社")
VENUE = ("公园", "故居", "祖居", "纪念馆", "遗址", "旧址", "广场", "园", "圈", "带", "馆", "区", "苑", "大道", "路",
         "桥", "高速", "公路", "湾", "河", "会客厅")
NEW_ENDINGS = ("嘎查", "苏木", "行政村", "自然村", "旗", "盟")


def person_class(name: str, other: set[str]) -> str:
    lex = load_lexicon()
    if any(name != o and (name in o or o in name) for o in other):
        return "boundary: a name cut short or glued to a word"
    if "·" in name:
        return "transcribed name with ·"
    if name[:2] in lex.compound_surnames:
        return "compound surname"
    if name[0] not in lex.surnames:
        return "no surname (Mongolian, Tibetan, a word taken for a name)"
    if lex.surname_rank.get(name[0], 0) == 0:
        return "rare surname"
    return "two-character name" if len(name) == 2 else "common three-character name"


def body_class(name: str, other: set[str]) -> str:
    gazetteer = load_gazetteer()
    if any(name != o and (name in o or o in name) for o in other):
        return "boundary: cut short, glued or a scope"
    if name.endswith(VISIT):
        return "one-visit group"
    if "届" in name or name.endswith(MEETING_BODY):
        return "meeting body or congress"
    if name.endswith(NEW_ENDINGS):
        return "ending the rules did not know (嘎查, 苏木, 行政村, 旗)"
    if name in gazetteer.by_name and name not in gazetteer.full_names:
        return "short place name"
    if name.endswith(COMPANY):
        return "company, workshop, base"
    if name.endswith(VENUE):
        return "venue or named region"
    if len(name) <= 4 and name.endswith(DEPARTMENT):
        return "plain department (住建局)"
    return "other"


def classes(scores: dict) -> Counter[tuple[str, str, str]]:
    counts: Counter[tuple[str, str, str]] = Counter()
    for field, classify in (("people", person_class), ("organizations", body_class), ("places", body_class)):
        missed, false = set(scores[field]["missed"]), set(scores[field]["false_positives"])
        for kind, names, other in (("missed", missed, false), ("false", false, missed)):
            for name in names:
                counts[(field, kind, classify(name, other))] += 1
    return counts


def main() -> int:
    before, after = (classes(json.loads(Path(p).read_text(encoding="utf-8"))) for p in sys.argv[1:3])
    print("| field | error | class | before | after |\n| --- | --- | --- | ---: | ---: |")
    for key in sorted(set(before) | set(after)):
        print(f"| {key[0]} | {key[1]} | {key[2]} | {before[key]} | {after[key]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
