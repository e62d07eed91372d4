"""File I/O at the edges: which input files a build reads, and writing outputs without ever losing the old ones."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from kgraph.errors import InputError
from kgraph.text import read_text


def collect_files(inputs: Sequence[Path]) -> list[Path]:
    """The .txt files named or contained (recursively) in `inputs`, sorted, each once."""
    files: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file() and not p.name.startswith("."))
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


def read_pages(files: Sequence[Path]) -> Iterator[tuple[str, str]]:
    """(source name, decoded text) for each file; undecodable or binary files raise InputError."""
    for name, path in zip(source_names(files), files, strict=True):
        yield name, read_text(path)


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text to a temporary file beside `path`, then move it into place: the old file survives a crash,
    and a reader never sees half a file. A replaced file keeps its mode; a new one is readable by all."""
    write_atomic_chunks(path, (text,))


def write_atomic_chunks(path: Path, chunks: Iterable[str]) -> None:
    """`write_atomic` for text that comes in pieces (a graph streamed out): never held in memory as one string.

    If `chunks` raises, the old file stays as it was and the temporary file is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp makes it private
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
