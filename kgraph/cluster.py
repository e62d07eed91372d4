"""The per-file tasks of `kgraph.batch` on a dask.distributed cluster: `kgraph build --scheduler ADDRESS`.

Imported only when asked for, since dask is an optional extra (`kgraph-news[dask]`). Workers may run on other machines:
they get each file's bytes with its task and the user's lexicon folder as the contents of its files, and never touch
this machine's files or the cache, which stay with this process. Every worker must run the same kgraph as this one
(checked on connecting), since cached results are keyed by this side's code.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgraph.batch import Task, TaskFunc, fingerprint
from kgraph.errors import SchedulerError
from kgraph.lexicon import Lexicon, load_lexicon

try:
    from distributed import Client, Future
    from distributed.comm.addressing import get_address_host_port
    from distributed.scheduler import KilledWorker
except ImportError as err:  # pragma: no cover - depends on the installation
    raise SchedulerError("--scheduler needs dask.distributed: pip install 'kgraph-news[dask]'") from err

BATCH = 64  # tasks sent to the scheduler at a time: a few MB of pages


@dataclass(frozen=True)
class LexiconFiles:
    """A user's lexicon folder as the names and bytes of its files; no files for kgraph's own lexicons only."""

    files: tuple[tuple[str, bytes], ...] = ()

    @classmethod
    def of(cls, folder: Path | None) -> LexiconFiles:
        if folder is None:
            return cls()
        return cls(tuple((path.name, path.read_bytes()) for path in sorted(Path(folder).glob("*.txt"))
                         if path.is_file()))

    def folder(self) -> Path | None:
        """The files in a folder on this machine named after their contents, so one name always means one content
        (`load_lexicon` keeps what it loaded by folder name)."""
        if not self.files:
            return None
        digest = hashlib.sha256(b"".join(name.encode() + b"\0" + data + b"\0" for name, data in self.files))
        target = Path(tempfile.gettempdir()) / f"kgraph-lexicon-{digest.hexdigest()[:32]}"
        if not target.is_dir():
            staging = Path(tempfile.mkdtemp(prefix=".kgraph-lexicon-"))
            for name, data in self.files:
                (staging / name).write_bytes(data)
            try:
                os.replace(staging, target)
            except OSError:  # another worker process put it there first
                for name, _ in self.files:
                    (staging / name).unlink()
                staging.rmdir()
        return target


@functools.cache
def loaded_fingerprint() -> str:
    """kgraph's fingerprint as this worker process first saw it, soon after importing kgraph: the code it runs, even
    if the files were changed (upgraded) since."""
    return fingerprint()


@functools.cache
def worker_lexicon(files: LexiconFiles) -> Lexicon:
    """The lexicon on a worker, loaded once per worker process."""
    return load_lexicon(files.folder())


def _run(func: TaskFunc, task: Task, files: LexiconFiles) -> Any:
    return func(*task, worker_lexicon(files))


def _connect(address: str) -> Client:
    """A client of the scheduler; a malformed address fails here at once (a failed client would hang on exit)."""
    try:
        get_address_host_port(address)  # tcp, tls, ws, wss: the networks a build on other machines can use
    except ValueError as err:
        raise SchedulerError(f"--scheduler {address}: not a scheduler address like tcp://host:8786 ({err})") from err
    try:
        return Client(address, set_as_default=False)
    except OSError as err:  # refused or timed out (after dask's distributed.comm.timeouts.connect, 30 s)
        raise SchedulerError(f"cannot reach the dask scheduler at {address}: {err}") from err


class DaskEngine:
    """Tasks as futures on the cluster; results come back in the order of the tasks."""

    def __init__(self, address: str, lexicon: Path | None) -> None:
        self.address = address
        self.client = _connect(address)
        self.pending: deque[Future] = deque()
        try:
            self._check_workers()
            self.lexicon = self.client.scatter(LexiconFiles.of(lexicon), broadcast=True, hash=False)
        except BaseException:
            self.client.close()
            raise

    def _check_workers(self) -> None:
        try:
            stamps = self.client.run(loaded_fingerprint)
        except Exception as err:  # kgraph missing or broken on a worker: the error of the first that failed
            raise SchedulerError(f"the workers of {self.address} cannot run kgraph ({err!r}): install it there") \
                from err
        if not stamps:
            raise SchedulerError(f"the dask scheduler at {self.address} has no workers")
        ours = fingerprint()
        others = sorted(worker for worker, stamp in stamps.items() if stamp != ours)
        if others:
            raise SchedulerError(f"{len(others)} of {len(stamps)} workers of {self.address} run another kgraph "
                                 f"(code or lexicons) than this one, e.g. {others[0]}: install the same everywhere")

    def map(self, func: TaskFunc, tasks: Iterable[Task]) -> Iterator[Any]:
        tasks = list(tasks)  # sent in batches of BATCH: the cluster runs them while the first results come back
        if not tasks:
            return iter(())
        # each task holds its data, so the scheduler can run it again elsewhere when a worker is lost; sent in
        # batches, so no graph is large and the workers start on the first batch while the next is sent
        futures = self.client.map(_run, [func] * len(tasks), tasks, [self.lexicon] * len(tasks), pure=False,
                                  batch_size=BATCH)
        self.pending = deque(futures)
        return self._results()

    def _results(self) -> Iterator[Any]:
        while self.pending:
            try:
                blob = self.pending[0].result()
            except (KilledWorker, CancelledError) as err:
                raise SchedulerError(f"the dask cluster at {self.address} lost a task: {err}") from err
            self.pending.popleft()  # the cluster forgets a result nobody holds
            yield blob

    def close(self, *, abort: bool) -> None:
        """Cancel what is still running (`abort`) and disconnect; the cluster itself keeps running."""
        if abort:
            self.client.cancel(list(self.pending))
        self.pending.clear()
        self.client.close()
