"""The build cache runs no code and trusts no entry it did not sign itself (issue 20): a planted pickle and two
swapped entries are ignored with a warning and extracted again."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kgraph.batch import _HEAD, read_pack
from kgraph.cli import cli

from .conftest import SEEDS


class _Planted:
    """What an attacker writes into the cache: unpickling it creates a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KGRAPH_CACHE_KEY", str(tmp_path / "key" / "cache-key"))
    folder = tmp_path / "in"
    folder.mkdir()
    for page in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(page, folder / page.name)
    return folder


def build(pages: Path, out: Path) -> tuple[int, str, rdflib.Graph]:
    result = CliRunner().invoke(cli, ["build", str(pages), "--out", str(out), "--jobs", "1"])
    return result.exit_code, result.output, rdflib.Graph().parse(out / "graph.ttl")


def test_cache_planted_pickle_never_runs_and_is_extracted_again(pages: Path, tmp_path: Path):
    out = tmp_path / "out"
    _, _, fresh = build(pages, out)
    marker = tmp_path / "ran"
    (pack,) = (out / ".kgraph-cache" / "pages").iterdir()
    (key, _), _ = read_pack(pack)
    planted = pickle.dumps(_Planted(marker))
    name = key.encode()
    pack.write_bytes(_HEAD.pack(b"\0" * 32, len(name), len(planted)) + name + planted)
    (pack.parent / f"{key}.pickle").write_bytes(planted)  # as kgraph wrote entries before they were signed
    code, output, again = build(pages, out)
    assert code == 0 and not marker.exists()
    assert f"Warning: {pack}: cache entry {key} fails its signature check" in output
    assert "extracted 1 of 2 files again" in output or "files 2" in output
    assert isomorphic(fresh, again)


def test_cache_swapped_entries_are_caught(pages: Path, tmp_path: Path):
    out = tmp_path / "out"
    _, _, fresh = build(pages, out)
    (pack,) = (out / ".kgraph-cache" / "pages").iterdir()
    data = pack.read_bytes()
    (a, first), (b, second) = read_pack(pack)
    entries = [data[place.start:place.start + place.size] for place in (first, second)]
    heads = [entry[:_HEAD.size] for entry in entries]
    # each key with the other's signature and pickle
    swapped = [heads[1][:32] + heads[0][32:34] + heads[1][34:] + a.encode() + entries[1][_HEAD.size + len(b):],
               heads[0][:32] + heads[1][32:34] + heads[0][34:] + b.encode() + entries[0][_HEAD.size + len(a):]]
    pack.write_bytes(b"".join(swapped))
    assert [key for key, _ in read_pack(pack)] == [a, b]
    code, output, again = build(pages, out)
    assert code == 0
    assert output.count("fails its signature check") == 2
    assert isomorphic(fresh, again)
    assert "Warning" not in build(pages, out)[1]  # extracted again and signed: trusted from now on
