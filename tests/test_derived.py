"""Derived data is read back from the user's cache, derived again when its source changes, and derived in memory
when the cache folder cannot be written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kgraph.derived import load_derived


def _counting(source: Path, calls: list[int]):
    def derive() -> dict[str, int]:
        calls.append(1)
        return {"lines": len(source.read_text(encoding="utf-8").splitlines())}
    return derive


def test_derived_read_back_then_derived_again_when_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    source, calls = tmp_path / "dict.txt", []
    source.write_text("a\nb\n", encoding="utf-8")
    derive = _counting(source, calls)
    assert load_derived("test", [source], "1", derive) == {"lines": 2}
    assert load_derived("test", [source], "1", derive) == {"lines": 2}
    assert len(calls) == 1
    source.write_text("a\nb\nc\n", encoding="utf-8")
    assert load_derived("test", [source], "1", derive) == {"lines": 3}
    assert load_derived("test", [source], "2", derive) == {"lines": 3}  # another version of the deriving code
    assert len(calls) == 3


def test_derived_unreadable_file_or_folder_derives_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(cache))
    source, calls = tmp_path / "dict.txt", []
    source.write_text("a\n", encoding="utf-8")
    derive = _counting(source, calls)
    load_derived("test", [source], "1", derive)
    for stored in cache.iterdir():
        stored.write_bytes(b"\x00 not marshal data")
    assert load_derived("test", [source], "1", derive) == {"lines": 1}
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(blocked))
    assert load_derived("test", [source], "1", derive) == {"lines": 1}
    assert len(calls) == 3
    assert not [p for p in cache.iterdir() if p.name.startswith(".")] and os.path.isfile(blocked)
