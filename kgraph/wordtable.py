"""jieba's dictionary as a word table loaded by first character, as the text asks for it.

A small build meets a few hundred characters; loading all 349,045 words of jieba's dictionary (and giving them to
jieba-rs) was a third of its start-up. Every question asked of the dictionary is about a word that starts with a
character of the text at hand: whether a word is known, its frequency and part of speech, and the word cut, whose
paths are made of the dictionary words inside the text (and weighed by the total of the whole dictionary, which
the table keeps). So `WordTable` is a dict that holds the words of the first characters asked about so far:
`ensure(text)` loads those of the characters of `text`, a lookup of a word whose first character was never asked
about loads its bucket first. Once a quarter of the dictionary is asked for (the seeds need 70 % of it), the rest
is loaded at once and lookups are a dict's.

The buckets come from the derived-data cache (`kgraph.derived`): every word in one UTF-8 string, bucket after
bucket, its (frequency, part of speech) pair as an index into the distinct pairs, and the buckets' offsets by first
character. Watchers (`WordCutter`) hear of each bucket loaded, to give its words to jieba-rs.
"""

from __future__ import annotations

import sys
import weakref
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = ["WordTable", "parse_word_table", "read_word_table"]

Entry = tuple[int, str]  # frequency, part of speech
Watcher = Callable[[list[str], list[Entry], bool], None]  # words, their entries, whether the table is now complete
_FORMAT = "3"  # of the derived data
_BULK_SHARE = 4  # past a quarter of the dictionary, load the rest at once


class WordTable(dict[str, Entry]):
    """jieba's dictionary (word -> frequency, part of speech), filled by first character as it is asked about.

    `get`, `in` and `[]` load the bucket of a word's first character when it was not loaded yet, so a lookup
    answers as the whole dictionary would. Iterating or `len` see only what is loaded: call `load_all` first.
    `total` is jieba's total over the whole dictionary (every line counting, a word listed twice twice) and
    `longest` the length of its longest word."""

    def __init__(self, derived: tuple[Any, ...]) -> None:
        """`derived` from `parse_word_table`."""
        super().__init__()
        self.total, self.longest, self.size, chars, spans, freqs, tags, tag_ids, self._text, ids = derived
        self._index = dict(zip(chars, range(len(chars)), strict=True))  # first character -> its bucket's number
        self._spans = memoryview(spans).cast("I")  # per bucket: start and end in the text, first and last entry id
        names = [sys.intern(tag) for tag in tags]
        self._pairs: list[Entry] = list(zip(_array("I", freqs), map(names.__getitem__, _array("H", tag_ids)),
                                            strict=True))
        self._ids = memoryview(ids).cast("I")  # each word's pair, read where it lies (1.4 MB)
        self._asked: set[str] = set()  # characters whose bucket is loaded, or that start no word
        self._loaded = 0  # words loaded
        self.pending = True  # not every word loaded yet
        self._watchers: list[weakref.WeakMethod] = []

    def __contains__(self, word: object) -> bool:
        if dict.__contains__(self, word):
            return True
        return self.pending and isinstance(word, str) and self._first_asked(word) and dict.__contains__(self, word)

    def __missing__(self, word: str) -> Entry:
        if self.pending and isinstance(word, str) and self._first_asked(word) and dict.__contains__(self, word):
            return dict.__getitem__(self, word)
        raise KeyError(word)

    def get(self, word: str, default: Any = None) -> Any:  # type: ignore[override]
        entry = dict.get(self, word)
        if entry is None and self.pending and self._first_asked(word):
            entry = dict.get(self, word)
        return default if entry is None else entry

    def _first_asked(self, word: str) -> bool:
        """Load the bucket of `word`'s first character; whether that loaded anything."""
        if not word or word[0] in self._asked:
            return False
        before = self._loaded
        self.ensure(word[0])
        return self._loaded > before

    def ensure(self, text: str) -> None:
        """Load the words that start with a character of `text` (all of them, once a quarter is asked for)."""
        asked = self._asked
        if not self.pending or asked.issuperset(text):
            return
        new = [self._index[char] for char in set(text) - asked if char in self._index]
        asked.update(text)
        if not new:
            return
        spans = self._spans
        if (self._loaded + sum(spans[4 * k + 3] - spans[4 * k + 2] for k in new)) * _BULK_SHARE > self.size:
            self.load_all()
            return
        for k in new:
            start, stop, first, last = spans[4 * k:4 * k + 4].tolist()
            self._add(self._text[start:stop].decode("utf-8").split("\n"), self._ids[first:last], False)

    def load_all(self) -> None:
        """Every word of the dictionary (words already loaded are loaded again, with the same entries)."""
        if self.pending:
            self.pending = False
            self._add(self._text.decode("utf-8").split("\n") if self._text else [], self._ids, True)
            self._index, self._text, self._ids = {}, b"", memoryview(b"").cast("I")  # nothing more to load from

    @property
    def complete(self) -> bool:
        """Whether every word is loaded."""
        return not self.pending

    def watch(self, watcher: Watcher) -> None:
        """Call the bound method `watcher` with the words loaded so far, and again with each bucket loaded later
        (held weakly: a watcher gone is forgotten)."""
        self._watchers.append(weakref.WeakMethod(watcher))
        watcher(list(self.keys()), list(self.values()), not self.pending)

    def _add(self, words: list[str], ids: Iterable[int], complete: bool) -> None:
        entries = list(map(self._pairs.__getitem__, ids))
        self.update(zip(words, entries, strict=True))
        self._loaded = self.size if complete else self._loaded + len(words)
        for reference in list(self._watchers):
            watcher = reference()
            if watcher is None:
                self._watchers.remove(reference)
            else:
                watcher(words, entries, complete)


def read_word_table(dictionary: Path) -> WordTable:
    """The word table of jieba's `dict.txt` at `dictionary`, its buckets kept in the user's cache folder."""
    from kgraph.derived import load_derived

    return WordTable(load_derived("jieba-table", [dictionary], _FORMAT, lambda: parse_word_table(dictionary)))


def _array(code: str, data: bytes) -> array:
    numbers = array(code)
    numbers.frombytes(data)
    return numbers


def parse_word_table(dictionary: Path) -> tuple[Any, ...]:
    """What `WordTable` is made from, as strings, bytes and numbers that load at once (dictionaries and tuples of a
    few thousand entries took 15 ms): jieba's total, its longest word, the number of distinct words; the first
    characters of the buckets; per bucket its start and end in the text and its first and last entry id
    (`array('I')`); the distinct (frequency, part of speech) pairs as frequencies (`array('I')`), the tags and
    each pair's tag (`array('H')`); the words bucket after bucket joined by newlines (UTF-8); each word's pair
    (`array('I')`). The last line of a word wins, as in jieba."""
    fields = dictionary.read_text(encoding="utf-8").split()
    freqs = list(map(int, fields[1::3]))
    pair_ids: dict[tuple[int, str], int] = {}
    entries = {word: pair_ids.setdefault(pair, len(pair_ids))
               for word, pair in zip(fields[0::3], zip(freqs, fields[2::3], strict=True), strict=True)}
    buckets: dict[str, list[str]] = {}
    for word in entries:
        buckets.setdefault(word[0], []).append(word)
    spans, ids = array("I"), array("I")
    pieces: list[bytes] = []
    at = 0
    for words in buckets.values():
        text = "\n".join(words).encode("utf-8")
        spans.extend((at, at + len(text), len(ids), len(ids) + len(words)))
        at += len(text) + 1
        pieces.append(text)
        ids.extend(entries[word] for word in words)
    tags = sorted({tag for _, tag in pair_ids})
    tag_ids = {tag: k for k, tag in enumerate(tags)}
    longest = max(map(len, entries), default=1)
    return (sum(freqs), longest, len(entries), "".join(buckets), spans.tobytes(),
            array("I", (freq for freq, _ in pair_ids)).tobytes(), tags,
            array("H", (tag_ids[tag] for _, tag in pair_ids)).tobytes(), b"\n".join(pieces), ids.tobytes())
