"""Split a newspaper page into articles: bodies, their headline blocks, datelines and bylines.

A page is read as paragraphs (`clean.paragraphs`). Bodies start at an opening (`本报讯…`), a byline line
(`□ 通讯员 X`), a photo caption or the first text after a headline. Headline lines sit between bodies, and a
layout may print them before their body, after it, or elsewhere on the page; each block of headline lines is
therefore cut into runs and every run given to the body whose words it shares (`_assign`). A body left without
a headline takes one from its lead sentence.
"""

from __future__ import annotations

import bisect
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from itertools import compress, islice
from operator import and_, itemgetter
from typing import TYPE_CHECKING, NamedTuple

from kgraph.model import Article, Byline, Role
from kgraph.regex import compiled
from kgraph.text.clean import (
    BYLINE,
    BYLINE_LINE,
    HEADING,
    IDEO,
    TEXT,
    Para,
    after_opening,
    find_credit,
    ideographs,
    meta_line,
    opening,
    paragraphs,
    two_ideographs,
    without_credit,
)
from kgraph.text.script import as_simplified

if TYPE_CHECKING:
    from kgraph.lexicon import Lexicon

ROLE_WORDS = compiled(r"(摄影记者|摄影|(?:本报|特约|见习|实习|首席|全媒体|融媒体|融媒)?(?:记者|通[讯迅]员)|实习生)")
NAME = compiled(rf"^[{IDEO}·]{{2,4}}$")
STAFF_ROLE = compiled(
    r"(责任编辑|责编|编辑|审核|[一二三终]审|校对|图文|文/图|文图|摄影|作者|撰稿|记者|通讯员)(?:\s*[：:/]|\s+)"
)
DATE = compiled(r"(?:(?P<year>\d{4})\s*[年\-/.]\s*)?(?P<month>\d{1,2})\s*[月\-/.]\s*(?P<day>\d{1,2})\s*日?")
# a full date on a publication or meta line: `2021-05-14`, `2020/3/21`, `2019年12月13日`
FULL_DATE = compiled(r"(?P<year>(?:19|20)\d{2})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})")
# a lead dated by its day only, the month being the page's: `14日，`, `昨（18）日，`
DAY_ONLY = compiled(r"^(?:[昨今前]天?)?[（(]?(?P<day>\d{1,2})[）)]?日")
# a column label printed before a headline: `【要闻】…`, `栏目名丨…`
LABEL = compiled(r"^【(?P<label>[^【】]{1,40})】(?P<rest>.*)$")
KICKER = compiled(rf"^(?P<label>[{IDEO}A-Za-z0-9]{{2,8}})\s*[丨|｜]\s*(?P<rest>.+)$")
VAGUE_DATE = compiled(r"近日|日前|近期|连日来|前不久|近年来|今年以来|近来|目前")
CAPTION_LEAD = compiled(r"^.{0,25}?(?:\d{1,2}月\d{1,2}日|近日|日前|近期|连日来|前不久)")
ADVERBIAL = compiled(r"^(?:为|为了|在|据|随着|根据|按照|当|经过)")
# compiled once: a module-level `re` call looks its pattern up in re's cache every time
_SENTENCE_STOP, _CLAUSE_STOP, _ENDS_SENTENCE = compiled("[。！？]"), compiled("[，；：]"), compiled("[。！？!?]")
_YEAR = compiled(r"(\d{4})年")
_DIGIT = compiled(r"\d")
_TEXT_AND_PHOTO = compiled(r"(?:文/图|文／图|图/文|文图|图文)$")
_NAME_STOP = compiled(r"[\s、，,/\[\]【】|｜]+")
LEAD_CHARS = 120
MAX_LEAD_HEADLINE = 80
FURNITURE_CHARS = 40

# scores of the headline assignment (see `_assign`): similarity is a share of a line's weighted bigrams
ADJACENT = 0.15  # a run printed right before or after a body
TIGHT = 0.15  # a run printed with no blank line before the next body
FAR = 0.25  # per line piece given to a body it does not touch
NEW_RUN = 0.3  # cutting a headline block once more
STRONG = 0.2  # least similarity of a main headline to its body
HEADLINE_CHARS = 8  # a weakly similar line may still head the body it touches if it is this long
MAX_RUN = 8  # line pieces in one run, which bounds the work on long lists of short lines
NEAR_BODIES = 40  # a headline travels at most this many bodies away: a year of pages in one file stays linear
TRAVEL_CHARS = 10  # a run shorter than this is a label or a sub-headline: it stays next to where it is printed
LEAD = 1.5  # a main headline retells the lead sentence; sub-headlines quote the body further down
LENGTH = 0.04  # per character (up to 25): a main headline says more than its sub-headlines
EARLY = 0.05  # a headline block is read top down: main headline, then sub-headlines


@dataclass
class Body:
    """The text paragraphs of one article, and the headline pieces given to it."""

    paras: list[Para]
    facts: list[Facts] = field(default_factory=list)  # `_facts` of each paragraph, in step with `paras`
    units: list[Unit] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.paras[0].start

    @property
    def end(self) -> int:
        return self.paras[-1].end

    @cached_property
    def lead(self) -> str:
        """`_lead(self)`, once: the furniture test, the similarity index and the dateline all read it (the paragraphs
        of a body are all given before it is asked)."""
        return _lead(self)


class Unit(NamedTuple):
    """A piece of a headline line: lines such as `主标题 副标题 副标题` are cut at blanks outside quotes."""

    text: str
    start: int  # span of the piece in the source (of its whole line if the cleaned text is not found there)
    end: int
    line: int  # start of its printed line
    run: int = -1  # which run of headline lines it was given with
    attached: bool = False  # printed next to the body it was given to


# ---------------------------------------------------------------- bodies


def _opened(para: Para, facts: Facts) -> bool:
    """Whether the paragraph opens an article: a byline line or an opening (`facts`: its `_facts`)."""
    return para.kind == BYLINE or facts[0] is not None


_PARA_TEXT = itemgetter(1)


def _all_facts(paras: list[Para]) -> list[Facts]:
    """`_facts` of each paragraph, asked once per page: the bodies, their leads, texts and bylines all read them."""
    return list(map(_facts, map(_PARA_TEXT, paras)))


def _bodies(paras: list[Para], single: bool, facts: list[Facts] | None = None) -> list[Body]:
    """Text paragraphs grouped into bodies; a heading line always closes the body before it. `facts`: the
    paragraphs' `_all_facts`, if known."""
    bodies: list[Body] = []
    current: Body | None = None
    for para, fact in zip(paras, _all_facts(paras) if facts is None else facts, strict=True):
        if para.kind == HEADING:
            current = None
            continue
        # an opening, or a photo credit ending the body before, cuts it
        if current is None or not single and (_opened(para, fact) or current.facts[-1][1] is not None):
            current = Body([], [])
            bodies.append(current)
        current.paras.append(para)
        current.facts.append(fact)
    return [piece for body in bodies for piece in _split_captions(body)]


def _split_captions(body: Body) -> list[Body]:
    """Cut a photo caption (a dated paragraph ending `（X 摄）`) off the end of the body it was printed after.

    Without a dated paragraph among the last ones, the credit is the photo of the article itself.
    """
    last = len(body.paras) - 1
    if body.facts[last][1] is None:
        return [body]
    for k in range(last, max(last - 3, 0), -1):
        if CAPTION_LEAD.match(body.paras[k].text):
            return [Body(body.paras[:k], body.facts[:k]), Body(body.paras[k:], body.facts[k:])]
    return [body]


# ---------------------------------------------------------------- headline assignment


def _pieces(text: str) -> list[str]:
    """Cut a headline line at blanks that are outside quotes."""
    if " " not in text and "\u3000" not in text:  # most lines: one piece
        return [text]
    pieces, depth, current = [], 0, ""
    for char in text:
        depth += char in "“《（(「『‘"
        depth -= char in "”》）)」』’" and depth > 0
        if char in " \u3000" and depth == 0:
            pieces.append(current)
            current = ""
        else:
            current += char
    return [*pieces, current]


_unit = partial(tuple.__new__, Unit)  # no Python-level `__new__` (nor `_replace`)


def _units(para: Para, source: str) -> list[Unit]:
    """The pieces of a headline line, each with its own span when its cleaned text is found in the source."""
    units, cursor = [], para.start
    for piece in _pieces(para.text):
        if not two_ideographs(piece):
            continue
        found = source.find(piece, cursor, para.end)
        if found < 0:
            units.append(_unit((piece, para.start, para.end, para.start, -1, False)))
        else:
            cursor = found + len(piece)
            units.append(_unit((piece, found, cursor, para.start, -1, False)))
    return units


_WORD_RUN = compiled(rf"[{IDEO}0-9A-Za-z]+")
_SHIFT = 21  # a bigram's key: first code point << _SHIFT | second (code points are below 2 ** 21)
_LOW = (1 << _SHIFT) - 1  # a key's second code point
# the letters and ideographs bigrams are made of, by code point (all of them below U+FFFF): `_WORD_RUN`'s class
_SMALL_TEXT = 20_000  # characters of a page up to which a small build finds bigrams without numpy
_WORD_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A))


def _pairs(text: str) -> frozenset[int]:
    """The pairs of adjacent letters or ideographs in `text` (within its runs of them), each as its key."""
    return frozenset(ord(a) << _SHIFT | ord(b)
                     for run in _WORD_RUN.findall(text) for a, b in zip(run, run[1:], strict=False))


_bigrams = lru_cache(maxsize=4096)(_pairs)  # the short texts of headlines, scored again and again


def _key(gram: str) -> int:
    """A two-character string's bigram key, -1 for another length."""
    return ord(gram[0]) << _SHIFT | ord(gram[1]) if len(gram) == 2 else -1


def _gram_in(key: int, text: str) -> bool:
    """Whether `text` holds the bigram `key` (of two letters or ideographs, as `_pairs` makes them): its two
    characters side by side, which puts them in one run of `_WORD_RUN`."""
    return chr(key >> _SHIFT) + chr(key & _LOW) in text


def forget_bigrams() -> None:
    """Drop the headline bigrams and the bylines remembered while pages were split."""
    _bigrams.cache_clear()
    _credited.cache_clear()
    _facts.cache_clear()


@lru_cache(maxsize=1)
def _word_table():  # numpy is imported by the recogniser anyway, but only here when a page is split
    import numpy as np

    table = np.zeros(0x10000, dtype=bool)
    for low, high in _WORD_RANGES:
        table[low:high + 1] = True
    return table


class _PairIndex:
    """Which texts of a page hold each bigram (`_bigrams` of each text), found for the bigrams asked about only.

    A headline is scored against the page's bodies by the bigrams they share; making a set of every bigram of every
    body cost a Python string per character, most never asked about. Here the bigrams of all texts are keys in one
    numpy array (key * texts + text, sorted), and a bigram's texts are a slice of it, found when first asked.
    """

    def __init__(self, texts: list[str], *, plain: bool | None = None, firsts: Iterable[int] | None = None) -> None:
        """`plain`: a set of bigrams per text made in Python instead, by default for a small page while numpy is
        not imported (a build of a page or two need not import it at all). `firsts`: the first characters (code
        points) of the bigrams to be asked about, if known: only bigrams starting with one of them are indexed
        (sorted), and the whole index is made if another is asked after all."""
        self.found: dict[int, list[int]] = {}  # the texts of each bigram looked up so far
        self._sets: list[frozenset[int]] | None = None
        if plain is None:
            plain = "numpy" not in sys.modules and sum(map(len, texts)) <= _SMALL_TEXT
        if plain:
            self._sets = [_pairs(text) for text in texts]
            return
        self._texts = texts
        self._firsts = None if firsts is None else frozenset(firsts)
        if self._firsts is None or self._firsts:  # nothing to be asked (a page without headlines): no index, unless
            self._index(self._firsts)  # a bigram is asked after all (`find`)

    def _index(self, firsts: frozenset[int] | None) -> None:
        """The sorted keys of the bigrams starting with a character of `firsts` (of all bigrams: None)."""
        import numpy as np

        texts, self._firsts = self._texts, firsts
        self._count = len(texts)  # below 2 ** 21: the keys (below 2 ** 42) times it fit in 64 bits
        joined = "\x00".join(texts)  # the separator is no letter: no pair spans two texts
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        word = _word_table()[np.minimum(codes, 0xFFFF)]
        pair = word[:-1] & word[1:]
        if firsts is not None:  # letters and ideographs are all below U+FFFF: other firsts start no bigram
            wanted = np.zeros(0x10000, dtype=bool)
            wanted[[c for c in firsts if c < 0xFFFF]] = True
            pair &= wanted[np.minimum(codes[:-1], 0xFFFF)]
        owner = np.repeat(np.arange(len(texts)), [len(text) + 1 for text in texts])[:len(codes) - 1]
        keys = np.sort((codes[:-1][pair] << _SHIFT | codes[1:][pair]) * len(texts) + owner[pair])
        first = np.ones(len(keys), dtype=bool)  # np.unique: several times slower
        first[1:] = keys[1:] != keys[:-1]
        self._sorted = keys[first]
        self._owners: list[int] | None = None

    def find(self, keys: Iterable[int]) -> None:
        """Look up the keys not yet known, all in one pass (numpy's cost is per call)."""
        new = list((keys if isinstance(keys, set | frozenset) else set(keys)).difference(self.found))  # in C
        if not new:
            return
        if self._sets is None and self._firsts is not None and any(k >> _SHIFT not in self._firsts for k in new):
            self._index(None)  # a bigram not indexed: index them all (what was found stays true)
        if self._sets is not None:
            for key in new:
                self.found[key] = [k for k, grams in enumerate(self._sets) if key in grams]
            return
        import numpy as np

        if self._owners is None:  # the text of every entry, for all the keys asked of this index
            self._owners = (self._sorted % self._count).tolist()
        low = np.array(new, dtype=np.int64) * self._count
        starts = np.searchsorted(self._sorted, low).tolist()
        ends = np.searchsorted(self._sorted, low + self._count).tolist()
        owners, found = self._owners, self.found
        for key, start, end in zip(new, starts, ends, strict=True):
            found[key] = owners[start:end]  # in order: the array is sorted

    def texts(self, key: int) -> list[int]:
        """The texts holding a bigram, in order (a few of a page's bodies: a list is searched as fast as a set)."""
        if key not in self.found:
            self.find((key,))
        return self.found[key]


def _texts(body: Body) -> str:
    return "".join(map(_PARA_TEXT, body.paras))


class _Weights(dict[int, float]):
    """A bigram's weight by the number of a page's `n` bodies holding it, worked out once per number."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def __missing__(self, count: int) -> float:
        weight = self[count] = math.log(1 + self.n / max(count, 1))
        return weight


class Similarity:
    """Share of a headline's bigrams found in a body, each bigram weighted by its rarity among the page's bodies."""

    def __init__(self, bodies: list[Body], headlines: Iterable[str] = (), grams: Iterable[str] = ()) -> None:
        """`headlines`: the texts to be scored, or most of them, and `grams`: two-character strings to be asked
        about (`known`), whose bigrams are then looked up at once."""
        self.n = len(bodies)
        asked = set().union(*map(_bigrams, headlines), {key for key in map(_key, grams) if key >= 0})
        self._bodies = _PairIndex([_texts(b) for b in bodies], firsts={key >> _SHIFT for key in asked})
        # a lead is asked about by the few headline lines of its own body only: a bigram of letters or ideographs
        # is in its pairs exactly when the two characters stand side by side in it (`_gram_in`), no index needed
        self._leads = [b.lead[:LEAD_CHARS] for b in bodies]
        self._bodies.find(asked)
        self._weights = _Weights(self.n)  # a bigram's weight, by how many bodies hold it
        self._weighted: dict[str, tuple[tuple[tuple[int, float, list[int]], ...], float, int]] = {}
        self._scored: dict[str, dict[int, float]] = {}  # `scores` of a text for all the bodies

    def scores(self, text: str, first: int, last: int) -> dict[int, float]:
        """`self(text, body)` for each body from `first` to `last` sharing a bigram with `text`; all others score
        0.0. The range holds a bounded number of bodies (`NEAR_BODIES`), so the work stays linear in the page.
        Each bigram's weight goes to the bodies holding it, and each body's weights are summed as `self` sums them
        (fsum is exact: the order does not matter)."""
        pairs, total, count = self.weighted(text)
        shared: defaultdict[int, list[float]] = defaultdict(list)
        every = first <= 0 and last >= self.n - 1  # most pages: all their bodies are near
        for _, weight, bodies in pairs:
            if not every:
                bodies = bodies[bisect.bisect_left(bodies, first):bisect.bisect_right(bodies, last)]
            for body in bodies:
                shared[body].append(weight)
        scale = min(1.0, count / 5)
        found = {body: math.fsum(shared[body]) / total * scale for body in sorted(shared)}
        if every:  # what `self(text, body)` gives for every body
            self._scored[text] = found
        return found

    def known(self, gram: str) -> bool:
        """Whether some body holds `gram` as a bigram."""
        key = _key(gram)
        return key >= 0 and bool(self._bodies.texts(key))

    def weighted(self, text: str) -> tuple[tuple[tuple[int, float, list[int]], ...], float, int]:
        """The bigrams of `text` with their weights and the bodies holding them, their total weight and their number;
        once per text, as a headline line is scored against several bodies and their leads.

        fsum: exact, so the same whatever order the set gives, and two headlines scored alike always compare the
        same way."""
        found = self._weighted.get(text)
        if found is None:
            grams = _bigrams(text)
            index = self._bodies
            index.find(grams)  # then every one of them is found
            holders, weights = index.found, self._weights
            pairs = tuple((gram, weights[len(bodies)], bodies) for gram in grams for bodies in (holders[gram],))
            found = self._weighted[text] = (pairs, math.fsum(p[1] for p in pairs), len(grams))
        return found

    def __call__(self, text: str, body: int, *, lead: bool = False) -> float:
        if not lead and text in self._scored:  # a headline line of one piece, scored against every body already
            return self._scored[text].get(body, 0.0)
        pairs, total, count = self.weighted(text)
        if not total:
            return 0.0
        if lead:
            text = self._leads[body]
            share = math.fsum(w for g, w, _ in pairs if _gram_in(g, text)) / total
        else:
            share = math.fsum(w for _, w, bodies in pairs if body in bodies) / total
        return share * min(1.0, count / 5)


def _assign(
    units: list[Unit], before: int | None, after: int | None, sim: Similarity, *, tight: bool = False
) -> list[tuple[int, list[Unit]]]:
    """Cut one block of headline lines into runs, each given to a body: most shared words, fewest cuts.

    A run touching the block's edge earns a bonus for the body on that side; a run given to a body elsewhere on
    the page pays a penalty, so only a clearly matching headline travels, and a short one (a section label
    shares words with any body) never does. A block printed with no blank line before the next body (`tight`)
    leans to that body.
    """
    n = len(units)
    here = [k for k in (before, after) if k is not None] or [0]
    first, last = max(min(here) - NEAR_BODIES, 0), min(max(here) + NEAR_BODIES, sim.n - 1)
    scores = [sim.scores(u.text, first, last) for u in units]  # sparse and near: thousands of bodies stay linear
    chars = [ideographs(u.text) for u in units]
    best: list[tuple[float, list[tuple[int, int, int]]]] = [(0.0, [])]
    for j in range(1, n + 1):
        top, choice = -math.inf, None  # the first best option, as `max` of them all in this order would find
        for i in range(max(j - MAX_RUN, 0), j):
            short = sum(chars[i:j]) < TRAVEL_CHARS
            touching = {before if i == 0 else None, after if j == n else None}
            # a short run goes only to a body it touches: the others need not be tried (they are all in the list)
            tried = sorted(touching - {None}) if short else _bodies_to_try(scores[i:j], touching, first, last)
            for b in tried:
                touches = (i == 0 and b == before) or (j == n and b == after)
                if touches or not short:
                    bonus = ADJACENT + TIGHT * (tight and j == n and b == after) if touches else 0.0
                    if j - i == 1:  # one piece (most runs): the sum of one term, which is the term (0 + x == x)
                        shared = scores[i].get(b, 0.0) - (not touches) * FAR
                    else:
                        shared = sum(scores[k].get(b, 0.0) - (not touches) * FAR for k in range(i, j))
                    total = best[i][0] + (shared + bonus - NEW_RUN)
                    if choice is None or total > top:
                        top, choice = total, (i, j, b)
        best.append((top, [*best[choice[0]][1], choice]) if choice is not None else (-math.inf, []))
    if not best[n][1]:  # no way to cut it (a long list of short lines): it stays with its neighbour
        return [(before if after is None else after, units)]
    return [(b, units[i:j]) for i, j, b in best[n][1]]


def _bodies_to_try(scores: list[dict[int, float]], touching: set[int | None], first: int, last: int) -> list[int]:
    """The bodies from `first` to `last` whose option for a run can be the best, in body order: those the run's
    lines share words with, those it touches, and the first of all others (they all score the same, and the first
    of equal options wins)."""
    chosen = {b for line in scores for b in line} | {b for b in touching if b is not None}
    first_other = next((b for b in range(first, last + 1) if b not in chosen), None)
    return sorted(chosen if first_other is None else chosen | {first_other})


def _attach_headlines(paras: list[Para], bodies: list[Body], source: str, sim: Similarity) -> None:
    """Give every headline line of the page to a body; wrapped lines are rejoined first."""
    groups: list[list[Unit]] = []
    heading = list(map(HEADING.__eq__, map(itemgetter(0), paras)))  # the few headings of a page, found in one map
    for k in compress(range(len(paras)), heading):
        para, last = paras[k], paras[k - 1] if k and heading[k - 1] else None  # the heading line just above
        units = _units(para, source)
        if last is None:
            groups.append([])
        elif groups[-1] and units and groups[-1][-1].line == last.start and _wrapped(last, para, source, sim):
            left = groups[-1].pop()
            units[0] = Unit(left.text + units[0].text, left.start, units[0].end, left.line)
        groups[-1].extend(units)
    runs = 0
    ends, starts = [b.end for b in bodies], [b.start for b in bodies]
    in_order = ends == sorted(ends) and starts == sorted(starts)  # as read: then the neighbours are found by bisection
    for group in filter(None, groups):
        if in_order:
            k = bisect.bisect_right(ends, group[0].start)
            before = k - 1 if k else None
            k = bisect.bisect_left(starts, group[-1].end)
            after = k if k < len(bodies) else None
        else:
            before = max((k for k, b in enumerate(bodies) if b.end <= group[0].start), default=None)
            after = min((k for k, b in enumerate(bodies) if b.start >= group[-1].end), default=None)
        gap = source[group[-1].end : starts[after]] if after is not None else ""
        # a blank line between them: two newlines with nothing but blanks between (most gaps hold one newline)
        tight = after is not None and (gap.count("\n") < 2 or "\n\n" not in _BLANKS.sub("", gap))
        for k, run in _assign(group, before, after, sim, tight=tight):
            touches = k == before and run[0] is group[0] or k == after and run[-1] is group[-1]
            bodies[k].units.extend(_unit((u.text, u.start, u.end, u.line, runs, touches)) for u in run)
            runs += 1


def _junctions(paras: list[Para]) -> list[str]:
    """The characters either side of each break between two heading lines, which `_wrapped` may ask about."""
    heading = list(map(HEADING.__eq__, map(itemgetter(0), paras)))  # each paragraph's kind, tested in one map
    pairs = compress(range(len(paras) - 1), map(and_, heading, heading[1:]))
    return [paras[k].text[-1:] + paras[k + 1].text[:1] for k in pairs]


_BLANKS = compiled(r"[ \t\u3000]")


def _wrapped(upper: Para, lower: Para, source: str, sim: Similarity) -> bool:
    """Two headline lines are one wrapped line if they follow each other and the text reads on across the break."""
    return source[upper.end : lower.start].strip(" \t\u3000") == "\n" and sim.known(upper.text[-1:] + lower.text[:1])


# ---------------------------------------------------------------- headline, dateline, bylines


def _lead(body: Body) -> str:
    """The body's text after its opening, byline and meta lines: where the dateline and the lead sentence are.

    A photo caption printed above the text of a web article is left out too, unless the body is all captions.
    """
    kept = []  # each paragraph's text after its opening (`without_opening`), and whether it is no photo caption
    for para, (found, credit, meta) in zip(body.paras, body.facts, strict=True):
        if para.kind != BYLINE and not meta:
            kept.append((after_opening(para.text, found), credit is None))
    return "".join([text for text, plain in kept if plain] or [text for text, _ in kept])


Facts = tuple[re.Match[str] | None, re.Match[str] | None, bool]  # a paragraph's opening, photo credit, meta line


@lru_cache(maxsize=1 << 12)  # a paper's bylines, captions and standing lines recur from page to page
def _facts(text: str) -> Facts:
    """`opening(text)`, `find_credit(text)` and `meta_line(text)` at once."""
    return opening(text), find_credit(text), meta_line(text)


def _tagger(lex: Lexicon | None):  # jieba is slow to load: only bodies without a printed headline need it
    if lex is None:
        from kgraph.lexicon import load_lexicon

        lex = load_lexicon()
    return lex.tagger


def _continues(clause: str, following: str, lex: Lexicon | None = None) -> bool:
    """A clause ending in a noun and a next clause starting with a verb share one predicate (`X与Y合力，建设…`), as
    the user's lexicon (`lex`, else the default) cuts them."""
    tagger = _tagger(lex)
    last = tagger.last(clause)  # the clause's last word only: it grows by a clause at each call
    if last is None or last.flag[:1] not in "njz" or last.flag == "vn":
        return False
    first = tagger.first(following)
    return first is not None and first.flag in ("v", "vn")


def lead_headline(lead: str, lex: Lexicon | None = None) -> str:
    """A headline for a body printed without one: the first main clause of its lead, after the dateline."""
    if lead.startswith("“") and "”" in lead:  # an opening quotation is not what happened
        lead = lead[lead.index("”") + 1 :].lstrip("，。！？")
    sentence = _SENTENCE_STOP.split(lead, maxsplit=1)[0]
    clauses = [c for c in _CLAUSE_STOP.split(sentence) if c]
    while len(clauses) > 1 and (_is_dateline(clauses[0]) or ADVERBIAL.match(clauses[0])):
        clauses.pop(0)
    if not clauses:
        return ""
    headline = clauses.pop(0)
    if headline.startswith(("近日", "日前", "近期")):
        headline = headline[2:]
    while clauses and len(headline) < 40 and (len(headline) < 12 or _continues(headline, clauses[0], lex)):
        headline += "，" + clauses.pop(0)
    return headline.strip()[:MAX_LEAD_HEADLINE]


def _is_dateline(clause: str) -> bool:
    rest = VAGUE_DATE.sub("", DATE.sub("", clause, count=1), count=1)
    return len(rest) <= 4 and len(rest) < len(clause)


def find_date(
    lead: str, headline: str = "", published: tuple[int, int, int] | None = None, *, own: bool = False
) -> str | None:
    """`MM-DD` of the first dateline in the lead, `YYYY-MM-DD` if a year is printed with it or in the headline.

    The page's publication date (`published`, from its dateline) gives the year and the month of a lead dated by
    its day only (`14日`). On a one-article page it is the article's own (`own`), and dates a lead without a date
    (`近日`: the day of the report).
    """
    window = lead[:LEAD_CHARS]
    digit = _DIGIT.search(window)  # a date starts at a digit: the pattern is tried from the first one on, if any
    dates = DATE.finditer(window, digit.start()) if digit else ()
    dated = next((m for m in dates if "月" in m.group(0) or m.group("year")), None)
    vague = VAGUE_DATE.search(window)
    if dated is None or (vague and vague.start() < dated.start()):
        day_only = DAY_ONLY.match(window)
        if published and day_only and 1 <= int(day_only.group("day")) <= 31:
            return _day_before(published, int(day_only.group("day")))
        return "{:04d}-{:02d}-{:02d}".format(*published) if published and own else None
    month, day = int(dated.group("month")), int(dated.group("day"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year = dated.group("year")
    years = set(_YEAR.findall(headline))
    if year is None and len(years) == 1:
        year = years.pop()
    if year is None and published:  # a date after the publication date is one of the year before
        year = published[0] - ((month, day) > published[1:])
    return f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"


def _day_before(published: tuple[int, int, int], day: int) -> str:
    """The date of the given day of the month on or before the publication date."""
    year, month, today = published
    if day > today:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return f"{year:04d}-{month:02d}-{day:02d}"


def _published(paras: list[Para]) -> tuple[int, int, int] | None:
    """The date a page was published: the first full date on a meta line above its first paragraph of text."""
    for para in paras:
        if para.kind == TEXT and not meta_line(para.text):
            return None
        if para.kind == TEXT and (found := FULL_DATE.search(para.text)):
            date = int(found.group("year")), int(found.group("month")), int(found.group("day"))
            if 1 <= date[1] <= 12 and 1 <= date[2] <= 31:
                return date
    return None


def _names(chunk: str) -> list[str]:
    # 通讯员孙臣涛文/图: the credit for text and photos, not part of the name
    chunk = _TEXT_AND_PHOTO.sub("", chunk.strip())
    return [n for n in _NAME_STOP.split(chunk) if NAME.match(n)]


def parse_bylines(credit: str) -> list[Byline]:
    """Names of a bracketed byline (`通讯员杨立胜 秦开平`, `记者 张三 通讯员 李四`), with their roles.

    Text glued to the front of the first role word is the outlet, not a name (`某某日报全媒体记者 王磊`).
    """
    role, found = Role.REPORTER, []
    pieces = ROLE_WORDS.split(credit)
    for k, piece in enumerate(pieces):
        if ROLE_WORDS.fullmatch(piece):
            role = Role.PHOTOGRAPHER if piece.startswith("摄影") else Role.REPORTER
        elif not (k == 0 and len(pieces) > 1 and piece[-1:].strip()):
            found.extend(Byline(n, role) for n in _names(piece))
    return found


@lru_cache(maxsize=1 << 12)  # a paper's reporters and correspondents sign many of its articles
def _credited(credit: str) -> tuple[Byline, ...]:
    """`parse_bylines(credit)`, once per credit (bylines are frozen: one tuple serves every article)."""
    return tuple(parse_bylines(credit))


def _bylines(body: Body, *, staff: bool) -> list[Byline]:
    """Reporters and photographers credited in the body; staff credits (`编辑：X`) only on a one-article page."""
    found: list[Byline] = []
    for para, (found_opening, credit, meta) in zip(body.paras, body.facts, strict=True):
        if para.kind == BYLINE:
            found.extend(_credited(BYLINE_LINE.match(para.text).group(0).lstrip("□■◆◇●○▲△ ")))
        elif found_opening and found_opening.group("byline"):
            found.extend(_credited(found_opening.group("byline")))
        if credit:
            found.extend(Byline(n, Role.PHOTOGRAPHER) for n in _names(credit.group("names") or credit.group("bare")))
        if staff and meta:  # `编辑：张三 审核：李四`
            pieces = STAFF_ROLE.split(para.text)
            for role, names in zip(pieces[1::2], pieces[2::2], strict=True):
                kind = Role.PHOTOGRAPHER if role == "摄影" else Role.REPORTER
                found.extend(Byline(n, kind) for n in _names(names.strip()))
    return list(dict.fromkeys(found))


def _body_text(body: Body) -> str:
    """Cleaned body, one paragraph a line, without opening, byline lines, photo credits or meta lines."""
    lines = []
    for para, (found, _, meta) in zip(body.paras, body.facts, strict=True):
        if para.kind == BYLINE or meta:
            continue
        text = without_credit(after_opening(para.text, found)).strip()
        if text:
            lines.append(text)
    return "\n".join(lines)


def _lines(units: list[Unit]) -> list[tuple[str, int, bool]]:
    """The body's headline lines in print order (pieces of one printed line rejoined), with run and adjacency."""
    lines: dict[int, list[Unit]] = {}
    for unit in units:
        lines.setdefault(unit.line, []).append(unit)
    return [(" ".join(u.text for u in line), line[0].run, line[0].attached) for line in lines.values()]


def _headline(body: Body, index: int, sim: Similarity, *, titled: bool = False, lex: Lexicon | None = None
              ) -> tuple[str, str]:
    """Main headline (the line most like the body and its lead, long, early) and the other headline lines.

    The other lines follow in reading order of a headline block: sub-headlines below the main one, then lines
    above it (a kicker), then lines printed elsewhere (a section label). A web page's title heads its one
    article even if it shares no words with it (`titled`). A column label is cut off the headline (`_unlabel`).
    """
    main, sub = _main_headline(body, index, sim, titled=titled, lex=lex)
    main, label = _unlabel(main)
    return main, " ".join(part for part in (label, sub) if part)


def _unlabel(text: str) -> tuple[str, str]:
    """A headline without the column label printed before it (`【要闻】…`, `栏目丨…`), and the label.

    A bracketed line alone is the headline itself (`【图片新闻】`).
    """
    found = LABEL.match(text) or KICKER.match(text)
    if found is None:
        return text, ""
    rest = found.group("rest").strip()
    return (rest, found.group("label")) if ideographs(rest) >= 2 else (found.group("label"), "")


def _main_headline(body: Body, index: int, sim: Similarity, *, titled: bool, lex: Lexicon | None
                   ) -> tuple[str, str]:
    """The main headline line and the other headline lines in reading order."""
    lines = _lines(body.units)

    def rank(k: int) -> float:
        text = lines[k][0]
        longest = max(ideographs(piece) for piece in text.split(" "))  # parallel slogans are short pieces
        return sim(text, index) + LEAD * sim(text, index, lead=True) + LENGTH * min(longest, 25) + EARLY * (k == 0)

    candidates = [k for k, (text, _, _) in enumerate(lines) if sim(text, index) >= STRONG]
    if not candidates:  # a printed line next to the body may head it even if it shares few words with it
        least = 2 if titled else HEADLINE_CHARS
        candidates = [k for k, (text, _, near) in enumerate(lines) if near and ideographs(text) >= least]
    if not candidates:
        return lead_headline(body.lead, lex), " ".join(text for text, _, _ in lines)
    main = max(candidates, key=rank) if len(candidates) > 1 else candidates[0]  # most bodies: one line to rank
    run = lines[main][1]
    order = sorted(range(len(lines)), key=lambda k: (lines[k][1] != run, k < main, k))
    return lines[main][0], " ".join(lines[k][0] for k in order if k != main)


def _furniture(body: Body) -> bool:
    """Page furniture (a running head, a date line), not an article: short text that never ends a sentence."""
    text = body.lead
    if any(_opened(p, f) or f[1] is not None for p, f in zip(body.paras, body.facts, strict=True)):
        return not text or text.isspace()  # `not text.strip()`, without copying the lead
    return not _ENDS_SENTENCE.search(text) and ideographs(text) < FURNITURE_CHARS


def _span(body: Body) -> tuple[int, int]:
    """From the body's or an attached headline's first character to the last one's end."""
    start, end = body.paras[0].start, body.paras[-1].end
    for unit in body.units:
        if unit.attached:
            start, end = min(start, unit.start), max(end, unit.end)
    return start, end


def _one_article(paras: list[Para], facts: list[Facts] | None = None) -> bool:
    """A web page is one article: its headings are one article's sub-titles.

    It has no opening or byline line and at most one photo, or it opens with its title and a publication line
    (date, source) and has at most one opening (a reprinted paper article, maybe under its photo or summary).
    `facts`: the paragraphs' `_all_facts`, if known.
    """
    facts = _all_facts(paras) if facts is None else facts
    # counted up to two, which is all that is asked: a paper's page stops at its second article
    openings = sum(islice(filter(None, map(_opened, paras, facts)), 2))
    if not openings and sum(f[1] is not None for f in facts) <= 1:
        return True
    title = next((k for k, p in enumerate(paras) if p.kind != HEADING), len(paras))
    return openings <= 1 and 0 < title <= 3 and title < len(paras) and meta_line(paras[title].text)


def split_articles(text: str, source: str, lex: Lexicon | None = None) -> list[Article]:
    """The articles of one page (or the one article of a web page), in print order; a page printed in traditional
    characters is read in simplified ones. `lex` (the default lexicon when None) cuts the lead of an article printed
    without a headline into words, to make one."""
    text = as_simplified(text)
    paras = paragraphs(text)
    facts = _all_facts(paras)
    single = _one_article(paras, facts)
    if single:  # headings after the title are the sub-titles of its one article
        title = next((k for k, p in enumerate(paras) if p.kind != HEADING), len(paras))
        paras = [*paras[:title], *(Para(TEXT, text, start, end) for _, text, start, end in paras[title:])]
    bodies = [b for b in _bodies(paras, single, facts) if not _furniture(b)]
    if not bodies:
        return []
    sim = Similarity(bodies, (p.text for p in paras if p.kind == HEADING), _junctions(paras))
    _attach_headlines(paras, bodies, text, sim)
    published = _published(paras)
    articles = []
    spans = [_span(body) for body in bodies]
    for index in sorted(range(len(bodies)), key=spans.__getitem__):
        body, (start, end) = bodies[index], spans[index]
        headline, sub = _headline(body, index, sim, titled=single, lex=lex)
        articles.append(
            Article(
                source=source,
                index=len(articles),
                headline=headline,
                subheadline=sub,
                body=_body_text(body),
                date=find_date(body.lead, headline, published, own=single),
                bylines=tuple(_bylines(body, staff=len(bodies) == 1)),
                start=start,
                end=end,
            )
        )
    return articles
