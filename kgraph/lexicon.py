"""Lexicons shipped as package data, and kgraph's own jieba instance.

Lexicons are plain UTF-8 files in `kgraph/lexicons/`, one entry per line, `#` comments. They hold general
grammar (title heads, ranks, organisation and place suffixes, surnames), never names or titles taken from a
particular newspaper. `load_lexicon(extra=DIR)` adds a user's own files of the same names to the defaults.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jieba
import jieba.posseg

from kgraph.errors import KgraphError

CJK = re.compile(r"[\u3400-\u9fff]")

_FILES = (
    "title_heads", "title_ranks", "scope_stops", "group_labels", "name_follow", "not_given_names",
    "org_suffixes", "place_suffixes", "org_false_endings", "person_nouns", "org_names",
)


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors look words up in."""

    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    surname_rank: dict[str, int]
    title_heads: tuple[str, ...]  # longest first
    title_ranks: tuple[str, ...]
    scope_stops: frozenset[str]
    group_labels: tuple[str, ...]
    person_nouns: tuple[str, ...]  # 村民, 离休干部: introduce people who hold no title
    name_follow: frozenset[str]
    not_given_names: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    org_false_endings: tuple[str, ...]
    org_names: frozenset[str]  # whole names that are also suffixes: 党中央, 国务院
    place_suffixes: tuple[str, ...]
    words: dict[str, tuple[int, str]]  # jieba's dictionary: word -> (frequency, part of speech)
    tokenizer: jieba.Tokenizer
    tagger: jieba.posseg.POSTokenizer  # shares `tokenizer`: one dictionary in memory

    def is_word(self, text: str, *, min_freq: int = 3) -> bool:
        entry = self.words.get(text)
        return entry is not None and entry[0] >= min_freq

    def tag(self, text: str) -> str | None:
        entry = self.words.get(text)
        return entry[1] if entry else None


def _entries(lines: Iterable[str], origin: str) -> list[str]:
    out = []
    for number, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if not CJK.search(line):
            raise KgraphError(f"{origin}:{number}: not a Chinese lexicon entry: {line!r}")
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
    return _entries(path.read_text(encoding="utf-8").splitlines(), str(path))


def _jieba_words(tokenizer: jieba.Tokenizer, tagger: jieba.posseg.POSTokenizer) -> dict[str, tuple[int, str]]:
    """jieba's own dictionary with its part-of-speech tags (the Tokenizer keeps frequencies only)."""
    return {word: (tokenizer.FREQ.get(word, 0), tag) for word, tag in tagger.word_tag_tab.items()}


def _longest_first(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(items), key=lambda s: (-len(s), s)))


def load_lexicon(extra: Path | None = None) -> Lexicon:
    """The default lexicons, plus files of the same names in `extra` (a user's own additions); loaded once."""
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
    jieba.setLogLevel(logging.WARNING)  # jieba announces loading its dictionary on stderr
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tagger = jieba.posseg.POSTokenizer(tokenizer)
    words = _jieba_words(tokenizer, tagger)
    heads = _longest_first(lists["title_heads"])
    for head in heads:  # keep titles whole when jieba segments text
        tokenizer.add_word(head, 2000)
    for suffix in lists["org_suffixes"]:  # and the endings of organisations jieba does not know (计生协, 实践所)
        if len(suffix) > 2 and suffix not in words:
            tokenizer.add_word(suffix, 2000)
    return Lexicon(
        surnames=frozenset(surnames),
        compound_surnames=frozenset(compound),
        surname_rank=rank,
        title_heads=heads,
        title_ranks=_longest_first(lists["title_ranks"]),
        scope_stops=frozenset(lists["scope_stops"]),
        group_labels=_longest_first(lists["group_labels"]),
        person_nouns=_longest_first(lists["person_nouns"]),
        name_follow=frozenset(lists["name_follow"]),
        not_given_names=_longest_first(lists["not_given_names"]),
        org_suffixes=_longest_first(lists["org_suffixes"]),
        org_false_endings=_longest_first(lists["org_false_endings"]),
        org_names=frozenset(lists["org_names"]),
        place_suffixes=_longest_first(lists["place_suffixes"]),
        words=words,
        tokenizer=tokenizer,
        tagger=tagger,
    )
