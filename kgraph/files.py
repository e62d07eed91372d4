"""File I/O at the edges: which input files a build reads, and writing outputs without ever losing the old ones."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from kgraph.errors import InputError, OutputError


def _walk_txt(folder: Path) -> list[Path]:
    """The .txt files under `folder`; a subfolder that cannot be read is an error, not a silent gap in the graph."""
    found: list[Path] = []

    def refuse(error: OSError) -> None:
        raise InputError(f"{error.filename}: cannot read folder ({error.strerror or error})")

    for root, _, names in os.walk(folder, onerror=refuse):
        found.extend(Path(root) / name for name in names if name.endswith(".txt"))
    return found


def collect_files(inputs: Sequence[Path]) -> list[Path]:
    """The .txt files named or contained (recursively) in `inputs`, sorted, each once."""
    files: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found = sorted(p for p in _walk_txt(path) if p.is_file() and not p.name.startswith("."))
            if not found:
                raise InputError(f"{path}: folder has no .txt files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    unique = list(dict.fromkeys(p.resolve() for p in files))
    return unique


def source_names(files: Sequence[Path]) -> list[str]:
    """Short, unique names for the files: the file name, or the path below their common folder when names clash."""
    names = [f.name for f in files]
    if len(set(names)) == len(names):
        return names
    root = Path(os.path.commonpath([str(f.parent) for f in files]))
    return [f.relative_to(root).as_posix() for f in files]


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text to a temporary file beside `path`, then move it into place: the old file survives a crash,
    and a reader never sees half a file. A replaced file keeps its mode; a new one is readable by all."""
    write_atomic_chunks(path, (text,))


def write_atomic_chunks(path: Path, chunks: Iterable[str]) -> None:
    """`write_atomic` for text that comes in pieces (a graph streamed out): never held in memory as one string.

    If `chunks` raises, the old file stays as it was and the temporary file is removed. A temporary file left by
    a writer that was killed (`kill -9`) is removed the next time. A symlink is written through (its target
    replaced, the link kept), and a device or pipe (`/dev/stdout`) is written to directly. A full disk names the
    file."""
    path = Path(path)
    if _written_in_place(path):
        _write_chunks(path, chunks, open_mode="a")  # "a": never truncate what the shell opened
        return
    path = path.resolve() if path.is_symlink() else path
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                for chunk in chunks:
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as err:
            raise OutputError(f"{path}: cannot write ({err.strerror or err}); the old file is unchanged") from err
        os.chmod(tmp, mode)  # mkstemp makes it private
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _written_in_place(path: Path) -> bool:
    """A device, pipe or terminal (`/dev/stdout`, `/dev/fd/1`): there is no file to replace, only one to write."""
    if path.as_posix().startswith(("/dev/", "/proc/")):
        return True
    try:
        return path.exists() and not path.resolve().is_file() and not path.resolve().is_dir()
    except OSError:
        return False


def _write_chunks(path: Path, chunks: Iterable[str], *, open_mode: str) -> None:
    try:
        with path.open(open_mode, encoding="utf-8", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({err.strerror or err})") from err


def remove_stale_temporaries(path: Path) -> int:
    """Remove `.NAME.PID.*.tmp` files beside `path` whose writer (PID) is gone: left by a writer killed with
    `kill -9`, which had no chance to remove them. Returns how many were removed."""
    removed = 0
    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return 0
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        pid = entry.name[len(prefix):].split(".", 1)[0]
        if not pid.isdigit() or not _alive(int(pid)):
            Path(entry.path).unlink(missing_ok=True)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
