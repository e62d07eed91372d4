"""Building from files in a process pool and from the cache gives the graph of the sequential pipeline; an
interrupted build leaves the old outputs and a usable cache."""

from __future__ import annotations

import importlib.util
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kgraph import build
from kgraph.batch import KINDS, PIPE_BYTES, KnownNames, LocalEngine, Pickled, SignedCache, read_pack
from kgraph.cli import cli
from kgraph.files import collect_files
from kgraph.model import Role
from kgraph.pipeline import extract_corpus, read_articles, relevant_names
from kgraph.rdf.build import build_graph
from kgraph.rdf.turtle import to_turtle
from kgraph.text import read_pages

from .conftest import ROOT, SEEDS


def turtle_of(corpus) -> str:
    return to_turtle(build_graph(corpus))


@pytest.fixture(scope="module")
def sequential_seeds() -> str:
    files = collect_files([SEEDS])
    return turtle_of(extract_corpus(read_articles(read_pages(files))))


def write_generated(folder: Path, articles: int) -> Path:
    """Pages of `articles` articles from benchmarks/corpus.py, 12 to a page."""
    path = ROOT / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("kgraph_benchmark_corpus", path)
    if spec is None or spec.loader is None or not path.exists():
        pytest.skip("benchmarks/corpus.py is not here")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    module.write_corpus(folder, articles, seed=3)
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """48 articles (4 pages)."""
    return write_generated(tmp_path_factory.mktemp("generated"), 48)


@pytest.fixture(scope="module")
def generated_long(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 articles (50 pages): seconds of work after the first page is cached, time enough to kill the build."""
    return write_generated(tmp_path_factory.mktemp("generated_long"), 600)


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_seeds_same_turtle_as_sequential(sequential_seeds: str, jobs: int):
    result = build(collect_files([SEEDS]), jobs=jobs)
    corpus, stats = result.corpus, result.stats
    assert turtle_of(corpus) == sequential_seeds
    assert stats.extracted == stats.files == 5


def test_batch_generated_corpus_same_turtle_for_one_and_two_jobs(generated: Path):
    files = collect_files([generated])
    sequential = turtle_of(extract_corpus(read_articles(read_pages(files))))
    one = build(files, jobs=1).corpus
    two = build(files, jobs=2).corpus
    assert turtle_of(one) == turtle_of(two) == sequential


def _square(value: int, delay: float, lex: object) -> Pickled:
    """A task for `LocalEngine`: which process ran it, and its value squared, after `delay` seconds."""
    time.sleep(delay)
    return Pickled((os.getpid(), value * value))


@pytest.mark.parametrize("delay", [0.0, 0.002])
def test_local_engine_runs_tasks_here_and_on_its_pool_in_order(delay: float):
    """Two jobs: this process and one worker share the tasks; the results come in the tasks' order, this process's
    as they are and the worker's as the bytes of their pickles, each task's once. The first chunks go to the
    worker before this process runs any task."""
    engine = LocalEngine(2, None, SimpleNamespace(words=None))
    try:
        for count in (3, 101):  # the pool, started for the first phase, runs the second too
            results = list(engine.map(_square, [(value, delay) for value in range(count)]))
            values = [result.value if isinstance(result, Pickled) else pickle.loads(result) for result in results]
            assert [value for _, value in values] == [value * value for value in range(count)]
            workers = set(engine.pool._processes)  # type: ignore[union-attr]
            here = [isinstance(result, Pickled) for result in results]
            assert here == [pid == os.getpid() for pid, _ in values]
            assert {pid for pid, _ in values} <= {os.getpid(), *workers}
            if count > 100:
                assert {pid for pid, _ in values} == {os.getpid(), *workers}
    finally:
        engine.close(abort=False)
    assert engine.pool is None


@pytest.mark.skipif(sys.platform != "linux", reason="pipe sizes are Linux's")
def test_local_engine_pipes_hold_a_chunk_of_results():
    """The pipes to and from the pool hold `PIPE_BYTES`, not Linux's 64 KB: a worker's chunk of results went through
    a pipe-full at a time, each waiting for this process's reading thread to get the GIL."""
    import fcntl

    if int(Path("/proc/sys/fs/pipe-max-size").read_text()) < PIPE_BYTES:
        pytest.skip("this system allows a user smaller pipes")
    engine = LocalEngine(2, None, SimpleNamespace(words=None))
    try:
        assert [result.value if isinstance(result, Pickled) else pickle.loads(result)
                for result in engine.map(_square, [(value, 0.0) for value in range(20)])][-1][1] == 361
        queues = (engine.pool._call_queue, engine.pool._result_queue)  # type: ignore[union-attr]
        assert [fcntl.fcntl(queue._reader.fileno(), fcntl.F_GETPIPE_SZ) for queue in queues] == [PIPE_BYTES] * 2
    finally:
        engine.close(abort=False)


def test_local_engine_runs_a_single_task_here():
    engine = LocalEngine(2, None, SimpleNamespace(words=None))
    assert [result.value for result in engine.map(_square, [(3, 0.0)])] == [(os.getpid(), 9)]
    assert engine.pool is None


def test_batch_cache_reextracts_only_changed_files(generated: Path, tmp_path: Path):
    inputs = tmp_path / "in"
    shutil.copytree(generated, inputs)
    cache = tmp_path / "cache"
    result = build(collect_files([inputs]), cache=cache)
    first, stats = result.corpus, result.stats
    assert (stats.read, stats.extracted) == (4, 4)
    result = build(collect_files([inputs]), cache=cache)
    again, stats = result.corpus, result.stats
    assert (stats.read, stats.extracted) == (0, 0)
    assert turtle_of(again) == turtle_of(first)
    shutil.copy(SEEDS / "004_f0a78a523d36bd45.txt", inputs / "zz.txt")
    files = collect_files([inputs])
    result = build(files, cache=cache)
    grown, stats = result.corpus, result.stats
    assert stats.read == 1 and stats.extracted < 5
    assert turtle_of(grown) == turtle_of(extract_corpus(read_articles(read_pages(files))))
    stats = build(files, cache=cache, use_cache=False).stats
    assert (stats.read, stats.extracted) == (5, 5)


def test_batch_corrupt_cache_entry_is_computed_again(tmp_path: Path, sequential_seeds: str):
    cache = tmp_path / "cache"
    build(collect_files([SEEDS]), cache=cache)
    for pack in (cache / "extractions").iterdir():
        data = bytearray(pack.read_bytes())
        for _, place in read_pack(pack):
            data[place.start + place.size - 1] ^= 0xFF  # the last byte of each entry's pickle
        pack.write_bytes(data)
    with pytest.warns(UserWarning, match="fails its signature check"):
        result = build(collect_files([SEEDS]), cache=cache)
        corpus, stats = result.corpus, result.stats
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
def test_cli_build_killed_leaves_old_outputs_and_a_usable_cache(tmp_path: Path, generated_long: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    old = {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.html")}
    command = [sys.executable, "-m", "kgraph", "build", str(generated_long), "--out", str(out), "--jobs", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    extractions = out / ".kgraph-cache" / "extractions"
    while time.monotonic() < deadline and process.poll() is None:
        if len(written(extractions)) > 1:  # the seeds' pack and the killed build's
            break
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert {name: (out / name).read_bytes() for name in old} == old
    result = CliRunner().invoke(cli, ["build", str(generated_long), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "files again" in result.output  # some pages came from the cache the killed build wrote


def written(folder: Path) -> list[Path]:
    """The packs of `folder` that hold anything."""
    packs = []
    for pack in folder.glob("*.pack"):
        try:
            if pack.stat().st_size:
                packs.append(pack)
        except FileNotFoundError:  # removed meanwhile
            continue
    return packs


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):  # ended meanwhile
            continue
        if parent == pid:
            found.add(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="finds the pool's workers in /proc")
@pytest.mark.parametrize("signum", [signal.SIGINT, getattr(signal, "SIGKILL", None)], ids=["ctrl-c", "kill-9"])
def test_cli_build_interrupted_stops_its_workers_and_leaves_old_outputs_and_a_usable_cache(tmp_path: Path,
                                                                                           signum: int):
    pages = write_generated(tmp_path / "pages", 240)  # 20 pages: the pool works for a while
    out = tmp_path / "out"
    out.mkdir()
    old = {"graph.ttl": b"the previous graph", "graph.html": b"the previous page"}
    for name, data in old.items():
        (out / name).write_bytes(data)
    command = [sys.executable, "-m", "kgraph", "build", str(pages), "--out", str(out), "--jobs", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    extractions = out / ".kgraph-cache" / "extractions"
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        workers = children(process.pid)
        if workers and written(extractions):  # phase 2 has begun (two jobs: the build and a worker)
            break
        time.sleep(0.02)
    if process.poll() is not None or not workers:
        process.kill()
        pytest.fail(f"the build left its pool before it could be interrupted: {process.communicate()}")
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=120)  # the workers' ends of the pipes close too
    if signum == signal.SIGKILL:  # no last words: the workers notice on their own
        assert process.returncode == -signum
    else:
        assert process.returncode == 128 + signum
        assert stderr.endswith("Aborted: the previous outputs are unchanged\n") and "Traceback" not in stderr, stderr
    assert stdout == ""
    assert {name: (out / name).read_bytes() for name in old} == old
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(running(pid) for pid in workers):
        time.sleep(0.05)
    assert not [pid for pid in workers if running(pid)], "pool workers outlived the build"
    stats = build(collect_files([pages])[:3], cache=out / ".kgraph-cache").stats
    assert stats.read == 0  # from the cache the interrupted build wrote


def test_batch_cache_keeps_only_what_the_last_build_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """One pack per kind: a build that changes nothing leaves it as it is; one that extracts a changed file
    again keeps the entries it read in its own pack and removes the older pack and what older kgraph left."""
    monkeypatch.setenv("KGRAPH_CACHE_KEY", str(tmp_path / "key"))
    inputs, cache = tmp_path / "in", tmp_path / "cache"
    shutil.copytree(SEEDS, inputs)
    build(collect_files([inputs]), cache=cache)
    before = {kind: os.listdir(cache / kind) for kind in KINDS}
    keys = {kind: SignedCache(cache).keys(kind) for kind in KINDS}
    assert [len(names) for names in before.values()] == [1, 1] and [len(k) for k in keys.values()] == [5, 5]
    build(collect_files([inputs]), cache=cache)
    assert {kind: os.listdir(cache / kind) for kind in KINDS} == before  # all read, none added: left as it was
    stale = [cache / "pages" / f"{'0' * 64}.pickle", cache / "pages" / f"{'1' * 64}.signed",
             cache / "extractions" / ".left-by-a-killed-build.tmp"]
    for path in stale:
        path.write_bytes(b"from an older kgraph")
    changed = inputs / "000_c7a8d9aedf48108c.txt"
    changed.write_bytes(changed.read_bytes() + b"\n")  # new bytes, the same articles
    stats = build(collect_files([inputs]), cache=cache).stats
    assert (stats.read, stats.extracted) == (1, 1)
    for kind in KINDS:
        packs = os.listdir(cache / kind)
        assert len(packs) == 1 and packs != before[kind], kind
        now = SignedCache(cache).keys(kind)
        assert len(now) == 5 and len(now - keys[kind]) == 1, kind
    assert not any(path.exists() for path in stale)
    stats = build(collect_files([inputs]), cache=cache).stats
    assert (stats.read, stats.extracted) == (0, 0)


def test_signed_cache_reads_the_whole_entries_of_a_cut_off_pack_and_survives_its_folder_removed(tmp_path: Path):
    """A killed build's pack ends in a cut-off entry: the entries before it are read, it is a miss. A folder
    removed during the build gets the build's pack again when the build ends."""
    cache = SignedCache(tmp_path, key=b"k" * 32)
    cache.put("pages", "a", pickle.dumps("first"))
    cache.put("pages", "b", pickle.dumps("second"))
    cache.close(written=True)
    (pack,) = (tmp_path / "pages").iterdir()
    pack.write_bytes(pack.read_bytes()[:-3])
    again = SignedCache(tmp_path, key=b"k" * 32)
    assert (again.get("pages", "a"), again.get("pages", "b")) == ("first", None)
    again.close()
    writing = SignedCache(tmp_path, key=b"k" * 32, read=False)
    writing.put("pages", "c", pickle.dumps("third"))
    shutil.rmtree(tmp_path / "pages")
    writing.put("pages", "d", pickle.dumps("fourth"))
    writing.prune()
    assert len(os.listdir(tmp_path / "pages")) == 1
    read = SignedCache(tmp_path, key=b"k" * 32)
    assert (read.get("pages", "c"), read.get("pages", "d"), read.get("pages", "a")) == ("third", "fourth", None)
    read.close()


def test_signed_cache_leaves_the_pack_another_build_is_writing(tmp_path: Path):
    """Two builds into one folder at once: the one that ends first removes the older packs, not the other's."""
    first = SignedCache(tmp_path, key=b"k" * 32)
    first.put("pages", "a", pickle.dumps("first"))
    first.prune()
    time.sleep(0.01)
    slow, quick = SignedCache(tmp_path, key=b"k" * 32), SignedCache(tmp_path, key=b"k" * 32)
    assert slow.get("pages", "a") == "first"
    slow.put("pages", "b", pickle.dumps("second"))
    quick.put("pages", "c", pickle.dumps("third"))
    quick.prune()  # the older pack goes (quick did not read it), slow's, written since quick began, stays
    assert slow.get("pages", "a") == "first"  # read before: slow has it open
    slow.prune()
    final = SignedCache(tmp_path, key=b"k" * 32)
    assert [final.get("pages", key) for key in "abc"] == ["first", "second", "third"]
    final.close()


@settings(max_examples=200, deadline=None)
@given(names=st.lists(st.text("王李明华伟张", min_size=1, max_size=4), max_size=12, unique=True),
       texts=st.lists(st.text("王李明华伟张的了", max_size=30), min_size=1, max_size=3))
def test_batch_known_names_by_substrings_are_the_pipelines_relevant_names(names: list[str], texts: list[str]):
    known = {name: list(Role)[i % len(Role)] for i, name in enumerate(names)}
    articles = [SimpleNamespace(text=text) for text in texts]
    found = KnownNames(known).relevant(articles)  # type: ignore[arg-type]
    assert list(found.items()) == list(relevant_names(articles, known).items())  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(names=st.lists(st.text("王李明^]-\\.[", min_size=2, max_size=4), min_size=1, max_size=12, unique=True),
       texts=st.lists(st.text("王李明^]-\\.[的\n", max_size=30), min_size=1, max_size=3))
def test_batch_known_names_of_two_characters_or_more_by_their_first_two(names: list[str], texts: list[str]):
    """Every name has a second character: pieces begin where a name's first two may (characters a regular
    expression's class would read otherwise taken as they are)."""
    known = dict.fromkeys(names, Role.OFFICIAL)
    articles = [SimpleNamespace(text=text) for text in texts]
    found = KnownNames(known).relevant(articles)  # type: ignore[arg-type]
    assert list(found.items()) == list(relevant_names(articles, known).items())  # type: ignore[arg-type]


def test_fingerprint_follows_the_lexicon_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint is remembered by the files' sizes and times: a changed, added or removed file changes it,
    and it is the hash of the files themselves (the same with a cold derived-data cache or a warm one)."""
    from kgraph.batch import _CODE_AND_DATA, PACKAGE, _digest, fingerprint

    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "lexicon"
    folder.mkdir()
    (folder / "title_heads.txt").write_text("书记\n", encoding="utf-8")
    first = fingerprint(folder)
    assert fingerprint(folder) == first
    files = [(root, path) for root in (PACKAGE, folder.resolve())
             for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in _CODE_AND_DATA)]
    assert first == _digest(files)
    (folder / "title_heads.txt").write_text("区长\n", encoding="utf-8")
    os.utime(folder / "title_heads.txt", ns=(1, 1))
    changed = fingerprint(folder)
    assert changed != first
    (folder / "org_suffixes.txt").write_text("局\n", encoding="utf-8")
    assert fingerprint(folder) not in (first, changed)


def sent_back(result: object) -> object:
    """A task's result as a worker process sends it (pickled: bytes arrive, the cache's entry) and the driver reads
    it."""
    blob = pickle.loads(pickle.dumps(result))
    assert type(blob) is bytes
    return pickle.loads(blob)


def test_a_result_leaves_its_process_as_the_bytes_of_its_value():
    """A `Pickled` result arrives from a worker as the bytes the cache stores (its value pickled), and one made in
    the driver's own process is taken as it is (`run_phase`), pickled only for the cache."""
    from kgraph.batch import Pickled, SignedCache, run_phase

    value = ("王明", 3, (Role.OFFICIAL,))
    assert pickle.loads(pickle.dumps(Pickled(value))) == pickle.dumps(value, pickle.HIGHEST_PROTOCOL)

    class Here:
        def map(self, func, tasks):
            return (func(*task, None) for task in tasks)

    made = [("a", "b")]
    cache = SignedCache(None)
    keys, values, computed = run_phase(Here(), cache, "pages", lambda *task: Pickled(made[0]),  # type: ignore[arg-type]
                                       [("k", ())], tuple, lambda _: None)
    assert values[0] is made[0] and computed == 1


def test_pages_read_together_are_read_as_alone(lex):
    """Pass 1 reads pages together (`read_tasks`: the recogniser over all their articles at once); each page's
    result is the one `read_task` gives it alone, and the groups keep the tasks' order within the limit."""
    from kgraph.batch import Together, _groups
    from kgraph.pipeline import read_task, read_tasks, read_weight

    tasks = [(str(path), path.name, None, path.read_bytes()) for path in sorted(SEEDS.glob("*.txt"))]
    tasks.append(("text", "text.txt", 2020, "本报讯（通讯员王明）区委书记李建国主持会议。"))
    together = [sent_back(result) for result in read_tasks(tasks, lex)]
    assert together == [sent_back(read_task(*task, lex)) for task in tasks]
    limit = 2 * max(map(read_weight, tasks))
    groups = list(_groups(tasks, Together(read_tasks, read_weight, limit)))
    assert [task for group in groups for task in group] == tasks and len(groups) > 1
    assert all(len(group) == 1 or sum(map(read_weight, group)) <= limit for group in groups)
