"""kgraph.regex: patterns made from stored programs are the patterns `re.compile` makes."""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kgraph
from kgraph import regex
from kgraph.regex import compiled

IDEO = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
PATTERNS = [
    (rf"(?<=[{IDEO}])\s?[•・]\s?(?=[{IDEO}])", 0),
    (r"(?P<year>(?:19|20)\d{2})\s*(?P<sep>[-/.年])\s*(?P<month>\d{1,2})", 0),
    (r"^(?:本报|新华社)讯\s*", re.MULTILINE),
    (r"  [a-z]+  # a word\n  \d*", re.VERBOSE | re.IGNORECASE),
    (rf"([{IDEO}]{{2,4}})(?:、([{IDEO}]{{2,4}}))*等", 0),
]
TEXT = "本报讯 2024年7月10日，吐尔洪•阿不拉、万玲玲、张三等出席。Word 12 word"


@pytest.fixture
def fresh_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty table in a cache folder of the test's own, read again as a new process would."""
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    regex._forget()
    yield tmp_path / "cache"
    regex._forget()


def _same(made: re.Pattern[str], pattern: str, flags: int) -> None:
    expected = re.compile(pattern, flags)
    assert made == expected  # CPython compares the program, flags and pattern
    assert (made.groups, made.groupindex, made.flags) == (expected.groups, expected.groupindex, expected.flags)
    assert [m.groups() for m in made.finditer(TEXT)] == [m.groups() for m in expected.finditer(TEXT)]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_pattern_is_re_compiles_when_made_and_when_stored(fresh_table, monkeypatch, pattern, flags):
    _same(compiled(pattern, flags), pattern, flags)
    regex._PROGRAMS.write()
    regex._forget()  # as a new process: the table is read from the file

    def not_again(*_):
        raise AssertionError("a stored program was compiled again")

    monkeypatch.setattr(regex, "_program", not_again)
    _same(compiled(pattern, flags), pattern, flags)


def test_a_program_the_engine_refuses_is_compiled_anew(fresh_table):
    pattern = f"[{IDEO}]+"
    compiled(pattern)
    table = regex._PROGRAMS.read()
    flags, _, groups, groupindex, indexgroup = table[(pattern, 0)]
    table[(pattern, 0)] = (flags, [999, 999], groups, groupindex, indexgroup)  # no opcode
    _same(compiled(pattern), pattern, 0)
    assert table[(pattern, 0)][1] != [999, 999]


def test_a_bad_pattern_is_re_s_error(fresh_table):
    with pytest.raises(re.error, match="missing \\)"):
        compiled("(本报")


def test_the_table_keeps_only_what_the_code_asks_for(fresh_table):
    """The same patterns in every process: a pattern spelt from a set in hash order would add an entry a run."""
    code = "import kgraph.cli, kgraph.pipeline, kgraph.outputs, kgraph.render; kgraph.pipeline.load()"
    env = {**os.environ, "KGRAPH_CACHE_DIR": str(fresh_table)}
    stored = []
    for seed in ("1", "2", "3"):
        subprocess.run([sys.executable, "-c", code], env={**env, "PYTHONHASHSEED": seed}, check=True)
        stored.append(b"".join(path.read_bytes() for path in sorted(fresh_table.glob("regex-*.marshal"))))
    assert len(stored[0]) > 10_000 and stored[0] == stored[1] == stored[2]


def test_every_module_pattern_of_kgraph_is_re_s():
    for info in pkgutil.walk_packages(kgraph.__path__, "kgraph."):
        if info.name == "kgraph.__main__":
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, re.Pattern):
                assert value == re.compile(value.pattern, value.flags), (info.name, value.pattern[:40])
