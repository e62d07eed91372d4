"""Where a mention is: the administrative divisions its titles, its article and its page name.

A person is told apart from a namesake by place: 王勇 of a 荆州区 paper and 王勇 of a 桃源县 people's congress live
in different provinces. The divisions come from the gazetteer, read off the start of place and organisation names
(`桃源县漆河镇人大` -> 桃源县, `政协黔东南州第十届委员会` -> 黔东南州) and titles (`荆州区委书记` -> 荆州区).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from kgraph.gazetteer import Division, Gazetteer, load_gazetteer

_PREFIXES = ("中国人民政治协商会议", "中国共产党", "中共", "政协")
_AFTER_SHORT = frozenset("省市区县州盟旗委")  # 楚雄州委, 黔东南州: a short form followed by its level, not 东方红
_MAX_NAME = 12


@dataclass(frozen=True, slots=True)
class Locale:
    """The divisions a group of mentions is placed in, with how often each was named (most specific first)."""

    counts: tuple[tuple[str, int], ...] = ()  # adcode, count (a division counts what is named inside it)
    named: tuple[tuple[str, int], ...] = ()  # adcode, count of the divisions named themselves, most first

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(code for code, _ in self.counts)

    def __bool__(self) -> bool:
        return bool(self.counts)


@functools.lru_cache(maxsize=1 << 16)
def divisions_at_start(text: str) -> tuple[Division, ...]:
    """The divisions a name starts with: the longest gazetteer name at its start, every namesake of it.

    >>> [d.name for d in divisions_at_start("桃源县漆河镇人大")]
    ['桃源县']
    >>> [d.name for d in divisions_at_start("政协黔东南州第十届委员会")]
    ['黔东南苗族侗族自治州']
    >>> [d.name for d in divisions_at_start("楚雄州委")]
    ['楚雄彝族自治州']
    >>> divisions_at_start("东方红广场")
    ()
    """
    gazetteer = load_gazetteer()
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix):]
            break
    for size in range(min(len(text), _MAX_NAME), 1, -1):
        found = gazetteer.by_name.get(text[:size])
        if not found:
            continue
        head = text[:size]
        if head in gazetteer.full_names:
            return tuple(d for d in found if d.name == head) or found
        if size == len(text) or text[size] in _AFTER_SHORT:  # 楚雄州 is the prefecture, not the city 楚雄市
            return tuple(d for d in found if size < len(text) and d.name.endswith(text[size])) or found
        longer = tuple(d for d in found if _continues_into(text, d.name, size))  # 黔东 + 南州 of 黔东南…自治州
        if longer:
            return longer
    return ()


def _continues_into(text: str, name: str, size: int) -> bool:
    """Whether `text` goes on with more of the full `name` than its short form, then a level character."""
    end = size
    while end < min(len(text), len(name)) and text[end] == name[end]:
        end += 1
    return end > size and (end == len(text) or (text[end] in _AFTER_SHORT and name.endswith(text[end])))


def chain(division: Division, gazetteer: Gazetteer) -> list[Division]:
    """The division and the ones above it, the province last."""
    return [division, *gazetteer.ancestors(division)]


def count_divisions(names: Iterable[str], gazetteer: Gazetteer | None = None) -> Counter[str]:
    """How often each division is named at the start of `names`; a name shared by several divisions (朝阳区) counts
    for the one whose province or city the other names name, and for none when nothing settles it."""
    found = [candidates for candidates in map(divisions_at_start, names) if candidates]
    if all(len(candidates) == 1 for candidates in found):  # mostly: no namesakes to settle
        return Counter([candidates[0].code for candidates in found])
    gazetteer = gazetteer or load_gazetteer()
    known = Counter(d.code for candidates in found if len(candidates) == 1 for d in candidates)
    above = {a.code for code in known for a in chain(gazetteer.by_code[code], gazetteer)}
    counts: Counter[str] = Counter()
    for candidates in found:
        if len(candidates) == 1:
            counts[candidates[0].code] += 1
        elif candidates:
            fitting = [d for d in candidates if any(a.code in above for a in gazetteer.ancestors(d))]
            if len(fitting) == 1:
                counts[fitting[0].code] += 1
    return counts


_LEVELS = {"county": 0, "city": 1, "province": 2}  # the more specific first


def make_locale(counts: Counter[str]) -> Locale:
    """A locale from division counts: each division with the ones above it, counted as often."""
    gazetteer = load_gazetteer()
    total: Counter[str] = Counter()
    for code, n in counts.items():
        for division in chain(gazetteer.by_code[code], gazetteer):
            total[division.code] += n
    level = _LEVELS
    return Locale(tuple(sorted(total.items(), key=lambda kv: (level[gazetteer.by_code[kv[0]].level], -kv[1], kv[0]))),
                  tuple(sorted(counts.items(), key=lambda kv: (-kv[1], level[gazetteer.by_code[kv[0]].level],
                                                               kv[0]))))


def anchor_of(counts: Counter[str]) -> Division | None:
    """`anchor(make_locale(counts))`, without making the locale: the division `counts` names most (the more
    specific, then the first code, on a tie), for a reason that names where a group is."""
    if not counts:
        return None
    by_code = load_gazetteer().by_code
    code, _ = min(counts.items(), key=lambda kv: (-kv[1], _LEVELS[by_code[kv[0]].level], kv[0]))
    return by_code[code]


def codes_at(locale: Locale, level: str) -> frozenset[str]:
    """The divisions of one level (province, city, county) a locale holds."""
    gazetteer = load_gazetteer()
    return frozenset(code for code in locale.codes if gazetteer.by_code[code].level == level)


def anchor(locale: Locale) -> Division | None:
    """The division named most (the more specific on a tie): what a person split from a namesake is known by."""
    return load_gazetteer().by_code[locale.named[0][0]] if locale.named else None


def describe(division: Division | None) -> str:
    """湖北省荆州市荆州区: the division with the ones above it, province first."""
    if division is None:
        return "no known place"
    return _described(division.code)


@functools.lru_cache(maxsize=1 << 12)
def _described(code: str) -> str:
    """`describe` of the division with this code, once per division: a reason names the same few again and again."""
    gazetteer = load_gazetteer()
    return "".join(d.name for d in reversed(chain(gazetteer.by_code[code], gazetteer)))
