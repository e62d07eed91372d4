"""Data derived from installed dictionaries, kept in the user's cache folder in a form that loads fast.

jieba's and pypinyin's dictionaries are text and JSON that every build parsed again: most of the start-up of a
small build. Their derived forms are caches, never shipped or committed (style guide, principle 9): a marshal file
in `$KGRAPH_CACHE_DIR`, else `$XDG_CACHE_HOME/kgraph`, else `~/.cache/kgraph`, named by a key of what it is derived
from (each source file's path, size and modification time, the deriving code's version, the Python version). A
changed source gives another key, so a stale file is never read: it is derived again. A file that cannot be read
is derived again; a folder that cannot be written means deriving in memory at every start.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = ["cache_folder", "load_derived", "store_derived"]


def cache_folder() -> Path:
    """Where derived data is kept (see the module docstring)."""
    named = os.environ.get("KGRAPH_CACHE_DIR")
    if named:
        return Path(named)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kgraph"


def _key(sources: Iterable[Path], version: str) -> str:
    parts = [version, sys.version, str(sys.maxunicode)]
    for path in sources:
        stat = path.stat()
        parts.append(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def load_derived(name: str, sources: Iterable[Path], version: str, derive: Callable[[], Any]) -> Any:
    """`derive()`, or what it returned before from the same `sources` and `version` (marshal data: built-in types
    only). `derive` must depend on nothing but the sources, the version and the Python version."""
    try:
        path = _path(name, sources, version)
    except (OSError, RuntimeError):  # a source gone, or no home folder: nothing to key the file by
        return derive()
    try:
        stored = marshal.loads(path.read_bytes())
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == name:
            return stored[1]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = derive()
    _store(path, marshal.dumps((name, value)))
    return value


def store_derived(name: str, sources: Iterable[Path], version: str, value: Any) -> None:
    """Keep `value` as what `load_derived` gives from now on for `name`, `sources` and `version`: for a table that
    grows as it is used (`kgraph.regex`)."""
    try:
        path = _path(name, sources, version)
    except (OSError, RuntimeError):
        return
    _store(path, marshal.dumps((name, value)))


def _path(name: str, sources: Iterable[Path], version: str) -> Path:
    return cache_folder() / f"{name}-{_key(sources, version)}.marshal"


def _store(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file, so another process never reads half of it."""
    import tempfile  # only when something is derived: not at every start

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
