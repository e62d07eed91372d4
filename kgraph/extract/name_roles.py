"""How likely a string is a Chinese personal name, from how often each of its characters opens a name (a surname)
or stands in a given name, against how often it occurs in text at all.

The recogniser reads names from their context; in a list printed without separators (`王占王克王涛王海`) every
neighbour is a name and the context tells nothing, so it slips (王占王 + 克王涛). What tells the names apart there
is the characters themselves: 王 opens hundreds of names and almost never ends one, 克 the other way round. The
counts are those of the distinct names in the recogniser's training data (tools/train_ner.py writes them beside
the model), so they are as general as the model.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

ROLES = "name_roles.tsv"
# the share of two- and three-character names among the training data's surname-led names (four: compound
# surnames and married names, 范徐丽泰)
_LENGTH = {2: math.log(0.23), 3: math.log(0.75), 4: math.log(0.02)}
_VOCABULARY = 8000  # characters in use, for additive smoothing


class _Logs(dict[str, float]):
    """The logarithm of `share(c)` for each character `c` asked about, worked out once."""

    def __init__(self, share: Callable[[str], float]) -> None:
        super().__init__()
        self._share = share

    def __missing__(self, char: str) -> float:
        value = self[char] = math.log(self._share(char))
        return value


@dataclass(frozen=True)
class NameRoles:
    """Counts per character: opening a name, in a given name, in running text."""

    surname: dict[str, int]
    given: dict[str, int]
    text: dict[str, int]

    def score(self, name: str, surnames: frozenset[str]) -> float | None:
        """Log-odds that `name` is a name rather than ordinary text; None for a length names do not have. A
        character outside the surname list rarely opens a name, whatever its count. Each character's logarithms
        are worked out once (`_Logs`): a list is read by scoring every stretch of two to six of its characters."""
        length = _LENGTH.get(len(name))
        if length is None:
            return None
        first = self._first_logs(surnames)[name[0]]
        given = sum(map(self._given_logs.__getitem__, name[1:]))
        text = sum(map(self._text_logs.__getitem__, name))
        return first + given + length - text

    def _first_logs(self, surnames: frozenset[str]) -> _Logs:
        """The logarithm of each character's share of name openings, with those of `surnames` favoured."""
        logs = self._firsts.get(surnames)
        if logs is None:
            surname, total = self.surname, self._surnames
            logs = self._firsts[surnames] = _Logs(
                lambda c: (surname.get(c, 0) + (1.0 if c in surnames else 0.01)) / total)
        return logs

    @functools.cached_property
    def _firsts(self) -> dict[frozenset[str], _Logs]:
        return {}

    @functools.cached_property
    def _given_logs(self) -> _Logs:
        given, total = self.given, self._given
        return _Logs(lambda c: (given.get(c, 0) + 0.1) / total)

    @functools.cached_property
    def _text_logs(self) -> _Logs:
        text, total = self.text, self._text
        return _Logs(lambda c: (text.get(c, 0) + 0.5) / total)

    @functools.cached_property
    def _surnames(self) -> float:
        return sum(self.surname.values()) + 0.05 * _VOCABULARY

    @functools.cached_property
    def _given(self) -> float:
        return sum(self.given.values()) + 0.1 * _VOCABULARY

    @functools.cached_property
    def _text(self) -> float:
        return sum(self.text.values()) + 0.5 * _VOCABULARY


def parse_roles(lines: list[str]) -> NameRoles:
    """The table: a header, then `character<TAB>surname<TAB>given<TAB>text` per line."""
    surname, given, text = {}, {}, {}
    for line in lines[1:]:
        char, s, g, t = line.rstrip("\n").split("\t")
        for table, count in ((surname, s), (given, g), (text, t)):
            if count != "0":
                table[char] = int(count)
    return NameRoles(surname, given, text)


@functools.cache
def name_roles() -> NameRoles:
    """The shipped table, read once per process."""
    text = resources.files("kgraph.models").joinpath(ROLES).read_text(encoding="utf-8")
    return parse_roles(text.splitlines())
