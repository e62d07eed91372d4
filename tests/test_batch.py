"""Building from files in a process pool and from the cache gives the graph of the sequential pipeline."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kgraph.batch import build_corpus
from kgraph.cli import cli
from kgraph.files import collect_files, read_pages
from kgraph.pipeline import extract_corpus, read_articles
from kgraph.rdf.build import build_graph
from kgraph.rdf.turtle import to_turtle

from .conftest import ROOT, SEEDS


def turtle_of(corpus) -> str:
    return to_turtle(build_graph(corpus))


@pytest.fixture(scope="module")
def sequential_seeds() -> str:
    files = collect_files([SEEDS])
    return turtle_of(extract_corpus(read_articles(read_pages(files))))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """48 articles from benchmarks/corpus.py (4 pages)."""
    path = ROOT / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("kgraph_benchmark_corpus", path)
    if spec is None or spec.loader is None or not path.exists():
        pytest.skip("benchmarks/corpus.py is not here")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("generated")
    module.write_corpus(folder, 48, seed=3)
    return folder


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_seeds_same_turtle_as_sequential(sequential_seeds: str, jobs: int):
    corpus, stats = build_corpus(collect_files([SEEDS]), jobs=jobs)
    assert turtle_of(corpus) == sequential_seeds
    assert stats.extracted == stats.files == 5


def test_batch_generated_corpus_same_turtle_for_one_and_two_jobs(generated: Path):
    files = collect_files([generated])
    sequential = turtle_of(extract_corpus(read_articles(read_pages(files))))
    one, _ = build_corpus(files, jobs=1)
    two, _ = build_corpus(files, jobs=2)
    assert turtle_of(one) == turtle_of(two) == sequential


def test_batch_cache_reextracts_only_changed_files(generated: Path, tmp_path: Path):
    inputs = tmp_path / "in"
    shutil.copytree(generated, inputs)
    cache = tmp_path / "cache"
    first, stats = build_corpus(collect_files([inputs]), cache=cache)
    assert (stats.read, stats.extracted) == (4, 4)
    again, stats = build_corpus(collect_files([inputs]), cache=cache)
    assert (stats.read, stats.extracted) == (0, 0)
    assert turtle_of(again) == turtle_of(first)
    shutil.copy(SEEDS / "004_f0a78a523d36bd45.txt", inputs / "zz.txt")
    files = collect_files([inputs])
    grown, stats = build_corpus(files, cache=cache)
    assert stats.read == 1 and stats.extracted < 5
    assert turtle_of(grown) == turtle_of(extract_corpus(read_articles(read_pages(files))))
    _, stats = build_corpus(files, cache=cache, use_cache=False)
    assert (stats.read, stats.extracted) == (5, 5)


def test_batch_corrupt_cache_entry_is_computed_again(tmp_path: Path, sequential_seeds: str):
    cache = tmp_path / "cache"
    build_corpus(collect_files([SEEDS]), cache=cache)
    for entry in (cache / "extractions").iterdir():
        entry.write_bytes(entry.read_bytes()[:10])
    corpus, stats = build_corpus(collect_files([SEEDS]), cache=cache)
    assert stats.extracted == 5 and turtle_of(corpus) == sequential_seeds


def test_cli_build_jobs_1_and_2_give_isomorphic_graphs(tmp_path: Path):
    graphs = []
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(out), "--jobs", jobs])
        assert result.exit_code == 0, result.output
        graphs.append(rdflib.Graph().parse(out / "graph.ttl"))
    assert isomorphic(*graphs)


def test_cli_build_reports_files_from_the_cache(tmp_path: Path):
    args = ["build", str(SEEDS), "--out", str(tmp_path), "--jobs", "1"]
    assert "again" not in CliRunner().invoke(cli, args).output
    output = CliRunner().invoke(cli, args).output
    assert f"extracted 0 of 5 files again, the others from {tmp_path / '.kgraph-cache'}" in output
    output = CliRunner().invoke(cli, [*args, "--no-cache"]).output
    assert "again" not in output


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_cli_build_killed_leaves_old_outputs_and_a_usable_cache(tmp_path: Path, generated: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    old = {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.html")}
    command = [sys.executable, "-m", "kgraph", "build", str(generated), "--out", str(out), "--jobs", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    extractions = out / ".kgraph-cache" / "extractions"
    while time.monotonic() < deadline and process.poll() is None:
        if len(list(extractions.glob("*.pickle"))) > 5:  # the seeds' 5 and one of the new pages
            break
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert {name: (out / name).read_bytes() for name in old} == old
    result = CliRunner().invoke(cli, ["build", str(generated), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "files again" in result.output  # some pages came from the cache the killed build wrote
