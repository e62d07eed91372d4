"""jieba's word cut of kgraph's dictionary, made by jieba-rs (`rjieba`) when it is installed.

jieba stays the reference: `WordCutter.lcut` returns exactly the words of `jieba.Tokenizer.lcut` with the same
dictionary and added words (tested on the seeds, the dev texts and random text), about fifteen times faster. Three
things differ in jieba-rs and are made equal here:

- jieba adds the full frequency of every `add_word` to its total, jieba-rs only the change (and counts a word listed
  twice in the dictionary once). The total weighs every path through a sentence, so a word that can never match
  (it holds a space, which ends every block jieba cuts) carries the difference.
- jieba-rs takes more characters for Han (CJK extension A, compatibility ideographs, planes 2 and 3); jieba cuts
  each of them off alone. The text is split at them first.
- jieba-rs's HMM reads `4.97C`, `part_y` or `2021-10` as one word, jieba as several. Text where a letter or digit
  meets one of the signs jieba keeps in a block (`.+#&_%-`) is cut by jieba itself when the HMM is on.
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import logging
import operator
import sys
from collections import deque
from collections.abc import Collection, Iterable, Mapping
from operator import itemgetter
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from kgraph.regex import compiled
from kgraph.wordtable import WordBuckets, WordTable, read_word_table

if TYPE_CHECKING:
    from kgraph.postag import PosCutter

__all__ = ["WordCutter", "jieba_word_table", "read_jieba_dictionary"]

_OTHER_HAN = compiled("([\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003ffff])")
_HMM_SIGNED = compiled(r"[A-Za-z0-9][.+#&_%\-]|[.+#&_%\-][A-Za-z0-9]")
_TOTAL_WORD = " kgraph: jieba's total"  # holds a space: never inside a block of text jieba cuts
# Past a quarter of the dictionary jieba-rs gets all of it: its own dictionary is made in Rust in the time it takes
# to give it some 90,000 words one by one.
WHOLE_PAST = 0.25
# A build of at least this many bytes of text takes the whole dictionary at its first cut (`WordCutter.expect`):
# every build of 1,000 characters or more measured (two dev pages, one seed page, the seeds, the dev texts, MSRA,
# 1k) fed jieba-rs a fifth to a quarter of the dictionary bucket by bucket, about 0.05 s, and then took it whole.
WHOLE_FOR = 6_000  # 2,000 characters of Chinese in UTF-8


def _jieba_dictionary() -> Path:
    """jieba's `dict.txt`, found without importing jieba (its import loads its HMM tables)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def jieba_word_table() -> WordTable:
    """jieba's dictionary as a `WordTable`: loaded by first character as texts ask for it, from a copy of its
    buckets in the user's cache (`kgraph.derived`)."""
    return read_word_table(_jieba_dictionary())


def read_jieba_dictionary() -> tuple[dict[str, tuple[int, str]], int]:
    """jieba's whole dictionary (word -> frequency, part of speech; the last line of a word wins, as in jieba) and
    the total jieba counts from it (every line, a word listed twice counting twice)."""
    table = jieba_word_table()
    table.load_all()
    return dict(table), table.total


def _fast_engine() -> Any | None:
    """jieba-rs's `Jieba` class, or None without rjieba 0.2.2 (which brought `add_word` and `empty`)."""
    engine = sys.modules.get("rjieba.rjieba") or _compiled_module()
    if engine is None:
        try:
            from rjieba import rjieba as engine
        except ImportError:
            return None
    jieba_rs = getattr(engine, "Jieba", None)
    return jieba_rs if hasattr(jieba_rs, "empty") else None


def _compiled_module() -> ModuleType | None:
    """rjieba's compiled module alone: its package's `__init__` makes a Jieba of jieba-rs's own dictionary on
    import (a tenth of a second of start-up) that kgraph never uses. Registered under its own name, so a later
    `import rjieba` finds it instead of initialising it twice; None if rjieba is laid out otherwise."""
    try:
        spec = importlib.util.find_spec("rjieba")
        folders = list(spec.submodule_search_locations or ()) if spec else []
        found = [path for folder in folders for suffix in importlib.machinery.EXTENSION_SUFFIXES
                 if (path := Path(folder) / f"rjieba{suffix}").is_file()]
        if not found:
            return None
        compiled = importlib.util.spec_from_file_location("rjieba.rjieba", found[0])
        module = importlib.util.module_from_spec(compiled)
        compiled.loader.exec_module(module)
    except (ImportError, OSError, AttributeError, ValueError):
        return None
    sys.modules["rjieba.rjieba"] = module
    return module


def _own_dictionary_is_jiebas(engine: Any, table: WordTable) -> bool:
    """Whether jieba-rs's own dictionary (`Jieba()`) is the one of `table`: each of its words asks the same
    `suggest_freq` of it as of an empty jieba-rs given every word of the table, an answer weighed by the word's
    frequency, its parts' and the whole dictionary's total. Checked once per dictionary file and jieba-rs build (a
    second) and remembered (`kgraph.derived`); a table of no known file is never taken for it."""
    compiled = getattr(sys.modules.get("rjieba.rjieba"), "__file__", None)
    if table.source is None or compiled is None:
        return False

    def check() -> bool:
        words, entries = table.buckets.everything()
        own, given = engine(), engine.empty()
        deque(map(given.add_word, words, map(itemgetter(0), entries), map(itemgetter(1), entries)), maxlen=0)
        return all(map(operator.eq, map(own.suggest_freq, words), map(given.suggest_freq, words)))

    from kgraph.derived import load_derived

    return bool(load_derived("jieba-rs-dictionary", [table.source, Path(compiled)], "1", check))


class WordCutter:
    """One dictionary, jieba's cut: by jieba-rs when installed, else (and for the text it reads otherwise) by jieba.

    >>> from kgraph.lexicon import load_lexicon
    >>> load_lexicon().tokenizer.lcut("区委书记调研", HMM=False)
    ['区委书记', '调研']
    """

    def __init__(self, words: dict[str, tuple[int, str]], total: int, added: Iterable[tuple[str, int]], *,
                 fast: bool = True) -> None:
        """`words` and `total` from `read_jieba_dictionary`; `added` in the order jieba's `add_word` gets them.
        With a `WordTable`, jieba-rs gets the words of the characters of each text before it cuts it, read from the
        table's buckets (not through the table, which loads only what Python asks about)."""
        self.added = tuple(added)
        self._words = words
        self._total = total
        self._jieba_total = total + sum(freq for _, freq in self.added)
        self._added_words = frozenset(word for word, _ in self.added)
        self._buckets: WordBuckets | None = None  # while jieba-rs has only the words of the texts cut so far
        self._engine = _fast_engine() if fast else None
        self._fast = None
        self._whole_first = False  # `expect`
        if self._engine is not None:
            self._fast = self._engine.empty()
            if isinstance(words, WordTable):
                self._buckets = words.buckets
                self._fed: set[str] = set()  # characters whose words jieba-rs has, or that start none
                self._fed_words = 0
                self._fast_total = self._add_added(0, {})
                self._make_total()
            else:
                self._add_all(words.keys(), words.values())

    def _add_all(self, words: Iterable[str], entries: Collection[tuple[int, str]]) -> None:
        """Give jieba-rs every word of the dictionary, then the added words, and make its total jieba's."""
        add = self._fast.add_word
        # map and deque, not a Python loop: 349,000 words, a fifth of the time
        deque(map(add, words, map(itemgetter(0), entries), map(itemgetter(1), entries)), maxlen=0)
        self._fast_total = self._add_added(sum(map(itemgetter(0), entries)), self._words)
        self._make_total()

    def _add_added(self, fast_total: int, known: Mapping[str, tuple[int, str]]) -> int:
        """Give jieba-rs the added words over the dictionary words `known` it has, whose frequencies sum to
        `fast_total`; the sum once the added words' frequencies replace theirs."""
        add = self._fast.add_word
        changed: dict[str, int] = {}
        for word, freq in self.added:
            old = changed.get(word, known[word][0] if word in known else 0)
            fast_total += freq - old
            changed[word] = freq
            add(word, freq, None)
        return fast_total

    def _make_total(self) -> None:
        """jieba-rs's total made jieba's with a word no text holds (see the module docstring)."""
        if self._jieba_total != self._fast_total or self._buckets is not None:
            self._fast.add_word(_TOTAL_WORD, self._jieba_total - self._fast_total, None)

    def expect(self, size: int) -> None:
        """Say how many bytes of text are coming: from `WHOLE_FOR`, jieba-rs takes the whole dictionary at the first
        cut instead of the words of each text's characters, which it would end up taking whole anyway."""
        self._whole_first = size >= WHOLE_FOR

    def _feed(self, text: str) -> None:
        """Give jieba-rs the words of the characters of `text` it has not had (every word, past a quarter of the
        dictionary or for a build `expect`s to be big)."""
        if self._whole_first:
            self.take_whole()
            return
        fed = self._fed
        if fed.issuperset(text):
            return
        buckets = self._buckets
        new = buckets.numbers(set(text) - fed)
        fed.update(text)
        if not new:
            return
        count = buckets.count(new)
        if self._fed_words + count > WHOLE_PAST * buckets.size:
            self.take_whole()
            return
        self._fed_words += count
        added = self._added_words
        add = self._fast.add_word
        for number in new:
            words, entries = buckets.bucket(number)
            for word, (freq, tag) in zip(words, entries, strict=True):
                if word not in added:  # an added word's frequency stands
                    add(word, freq, tag)
                    self._fast_total += freq
        self._make_total()

    def take_whole(self) -> None:
        """jieba-rs with the whole dictionary from now on (a pool's parent calls it before its workers fork): its
        own dictionary when that is jieba's, made in Rust in half the time of giving it 349,045 words one by one."""
        buckets, self._buckets = self._buckets, None
        if buckets is None:
            return
        if _own_dictionary_is_jiebas(self._engine, self._words):
            self._fast = self._engine()
            self._fast_total = self._add_added(buckets.unique_total, self._words)
            self._make_total()
        else:
            self._add_all(*buckets.everything())

    @property
    def whole(self) -> bool:
        """Whether jieba-rs has the whole dictionary (it has at least the words of every text cut so far)."""
        return self._buckets is None

    @property
    def fast(self) -> bool:
        """Whether jieba-rs cuts (False: jieba itself)."""
        return self._fast is not None

    @functools.cached_property
    def reference(self):  # -> jieba.Tokenizer
        """jieba itself with the same added words: the reference, and the cut of text jieba-rs reads otherwise.
        Made when first asked for: loading it costs more than the rest of a small build."""
        import jieba

        jieba.setLogLevel(logging.WARNING)  # jieba announces loading its dictionary on stderr
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for word, freq in self.added:
            tokenizer.add_word(word, freq)
        return tokenizer

    @functools.cached_property
    def tagger(self) -> PosCutter:
        """jieba's part-of-speech cut over this dictionary (`kgraph.postag`), without loading jieba itself."""
        from kgraph.postag import PosCutter  # only bodies printed without a headline need it

        return PosCutter(self._words, self._total, self.added)

    def lcut(self, text: str, HMM: bool = True) -> list[str]:  # noqa: N803 (jieba's name)
        """jieba's `lcut`: dictionary words, and with `HMM` its guesses at words it does not know."""
        if self._fast is None or (HMM and _HMM_SIGNED.search(text)):
            return self.reference.lcut(text, HMM=HMM)
        if self._buckets is not None:
            self._feed(text)  # which may give jieba-rs another dictionary
        fast = self._fast
        try:
            if _OTHER_HAN.search(text) is None:
                return fast.cut(text, HMM)
            words: list[str] = []
            for k, piece in enumerate(_OTHER_HAN.split(text)):
                if k % 2:
                    words.append(piece)
                elif piece:
                    words.extend(fast.cut(piece, HMM))
            return words
        except UnicodeEncodeError:  # a lone surrogate: Rust takes valid text only
            return self.reference.lcut(text, HMM=HMM)
