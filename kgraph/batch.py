"""Building from files: pages read and extracted in a process pool, with a cache of each page's results.

Two map phases over the files and one reduce, then resolution once (see `kgraph.pipeline`):

1. per file: read, split into articles, pass-1 people (`read_page`); cached by the file's bytes, its source name,
   the year option and the code and lexicons of kgraph (`fingerprint`);
2. the known names of the whole corpus, merged in file order (`merge_known`);
3. per file: pass-2 extraction (`extract_page`); cached by the key of 1 and the known names that occur in the file,
   so adding files re-extracts only the files those new names appear in;
4. resolution over the whole corpus (`resolve_corpus`).

Cache entries are pickles under the cache folder, each written to a temporary file and moved into place, so an
interrupted build leaves a usable cache. The result is the same for any number of jobs, with or without the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgraph import __version__
from kgraph.errors import InputError
from kgraph.files import source_names
from kgraph.gazetteer import Division
from kgraph.lexicon import load_lexicon
from kgraph.model import Corpus, Extraction, Role
from kgraph.pipeline import PageReading, extract_page, merge_known, read_page, relevant_names, resolve_corpus
from kgraph.text.read import decode_bytes

Progress = Callable[[str], None]
PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class BuildStats:
    """How many files each phase computed rather than took from the cache."""

    files: int
    read: int
    extracted: int


def fingerprint(lexicon: Path | None = None) -> str:
    """A hash of kgraph's version, code and lexicons (and the user's lexicon folder): what cached results depend on."""
    digest = hashlib.sha256(__version__.encode())
    roots = [PACKAGE] + ([Path(lexicon).resolve()] if lexicon is not None else [])
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".txt", ".csv")):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class _Cache:
    """Pickled values by key under a folder; a missing, unreadable or stale entry is a miss."""

    def __init__(self, folder: Path | None, *, read: bool = True) -> None:
        self.folder, self.read = folder, read

    def get(self, kind: str, key: str) -> Any:
        if self.folder is None or not self.read:
            return None
        try:
            return pickle.loads((self.folder / kind / f"{key}.pickle").read_bytes())
        except Exception:  # absent, truncated or from another Python: compute it again
            return None

    def put(self, kind: str, key: str, value: object) -> None:
        if self.folder is None:
            return
        folder = self.folder / kind
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{key}.pickle")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


_state: dict[str, Any] = {}  # per worker process: lexicon, cache, known names


def _start(lexicon: Path | None, cache: _Cache, known: dict[str, Role] | None = None) -> None:
    _state.update(lex=load_lexicon(lexicon), cache=cache, known=known)


def _read_one(task: tuple[Path, str, int | None, str]) -> tuple[str, PageReading, bool]:
    path, source, year, stamp = task
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from err
    key = hashlib.sha256(f"{stamp}\0{source}\0{year}\0".encode() + data).hexdigest()
    cache: _Cache = _state["cache"]
    reading = cache.get("pages", key)
    if isinstance(reading, PageReading):
        return key, reading, False
    reading = read_page(source, decode_bytes(data, name=str(path)), _state["lex"], year=year)
    cache.put("pages", key, reading)
    return key, reading, True


def _extract_one(task: tuple[str, PageReading]) -> tuple[tuple[Extraction, ...], bool]:
    page_key, reading = task
    relevant = relevant_names(reading.articles, _state["known"])
    key = hashlib.sha256(page_key.encode() + pickle.dumps(tuple(relevant.items()))).hexdigest()
    cache: _Cache = _state["cache"]
    extractions = cache.get("extractions", key)
    if isinstance(extractions, tuple):
        return extractions, False
    extractions = extract_page(reading.articles, _state["lex"], relevant)
    cache.put("extractions", key, extractions)
    return extractions, True


def _map(func: Callable[[Any], Any], tasks: list[Any], jobs: int, init: tuple[Any, ...]) -> Iterator[Any]:
    """`func` over `tasks` in order: in this process for one job, else in a pool whose workers run `_start(*init)`."""
    if jobs <= 1 or len(tasks) <= 1:
        _start(*init)
        try:
            yield from map(func, tasks)
        finally:
            _state.clear()
        return
    pool: Executor = ProcessPoolExecutor(min(jobs, len(tasks)), initializer=_start, initargs=init)
    try:
        yield from pool.map(func, tasks, chunksize=max(1, min(16, len(tasks) // (jobs * 8))))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def build_corpus(files: Sequence[Path], *, lexicon: Path | None = None, year: int | None = None,
                 merge: bool = True, home: Division | None = None, jobs: int = 1, cache: Path | None = None,
                 use_cache: bool = True, progress: Progress | None = None) -> tuple[Corpus, BuildStats]:
    """The resolved corpus of the files, extracted by `jobs` processes; results cached in the folder `cache`.

    `use_cache=False` computes everything again (and refreshes the cache). `progress` is called twice per file."""
    step = progress or (lambda _: None)
    lex = load_lexicon(lexicon)  # before the pools start: forked workers inherit it instead of loading it again
    store = _Cache(cache, read=use_cache)
    stamp = fingerprint(lexicon)
    tasks = [(path, source, year, stamp) for path, source in zip(files, source_names(files), strict=True)]
    keys, readings, read = [], [], 0
    for key, reading, computed in _map(_read_one, tasks, jobs, (lexicon, store)):
        keys.append(key)
        readings.append(reading)
        read += computed
        step(key)
    known = merge_known(readings)
    extractions: list[Extraction] = []
    extracted = 0
    for page, computed in _map(_extract_one, list(zip(keys, readings, strict=True)), jobs, (lexicon, store, known)):
        extractions.extend(page)
        extracted += computed
        step("")
    articles = [article for reading in readings for article in reading.articles]
    corpus = resolve_corpus(articles, extractions, lex, merge=merge, home=home)
    return corpus, BuildStats(len(files), read, extracted)
