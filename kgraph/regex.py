"""Regular expressions compiled once per machine instead of once per process.

Python's `re` compiles a character class into a table one code point at a time, in Python: a class of the CJK
blocks (`[㐀-䶿一-鿿豈-﫿]`, 28,000 code points) takes about 1.5 ms, and kgraph's patterns, most of which hold one
or several, took 85 ms of every process (a quarter of a one-page build's CPU). `compiled` keeps each pattern's
program in the derived-data cache (`kgraph.derived`), keyed by the Python version, and makes the pattern from it
as `re` does once it has compiled one (`_sre.compile`), in microseconds. The pattern is the one `re.compile`
gives (they compare equal: same program, flags and groups; tests/test_regex.py). On another Python than CPython,
or if a stored program is refused, `re` compiles it.

Patterns made from a build's data (the known names' first characters) are not for this table: it would keep
every one of them. Those stay `re.compile`.
"""

from __future__ import annotations

import atexit
import re
import sys
from typing import Any

from kgraph.derived import load_derived, store_derived

__all__ = ["compiled"]

try:  # CPython's regular expression engine and compiler: what `re.compile` itself calls
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python: `re` compiles every pattern
    _sre = None
if sys.implementation.name != "cpython":  # pragma: no cover - its programs are not CPython's
    _sre = None

_NAME = "regex"
_MOST = 4_000  # programs kept: past that (a lexicon changed again and again), the table starts over
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]  # what `_sre.compile` takes


class _Programs:
    """The stored programs by (pattern, flags), read on first use and written back at exit if some were added."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, int], Program] | None = None
        self.added = False

    def version(self) -> str:
        return f"{_sre.MAGIC}-{_sre.CODESIZE}-{_sre.MAXREPEAT}-{_sre.MAXGROUPS}" if _sre is not None else ""

    def read(self) -> dict[tuple[str, int], Program]:
        if self.table is None:
            table = load_derived(_NAME, (), self.version(), dict)
            self.table = table if isinstance(table, dict) else {}
        return self.table

    def add(self, key: tuple[str, int], program: Program) -> None:
        table = self.read()
        if len(table) >= _MOST:
            table.clear()
        table[key] = program
        if not self.added:
            self.added = True
            atexit.register(self.write)

    def write(self) -> None:
        if self.added and self.table is not None:
            store_derived(_NAME, (), self.version(), self.table)
            self.added = False


_PROGRAMS = _Programs()


def compiled(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)` for a pattern fixed in the code or a lexicon, from its stored program when there
    is one (see the module docstring)."""
    flags = int(flags)
    if _sre is None or flags & re.DEBUG or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, flags)
    program = _PROGRAMS.read().get(key)
    if program is not None:
        try:
            return _sre.compile(pattern, *program)
        except Exception:  # noqa: BLE001 -- a program this engine refuses: compiled anew below
            pass
    try:
        program = _program(pattern, flags)
        made = _sre.compile(pattern, *program)
    except Exception:  # noqa: BLE001 -- a bad pattern, or the compiler's internals differ: `re` says which
        return re.compile(pattern, flags)
    _PROGRAMS.add(key, program)
    return made


def _program(pattern: str, flags: int) -> Program:
    """What `re._compiler.compile` hands `_sre.compile`, made the way it makes it."""
    parsed: Any = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # the opcodes are named int constants: plain ints, for marshal
    return (int(flags | parsed.state.flags), list(map(int, code)), parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def _forget() -> None:
    """For tests: read the table again on next use, without writing what was added."""
    _PROGRAMS.table, _PROGRAMS.added = None, False
    atexit.unregister(_PROGRAMS.write)
