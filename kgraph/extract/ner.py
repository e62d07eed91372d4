"""A character CRF that finds person, place and organisation names without a title nearby.

The rules of the other extractors need context (a title chain, a byline, a known suffix); names in plain prose
(`俞正声说`, `李明作报告`, a list before `等参加`) have none. A conditional random field over characters, trained on
the MSRA NER corpus of People's Daily text (`tools/train_ner.py` re-trains it), reads them from the characters
themselves: surnames, given-name characters, place and organisation endings. crfsuite trains the model on the
attributes `features` makes here; the package ships its weights as numpy tables (tools/export_crf.py), loaded
once per process, and crf.py reads the same attributes as table lookups and decodes all sentences of a page at
once, to crfsuite's very labels (tests/extract/test_crf.py) at a third of the cost.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import accumulate, compress
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.model import pickled_by_fields, quick_init
from kgraph.regex import compiled

if TYPE_CHECKING:
    import numpy as np

    from kgraph.extract.crf import Tagger
    from kgraph.extract.crf_small import Mapped, SmallTagger

MODEL = "ner.crfsuite"  # the model crfsuite trains (tools/train_ner.py)
TABLES = "ner.npz"  # its weights as kgraph reads them (tools/export_crf.py)
KINDS = ("PER", "LOC", "ORG")

# digits and Latin letters tell a name by their class, not their value; full-width forms as half-width; the
# training text (People's Daily) has full-width punctuation, web pages often half-width: read them as full-width
_FOLD = str.maketrans(
    "0123456789０１２３４５６７８９ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,;:!?()",
    "0" * 20 + "a" * 52 + "a" * 52 + "，；：！？（）",
)
# where a sentence may be cut for tagging: the model was trained on sentences, and shorter input tags faster
_SENTENCE = compiled(r"[^。！？；;!?\n]*[。！？；;!?\n]?")
_MAX_CHUNK = 300
_BATCH = 50_000  # characters tagged together: a few MB of scores, and numpy's cost per call spread thin
_NAME_PART = compiled(r"[\u3400-\u9fff·]+")
_SMALL_CHARS = 2_000  # characters the plain decoder takes (~40 µs each) before numpy's import (0.13 s) pays off


@quick_init  # a build makes one per name the model reads: 58,000 at 10k
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Entity:
    """A name the model read: its kind (PER, LOC, ORG) and its offsets in the text it was given."""

    kind: str
    start: int
    end: int
    text: str


def features(text: str, surnames: frozenset[str] = frozenset()) -> list[list[str]]:
    """The attributes of each character: itself and two neighbours each side, the bigrams around it, and whether it
    or the one before it is a surname (so a rare surname such as 覃 or 牙 still opens a name)."""
    s = "\x02\x02" + text.translate(_FOLD) + "\x03\x03"
    out = []
    for a, b, c, d, e in zip(s, s[1:], s[2:], s[3:], s[4:], strict=False):  # five characters from each one on
        row = ["a" + a, "b" + b, "c" + c, "d" + d, "e" + e, "f" + a + b, "g" + b + c, "h" + c + d, "i" + d + e,
               "j" + b + d]
        if c in surnames:
            row.append("S")
        if b in surnames:
            row.append("T")
        out.append(row)
    return out


def positional(labels: list[str]) -> list[str]:
    """BMES labels (B-PER M-PER E-PER, S-LOC) as the position of each character in its name, the fourth and later
    alike (PER1 PER2 PER3, LOC1): the model then learns how long names run, so it ends a three-character name
    where the next one begins in a list printed without separators (王汉斌杨尚昆)."""
    out, position = [], 0
    for label in labels:
        tag, _, kind = label.partition("-")
        if tag == "O" or not kind:
            out.append("O")
            continue
        position = 1 if tag in ("B", "S") else position + 1
        out.append(f"{kind}{min(position, 4)}")
    return out


def spans(labels: list[str], text: str, offset: int = 0) -> list[Entity]:
    """Entities from positional labels (PER1 PER2 PER3, LOC1, O): a name opens at position 1 and runs while the
    positions count on (the fourth repeats)."""
    return named_spans({i: label for i, label in enumerate(labels) if label != "O"}, text, offset)


def named_spans(named: dict[int, str], text: str, offset: int = 0) -> list[Entity]:
    """`spans` from the labels other than O, by position: only those and the one after each are looked at, since
    an O after an O changes nothing, and most characters are in no name."""
    found: list[Entity] = []
    begin, kind, previous = -1, "", 0
    for i in sorted({*named, *(i + 1 for i in named)}):
        label = named.get(i, "O")
        k, position = (label[:-1], int(label[-1])) if label != "O" else ("", 0)
        if begin >= 0 and k == kind and (position == previous + 1 or position == previous == 4):
            previous = position
            continue
        if begin >= 0:
            found.extend(_entities(kind, text, begin, i, offset))
        begin, kind, previous = (i, k, position) if position == 1 else (-1, "", 0)
    return found


def chunks(text: str) -> list[tuple[int, str]]:
    """The text cut into sentences (and long sentences at commas), with their offsets."""
    pieces = _SENTENCE.findall(text)
    # the sentences follow each other from 0 (`starts` has one more: where the last ends)
    starts = accumulate(map(len, pieces), initial=0)
    if max(map(len, pieces), default=0) <= _MAX_CHUNK:  # no sentence to cut (most texts): each step in C
        return list(compress(zip(starts, pieces, strict=False), map(str.strip, pieces)))
    out = []
    for start, piece in zip(starts, pieces, strict=False):
        while len(piece) > _MAX_CHUNK:
            cut = max(piece.rfind("，", 0, _MAX_CHUNK), piece.rfind(",", 0, _MAX_CHUNK))  # the last comma
            cut = cut + 1 if cut > 0 else _MAX_CHUNK
            out.append((start, piece[:cut]))
            start, piece = start + cut, piece[cut:]
        if piece.strip():
            out.append((start, piece))
    return out


class Recogniser:
    """The shipped model, loaded once per process and decoded with numpy (crf.py), the texts of a page together; a
    small build decodes in plain Python (crf_small.py) and never imports numpy."""

    def __init__(self, surnames: frozenset[str]) -> None:
        self._surnames = surnames
        self._numpy: Tagger | None = None
        self._small: SmallTagger | None = None
        self._mapped: Mapped | None = None
        self._small_left = _SMALL_CHARS  # characters the plain decoder may still take before numpy pays off

    @property
    def _tagger(self) -> Tagger:
        """The numpy decoder, its tables mapped from the cache folder, or arranged from the model and kept there."""
        if self._numpy is None:
            from kgraph.extract import crf_small
            from kgraph.extract.crf import Tagger

            mapped = self._kept()
            if mapped is not None:
                self._numpy = Tagger.mapped(mapped)
            else:
                self._numpy = Tagger(_tables(), self._surnames, _FOLD)
                if (path := _table_cache(self._surnames)) is not None:
                    crf_small.save(self._numpy, path)
        return self._numpy

    def _kept(self) -> Mapped | None:
        """The arranged tables kept in the cache folder, mapped once for both decoders (None: not kept yet)."""
        if self._mapped is None:
            from kgraph.extract import crf_small

            path = _table_cache(self._surnames)
            self._mapped = crf_small.load(path) if path is not None else None
        return self._mapped

    def _decoder(self, characters: int) -> Tagger | SmallTagger:
        """The plain decoder while numpy is not imported and the text is small, else the numpy one (they give the
        same labels)."""
        if "numpy" not in sys.modules and characters <= self._small_left:
            if self._small is None:
                from kgraph.extract import crf_small

                mapped = self._kept()
                if mapped is None:  # not kept yet: numpy arranges the tables, and is imported by then
                    return self._tagger
                self._small = crf_small.SmallTagger(mapped)
            self._small_left -= characters
            return self._small
        return self._tagger

    def entities(self, text: str) -> list[Entity]:
        """Every name the model reads in `text`, sentence by sentence."""
        return self.entities_of([text])[0]

    def entities_of(self, texts: Sequence[str]) -> list[list[Entity]]:
        """The names in each text, all sentences tagged at once (one numpy pass costs less than many)."""
        found: list[list[Entity]] = [[] for _ in texts]
        for batch in _batches([(number, start, piece) for number, text in enumerate(texts)
                               for start, piece in chunks(text)]):
            pieces = list(map(itemgetter(2), batch))
            decoder = self._decoder(sum(map(len, pieces)))  # the tagger folds them
            if decoder is self._small:  # the plain decoder gives each piece's labels
                for (number, start, piece), labels in zip(batch, decoder.named(pieces), strict=True):
                    if labels:
                        found[number].extend(named_spans(labels, piece, start))
                continue
            for k, begin, end, kind in decoder.spans(pieces):
                number, start, piece = batch[k]
                found[number].extend(_entities(kind, piece, begin, end, start))
        return found


def _entities(kind: str, text: str, begin: int, end: int, offset: int) -> list[Entity]:
    """The entity of a span of `text` the labels make: no person's name holds a mark (布莱尔②史密斯 is two)."""
    if kind != "PER" or _NAME_PART.fullmatch(text, begin, end):  # a name without a mark (most): the span whole
        return [Entity(kind, offset + begin, offset + end, text[begin:end])]
    return [Entity(kind, offset + m.start(), offset + m.end(), m.group())
            for m in _NAME_PART.finditer(text, begin, end)]


def _batches(pieces: list[tuple[int, int, str]]) -> Iterator[list[tuple[int, int, str]]]:
    """The pieces in runs of about _BATCH characters: the decoder holds a row of scores per character."""
    if sum(map(len, map(itemgetter(2), pieces))) < _BATCH:  # most calls: one batch
        yield pieces
        return
    batch: list[tuple[int, int, str]] = []
    size = 0
    for item in pieces:
        batch.append(item)
        size += len(item[2])
        if size >= _BATCH:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


@functools.cache
def _tables() -> dict[str, np.ndarray]:
    import numpy as np

    with resources.files("kgraph.models").joinpath(TABLES).open("rb") as file, np.load(file) as tables:
        return {name: tables[name] for name in tables.files}


def _table_cache(surnames: frozenset[str]) -> Path | None:
    """Where the arranged tables for these surnames are kept (crf_small.py)."""
    from kgraph.extract import crf_small

    model = resources.files("kgraph.models").joinpath(TABLES)
    return crf_small.cache_path(Path(str(model)), surnames, _FOLD) if isinstance(model, Path) else None


@functools.cache
def recogniser(surnames: frozenset[str]) -> Recogniser:
    """The recogniser for a set of surnames (the default lexicon's, or a user's)."""
    return Recogniser(surnames)
