"""Where the driver (`kgraph.driver`) runs the per-page tasks, and the signed cache of their results.

The task functions (`kgraph.pipeline.read_task`, `extract_task`) are pure: bytes and names in, a `Pickled`
result out (bytes once it leaves a worker), and the lexicon as their last argument. So the driver reads the files
and the cache and sends only the misses away, to this process or a local pool (`LocalEngine`) or to dask workers on
other machines (`kgraph.cluster`), which need no access to the files or the cache. Cache entries are
pickles in pack files under the cache folder (`SignedCache`), each signed (HMAC-SHA256 over its kind, its key and
its bytes) with a key kept outside the output folder (`cache_key_file`): a pickle runs code when loaded, so an entry
planted by anyone who can write the output folder, or moved under another entry's name, fails its check and is
extracted again, with a warning, before it is ever unpickled. Each entry is written whole as it is made, so an
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
import struct
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
PIPE_BYTES = 1 << 20  # of each pipe to and from the pool: the most Linux gives a user (/proc/sys/fs/pipe-max-size)


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
            _widen_pipes(self.pool)
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


def _widen_pipes(pool: ProcessPoolExecutor) -> None:
    """Make the pipes that carry the pool's tasks and results `PIPE_BYTES` (Linux; elsewhere, or where refused, they
    stay as they are). A worker's chunk of results (hundreds of KB) went through a pipe of 64 KB, and so did the
    pages of its next chunk: each pipe-full waited for a thread of this process, which gets the GIL only between
    the main thread's turns (5 ms) while it runs tasks itself. At 10,000 articles the worker waited 0.15 s between
    chunks in pass 1 and 0.16 s in pass 2, and 0.08 s and 0.14 s with these pipes; pass 2 took 1.81-1.83 s
    against 1.96-2.00 s."""
    try:
        from fcntl import F_SETPIPE_SZ, fcntl
    except ImportError:  # not Linux
        return
    for queue in (getattr(pool, "_call_queue", None), getattr(pool, "_result_queue", None)):
        reader = getattr(queue, "_reader", None)  # the pipe's reading end: its size is the pipe's
        if reader is None:
            continue
        try:
            fcntl(reader.fileno(), F_SETPIPE_SZ, PIPE_BYTES)
        except OSError:  # more than the user may hold in pipes (/proc/sys/fs/pipe-user-pages-soft): as it was
            continue


_PACK = ".pack"  # a build's entries of one kind; `.signed` (an entry per file, kgraph before the packs) and
_OLDER = (".signed", ".pickle", ".tmp")  # `.pickle` (unsigned, older still) are never read; all three are pruned
_HEAD = struct.Struct("<32sHQ")  # an entry: its signature, the length of its key and of its pickle, then both
# a new file, never one already there nor a link planted in its place
_NEW_FILE = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
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


class _Place(NamedTuple):
    """Where an entry is: its pack, and the offset and size of its head, key and pickle."""

    pack: str
    start: int
    size: int


def read_pack(path: str | os.PathLike[str]) -> Iterator[tuple[str, _Place]]:
    """The key and place of each whole entry of the pack at `path`, in order; reading stops at the first entry cut
    off (the last one of a killed build) or not made by kgraph."""
    with open(path, "rb") as handle:
        end = os.fstat(handle.fileno()).st_size
        start = 0
        while start + _HEAD.size <= end:
            _, key_size, size = _HEAD.unpack(handle.read(_HEAD.size))
            stop = start + _HEAD.size + key_size + size
            if stop > end:
                return
            try:
                key = handle.read(key_size).decode("utf-8")
            except UnicodeDecodeError:
                return
            yield key, _Place(str(path), start, stop - start)
            handle.seek(stop)
            start = stop


class _Pack:
    """This build's pack of one kind, written an entry at a time (unbuffered: a killed build keeps each entry it
    wrote whole)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.path = os.path.join(folder, f"{time.time_ns()}-{os.getpid()}-{secrets.token_hex(4)}{_PACK}")
        self.fd = os.open(self.path, _NEW_FILE, 0o600)

    def write(self, data: bytes | memoryview) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]

    def close(self) -> None:
        """Close the pack; if its folder was removed during the build, write it again where it was."""
        try:
            if not os.path.exists(self.path):
                os.makedirs(self.folder, exist_ok=True)
                os.lseek(self.fd, 0, os.SEEK_SET)
                with open(self.path, "xb") as handle:
                    while chunk := os.read(self.fd, 1 << 20):
                        handle.write(chunk)
        finally:
            os.close(self.fd)


class SignedCache:
    """Signed pickles by key under a folder. A missing, unreadable or cut-off entry is a miss, one that fails its
    signature a miss with a warning (it is never unpickled).

    Each kind's entries are kept in pack files, a build's in one: it adds each result it computes, and when it ends
    (`prune`) the entries it read from older packs, which it then removes. So the cache holds what the last build
    used, in a few files. A file per entry cost the creation of two files per page, 0.4 s of kernel time at 10,000
    articles (3% of a build, with --no-cache too)."""

    def __init__(self, folder: Path | None, *, read: bool = True, key: bytes | None = None) -> None:
        self.folder, self.read = folder, read
        self.key = key if key is not None else secrets.token_bytes(32)  # no key: nothing written can be read back
        self.started = time.time()  # a pack changed since is another build's, being written
        self._index: dict[str, dict[str, _Place]] = {}  # kind -> key -> its place in an older pack
        self._entries: dict[str, int] = {}  # kind -> entries in its older packs, a key written twice counting twice
        self._hits: dict[str, set[str]] = {}  # kind -> keys read from older packs
        self._packs: dict[str, _Pack] = {}  # kind -> this build's pack, made at its first entry
        self._readers: dict[str, Any] = {}  # older pack -> its open file

    @property
    def writes(self) -> bool:
        """Whether `put` keeps anything."""
        return self.folder is not None

    def _mac(self, kind: str, key: str, blob: bytes | memoryview) -> bytes:
        return hmac.digest(self.key, f"{kind}\0{key}\0".encode() + blob, "sha256")

    def keys(self, kind: str) -> set[str]:
        """The keys of the entries of `kind` the cache holds (whole or not, signed or not)."""
        return {key for pack in self._pack_files(kind) for key, _ in read_pack(pack)}

    def _pack_files(self, kind: str) -> list[Path]:
        """The packs of `kind` in the folder now, oldest first (their names begin with the time they were made)."""
        folder = self.folder / kind if self.folder is not None else None
        return sorted(folder.glob(f"*{_PACK}")) if folder is not None and folder.is_dir() else []

    def get(self, kind: str, key: str) -> Any:
        if self.folder is None or not self.read:
            return None
        place = self._older(kind).get(key)
        if place is None:
            return None
        try:
            data = memoryview(self._read(place))
        except OSError:  # gone or unreadable: compute it again
            return None
        mac, key_size, _ = _HEAD.unpack_from(data)
        blob = data[_HEAD.size + key_size:]
        if not hmac.compare_digest(mac, self._mac(kind, key, blob)):
            warnings.warn(f"{place.pack}: cache entry {key} fails its signature check (changed, moved or not written "
                          "by this user's kgraph); ignored, extracted again", stacklevel=2)
            return None
        try:
            value = pickle.loads(blob)
        except Exception:  # from another Python or kgraph: compute it again
            return None
        self._hits.setdefault(kind, set()).add(key)
        return value

    def put(self, kind: str, key: str, blob: bytes) -> None:
        """Store a pickle's bytes under the key, signed, in this build's pack of `kind`."""
        if self.folder is None:
            return
        name = key.encode("utf-8")
        pack = self._packs.get(kind) or self._pack(kind)
        pack.write(_HEAD.pack(self._mac(kind, key, blob), len(name), len(blob)) + name + blob)

    def _pack(self, kind: str) -> _Pack:
        folder = os.path.join(self.folder or "", kind)
        os.makedirs(folder, exist_ok=True)
        pack = self._packs[kind] = _Pack(folder)
        return pack

    def _older(self, kind: str) -> dict[str, _Place]:
        """The entries of the packs of `kind` there were when this build first asked (the last of a key written
        twice)."""
        index = self._index.get(kind)
        if index is None:
            index = self._index[kind] = {}
            entries = 0
            for pack in self._pack_files(kind):
                try:
                    for key, place in read_pack(pack):
                        index[key] = place
                        entries += 1
                except OSError:  # unreadable: its entries are misses
                    continue
            self._entries[kind] = entries
        return index

    def _read(self, place: _Place) -> bytes:
        reader = self._readers.get(place.pack)
        if reader is None:
            reader = self._readers[place.pack] = open(place.pack, "rb")  # noqa: SIM115 (closed by `close`)
        reader.seek(place.start)
        data = reader.read(place.size)
        if len(data) != place.size:
            raise OSError(f"{place.pack}: cut off")
        return data

    def prune(self) -> int:
        """Keep the entries this build read from older packs in its own, then remove the older packs and the entries
        of older kgraph and files left by killed builds; how many files were removed. A pack changed since this
        build began is another build's, and stays; when every entry was read from the older packs and none added,
        they stay as they are."""
        removed = 0
        for kind in KINDS if self.folder is not None else ():
            hits = self._hits.get(kind, set())
            kept = kind not in self._packs and kind in self._index and len(hits) == self._entries[kind]
            if not kept:
                self._keep(kind, hits)
            own = self._packs.pop(kind, None)
            if own is not None:
                own.close()
            self.close()  # before the older packs are removed (Windows removes no open file)
            folder = self.folder / kind
            for entry in os.scandir(folder) if folder.is_dir() else ():
                suffix = os.path.splitext(entry.name)[1]
                mine = own is not None and entry.name == os.path.basename(own.path)
                if suffix in _OLDER or (suffix == _PACK and not kept and not mine and _older_than(entry, self.started)):
                    Path(entry.path).unlink(missing_ok=True)
                    removed += 1
        return removed

    def _keep(self, kind: str, hits: set[str]) -> None:
        """Write the entries `hits` read from older packs into this build's pack, in the order they lie."""
        places = sorted((self._index[kind][key] for key in hits), key=lambda place: (place.pack, place.start))
        for place in places:
            try:
                data = self._read(place)
            except OSError:
                continue
            (self._packs.get(kind) or self._pack(kind)).write(data)

    def close(self, *, written: bool = False) -> None:
        """Close the older packs this cache read, and with `written` this build's (a build that stops early)."""
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()
        while written and self._packs:
            self._packs.popitem()[1].close()


def _older_than(entry: os.DirEntry[str], moment: float) -> bool:
    try:
        return entry.stat().st_mtime < moment
    except OSError:
        return False


class KnownNames:
    """The corpus's known names, found in a page by looking up its substrings: one pass over the text, however
    many names the corpus knows (testing each name against each page grows with both). Only the substrings that
    begin with the first two characters a known name may begin with are looked up: a sixth of the positions
    begin with a first one, which was 1.1 s at 60,000 articles in the driver's process (its workers waiting),
    and a known name's second character (of a few hundred, a few thousand) leaves half of those or fewer."""

    def __init__(self, known: dict[str, Role]) -> None:
        self.known, self.order = known, {name: i for i, name in enumerate(known)}
        self.names, self.lengths = list(known), sorted({len(name) for name in known})
        firsts = {name[0] for name in known if name}
        # at each such position, the longest piece a name may be (shorter at the end): `findall` makes them in C,
        # and a piece that recurs in the page (a name, a phrase) is cut into its prefixes once
        longest = max(self.lengths, default=1)
        self.pieces = None
        if self.lengths and self.lengths[0] >= 2:  # every name has a second character (a name of one has not)
            start = _character_class(firsts) + _character_class({name[1] for name in known})
            self.pieces = re.compile(f"(?=({start}.{{0,{longest - 2}}}))", re.DOTALL)
        elif firsts:
            self.pieces = re.compile(f"(?=({_character_class(firsts)}.{{0,{longest - 1}}}))", re.DOTALL)

    def relevant(self, articles: Iterable[Article]) -> dict[str, Role]:
        """What `kgraph.pipeline.relevant_names` gives: the known names in the articles' text, in known order."""
        text = "\0".join(article.text for article in articles)
        pieces = set(self.pieces.findall(text)) if self.pieces is not None else ()
        found = self.order.keys() & {piece[:n] for piece in pieces for n in self.lengths}
        names, known = self.names, self.known
        return {names[i]: known[names[i]] for i in sorted(map(self.order.__getitem__, found))}


def _character_class(characters: set[str]) -> str:
    """A regular expression's class of these characters."""
    return "[" + "".join(sorted(map(re.escape, characters))) + "]"


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
