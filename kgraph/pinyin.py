"""Toneless pinyin exactly as pypinyin's `lazy_pinyin` gives it, without loading pypinyin at every start.

Importing pypinyin parses its JSON dictionaries and trains its phrase segmenter: a quarter of a second, which was
a fifth of the start-up of a one-page build (slugs of IRIs, the page's search keys, variant names). pypinyin stays
the reference: it computes the syllables of each of its phrases and characters once, into a table kept in the
user's cache folder (`kgraph.derived`, derived again when pypinyin changes), and `lazy_pinyin` here cuts text as
pypinyin does (runs of Han and other characters, then the longest phrase forward, pypinyin's `mmseg` in strict
mode) and looks the pieces up. Tested equal to pypinyin on every character, every phrase and random text.
"""

from __future__ import annotations

import functools
import importlib.util
import marshal
import os
import re
from collections.abc import Callable
from pathlib import Path

from kgraph.derived import load_derived
from kgraph.regex import compiled

__all__ = ["lazy_pinyin"]

_VERSION = "4"  # of the table's layout and of how it is derived
_SOURCES = ("__init__.py", "pinyin_dict.json", "phrases_dict.json", "constants.py", "core.py", "converter.py",
            "seg/mmseg.py", "seg/simpleseg.py", "style/others.py", "style/_utils.py")

NoPinyin = Callable[[str], list[str]]


class _Table:
    """pypinyin's phrases and characters, loaded by first character as texts ask for them: a name minted needs
    the few buckets of its own characters, not all 400,000 entries (0.04 s of a small build's start-up)."""

    def __init__(self, hans: str, buckets: dict[int, bytes]) -> None:
        self.hans = compiled(hans)  # pypinyin's RE_HANS: what it reads as Han text
        self.phrases: dict[str, str] = {}  # each phrase's syllables, apart by spaces (fewer objects)
        self.chars: dict[str, str] = {}  # each Han character's syllables (its first reading), likewise
        self.prefixes: set[str] = set()  # the beginnings of phrases that are no phrase: the forward match goes on
        self._buckets = buckets  # `_bucket` of the first character -> its entries, marshalled; not loaded yet

    def ensure(self, text: str) -> None:
        """Load the entries that begin with a character of `text`: every phrase, prefix and character that
        `_cut` and `lazy_pinyin` may look up in it."""
        buckets = self._buckets
        if not buckets:
            return
        for bucket in buckets.keys() & {_bucket(char) for char in text}:
            phrases, chars, prefixes = marshal.loads(buckets.pop(bucket))
            self.phrases.update(phrases)
            self.chars.update(chars)
            self.prefixes.update(prefixes)


def _bucket(char: str) -> int:
    """The bucket of entries beginning with `char`: 32 code points share one (1,300 buckets: one per character
    took longer to load than the entries a name needs)."""
    return ord(char) >> 5


def lazy_pinyin(text: str, errors: NoPinyin | None = None) -> list[str]:
    """pypinyin's `lazy_pinyin(text)` (style NORMAL, no tones; `ü` as `v`), or `lazy_pinyin(text, errors=errors)`:
    `errors` takes text without pinyin and returns what stands for it (by default the text itself). For a Han
    character pypinyin has no reading for, pypinyin also takes tone marks and digits out of what `errors` returns;
    this does not (kgraph's callers return nothing for Han characters).

    >>> lazy_pinyin("万玲玲"), lazy_pinyin("重庆市A1"), lazy_pinyin("女", errors=lambda text: [])
    (['wan', 'ling', 'ling'], ['chong', 'qing', 'shi', 'A1'], ['nv'])
    """
    table = _table()
    out: list[str] = []
    for run, han in _runs(text, table.hans):
        if not han:
            out.extend((errors(run) or []) if errors else [run])
            continue
        known = _han_syllables(run)
        if known is not None:
            out.extend(known)
            continue
        table.ensure(run)  # a Han character pypinyin has no reading for: `errors` says what it is
        for word in _cut(run, table):
            syllables = _word_syllables(word, table)
            out.extend(syllables.split(" ") if syllables is not None else (errors(word) or []) if errors else [word])
    return out


@functools.lru_cache(maxsize=1 << 14)
def _han_syllables(run: str) -> tuple[str, ...] | None:
    """The syllables of a run of Han text, or None if pypinyin has no reading for a character of it. Remembered:
    a name is read for its IRI (`kgraph.rdf.iri`) and again for the page's search keys (`kgraph.render`)."""
    table = _table()
    table.ensure(run)
    out: list[str] = []
    for word in _cut(run, table):
        syllables = _word_syllables(word, table)
        if syllables is None:
            return None
        out += syllables.split(" ")
    return tuple(out)


def _word_syllables(word: str, table: _Table) -> str | None:
    """A word's syllables, apart by spaces: a phrase's, else a character's; None if pypinyin has none."""
    syllables = table.phrases.get(word)
    return syllables if syllables is not None else table.chars.get(word)


def _runs(text: str, hans: re.Pattern[str]) -> list[tuple[str, bool]]:
    """`text` in runs of Han and of other characters (pypinyin's `simple_seg`)."""
    runs: list[tuple[str, bool]] = []
    start = 0
    for match in hans.finditer(text):
        if match.start() > start:
            runs.append((text[start:match.start()], False))
        runs.append((match.group(), True))
        start = match.end()
    if start < len(text):
        runs.append((text[start:], False))
    return runs


def _cut(text: str, table: _Table) -> list[str]:
    """pypinyin's `mmseg.seg.cut` (strict: only phrases and single characters), step for step."""
    phrases, prefixes = table.phrases, table.prefixes
    words: list[str] = []
    remain = text
    while remain:
        valid, valid_end = "", 0
        for end in range(1, len(remain) + 1):
            word = remain[:end]
            if word not in prefixes and word not in phrases:
                if valid:
                    words.append(valid)
                    remain = remain[valid_end:]
                else:
                    words.append(remain[0])
                    remain = remain[1:]
                break
            if word in phrases:
                valid, valid_end = word, end
        else:  # all that remains begins a phrase
            if valid:
                words.append(valid)
                remain = remain[valid_end:]
            else:
                words.extend(remain if remain not in phrases else (remain,))
                break
    return words


@functools.cache
def _table() -> _Table:
    folder = _pypinyin_folder()
    version = f"{_VERSION} {bool(os.environ.get('PYPINYIN_NO_PHRASES'))}"
    return _Table(*load_derived("pinyin", [folder / name for name in _SOURCES], version, _derive))


def _pypinyin_folder() -> Path:
    """pypinyin's package folder, found without importing it."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pypinyin is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _derive() -> tuple[str, dict[int, bytes]]:
    """The table, computed by pypinyin (a Han word given in a list is converted whole, not cut again), in buckets
    by first character (`_bucket`): (phrases, characters, prefixes), marshalled."""
    from pypinyin import lazy_pinyin as reference
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS

    def syllables(word: str) -> str:
        found = reference([word])
        if not found or any(" " in syllable for syllable in found):
            raise ValueError(f"pypinyin reads {word!r} as {found!r}: not a list of syllables")
        return " ".join(found)

    phrases = {phrase: syllables(phrase) for phrase in PHRASES_DICT if RE_HANS.match(phrase)}
    chars = {char: syllables(char) for char in map(chr, PINYIN_DICT) if RE_HANS.match(char)}
    prefixes = frozenset(phrase[:end] for phrase in PHRASES_DICT for end in range(1, len(phrase))) - set(PHRASES_DICT)
    buckets: dict[int, tuple[dict[str, str], dict[str, str], list[str]]] = {}
    for entries, part in ((phrases, 0), (chars, 1)):
        for word, read in entries.items():
            buckets.setdefault(_bucket(word[0]), ({}, {}, []))[part][word] = read
    for prefix in sorted(prefixes):
        buckets.setdefault(_bucket(prefix[0]), ({}, {}, []))[2].append(prefix)
    hans = RE_HANS.pattern.removeprefix("^").removesuffix("$")
    return hans, {key: marshal.dumps(bucket) for key, bucket in sorted(buckets.items())}
