"""`kgraph build --scheduler`: the per-file tasks on a dask.distributed cluster give the graph of `--jobs 1`."""

from __future__ import annotations

import shutil
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kgraph.cli import cli

from .conftest import SEEDS

distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (kgraph-news[dask])")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a cluster of two worker processes on this machine."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", *args])
    return result.exit_code, result.output


def test_cluster_local_cluster_gives_the_graph_of_a_local_build_and_a_cache_for_later_builds(
        scheduler: str, seed_build: Path, tmp_path: Path):
    """seed_build ran in a local process pool (tests/test_batch.py: any number of jobs gives the same graph)."""
    code, output = build(str(SEEDS), "--out", str(tmp_path), "--scheduler", scheduler)
    assert code == 0, output
    assert isomorphic(rdflib.Graph().parse(tmp_path / "graph.ttl"), rdflib.Graph().parse(seed_build / "graph.ttl"))
    code, output = build(str(SEEDS), "--out", str(tmp_path), "--jobs", "1")  # the cache stayed on this side
    assert code == 0 and "extracted 0 of 5 files again" in output, output


def test_cluster_workers_running_another_kgraph_are_refused(scheduler: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch):
    import kgraph.cluster

    monkeypatch.setattr(kgraph.cluster, "fingerprint", lambda: "another version")
    code, output = build(str(SEEDS), "--out", str(tmp_path), "--scheduler", scheduler)
    assert code == 1
    assert output.startswith("Error: 2 of 2 workers of ") and "run another kgraph" in output
    assert len(output.splitlines()) == 1 and not (tmp_path / "graph.ttl").exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_cluster_unreachable_scheduler_is_one_error_line(tmp_path: Path):
    import dask

    address = f"tcp://127.0.0.1:{free_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):  # dask retries a refused connection till then
        code, output = build(str(SEEDS), "--out", str(tmp_path), "--scheduler", address)
    assert code == 1
    assert output.startswith(f"Error: cannot reach the dask scheduler at {address}")
    assert len(output.splitlines()) == 1 and "Traceback" not in output


@pytest.mark.parametrize("address", ["nonsense", "tcp://host:port", "inproc://x"])
def test_cluster_malformed_address_is_one_error_line(tmp_path: Path, address: str):
    code, output = build(str(SEEDS), "--out", str(tmp_path), "--scheduler", address)
    assert code == 1
    assert output.startswith(f"Error: --scheduler {address}: not a scheduler address like tcp://host:8786")
    assert len(output.splitlines()) == 1


def test_cluster_without_distributed_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` meets when not installed
    monkeypatch.delitem(sys.modules, "kgraph.cluster", raising=False)
    code, output = build(str(SEEDS), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786")
    assert code == 1
    assert output == "Error: --scheduler needs dask.distributed: pip install 'kgraph-news[dask]'\n"


def test_cluster_lexicon_files_arrive_as_the_folder_they_came_from(tmp_path: Path):
    from kgraph.cluster import LexiconFiles

    (tmp_path / "title_heads.txt").write_text("总舵主\n", encoding="utf-8")
    (tmp_path / "surnames.txt").write_text("欧阳\t9\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a lexicon", encoding="utf-8")
    files = LexiconFiles.of(tmp_path)
    assert [name for name, _ in files.files] == ["surnames.txt", "title_heads.txt"]
    folder = files.folder()
    assert folder is not None and folder != tmp_path
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == dict(files.files)
    assert files.folder() == folder  # the same contents, the same folder: load_lexicon keeps one per folder
    assert LexiconFiles.of(None).folder() is None
    shutil.rmtree(folder)
