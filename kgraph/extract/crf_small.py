"""The name recogniser's tables in a file that loads without parsing, and a decoder in plain Python for small texts.

A build of a page or two spent more on getting the recogniser ready than on using it: importing numpy (0.13 s)
and arranging the model's weights into `crf.Tagger`'s tables (0.05 s). Here the arranged tables are written once
to the user's cache folder (`kgraph.derived.cache_folder`), as raw arrays behind a small header, and mapped into
memory at the next start: `crf.Tagger.mapped` reads them with numpy without a copy, and `SmallTagger` reads the
rows it needs through memoryviews, without numpy. `SmallTagger` sums every score in the order the numpy decoder
does, in the same float64, and breaks ties the same way, so the labels are the same (tests/extract/test_crf.py);
at about 30 µs a character it serves texts of a few thousand characters before numpy would have paid off.
"""

from __future__ import annotations

import hashlib
import marshal
import mmap
import os
import sys
from collections.abc import Sequence
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kgraph.extract.crf import Tagger

VERSION = "6"  # of the layout below: a new one writes a new file
_ALIGN = 8
_MULTIPLIER = 0x9E3779B97F4A7C15  # crf._Hash's
_WORD = (1 << 64) - 1
# the arrays of a Tagger, by name: (attribute path, element type for memoryview)
ARRAYS = {
    "index": "q", "unigrams": "d", "pair_keys": "q", "pair_rows": "q", "bigrams": "d", "skip_keys": "q",
    "skip_rows": "q", "skip": "d", "flags": "d", "surname": "B", "transitions": "d",
    "unigram_gains": "f", "bigram_gains": "f", "skip_gains": "f",
}


def cache_path(model: Path, surnames: frozenset[str], fold: dict[int, int]) -> Path | None:
    """Where the arranged tables of this model, surnames and folding are kept (None without a cache folder)."""
    from kgraph.derived import cache_folder

    try:
        stat = model.stat()
        folder = cache_folder()
    except (OSError, RuntimeError):
        return None
    parts = [VERSION, sys.version, sys.byteorder, f"{model.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}",
             "".join(sorted(surnames)), repr(sorted(fold.items()))]
    key = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return folder / f"crf-{key}.bin"


def save(tagger: Tagger, path: Path) -> None:
    """Write a Tagger's arranged tables: a marshal header (sizes, labels, hash parameters, offsets), then each
    array's bytes at an aligned offset. Written through a temporary file, so no process reads half of it."""
    import numpy as np

    arrays = {
        "index": tagger._index, "unigrams": np.stack(tagger.unigrams), "pair_keys": tagger._pairs._keys,
        "pair_rows": tagger._pairs._rows, "bigrams": np.stack(tagger.bigrams), "skip_keys": tagger._skips._keys,
        "skip_rows": tagger._skips._rows, "skip": tagger.skip, "flags": tagger.flags,
        "surname": tagger._surname.astype(np.uint8), "transitions": tagger.transitions,
        "unigram_gains": tagger.gains[0], "bigram_gains": tagger.gains[1], "skip_gains": tagger.gains[2],
    }
    header: dict[str, Any] = {
        "labels": tagger.labels.tolist(), "known": int(tagger._known),
        "pairs": (int(tagger._pairs._shift), tagger._pairs._mask, tagger._pairs._missing),
        "skips": (int(tagger._skips._shift), tagger._skips._mask, tagger._skips._missing),
        "slack": tagger._slack, "arrays": {},
    }
    blobs, offset = [], 0
    for name in ARRAYS:
        data = np.ascontiguousarray(arrays[name]).tobytes()
        header["arrays"][name] = (offset, len(data), list(arrays[name].shape))
        blobs.append(data + b"\0" * (-len(data) % _ALIGN))
        offset += len(blobs[-1])
    head = marshal.dumps(header)
    start = len(head) + 8
    start += -start % _ALIGN
    body = len(head).to_bytes(8, "little") + head + b"\0" * (start - 8 - len(head)) + b"".join(blobs)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(body)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


class Mapped:
    """A file `save` wrote, mapped into memory: its header and a memoryview of each array."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as file:
            self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        view = memoryview(self._map)
        size = int.from_bytes(view[:8], "little")
        self.header: dict[str, Any] = marshal.loads(view[8:8 + size])
        start = 8 + size
        start += -start % _ALIGN
        self.views: dict[str, memoryview] = {}
        self.shapes: dict[str, list[int]] = {}
        for name, (offset, length, shape) in self.header["arrays"].items():
            self.views[name] = view[start + offset:start + offset + length].cast(ARRAYS[name])
            self.shapes[name] = shape


def load(path: Path) -> Mapped | None:
    """The tables at `path`, or None if there are none to read (not written yet, or unreadable)."""
    try:
        return Mapped(path)
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        return None


class SmallTagger:
    """`crf.Tagger.named` in plain Python over mapped tables: one character and one step at a time."""

    def __init__(self, mapped: Mapped) -> None:
        views, header = mapped.views, mapped.header
        self._labels: list[str] = header["labels"]
        self._size = size = len(self._labels)
        self._outside = self._labels.index("O")
        self._known = header["known"]
        self._index = views["index"]
        self._unigrams, self._bigrams, self._skip = views["unigrams"], views["bigrams"], views["skip"]
        self._unigram_rows = mapped.shapes["unigrams"][1]  # rows per unigram table
        self._bigram_rows = mapped.shapes["bigrams"][1]
        self._pairs = (views["pair_keys"], views["pair_rows"], *header["pairs"])
        self._skips = (views["skip_keys"], views["skip_rows"], *header["skips"])
        self._surname = views["surname"]
        flags = views["flags"].tolist()
        self._flags = flags[:size], flags[size:]
        transitions = views["transitions"].tolist()
        self._from = [transitions[i * size:(i + 1) * size] for i in range(size)]  # [from][to]
        self._into = [[row[j] for row in self._from] for j in range(size)]  # [to][from]

    def _char(self, char: str) -> int:
        index = self._index
        return index[min(ord(char), len(index) - 1)]

    @staticmethod
    def _row(table: tuple, key: int) -> int:
        """crf._Hash.rows for one key: linear probing from the key's Fibonacci hash."""
        keys, rows, shift, mask, missing = table
        slot = ((key * _MULTIPLIER) & _WORD) >> shift
        while True:
            stored = keys[slot]
            if stored == key:
                return rows[slot]
            if stored == -1:
                return missing
            slot = (slot + 1) & mask

    def _emissions(self, piece: str) -> list[list[float]]:
        """Each character's state scores, added in crf.Tagger._emissions' order: the five characters, the four
        pairs, the skip pair, then the surname flags."""
        size, known = self._size, self._known
        chars = [self._char(c) for c in f"\x02\x02{piece}\x03\x03"]
        pairs = [self._row(self._pairs, a * known + b) for a, b in zip(chars, chars[1:], strict=False)]
        skips = [self._row(self._skips, a * known + b) for a, b in zip(chars, chars[2:], strict=False)]
        unigrams, bigrams, skip, surname = self._unigrams, self._bigrams, self._skip, self._surname
        per_unigram, per_bigram = self._unigram_rows * size, self._bigram_rows * size
        out = []
        for t in range(len(piece)):
            at = chars[t] * size
            scores = unigrams[at:at + size].tolist()
            for offset in (1, 2, 3, 4):
                at = offset * per_unigram + chars[t + offset] * size
                scores = list(map(add, scores, unigrams[at:at + size].tolist()))
            for offset in (0, 1, 2, 3):
                at = offset * per_bigram + pairs[t + offset] * size
                scores = list(map(add, scores, bigrams[at:at + size].tolist()))
            at = skips[t + 1] * size
            scores = list(map(add, scores, skip[at:at + size].tolist()))
            if surname[chars[t + 2]]:
                scores = list(map(add, scores, self._flags[0]))
            if surname[chars[t + 1]]:
                scores = list(map(add, scores, self._flags[1]))
            out.append(scores)
        return out

    def _viterbi(self, states: list[list[float]]) -> list[int]:
        """crfsuite's Viterbi as crf.Tagger._viterbi computes it: the max over predecessors, the way back to the
        first of equal labels."""
        labels = range(self._size)
        alphas = [states[0]]
        for scores in states[1:]:
            alpha = alphas[-1]
            alphas.append([s + max(map(add, alpha, into)) for s, into in zip(scores, self._into, strict=True)])
        last = alphas[-1]
        path = [max(labels, key=last.__getitem__)]  # max keeps the first of equals
        for alpha in reversed(alphas[:-1]):
            into = self._into[path[-1]]
            scores = list(map(add, into, alpha))
            path.append(max(labels, key=scores.__getitem__))
        return path[::-1]

    def named(self, pieces: Sequence[str]) -> list[dict[int, str]]:
        """The labels other than O of each piece, by position, as crf.Tagger.named gives them."""
        found: list[dict[int, str]] = []
        for piece in pieces:
            numbers = self._viterbi(self._emissions(piece)) if piece else []
            found.append({k: self._labels[n] for k, n in enumerate(numbers) if n != self._outside})
        return found
