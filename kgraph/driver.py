"""The one driver: a `Pipeline` over texts, files and folders, in this process, on a process pool or on dask.

`kgraph.build`, `kgraph.run` and `kgraph build` all come here. Two map phases over the pages and one reduce, then
resolution once (see `kgraph.pipeline`):

1. per page: read, split into articles, pass-1 people (`read_task`); cached by the page's bytes, its source name,
   the year option and the code and lexicons of kgraph (`kgraph.batch.fingerprint`);
2. the known names of the whole corpus, merged in page order (`merge_known`);
3. per page: pass-2 extraction (`extract_task`); cached by the key of 1 and the known names that occur in the page,
   so adding files re-extracts only the files those new names appear in;
4. resolution over the whole corpus (`Pipeline.resolve`).

The result is the same for any number of jobs, on a cluster or not, with or without the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from kgraph.batch import (
    Engine,
    KnownNames,
    LocalEngine,
    Progress,
    SignedCache,
    Task,
    Together,
    cache_key_file,
    fingerprint,
    load_cache_key,
    run_phase,
)
from kgraph.errors import InputError
from kgraph.gazetteer import Division
from kgraph.heap import heap_frozen
from kgraph.inputs import Input, Page, collect_inputs, no_article
from kgraph.lexicon import Lexicon
from kgraph.model import Article, Extraction
from kgraph.pipeline import (
    PageReading,
    Pipeline,
    attach_articles,
    extract_task,
    load,
    merge_known,
    read_task,
    read_tasks,
    read_weight,
    release_caches,
)
from kgraph.rdf.vocab import DEFAULT_BASE
from kgraph.resolve import Decision
from kgraph.result import BuildResult, BuildStats

__all__ = ["build", "run"]

# characters of pages read together in pass 1: the recogniser's Viterbi costs per step over all their sentences, so
# short pages cost less together (the MSRA pages: a third less), but past a few MB of scores less fits the cache
READ_TOGETHER = 12_000


def run(pipeline: Pipeline, inputs: Input | Iterable[Input], *, jobs: int = 1, cache: str | os.PathLike | None = None,
        use_cache: bool = True, scheduler: str | None = None, progress: Progress | None = None,
        allow_empty: bool = False) -> BuildResult:
    """Build with `pipeline` from texts, (name, text) pairs, files and folders (`kgraph.inputs`).

    `jobs` processes read and extract the pages, this one among them (1: this one alone), or the dask cluster at
    `scheduler` does. Results are cached in the folder `cache`, which then keeps only what this build used;
    `use_cache=False` computes everything again (and refreshes the cache). `progress` is called twice per page.
    Input without any article raises `EmptyInputError` unless `allow_empty`.
    """
    pages = collect_inputs(inputs)
    pipeline.lex.tokenizer.expect(sum(map(_input_size, pages)))
    step = progress or (lambda _: None)
    store = _open_cache(Path(cache) if cache is not None else None, use_cache)
    stamp = fingerprint(pipeline.lexicon)

    def reads() -> Iterator[tuple[str, Task]]:
        for page in pages:
            data = page.text if page.text is not None else _file_bytes(page.path)
            raw = data.encode("utf-8") if isinstance(data, str) else data
            kind = "t" if isinstance(data, str) else "f"  # a text is not decoded: never the key of a file's bytes
            key = hashlib.sha256(f"{stamp}\0{page.name}\0{pipeline.year}\0{kind}\0".encode() + raw).hexdigest()
            yield key, (str(page.path or page.name), page.name, pipeline.year, data)

    engine = _engine(jobs, len(pages), pipeline.lexicon, pipeline.lex, scheduler)
    try:
        with heap_frozen():
            articles, extractions, read, extracted = _extract(engine, store, reads(), step,
                                                              None if allow_empty else pages)
    except BaseException:
        engine.close(abort=True)
        store.close(written=True)
        raise
    engine.close(abort=False)
    store.prune()
    release_caches(pipeline.lex)
    corpus = pipeline.resolve(articles, extractions, jobs=jobs)
    return BuildResult(corpus, BuildStats(len(pages), read, extracted), base=pipeline.base)


def _extract(engine: Engine, store: SignedCache, reads: Iterable[tuple[str, Task]], step: Progress,
             pages: list[Page] | None) -> tuple[list[Article], list[Extraction], int, int]:
    """Both passes over the pages: the articles, their extractions, and how many pages each pass computed. Input
    without any article raises `EmptyInputError` unless `pages` is None.

    What pass 1 found besides the articles (its people and names) is dropped when this returns, before resolution.
    Each page's extractions come back (from a worker or the cache) without their articles: they take the very
    articles of pass 1 as they come in, so the corpus never holds an article twice."""
    keys, readings, read = run_phase(engine, store, "pages", read_task, reads, PageReading, step,
                                     together=Together(read_tasks, read_weight, READ_TOGETHER))
    articles = [article for reading in readings for article in reading.articles]
    if not articles and pages is not None:
        raise no_article(pages)
    names = KnownNames(merge_known(readings))

    def extractions() -> Iterator[tuple[str, Task]]:
        for page_key, reading in zip(keys, readings, strict=True):
            relevant = names.relevant(reading.articles)
            key = hashlib.sha256(page_key.encode() + pickle.dumps(tuple(relevant.items()))).hexdigest()
            yield key, (reading, relevant)

    def adopt(index: int, page: tuple[tuple[object, ...], ...]) -> list[Extraction]:
        return attach_articles(readings[index].articles, page)

    _, pages_extracted, extracted = run_phase(engine, store, "extractions", extract_task, extractions(), tuple,
                                              step, adopt)
    return articles, [e for page in pages_extracted for e in page], read, extracted


def build(inputs: Input | Iterable[Input], *, lexicon: str | os.PathLike | None = None,
          home: str | Division | None = None,
          year: int | None = None, merge: bool = True, decisions: str | os.PathLike | Sequence[Decision] = (),
          base: str = DEFAULT_BASE, jobs: int = 1, cache: str | os.PathLike | None = None, use_cache: bool = True,
          scheduler: str | None = None, progress: Progress | None = None, allow_empty: bool = False) -> BuildResult:
    """`run(load(...), inputs, ...)`: the whole build in one call (see `kgraph.load` and `run` for the options)."""
    return run(load(lexicon, home, year, merge=merge, decisions=decisions, base=base), inputs, jobs=jobs,
               cache=cache, use_cache=use_cache, scheduler=scheduler, progress=progress, allow_empty=allow_empty)


def _input_size(page: Page) -> int:
    """About how many bytes of text a page holds (its file's size; 0 if it cannot be read, which reading says)."""
    if page.text is not None:
        return len(page.text) * 3
    try:
        return page.path.stat().st_size if page.path is not None else 0
    except OSError:
        return 0


def _open_cache(folder: Path | None, use_cache: bool) -> SignedCache:
    """The signed cache in `folder` (none: nothing cached); a key that cannot be read means nothing is read back."""
    key = None
    if folder is not None:
        key_file = cache_key_file()
        try:
            key = load_cache_key(key_file)
        except OSError as err:
            warnings.warn(f"{key_file}: cannot read or make the cache's signing key ({err.strerror or err}); the "
                          "cache is not read", stacklevel=3)
            use_cache = False
    return SignedCache(folder, read=use_cache, key=key)


def _file_bytes(path: Path | None) -> bytes:
    try:
        return Path(path or "").read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from err


def _engine(jobs: int, pages: int, lexicon: Path | None, lex: Lexicon, scheduler: str | None) -> Engine:
    if scheduler is None:
        return LocalEngine(min(max(jobs, 1), pages), lexicon, lex)
    from kgraph.cluster import DaskEngine  # only when asked for: dask is an optional extra

    return DaskEngine(scheduler, lexicon)
