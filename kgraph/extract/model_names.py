"""Organisations and places the recogniser reads that the suffix rules do not: short place names (丰城, 宿松),
named regions and venues, bodies without a listed suffix. The rules stay the authority where they read
something; the model only adds names where they read nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kgraph.extract.names import plausible_name, starts_token
from kgraph.extract.ner import Entity
from kgraph.extract.orgs import is_one_visit_group
from kgraph.extract.places import SpanIndex, is_common
from kgraph.gazetteer import load_gazetteer
from kgraph.lexicon import CJK, Lexicon
from kgraph.model import Mention
from kgraph.regex import compiled

_OPENING_BRACKETS = frozenset("(（")
_MEDIA = ("日报", "晚报", "报社", "电视台", "广播电台", "新闻网", "融媒体中心", "融媒", "新闻", "网")


_TOWN_ENDS = frozenset("镇乡村旗县")
_ALL_CJK = compiled(CJK.pattern + "*")  # each character one `CJK` matches (a name is read whole, in C)


def _usable(text: str, e: Entity, taken: SpanIndex, lex: Lexicon) -> bool:
    """Chinese characters only, outside what the rules took, no common word, starting where a word starts (各位州政协
    is no 位州政协) and not a department with a person's name glued on (妇产科张明)."""
    if taken.overlap(e.start, e.end) or not _ALL_CJK.fullmatch(e.text) or is_common(e.text, lex):
        return False
    if any(plausible_name(e.text[-k:], lex) and lex.org_suffixes.suffix_of(e.text[:-k]) for k in (2, 3)):
        return False
    if text[e.end:e.end + 1] in _OPENING_BRACKETS or not starts_token(text, e.start, lex, hmm=False):
        return False  # 高新园党(工)委 cut at its bracket
    first = lex.cut(e.text, hmm=False)[0]
    return not (len(first) > 1 and (lex.tag(first) or "").startswith("v"))  # 创建特色党委, 研究…研究院


def _is_place(name: str, lex: Lexicon) -> bool:
    """An organisation by the model that the place grammar calls a place (a 产业园, a 苏木, a town: no body is named
    by its 镇, 乡, 村, 旗 or 县 alone)."""
    suffix = lex.place_suffixes.suffix_of(name)
    return (suffix is not None and (len(suffix) >= 2 or suffix in _TOWN_ENDS)
            and not lex.org_suffixes.suffix_of(name))


def _is_body(name: str, lex: Lexicon) -> bool:
    """A place by the model that the grammar calls an organisation: a body's ending and no place's (呼吸科)."""
    return lex.org_suffixes.suffix_of(name) is not None and lex.place_suffixes.suffix_of(name) is None


def model_names(text: str, entities: Iterable[Entity], taken: Sequence[tuple[int, int]], lex: Lexicon
                ) -> tuple[list[Mention], list[Mention]]:
    """The recogniser's organisations and places outside what the rules took. An organisation needs an ending
    (局, 公司, 委员会) or four characters, and is never a one-visit group or a paper's name; a place needs two
    characters, and a two-character place must be a division's name or short name or a place to jieba. A name the
    model reads as one kind and the grammar as the other is of the grammar's kind."""
    orgs: list[Mention] = []
    places: list[Mention] = []
    index = SpanIndex(taken)  # a scan of `taken` per entity made a long article quadratic
    for e in entities:
        if e.kind == "PER" or len(e.text) < 2 or not _usable(text, e, index, lex):
            continue
        if (e.kind == "LOC" and not _is_body(e.text, lex)) or _is_place(e.text, lex):
            if len(e.text) > 2 or e.text in load_gazetteer().by_name or lex.tag(e.text) == "ns":
                places.append(Mention("place", e.text, e.start, e.end))
        elif is_one_visit_group(e.text) or e.text.endswith(_MEDIA):
            continue
        elif lex.org_suffixes.suffix_of(e.text) or len(e.text) >= 4:
            orgs.append(Mention("org", e.text, e.start, e.end))
    return orgs, places
