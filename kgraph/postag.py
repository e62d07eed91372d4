"""jieba's part-of-speech cut (`jieba.posseg`, HMM on), from the dictionary kgraph has already read.

Only bodies printed without a headline need it (`text.segment.lead_headline` asks whether two clauses share a
predicate), but jieba's own tagger loads a whole jieba (its dictionary and prefix table) and reads `dict.txt`
once more: over a second of CPU, more than the rest of a small build. `PosCutter` walks the same paths through
the same frequencies: jieba's DAG and route over kgraph's word table, the words it does not know read by
jieba's part-of-speech HMM (its tables and `viterbi`, loaded from jieba's files without importing jieba, when a
clause first needs them). Tested equal to `jieba.posseg.POSTokenizer` on the seeds, the dev texts and random
text (`tests/test_postag.py`).
"""

from __future__ import annotations

import importlib.util
import math
from collections import deque
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

from kgraph.regex import compiled
from kgraph.wordtable import WordTable

__all__ = ["Pair", "PosCutter"]

# jieba.posseg's own patterns, `\s` and all, so that blocks fall where jieba's fall.
_HAN_INTERNAL = compiled("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP_INTERNAL = compiled("(\r\n|\\s)")
_HAN_DETAIL = compiled("([\u4E00-\u9FD5]+)")
_SKIP_DETAIL = compiled("([\\.0-9]+|[a-zA-Z0-9]+)")
_ENG = compiled("[a-zA-Z0-9]+")
_NUM = compiled("[\\.0-9]+")


class Pair(NamedTuple):
    """A word and its part of speech, as `jieba.posseg.pair` gives them (`.word`, `.flag`)."""

    word: str
    flag: str


class PosCutter:
    """`jieba.posseg.POSTokenizer(tokenizer).cut` for a jieba tokenizer holding `words` and the `added` words."""

    def __init__(self, words: Mapping[str, tuple[int, str]], total: int, added: tuple[tuple[str, int], ...]) -> None:
        """`words` and `total` from `wordcut.read_jieba_dictionary`; `added` in the order jieba's `add_word` got
        them (the last frequency of a word wins, and each adds its full frequency to the total, as in jieba)."""
        self._words = words
        self._added = dict(added)
        self._log_total = math.log(total + sum(freq for _, freq in added))
        longest = words.longest if isinstance(words, WordTable) else max(map(len, words), default=1)  # not loaded
        self._longest = max(longest, max(map(len, self._added), default=1))

    def _freq(self, word: str) -> int:
        freq = self._added.get(word)
        if freq is not None:
            return freq
        entry = self._words.get(word)
        return entry[0] if entry is not None else 0

    def _flag(self, word: str) -> str:
        entry = self._words.get(word)
        return entry[1] if entry is not None else "x"

    def cut(self, sentence: str) -> Iterator[Pair]:
        """The words of `sentence` with their parts of speech, as jieba.posseg's `cut(sentence)` (HMM on)."""
        for block in _HAN_INTERNAL.split(sentence):
            yield from self._cut_dag(block) if _HAN_INTERNAL.match(block) else _cut_other(block)

    def lcut(self, sentence: str) -> list[Pair]:
        return list(self.cut(sentence))

    def first(self, sentence: str) -> Pair | None:
        """`lcut(sentence)[0]`, None if it has no words: the cut stops at the first word."""
        return next(self.cut(sentence), None)

    def last(self, sentence: str) -> Pair | None:
        """`lcut(sentence)[-1]`, None if it has no words. jieba cuts each block of a sentence alone, so only the
        last block with words is cut, and of it only the last word is read (`_last_of_dag`): a clause grown one
        clause at a time (`text.segment.lead_headline`) is not cut again and again."""
        for block in reversed(_HAN_INTERNAL.split(sentence)):
            if _HAN_INTERNAL.match(block):
                return self._last_of_dag(block)
            found = deque(_cut_other(block), maxlen=1)
            if found:
                return found[0]
        return None

    def _route(self, block: str) -> list[int]:
        """Where the word starting at each position ends (exclusive), on jieba's most probable path."""
        size = len(block)
        freq, log_total = self._freq, self._log_total
        best = [0.0] * (size + 1)
        ends = [0] * size
        for start in range(size - 1, -1, -1):
            found = [stop for stop in range(start + 1, min(size, start + self._longest) + 1)
                     if freq(block[start:stop]) > 0] or [start + 1]
            best[start], ends[start] = max(
                (math.log(freq(block[start:stop]) or 1) - log_total + best[stop], stop) for stop in found)
        return ends

    def _cut_dag(self, block: str) -> Iterator[Pair]:
        ends = self._route(block)
        start, buffer = 0, ""
        while start < len(block):
            stop = ends[start]
            word = block[start:stop]
            if stop - start == 1:
                buffer += word
            else:
                if buffer:
                    yield from self._unknown(buffer)
                    buffer = ""
                yield Pair(word, self._flag(word))
            start = stop
        if buffer:
            yield from self._unknown(buffer)

    def _last_of_dag(self, block: str) -> Pair:
        """The last word `_cut_dag(block)` gives: the route's last step if it is a word of several characters, else
        the last word of the run of one-character steps that ends the block (the HMM reads only that run)."""
        ends = self._route(block)
        start = run = last = 0  # `run`: where the run of one-character steps up to `start` begins
        while start < len(block):
            stop = ends[start]
            if stop - start > 1:
                run = stop
            last, start = start, stop
        if run < len(block):
            return deque(self._unknown(block[run:]), maxlen=1)[0]
        word = block[last:]
        return Pair(word, self._flag(word))

    def _unknown(self, buffer: str) -> Iterator[Pair]:
        """A run of one-character steps: a character, a known word cut into characters, or a stretch the HMM reads."""
        if len(buffer) == 1:
            yield Pair(buffer, self._flag(buffer))
        elif self._freq(buffer) == 0:
            yield from _cut_detail(buffer)
        else:
            for char in buffer:
                yield Pair(char, self._flag(char))


def _cut_other(block: str) -> Iterator[Pair]:
    """A block of text outside jieba's Han blocks: blanks as one word each, other characters one by one."""
    for piece in _SKIP_INTERNAL.split(block):
        if _SKIP_INTERNAL.match(piece):
            yield Pair(piece, "x")
            continue
        for char in piece:
            if _NUM.match(char):
                yield Pair(char, "m")
            elif _ENG.match(piece):  # sic: jieba tests the piece, not the character
                yield Pair(char, "eng")
            else:
                yield Pair(char, "x")


def _cut_detail(text: str) -> Iterator[Pair]:
    for block in _HAN_DETAIL.split(text):
        if _HAN_DETAIL.match(block):
            yield from _hmm(block)
            continue
        for piece in _SKIP_DETAIL.split(block):
            if piece:
                yield Pair(piece, "m" if _NUM.match(piece) else "eng" if _ENG.match(piece) else "x")


def _hmm(text: str) -> Iterator[Pair]:
    """jieba.posseg's HMM reading of Han text none of whose words the dictionary has."""
    model = _model()
    _, states = model.viterbi(text, model.states, model.start, model.trans, model.emit)
    begin = after = 0
    for i, char in enumerate(text):
        position, flag = states[i]
        if position == "B":
            begin = i
        elif position == "E":
            yield Pair(text[begin:i + 1], flag)
            after = i + 1
        elif position == "S":
            yield Pair(char, flag)
            after = i + 1
    if after < len(text):
        yield Pair(text[after:], states[after][1])


class _Model(NamedTuple):
    viterbi: object
    states: dict
    start: dict
    trans: dict
    emit: dict


@cache
def _model() -> _Model:
    """jieba.posseg's tables and decoder, read from its files: importing `jieba.posseg` would make a default
    tagger, reading `dict.txt` (a third of a second) only to be thrown away."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "posseg"

    def load(name: str) -> ModuleType:
        found = importlib.util.spec_from_file_location(f"kgraph._posseg_{name}", folder / f"{name}.py")
        module = importlib.util.module_from_spec(found)
        found.loader.exec_module(module)
        return module

    tables = {name: load(name).P for name in ("char_state_tab", "prob_start", "prob_trans", "prob_emit")}
    return _Model(load("viterbi").viterbi, tables["char_state_tab"], tables["prob_start"], tables["prob_trans"],
                  tables["prob_emit"])
