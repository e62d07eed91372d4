"""The paper's home jurisdiction, and the full names of the short forms it prints.

A district paper writes 区委统战部 for 荆州区委统战部 and 市委 for 荆州市委: 区 is its own district, 市 the city
above it. The home is the county-level division the corpus names most (or `kgraph build --home 荆州区`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kgraph.errors import InputError
from kgraph.gazetteer import Division, Gazetteer, load_gazetteer
from kgraph.lexicon import Lexicon

_LEVEL_CHARS = {"区": "county", "县": "county", "市": "city", "省": "province"}
_MIN_MENTIONS = 3


def find_division(name: str, gazetteer: Gazetteer | None = None) -> Division:
    """The division a user names with `--home` (full name or short form); an unknown name is an error."""
    gazetteer = gazetteer or load_gazetteer()
    found = gazetteer.by_name.get(name, ())
    if len(found) != 1:
        what = "is ambiguous" if found else "is not a Chinese province, city, district or county"
        raise InputError(f"--home {name} {what}; give the full name, e.g. 荆州区")
    return found[0]


def infer_home(names: Iterable[str], gazetteer: Gazetteer | None = None) -> Division | None:
    """The county-level division named most often (as a place or as the start of an organisation's name), when
    it clearly leads: at least 3 mentions and twice the next one."""
    gazetteer = gazetteer or load_gazetteer()
    counts: Counter[str] = Counter()
    counties = {d.name: d for d in gazetteer.by_code.values() if d.level == "county"}
    for name, times in Counter(names).items():  # each name once: the same few are named again and again
        for size in (4, 3, 2):
            if name[:size] in counties and len(gazetteer.by_name[name[:size]]) == 1:
                counts[name[:size]] += times
                break
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < _MIN_MENTIONS or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return counties[ranked[0][0]]


def canonical_org(name: str, home: Division | None, lex: Lexicon, gazetteer: Gazetteer | None = None) -> str:
    """区委统战部 -> 荆州区委统战部, 市委 -> 荆州市委; other names as printed."""
    if home is None or name[:1] not in _LEVEL_CHARS:
        return name
    entry = lex.words.get(name[:2])
    if entry and entry[0] >= 100 and name[1:2] not in "委政人纪":  # 市场监管局 does not start with 市
        return name
    gazetteer = gazetteer or load_gazetteer()
    level = _LEVEL_CHARS[name[0]]
    for division in [home, *gazetteer.ancestors(home)]:
        if division.level == level and division.name.endswith(name[0]):
            return division.name + name[1:]
    return name
