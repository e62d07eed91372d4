"""jieba's dictionary as a word table loaded by first character, as the text asks for it.

A small build meets a few hundred characters; loading all 349,045 words of jieba's dictionary (and giving them to
jieba-rs) was a third of its start-up. Every question asked of the dictionary is about a word that starts with a
character of the text at hand: whether a word is known, its frequency and part of speech, and the word cut, whose
paths are made of the dictionary words inside the text (and weighed by the total of the whole dictionary, which
the table keeps). So `WordTable` is a dict that holds the words of the first characters asked about so far:
`ensure(text)` loads those of the characters of `text`, a lookup of a word whose first character was never asked
about is searched for in its stored bucket (`WordBuckets.find`), which is loaded once it has been searched often
(`SEARCHES_PER_WORD`): the buckets of the characters of the dev texts hold 55 % of the dictionary, the MSRA
texts' 73 %, and their builds ask about a few thousand words. Past three quarters loaded, the rest is loaded at
once and lookups are a dict's.

The buckets come from the derived-data cache (`kgraph.derived`): every word in one UTF-8 string, bucket after
bucket, its (frequency, part of speech) pair as an index into the distinct pairs, and the buckets' offsets by first
character (`WordBuckets`). The word cut (`kgraph.wordcut.WordCutter`) reads the same buckets for jieba-rs, by the
characters of the texts it cuts, and the table only by the words Python asks about: each loads what it meets.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from itertools import accumulate
from pathlib import Path
from typing import Any

__all__ = ["WordBuckets", "WordTable", "parse_word_table", "read_word_table"]

Entry = tuple[int, str]  # frequency, part of speech
_FORMAT = "6"  # of the derived data (6: the words of each bucket sorted, and where each starts)
# Past three quarters of the dictionary asked for, the table loads the rest at once: loading by bucket costs the same
# a word, and a complete table answers a word it lacks without asking for its bucket.
WHOLE_PAST = 0.75
# A bucket answers words it was not loaded for by searches of its stored words (a few µs each, by halves) until it
# has had one per this many of its words; then it is loaded (about 1 µs a word).
SEARCHES_PER_WORD = 4


class WordBuckets:
    """jieba's dictionary as it is stored: the words of each first character, read out on demand. Shared by the
    word table (Python's lookups) and the word cut (jieba-rs's copy), which each load what they meet."""

    def __init__(self, derived: tuple[Any, ...]) -> None:
        """`derived` from `parse_word_table`."""
        (self.total, self.unique_total, self.longest, self.size, chars, spans, freqs, tags, tag_ids, self._text,
         ids, starts) = derived
        self.index = dict(zip(chars, range(len(chars)), strict=True))  # first character -> its bucket's number
        self._spans = _array("I", spans)  # per bucket: start and end in the text, first and last entry id
        names = [sys.intern(tag) for tag in tags]
        self._pairs: list[Entry] = list(zip(_array("I", freqs), map(names.__getitem__, _array("H", tag_ids)),
                                            strict=True))
        self._ids = memoryview(ids).cast("I")  # each word's pair, read where it lies (1.4 MB)
        self._starts = _array("I", starts)  # where each word starts in the text, and the text's end + 1 (an array
        # reads an item faster than a memoryview: `find` reads a dozen)

    def numbers(self, chars: Iterable[str]) -> list[int]:
        """The buckets of these first characters (a character that starts no word has none)."""
        index = self.index
        return [index[char] for char in chars if char in index]

    def count(self, buckets: Iterable[int]) -> int:
        """How many words these buckets hold."""
        spans = self._spans
        return sum(spans[4 * k + 3] - spans[4 * k + 2] for k in buckets)

    def bucket(self, number: int) -> tuple[list[str], list[Entry]]:
        """The words of one bucket and their entries."""
        start, stop, first, last = self._spans[4 * number:4 * number + 4].tolist()
        return self._text[start:stop].decode("utf-8").split("\n"), list(map(self._pairs.__getitem__,
                                                                             self._ids[first:last]))

    def find(self, number: int, word: str) -> Entry | None:
        """The entry of one word of bucket `number` (None if it holds none), found by halves among its sorted words
        where they are stored (UTF-8 sorts as code points do): no string is made for the bucket's other words."""
        text, starts, wanted = self._text, self._starts, word.encode("utf-8", "surrogatepass")
        low, high = self._spans[4 * number + 2], self._spans[4 * number + 3]
        while low < high:  # bisect_left with a key called fewer times, in Python, costs more
            middle = (low + high) // 2
            if text[starts[middle]:starts[middle + 1] - 1] < wanted:
                low = middle + 1
            else:
                high = middle
        found = low < self._spans[4 * number + 3] and text[starts[low]:starts[low + 1] - 1] == wanted
        return self._pairs[self._ids[low]] if found else None

    def size_of(self, number: int) -> int:
        """How many words bucket `number` holds."""
        return self._spans[4 * number + 3] - self._spans[4 * number + 2]

    def everything(self) -> tuple[list[str], list[Entry]]:
        """Every word of the dictionary and its entry, bucket after bucket."""
        words = self._text.decode("utf-8").split("\n") if self._text else []
        return words, list(map(self._pairs.__getitem__, self._ids))


class WordTable(dict[str, Entry]):
    """jieba's dictionary (word -> frequency, part of speech), filled by first character as it is asked about.

    `get`, `in` and `[]` load the bucket of a word's first character when it was not loaded yet, so a lookup
    answers as the whole dictionary would. Iterating or `len` see only what is loaded: call `load_all` first.
    `total` is jieba's total over the whole dictionary (every line counting, a word listed twice twice) and
    `longest` the length of its longest word; `buckets` is the dictionary as stored (`WordBuckets`) and `source`
    the file it was read from."""

    def __init__(self, derived: tuple[Any, ...], source: Path | None = None) -> None:
        """`derived` from `parse_word_table` of the file `source`."""
        super().__init__()
        self.source = source
        self.buckets = WordBuckets(derived)
        self.total, self.longest, self.size = self.buckets.total, self.buckets.longest, self.buckets.size
        self._asked: set[str] = set()  # characters whose bucket is loaded, or that start no word
        self._searched: dict[str, int] = {}  # words looked up in the stored bucket of a character (`_look_up`)
        self._absent: set[str] = set()  # the words looked up there and not found
        self._loaded = 0  # words loaded
        self.pending = True  # not every word loaded yet

    def __contains__(self, word: object) -> bool:
        if dict.__contains__(self, word):
            return True
        return self.pending and isinstance(word, str) and self._look_up(word) is not None

    def __missing__(self, word: str) -> Entry:
        entry = self._look_up(word) if self.pending and isinstance(word, str) else None
        if entry is None:
            raise KeyError(word)
        return entry

    def get(self, word: str, default: Any = None) -> Any:  # type: ignore[override]
        entry = dict.get(self, word)
        if entry is None and self.pending:
            entry = self._look_up(word)
        return default if entry is None else entry

    def _look_up(self, word: str) -> Entry | None:
        """The entry of a word not in the dict, from its first character's bucket: searched for in the stored words
        (the word kept, found or not) while the bucket has had fewer searches than a fourth of its words
        (`SEARCHES_PER_WORD`), then loaded. A build asks about a few words of most buckets: pass 1 of the MSRA texts
        loaded 229,000 words by bucket for what 5,600 loaded and 2,700 found now answer."""
        if not word or word[0] in self._asked or word in self._absent:
            return None
        char = word[0]
        number = self.buckets.index.get(char)
        if number is None:
            self._asked.add(char)  # starts no word
            return None
        searched = self._searched.get(char, 0)
        if searched * SEARCHES_PER_WORD >= self.buckets.size_of(number):
            self.ensure(char)
            return dict.get(self, word)
        self._searched[char] = searched + 1
        entry = self.buckets.find(number, word)
        if entry is None:
            self._absent.add(word)  # (a fourth of the dictionary's words at most, one per search)
        else:
            dict.__setitem__(self, word, entry)
        return entry

    def ensure(self, text: str) -> None:
        """Load the words that start with a character of `text` (all of them, past three quarters)."""
        asked = self._asked
        if not self.pending or asked.issuperset(text):
            return
        new = self.buckets.numbers(set(text) - asked)
        asked.update(text)
        if not new:
            return
        if self._loaded + self.buckets.count(new) > WHOLE_PAST * self.size:
            self.load_all()
            return
        for number in new:
            words, entries = self.buckets.bucket(number)
            self.update(zip(words, entries, strict=True))
            self._loaded += len(words)

    def load_all(self) -> None:
        """Every word of the dictionary (words already loaded are loaded again, with the same entries); from now on
        the table answers as a plain dict (`_WholeTable`)."""
        if self.pending:
            self.pending = False
            self.update(zip(*self.buckets.everything(), strict=True))
            self._absent = set()
            self._loaded = self.size
            self.__class__ = _WholeTable

    @property
    def complete(self) -> bool:
        """Whether every word is loaded."""
        return not self.pending


class _WholeTable(WordTable):
    """A word table with every word loaded: `get` and `in` are the dict's own, with no Python call each (every word
    an extraction rule asks about goes through them: 3% of extraction's time)."""

    __contains__ = dict.__contains__  # type: ignore[assignment]
    get = dict.get  # type: ignore[assignment]


def read_word_table(dictionary: Path) -> WordTable:
    """The word table of jieba's `dict.txt` at `dictionary`, its buckets kept in the user's cache folder."""
    from kgraph.derived import load_derived

    return WordTable(load_derived("jieba-table", [dictionary], _FORMAT, lambda: parse_word_table(dictionary)),
                     dictionary)


def _array(code: str, data: bytes) -> array:
    numbers = array(code)
    numbers.frombytes(data)
    return numbers


def parse_word_table(dictionary: Path) -> tuple[Any, ...]:
    """What `WordTable` is made from, as strings, bytes and numbers that load at once (dictionaries and tuples of a
    few thousand entries took 15 ms): jieba's total, the total of the distinct words (each word's last line, what
    jieba-rs counts), its longest word, the number of distinct words; the first
    characters of the buckets; per bucket its start and end in the text and its first and last entry id
    (`array('I')`); the distinct (frequency, part of speech) pairs as frequencies (`array('I')`), the tags and
    each pair's tag (`array('H')`); the words bucket after bucket joined by newlines (UTF-8), sorted in each
    bucket; each word's pair and where each word starts in the text, then the text's size + 1 (`array('I')`). The
    last line of a word wins, as in jieba."""
    fields = dictionary.read_text(encoding="utf-8").split()
    freqs = list(map(int, fields[1::3]))
    pair_ids: dict[tuple[int, str], int] = {}
    entries = {word: pair_ids.setdefault(pair, len(pair_ids))
               for word, pair in zip(fields[0::3], zip(freqs, fields[2::3], strict=True), strict=True)}
    buckets: dict[str, list[str]] = {}
    for word in sorted(entries):  # sorted in each bucket: `WordBuckets.find` halves a long one
        buckets.setdefault(word[0], []).append(word)
    spans, ids, starts = array("I"), array("I"), array("I")
    pieces: list[bytes] = []
    at = 0
    for words in buckets.values():
        encoded = [word.encode("utf-8") for word in words]
        text = b"\n".join(encoded)
        spans.extend((at, at + len(text), len(ids), len(ids) + len(words)))
        starts.extend(accumulate((len(word) + 1 for word in encoded[:-1]), initial=at))
        at += len(text) + 1
        pieces.append(text)
        ids.extend(entries[word] for word in words)
    starts.append(at)  # (one past the end of the text, as if a newline followed it)
    tags = sorted({tag for _, tag in pair_ids})
    tag_ids = {tag: k for k, tag in enumerate(tags)}
    longest = max(map(len, entries), default=1)
    unique_total = sum(freq for freq, _ in map(list(pair_ids).__getitem__, entries.values()))
    return (sum(freqs), unique_total, longest, len(entries), "".join(buckets), spans.tobytes(),
            array("I", (freq for freq, _ in pair_ids)).tobytes(), tags,
            array("H", (tag_ids[tag] for _, tag in pair_ids)).tobytes(), b"\n".join(pieces), ids.tobytes(),
            starts.tobytes())
