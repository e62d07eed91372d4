"""Where the driver (`kgraph.driver`) runs the per-page tasks, and the signed cache of their results.

The task functions (`kgraph.pipeline.read_task`, `extract_task`) are pure: bytes and names in, a `Pickled`
result out (bytes once it leaves a worker), and the lexicon as their last argument. So the driver reads the files
and the cache and sends only the misses away, to this process or a local pool (`LocalEngine`) or to dask workers on
other machines (`kgraph.cluster`), which need no access to the files or the cache. Cache entries are
pickles under the cache folder, each signed (HMAC-SHA256 over its kind, its key and its bytes) with a key kept
outside the output folder (`cache_key_file`): a pickle runs code when loaded, so an entry planted by anyone who can
write the output folder, or moved under another entry's name, fails its check and is extracted again, with a
warning, before it is ever unpickled. Each entry is written to a temporary file and moved into place, so an
interrupted build leaves a usable cache; after a build, the entries it did not use are removed. The result is the
same for any number of jobs, on a cluster or not, with or without the cache.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import os
import pickle
import re
import secrets
import signal
import tempfile
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from kgraph import __version__
from kgraph.heap import full_passes_again
from kgraph.lexicon import Lexicon, load_lexicon
from kgraph.model import Article, Role
from kgraph.wordtable import WordTable

Progress = Callable[[str], None]
Task = tuple[Any, ...]
TaskFunc = Callable[..., Any]  # called as func(*task, lexicon): a Pickled, or a tuple of them (`Together`)
PACKAGE = Path(__file__).resolve().parent
KINDS = ("pages", "extractions")


_CODE_AND_DATA = (".py", ".txt", ".csv", ".crfsuite")


def fingerprint(lexicon: Path | None = None) -> str:
    """A hash of kgraph's version, code and lexicons (and the user's lexicon folder): what cached results depend on.
    Remembered in the derived-data cache by the files' paths, sizes and times (`kgraph.derived`), as Python's
    bytecode is: hashing the 7 MB again cost every build, even with --no-cache, 0.03 s."""
    from kgraph.derived import load_derived

    roots = [PACKAGE] + ([Path(lexicon).resolve()] if lexicon is not None else [])
    files = [(root, path) for root in roots
             for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in _CODE_AND_DATA)]
    return load_derived("fingerprint", [path for _, path in files], f"1\0{__version__}", lambda: _digest(files))


def _digest(files: Iterable[tuple[Path, Path]]) -> str:
    """`fingerprint` of these files (each with the folder it is named from)."""
    digest = hashlib.sha256(__version__.encode())
    for root, path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Pickled:
    """A task's result, pickled as it leaves the process that computed it: a pool's or dask's worker sends the bytes
    the cache keeps, and they arrive as bytes. In the driver's own process (one job) the result is handed over as
    it is and pickled only for the cache: unpickling each page's again cost 2% of a build."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __reduce__(self) -> tuple[type[bytes], tuple[bytes]]:
        return bytes, (pickle.dumps(self.value, pickle.HIGHEST_PROTOCOL),)


class Engine(Protocol):
    """Runs tasks somewhere and gives back their results in the order of the tasks: a task's `Pickled` as it is when
    run in this process, its bytes when run elsewhere."""

    def map(self, func: TaskFunc, tasks: Iterable[Task]) -> Iterator[Any]: ...

    def close(self, *, abort: bool) -> None: ...


_state: dict[str, Any] = {}  # per pool worker: the lexicon


def _start(lexicon: Path | None) -> None:
    """Pool worker set-up: Ctrl-C is for the parent, which stops the workers; the lexicon is inherited when forked."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by the fork
    full_passes_again()
    threading.Thread(target=_end_with, args=(os.getppid(),), name="kgraph-parent", daemon=True).start()
    _state["lex"] = load_lexicon(lexicon)


def _end_with(parent: int) -> None:
    """End this worker soon after its parent ended without stopping it (SIGKILL): it would wait for tasks forever."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _call_chunk(func: TaskFunc, tasks: list[Task]) -> list[Any]:
    """In a pool's worker: the results of `tasks`, pickled as they go back."""
    lex = _state["lex"]
    return [func(*task, lex) for task in tasks]


CHUNK = 4  # tasks sent to a worker at a time: a page of 12 articles takes a few ms, a round trip a fraction of one


class LocalEngine:
    """Tasks in this process for one job. For more, this process is one of the jobs: it runs tasks too, beside a
    process pool of the others (started when first needed, for both phases). A task run here is neither pickled
    nor sent, nor is its result: with `jobs` workers beside it, this process had spent a tenth of the passes' CPU
    on pickles and pipes while it took a share of the cores from the workers (two jobs at 10,000 articles: the
    passes' CPU 10.3-10.6 s against 9.6-10.1 s now, one job's 9.7 s)."""

    def __init__(self, jobs: int, lexicon: Path | None, lex: Lexicon) -> None:
        self.jobs, self.lexicon, self.lex = jobs, lexicon, lex  # jobs: at most the number of files
        self.pool: ProcessPoolExecutor | None = None

    def map(self, func: TaskFunc, tasks: Iterable[Task]) -> Iterator[Any]:
        tasks = iter(tasks)
        first = list(itertools.islice(tasks, 2))
        if self.jobs <= 1 or len(first) <= 1:  # one task or none: not worth a pool
            return (func(*task, self.lex) for task in itertools.chain(first, tasks))
        if self.pool is None:
            if isinstance(self.lex.words, WordTable):  # the workers inherit it: loaded whole once, not in each
                self.lex.words.load_all()
                self.lex.tokenizer.take_whole()
            self.pool = ProcessPoolExecutor(self.jobs - 1, initializer=_start, initargs=(self.lexicon,))
        return self._shared(func, itertools.chain(first, tasks))

    def _shared(self, func: TaskFunc, tasks: Iterator[Task]) -> Iterator[Any]:
        """The results of `tasks`, in order, run on the pool and here. Tasks are taken only as they are needed: the
        workers have as many chunks of `CHUNK` unfinished as the pool's queue holds (one each running, one
        waiting: none waits while this process runs a task), and this process runs the next task itself whenever
        the oldest chunk sent is not back yet. No chunk is sent ahead beyond that: at the end only those are left
        to wait for, and a future cancelled on a pool that breaks later (Ctrl-C ends the workers) makes Python
        3.11's pool fail to close (its `terminate_broken` sets the exception of every pending future)."""
        assert self.pool is not None
        pool, lex, ahead = self.pool, self.lex, self.jobs  # the pool's queue: a chunk per worker, and one more
        # per chunk or task, in the tasks' order: (a worker's future, []) or (None, the results run here)
        pending: deque[tuple[Future[list[Any]] | None, list[Any]]] = deque()
        more = True
        while True:
            if more:  # chunks the workers have not finished (a finished one waits here to be taken in order)
                running = sum(1 for future, _ in pending if future is not None and not future.done())
                for _ in range(ahead - running):
                    chunk = list(itertools.islice(tasks, CHUNK))
                    if not chunk:
                        more = False
                        break
                    pending.append((pool.submit(_call_chunk, func, chunk), []))
            if not pending:
                return
            future, results = pending[0]
            if future is None or future.done() or not more:
                pending.popleft()
                yield from results if future is None else future.result()
                continue
            task = next(tasks, None)
            if task is None:
                more = False
            else:
                pending.append((None, [func(*task, lex)]))

    def close(self, *, abort: bool) -> None:
        """Wait for the workers to end, or (`abort`) end them now: a task runs for seconds and nobody wants it.

        SIGKILL, not SIGTERM: a worker writes nothing (the cache is the parent's), and one forked a moment ago still
        has the parent's SIGTERM handler, which would print a traceback."""
        if self.pool is None:
            return
        if abort:
            processes = list((getattr(self.pool, "_processes", None) or {}).values())
            for process in processes:
                process.kill()
            # a worker killed while it sent a result leaves the pool's manager thread reading the rest of it for
            # ever: with the workers gone and this process's copy of the pipe's writing end closed (this process
            # never writes to it), the read ends instead, and the pool is found broken
            for process in processes:
                process.join()
            writer = getattr(getattr(self.pool, "_result_queue", None), "_writer", None)
            if writer is not None:
                writer.close()
        self.pool.shutdown(wait=True, cancel_futures=abort)
        self.pool = None


_ENTRY = ".signed"  # entries of older kgraph (`.pickle`, unsigned) are never read, and pruned
_MAC_SIZE = 32
# a new file, never one already there nor a link planted in its place
_NEW_FILE = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
             | getattr(os, "O_BINARY", 0))


def cache_key_file() -> Path:
    """Where the cache's signing key lives: `$KGRAPH_CACHE_KEY`, else `~/.config/kgraph/cache-key` (XDG), never in
    the output folder, whose cache it guards."""
    named = os.environ.get("KGRAPH_CACHE_KEY")
    if named:
        return Path(named)
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "kgraph" / "cache-key"


def load_cache_key(path: Path) -> bytes:
    """The signing key in `path`, made (32 random bytes, readable by the user only) when missing."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another build made it a moment ago
        return path.read_bytes()
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(32))
    return path.read_bytes()


class SignedCache:
    """Signed pickles by key under a folder; a missing, unreadable or stale entry is a miss, one that fails its
    signature a miss with a warning (it is never unpickled). Remembers what it used."""

    def __init__(self, folder: Path | None, *, read: bool = True, key: bytes | None = None) -> None:
        self.folder, self.read = folder, read
        self.key = key if key is not None else secrets.token_bytes(32)  # no key: nothing written can be read back
        self.used: set[tuple[str, str]] = set()
        self._folders: dict[str, str] = {}  # kind -> its folder, made

    @property
    def writes(self) -> bool:
        """Whether `put` keeps anything."""
        return self.folder is not None

    def _mac(self, kind: str, key: str, blob: bytes) -> bytes:
        return hmac.digest(self.key, f"{kind}\0{key}\0".encode() + blob, "sha256")

    def get(self, kind: str, key: str) -> Any:
        if self.folder is None or not self.read:
            return None
        path = self.folder / kind / f"{key}{_ENTRY}"
        try:
            data = path.read_bytes()
        except OSError:  # absent or unreadable: compute it again
            return None
        mac, blob = data[:_MAC_SIZE], data[_MAC_SIZE:]
        if not hmac.compare_digest(mac, self._mac(kind, key, blob)):
            warnings.warn(f"{path}: cache entry fails its signature check (changed, moved or not written by this "
                          "user's kgraph); ignored, extracted again", stacklevel=2)
            return None
        try:
            value = pickle.loads(blob)
        except Exception:  # from another Python or kgraph: compute it again
            return None
        self.used.add((kind, key))
        return value

    def put(self, kind: str, key: str, blob: bytes) -> None:
        """Store a pickle's bytes under the key, signed: written to a temporary file named for the key and this
        process, and moved into place (`tempfile.mkstemp`'s random names, and a `mkdir` for each entry, cost more
        than writing a page's entry)."""
        if self.folder is None:
            return
        folder = self._folders.get(kind) or self._make_folder(kind)
        tmp = os.path.join(folder, f".{key}.{os.getpid()}.tmp")
        try:
            fd = os.open(tmp, _NEW_FILE, 0o600)
        except FileExistsError:  # left by a killed build that had this process id: a name nobody has
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        except FileNotFoundError:  # the folder went away during the build
            folder = self._make_folder(kind, again=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with open(fd, "wb") as handle:
                handle.write(self._mac(kind, key, blob))
                handle.write(blob)
            os.replace(tmp, os.path.join(folder, f"{key}{_ENTRY}"))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.used.add((kind, key))

    def _make_folder(self, kind: str, *, again: bool = False) -> str:
        """The folder of `kind`'s entries, made if missing (once per build, or `again`)."""
        folder = os.path.join(self.folder or "", kind)
        if again or kind not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders[kind] = folder
        return folder

    def prune(self) -> int:
        """Remove the entries this build did not use (changed files, older kgraph) and left-over temporary files."""
        removed = 0
        for kind in KINDS if self.folder is not None else ():
            folder = self.folder / kind
            entries = os.scandir(folder) if folder.is_dir() else ()
            for entry in entries:
                stem, suffix = os.path.splitext(entry.name)
                if suffix in (".tmp", ".pickle") or (suffix == _ENTRY and (kind, stem) not in self.used):
                    Path(entry.path).unlink(missing_ok=True)
                    removed += 1
        return removed


class KnownNames:
    """The corpus's known names, found in a page by looking up its substrings: one pass over the text, however
    many names the corpus knows (testing each name against each page grows with both). Only the substrings that
    begin with the first character of a known name are looked up: a sixth of the positions (this runs in the
    driver's process while the workers wait)."""

    def __init__(self, known: dict[str, Role]) -> None:
        self.known, self.order = known, {name: i for i, name in enumerate(known)}
        self.names, self.lengths = list(known), sorted({len(name) for name in known})
        firsts = "".join(sorted({re.escape(name[0]) for name in known if name}))
        # at each such position, the longest piece a name may be (shorter at the end): `findall` makes them in C,
        # and a piece that recurs in the page (a name, a phrase) is cut into its prefixes once
        longest = max(self.lengths, default=1)
        self.pieces = re.compile(f"(?=([{firsts}].{{0,{longest - 1}}}))", re.DOTALL) if firsts else None

    def relevant(self, articles: Iterable[Article]) -> dict[str, Role]:
        """What `kgraph.pipeline.relevant_names` gives: the known names in the articles' text, in known order."""
        text = "\0".join(article.text for article in articles)
        pieces = set(self.pieces.findall(text)) if self.pieces is not None else ()
        found = self.order.keys() & {piece[:n] for piece in pieces for n in self.lengths}
        names, known = self.names, self.known
        return {names[i]: known[names[i]] for i in sorted(map(self.order.__getitem__, found))}


class Together(NamedTuple):
    """How a phase's tasks may run several at a time: `func(tasks, lexicon)` gives the results of `tasks` (a tuple
    of tasks) in order, and tasks go together up to `limit` of their `weight`."""

    func: Callable[..., tuple[Any, ...]]
    weight: Callable[[Task], int]
    limit: int


def run_phase(engine: Engine, store: SignedCache, kind: str, func: TaskFunc, items: Iterable[tuple[str, Task]],
           expect: type, step: Progress, adopt: Callable[[int, Any], Any] | None = None,
           together: Together | None = None) -> tuple[list[str], list[Any], int]:
    """The keys and the value of each (key, task), from the cache or computed on the engine, in order; and how many
    were computed. `adopt(index, value)`, when given, is kept instead of each value as it comes in; `together`, when
    given, runs the tasks computed in groups (the results are the same).

    `items` is consumed lazily, as the engine asks for tasks: the bytes of a file found in the cache are not kept,
    and the workers start on the first pages while the next are made (pass 2's known names looked up in each page
    took a third of a second at 10,000 articles, with both workers waiting)."""
    keys: list[str] = []
    values: list[Any] = []
    missing: list[tuple[int, str]] = []
    ended: list[bool] = []

    def tasks() -> Iterator[Task]:
        for key, task in items:
            value = store.get(kind, key)
            keys.append(key)
            if isinstance(value, expect):
                values.append(value if adopt is None else adopt(len(values), value))
                step(key)
            else:
                missing.append((len(values), key))
                values.append(None)
                yield task
        ended.append(True)

    if together is None:
        results = engine.map(func, tasks())
    else:
        groups = ((group,) for group in _groups(tasks(), together))
        results = (result for group in engine.map(together.func, groups) for result in group)
    done = 0
    for result in results:  # a result comes after its task was taken, so `missing` has its place by then
        index, key = missing[done]
        done += 1
        if isinstance(result, Pickled):
            value = result.value
            if store.writes:
                store.put(kind, key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        else:
            store.put(kind, key, result)
            value = pickle.loads(result)
        values[index] = value if adopt is None else adopt(index, value)
        step(key)
    if not ended or done != len(missing):
        raise RuntimeError(f"{kind}: the engine took {len(missing)} tasks and gave {done} results")
    return keys, values, done


def _groups(tasks: Iterable[Task], together: Together) -> Iterator[tuple[Task, ...]]:
    """The tasks in order, in runs of at most `together.limit` of their weight (a heavier task runs alone)."""
    group: list[Task] = []
    size = 0
    for task in tasks:
        weight = together.weight(task)
        if group and size + weight > together.limit:
            yield tuple(group)
            group, size = [], 0
        group.append(task)
        size += weight
    if group:
        yield tuple(group)
