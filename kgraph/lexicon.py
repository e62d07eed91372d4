"""Lexicons shipped as package data, and kgraph's own jieba instance.

Lexicons are plain UTF-8 files in `kgraph/lexicons/`, one entry per line, `#` comments. They hold general
grammar (title heads, ranks, organisation and place suffixes, surnames), never names or titles taken from a
particular newspaper. `load_lexicon(extra=DIR)` adds a user's own files of the same names to the defaults.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kgraph.errors import LexiconError
from kgraph.regex import compiled
from kgraph.wordcut import WordCutter, jieba_word_table

CJK = compiled(r"[\u3400-\u9fff]")

_MAX_CUTS = 200_000  # remembered cuts (about 200 bytes each) before they are forgotten at once
_FILES = (
    "title_heads", "title_ranks", "scope_stops", "group_labels", "name_follow", "not_given_names",
    "org_suffixes", "place_suffixes", "org_false_endings", "person_nouns", "org_names", "name_elements",
)


class Affixes(tuple[str, ...]):
    """Words longest first (so `str.endswith` and iteration still work), looked up as a set: extraction asks which
    title head or suffix ends a word hundreds of thousands of times per thousand articles, and trying each of
    several hundred entries in turn was most of its time. The lengths to try are kept by last (first) character:
    most words end in a character no entry ends in, and cost one dict lookup.

    >>> heads = Affixes(["书记", "副书记", "区长"])
    >>> heads.suffix_of("区委副书记"), heads.ending_at("区长张明", 2), heads.starting_at("书记强调"), "区长" in heads
    ('副书记', '区长', '书记', True)
    >>> heads.ending_at("副书记", 3, min_len=4) is None and heads.starting_at("张明", 0) is None
    True
    """

    _set: frozenset[str]
    _lengths: tuple[int, ...]
    _ending: dict[str, tuple[int, ...]]  # last character -> the lengths of the entries ending in it, longest first
    _starting: dict[str, tuple[int, ...]]  # first character -> likewise

    def __new__(cls, items: Iterable[str] = ()) -> Affixes:
        self = super().__new__(cls, sorted(set(items), key=lambda s: (-len(s), s)))
        self._set = frozenset(self)
        self._lengths = tuple(sorted({len(s) for s in self}, reverse=True))
        self._ending = _lengths_by(self, -1)
        self._starting = _lengths_by(self, 0)
        return self

    def __contains__(self, item: object) -> bool:
        return item in self._set

    @functools.cached_property
    def last_chars(self) -> frozenset[str]:
        """The characters entries end in: a word that ends otherwise need not be looked up."""
        return frozenset(self._ending)

    def suffix_of(self, word: str) -> str | None:
        """The longest entry `word` ends with."""
        return self.ending_at(word, len(word))

    def ending_at(self, text: str, end: int, min_len: int = 1) -> str | None:
        """The longest entry (of at least `min_len` characters) that ends at `end` in `text`."""
        sizes = self._ending.get(text[end - 1], ()) if 0 < end <= len(text) else self._lengths
        for size in sizes:
            if size < min_len:
                break
            if size <= end and text[end - size:end] in self._set:
                return text[end - size:end]
        return None

    @functools.cached_property
    def longer(self) -> dict[str, tuple[str, ...]]:
        """For each entry, the longer entries that end with it: `text.endswith(longer[entry], 0, end)` tells in one
        call whether `entry` ending at `end` is the longest entry ending there (in `ending_at`'s terms)."""
        return {entry: tuple(e for e in self if len(e) > len(entry) and e.endswith(entry)) for entry in self}

    @functools.cached_property
    def _start(self) -> re.Pattern[str]:
        """The first character of any entry, where the rest of it follows: one character is consumed, so that the
        matches of a search may overlap (湖 of 湖北 before 省), and the regex engine's scan for the characters
        entries start with skips the rest of the text. One branch per first character (the character alone if it is
        an entry, else with the rests of its entries ahead): each candidate position tries a branch per first
        character, not per entry (a fifth less time than a branch per entry)."""
        rests: dict[str, list[str]] = {}
        for entry in self:  # longest first, kept so within each character
            rests.setdefault(entry[0], []).append(entry[1:])
        return compiled("|".join(re.escape(first) + ("" if "" in after else
                                                     "(?=" + "|".join(map(re.escape, after)) + ")")
                                 for first, after in rests.items()))

    def occurrences(self, text: str) -> Iterator[tuple[int, str]]:
        """Each position of `text` some entry starts at, with the longest one, left to right."""
        if not self:
            return
        starting, entries, size_of_text = self._starting, self._set, len(text)
        for pos in map(_MATCH_START, self._start.finditer(text)):
            for size in starting[text[pos]]:  # `starting_at`, without a call for each match
                if pos + size <= size_of_text and text[pos:pos + size] in entries:
                    yield pos, text[pos:pos + size]
                    break  # (an entry always starts there)

    def starting_at(self, text: str, pos: int = 0) -> str | None:
        """The longest entry that starts at `pos` in `text`."""
        sizes = self._starting.get(text[pos], ()) if 0 <= pos < len(text) else self._lengths
        for size in sizes:
            if pos + size <= len(text) and text[pos:pos + size] in self._set:
                return text[pos:pos + size]
        return None


_MATCH_START = re.Match.start


def _lengths_by(entries: Iterable[str], at: int) -> dict[str, tuple[int, ...]]:
    """The lengths of the entries by their character at `at` (0 first, -1 last), longest first."""
    lengths: dict[str, set[int]] = {}
    for entry in entries:
        lengths.setdefault(entry[at], set()).add(len(entry))
    return {char: tuple(sorted(sizes, reverse=True)) for char, sizes in lengths.items()}


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors look words up in."""

    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    surname_rank: dict[str, int]
    title_heads: Affixes  # longest first
    title_ranks: Affixes
    scope_stops: Affixes
    group_labels: Affixes
    person_nouns: Affixes  # 村民, 离休干部: introduce people who hold no title
    name_elements: Affixes  # 扎西, 次仁, 巴特尔: what Tibetan and Mongolian names (no surname) are made of
    name_follow: Affixes
    not_given_names: Affixes
    org_suffixes: Affixes
    org_false_endings: Affixes
    org_names: frozenset[str]  # whole names that are also suffixes: 党中央, 国务院
    place_suffixes: Affixes
    words: dict[str, tuple[int, str]]  # jieba's dictionary: word -> (frequency, part of speech)
    tokenizer: WordCutter  # jieba's cut of its dictionary and kgraph's added words
    _cuts: dict[tuple[str, bool], tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def forget_cuts(self) -> None:
        """Drop the remembered cuts (up to 200,000): once extraction is over, little is cut again."""
        self._cuts.clear()

    @functools.cached_property
    def tagger(self):  # -> kgraph.postag.PosCutter
        """jieba.posseg's cut (`WordCutter.tagger`): only bodies printed without a headline need it."""
        return self.tokenizer.tagger

    def is_word(self, text: str, *, min_freq: int = 3) -> bool:
        entry = self.words.get(text)
        return entry is not None and entry[0] >= min_freq

    def tag(self, text: str) -> str | None:
        entry = self.words.get(text)
        return entry[1] if entry else None

    def cut(self, text: str, *, hmm: bool = True) -> tuple[str, ...]:
        """jieba's words of a short stretch of text, remembered: extractors ask about the few characters around a
        name or a suffix, and the same stretches (书记强调, 区委常委) come back in article after article."""
        key = (text, hmm)
        words = self._cuts.get(key)
        if words is None:
            if len(self._cuts) >= _MAX_CUTS:
                self._cuts.clear()
            words = self._cuts[key] = tuple(self.tokenizer.lcut(text, HMM=hmm))
        return words


def _entries(lines: Iterable[str], origin: str) -> list[str]:
    out = []
    for number, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if not CJK.search(line):
            raise LexiconError(f"{origin}:{number}: not a Chinese lexicon entry: {line!r}")
        out.append(line)
    return out


def _read_package_file(name: str) -> list[str]:
    text = resources.files("kgraph.lexicons").joinpath(name).read_text(encoding="utf-8")
    return _entries(text.splitlines(), f"kgraph/lexicons/{name}")


def _read_user_file(folder: Path | None, name: str) -> list[str]:
    if folder is None:
        return []
    path = folder / name
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise LexiconError(f"{path}: cannot read the lexicon file ({err})") from err
    return _entries(text.splitlines(), str(path))


def load_lexicon(extra: Path | None = None) -> Lexicon:
    """The default lexicons, plus files of the same names in `extra` (a user's own additions); loaded once."""
    if extra is not None and not Path(extra).is_dir():
        raise LexiconError(f"{extra}: no such lexicon folder")
    return _load_lexicon(Path(extra).resolve() if extra is not None else None)


@functools.cache
def _load_lexicon(extra: Path | None) -> Lexicon:
    lists = {name: _read_package_file(f"{name}.txt") + _read_user_file(extra, f"{name}.txt") for name in _FILES}
    surnames, compound, rank = set(), set(), {}
    rows = _read_package_file("surnames.txt") + _read_user_file(extra, "surnames.txt")
    for row in rows:
        fields = row.split("\t")
        name = fields[0].strip()
        (compound if len(name) == 2 else surnames).add(name)
        if len(fields) > 1 and fields[1].strip().isdigit() and int(fields[1]):
            rank[name] = int(fields[1])
    words = jieba_word_table()
    heads = Affixes(lists["title_heads"])
    added = [(head, 2000) for head in heads]  # keep titles whole when jieba segments text
    added += [  # and the endings of organisations jieba does not know (计生协, 实践所)
        (suffix, 2000) for suffix in lists["org_suffixes"] if len(suffix) > 2 and suffix not in words
    ]
    tokenizer = WordCutter(words, words.total, added)
    return Lexicon(
        surnames=frozenset(surnames),
        compound_surnames=frozenset(compound),
        surname_rank=rank,
        title_heads=heads,
        title_ranks=Affixes(lists["title_ranks"]),
        scope_stops=Affixes(lists["scope_stops"]),
        group_labels=Affixes(lists["group_labels"]),
        person_nouns=Affixes(lists["person_nouns"]),
        name_elements=Affixes(lists["name_elements"]),
        name_follow=Affixes(lists["name_follow"]),
        not_given_names=Affixes(lists["not_given_names"]),
        org_suffixes=Affixes(lists["org_suffixes"]),
        org_false_endings=Affixes(lists["org_false_endings"]),
        org_names=frozenset(lists["org_names"]),
        place_suffixes=Affixes(lists["place_suffixes"]),
        words=words,
        tokenizer=tokenizer,
    )
