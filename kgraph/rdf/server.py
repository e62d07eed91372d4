"""Run the Oxigraph server (the `oxigraph` program of `pip install 'kgraph-news[server]'`) on graph files:
`kgraph serve`.

It listens on 127.0.0.1 only, behind a guard (`kgraph.rdf.guard`) that refuses `SERVICE` and `LOAD`, and is
read-only unless asked (`writable=True`, `kgraph serve --writable`): the
server has no authentication, and any web page open in the user's browser can send it a form, so an open update
endpoint would let any page change the store. Read-only runs `oxigraph serve-read-only` on a store folder (a
temporary one, removed at the end, when none is given; one left by a server killed outright, `kill -9`, is removed
by the next `kgraph serve`). Queries see the union of all graphs, as `kgraph query`
does on local files.

How the files get in was chosen by measurement (a 1M-triple, 51 MB Turtle file, 2 shared cores): without a store
folder the server keeps the graph in memory and the files are pushed to it once it listens (9-12 s, 350 MB of
memory); with a store folder, `oxigraph load`'s bulk loader fills it before the server starts (18-21 s; pushing
into an on-disk store takes 142 s), and the folder can be served again later without loading anything.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from kgraph.errors import GraphError, ServerError
from kgraph.interrupt import end_with_parent
from kgraph.rdf.endpoint import push_graph, query_endpoint
from kgraph.rdf.guard import Guard

HOST = "127.0.0.1"
DEFAULT_PORT = 7878  # Oxigraph's own default
READY_TIMEOUT_S = 30.0  # from start to listening; an in-memory or freshly loaded store opens in well under a second
STOP_TIMEOUT_S = 10.0  # after SIGTERM, before SIGKILL
INSTALL_HINT = "pip install 'kgraph-news[server]'"
TEMPORARY_PREFIX = "kgraph-serve-"  # a temporary store's folder in the system's temporary folder
OWNER_FILE = "owner.pid"  # in it, beside the store: the process that made it


@dataclass
class Server:
    """A running `oxigraph serve` process and its endpoints; `stop()` (or leaving a `with` block) ends it."""

    process: subprocess.Popen[bytes]
    port: int
    location: Path | None
    log: IO[bytes] = field(repr=False)  # the server's stderr, read when it fails
    writable: bool = False
    temporary: Path | None = None  # the folder made for a read-only server's store, removed when it stops
    private_port: int = 0  # where oxigraph itself listens; `port` is the guard's (kgraph.rdf.guard)
    guard: Guard | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"

    def wait(self) -> int:
        """Block until the server ends; its exit status."""
        return self.process.wait()

    @property
    def private_url(self) -> str:
        return f"http://{HOST}:{self.private_port or self.port}"

    def stop(self) -> None:
        """End the server and wait for it: SIGTERM lets it close its store cleanly, SIGKILL if it does not."""
        if self.guard is not None:
            self.guard.stop()
            self.guard = None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)

    def complaint(self) -> str:
        """The last line the server wrote to stderr: why it stopped."""
        self.log.seek(0)
        return _last_line(self.log.read().decode("utf-8", "replace"))

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def find_oxigraph() -> Path:
    """The `oxigraph` program: in this Python's scripts folder (where pip puts it), else on PATH."""
    names = ("oxigraph.exe", "oxigraph") if os.name == "nt" else ("oxigraph",)
    for folder in dict.fromkeys([sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]):
        for name in names:
            candidate = Path(folder) / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
    found = shutil.which("oxigraph")
    if found is None:
        raise ServerError(f"the oxigraph server is not installed: {INSTALL_HINT}")
    return Path(found)


def start_server(
    paths: Sequence[str | Path],
    *,
    port: int = DEFAULT_PORT,
    location: str | Path | None = None,
    program: Path | None = None,
    writable: bool = False,
) -> Server:
    """Start the Oxigraph server on 127.0.0.1:`port` with the graph files loaded; returns once it answers.

    `location` keeps the store in that folder (made if missing; files are added to what it holds). Read-only
    unless `writable`; a writable server without `location` keeps the store in memory.
    """
    files = _check_files(paths)
    program = program or find_oxigraph()
    folder = Path(location) if location is not None else None
    _check_port_free(port)
    temporary = None
    if folder is None and not writable:
        temporary = _temporary_folder()
        folder = temporary / "store"
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        if files:
            try:
                _bulk_load(program, folder, files)
            except BaseException:
                if temporary is not None:
                    shutil.rmtree(temporary, ignore_errors=True)
                raise
    mode = "serve" if writable else "serve-read-only"
    private = _free_port()
    command = [str(program), mode, "--bind", f"{HOST}:{private}", "--union-default-graph"]
    if folder is not None:
        command += ["--location", str(folder)]
    log = tempfile.TemporaryFile()  # noqa: SIM115 -- lives as long as the server; Server.stop() closes it
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                                   preexec_fn=_ends_with_us())
    except OSError:
        log.close()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        raise
    server = Server(process, port, None if temporary else folder, log, writable, temporary, private)
    try:
        _wait_until_listening(server)
        if folder is None:
            for path in files:
                push_graph(path, f"{server.private_url}/store", replace=False)
        server.guard = Guard(HOST, port, (HOST, private))
    except BaseException:
        server.stop()
        raise
    return server


def _temporary_folder() -> Path:
    """A new folder for a temporary store, with the number of the process that owns it; first the folders of
    owners that have ended are removed: a server killed with SIGKILL never removes its own."""
    parent = Path(tempfile.gettempdir())
    _remove_orphans(parent)
    folder = Path(tempfile.mkdtemp(prefix=TEMPORARY_PREFIX, dir=parent))
    (folder / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    return folder


def _remove_orphans(parent: Path) -> None:
    """Remove the temporary stores in `parent` whose owner has ended. Only where a process can be asked whether
    it is alive without touching it (POSIX: on Windows `os.kill` ends it); a folder with no owner file (made by
    someone else) or an owner still alive (or a number taken again by another process) is left alone."""
    if os.name != "posix":
        return
    for folder in parent.glob(TEMPORARY_PREFIX + "*"):
        try:
            owner = int((folder / OWNER_FILE).read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue
        if owner > 0 and owner != os.getpid() and not _alive(owner):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        pass
    return True


def count_triples(server: Server) -> int:
    """How many triples the server holds (in all graphs)."""
    result = query_endpoint(server.query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(next(iter(result))[0])


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Inside the block, SIGTERM (`kill PID`) raises KeyboardInterrupt, so it stops the server as Ctrl-C does.

    Python's default for SIGTERM is to die at once, which would leave the oxigraph process running.
    """
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _check_files(paths: Sequence[str | Path]) -> list[Path]:
    files = [Path(path) for path in paths]
    for path in files:
        if not path.exists():
            raise GraphError(f"no such graph file: {path}")
        if not path.is_file():
            raise GraphError(f"not a graph file: {path}")
    return files


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _check_port_free(port: int) -> None:
    """A port another program listens on would make oxigraph fail, or worse, our readiness check succeed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as oxigraph does: TIME_WAIT is no obstacle
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            raise ServerError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}; choose another --port") from None


def _bulk_load(program: Path, folder: Path, files: Sequence[Path]) -> None:
    command = [str(program), "load", "--location", str(folder), "--file", *map(str, files)]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, errors="replace",
                          preexec_fn=_ends_with_us())
    if done.returncode != 0:
        why = _last_line(done.stderr) or _last_line(done.stdout) or f"exit status {done.returncode}"
        raise ServerError(f"oxigraph load could not load {', '.join(map(str, files))} into {folder}: {why}")


def _ends_with_us() -> Callable[[], None] | None:
    """What the child runs before oxigraph starts, on Linux: it gets SIGTERM when kgraph ends. Ctrl-C and `kill
    PID` stop the server through `Server.stop`, but `kill -9` (or an out-of-memory kill) gives kgraph no chance to:
    the server would keep the port and the store's lock with nobody to stop it."""
    return functools.partial(end_with_parent, os.getpid(), signal.SIGTERM) if sys.platform.startswith("linux") else None


def _wait_until_listening(server: Server) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while True:
        if server.process.poll() is not None:
            raise ServerError(f"the oxigraph server stopped at once: {server.complaint() or 'no message'}")
        try:
            with socket.create_connection((HOST, server.private_port or server.port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise ServerError(f"the oxigraph server did not listen on {HOST}:{server.private_port} within "
                                  f"{READY_TIMEOUT_S:.0f} s") from None
            time.sleep(0.05)


def _last_line(text: str) -> str:
    return next((line.strip() for line in reversed(text.splitlines()) if line.strip()), "")


__all__ = ["DEFAULT_PORT", "HOST", "Server", "count_triples", "find_oxigraph", "sigterm_as_interrupt", "start_server"]
