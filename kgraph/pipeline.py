"""The ordered stages of a build; glue only.

1 text      pages -> articles                     kgraph.text.split_articles
2 extract   articles -> mentions and events         kgraph.extract.extract_article (twice: names known
                                                    anywhere in the corpus are looked for everywhere)
3 resolve   mentions -> one entity per real thing   kgraph.resolve
4 rdf       entities -> rdflib Graph                kgraph.rdf.build.build_graph
Reading files and writing outputs happen at the edges (`kgraph.files`, `kgraph.driver`, the writers, the CLI).

Stages 1 and 2 also run one page at a time, so pages can be read in parallel and their results cached:
`read_page` (stage 1 and the first pass of stage 2), `merge_known` (the corpus-wide names), `extract_page` (the
second pass), then `resolve_corpus` (stage 3) once over the whole corpus. The result is the same as `extract_corpus`.
`read_task` and `extract_task` are the first and second as the driver sends them to worker processes.

`load` makes a `Pipeline`: the lexicon, the home jurisdiction and the options of a build, once, with the stages as
methods (spaCy's `nlp`). `kgraph.driver.run` runs it over many pages.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Graph

from kgraph.batch import Pickled
from kgraph.errors import InputError
from kgraph.extract import extract_article, extract_people, known_names, load_lexicon, read_entities_of
from kgraph.extract.ner import Entity
from kgraph.gazetteer import Division
from kgraph.heap import heap_frozen
from kgraph.lexicon import Lexicon
from kgraph.model import Article, Corpus, Extraction, PersonMention, Role, pickled_by_fields
from kgraph.rdf.build import build_graph
from kgraph.rdf.iri import IriClashError
from kgraph.rdf.vocab import DEFAULT_BASE
from kgraph.regex import compiled
from kgraph.resolve import (
    Decision,
    find_division,
    infer_home,
    merge_variants,
    post_orgs,
    read_decisions,
    resolve_orgs,
    resolve_people,
    resolve_places,
    split_homonyms,
)
from kgraph.text import decode_bytes, split_articles

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


_FULL = compiled(r"^(\d{4})-\d{2}-\d{2}$")
_MONTH_DAY = compiled(r"^\d{2}-\d{2}$")


_NAME_DATE = compiled(r"(?<!\d)((?:19|20)\d{2})[-_./]?(?:0[1-9]|1[0-2])[-_./]?(?:0[1-9]|[12]\d|3[01])(?!\d)")


def year_in_name(source: str) -> int | None:
    """The year of a date in a file name as web archives write it (`2022-05-26_a.txt`, `20220526.txt`,
    `news/2022/05/26/a.txt`), if there is one.

    >>> year_in_name("2022-05-26_jingzhou.txt"), year_in_name("20060127.txt"), year_in_name("000_c7a8d9.txt")
    (2022, 2006, None)
    """
    found = {int(m.group(1)) for m in _NAME_DATE.finditer(source)}
    return found.pop() if len(found) == 1 else None


def fill_years(articles: list[Article], year: int | None = None) -> list[Article]:
    """Give month-day dates a year: the one year the page's own dates name, else the year of a date in the page's
    file name, else `year`; `近日` stays unknown.

    The articles of one page come from one issue of the paper, so a year printed in one is the year of all."""
    years = {int(m.group(1)) for a in articles if a.date and (m := _FULL.match(a.date))}
    named = year_in_name(articles[0].source) if articles else None
    page_year = years.pop() if len(years) == 1 else named or year
    if page_year is None:
        return articles
    return [replace(a, date=f"{page_year}-{a.date}") if a.date and _MONTH_DAY.match(a.date) else a
            for a in articles]


def read_articles(pages: Iterable[tuple[str, str]], *, year: int | None = None, lex: Lexicon | None = None
                  ) -> list[Article]:
    """Stage 1: each (source name, page text) split into its articles, dates completed with their year; `lex` is
    the lexicon that cuts words where a headline is made from the lead (the default one when None)."""
    articles: list[Article] = []
    for source, text in pages:
        articles.extend(fill_years(split_articles(text, source, lex), year))
    return articles


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PageReading:
    """One page through stage 1 and the first pass of stage 2: its articles and the people each names on its own."""

    articles: tuple[Article, ...]
    people: tuple[tuple[PersonMention, ...], ...]
    names: tuple[tuple[Entity, ...], ...]  # the recogniser's organisation and place names, for pass 2


def read_page(source: str, text: str, lex: Lexicon, *, year: int | None = None) -> PageReading:
    """Split one page into its articles and find the people each article names by itself (pass 1); the recogniser
    reads each article once, here."""
    return read_pages_together([(source, text, year)], lex)[0]


def read_pages_together(pages: Sequence[tuple[str, str, int | None]], lex: Lexicon) -> list[PageReading]:
    """`read_page` of each (source, text, year), the recogniser reading the articles of all the pages at once: its
    cost is mostly per sentence position (a Viterbi step over all sentences), so pages of a few sentences cost
    less together. Each page's reading is the same as alone."""
    pages_articles = [tuple(fill_years(split_articles(text, source, lex), year)) for source, text, year in pages]
    found = iter(read_entities_of([a for articles in pages_articles for a in articles], lex))
    readings = []
    for articles in pages_articles:
        entities = [next(found) for _ in articles]
        readings.append(PageReading(
            articles, tuple(extract_people(a, lex, entities=e) for a, e in zip(articles, entities, strict=True)),
            tuple(tuple(x for x in e if x.kind != "PER") for e in entities)))
    return readings


def merge_known(readings: Iterable[PageReading]) -> dict[str, Role]:
    """The names known anywhere in the corpus, from the pages in corpus order (the order matters: see known_names)."""
    return known_names(people for reading in readings for people in reading.people)


def relevant_names(articles: Iterable[Article], known: dict[str, Role]) -> dict[str, Role]:
    """The known names that occur in the articles' text, in `known`'s order: all that pass 2 can find there."""
    text = "\0".join(article.text for article in articles)
    return {name: role for name, role in known.items() if name in text}


def extract_page(reading: PageReading, lex: Lexicon, known: dict[str, Role]) -> tuple[Extraction, ...]:
    """Pass 2 of stage 2 over the articles of one page, with the names known in the whole corpus."""
    return _extract_page(reading, lex, relevant_names(reading.articles, known))


def _extract_page(reading: PageReading, lex: Lexicon, relevant: dict[str, Role]) -> tuple[Extraction, ...]:
    """`extract_page` with the known names that occur in the page (`relevant_names`)."""
    return tuple(extract_article(article, lex, relevant, first, names)
                 for article, first, names in zip(reading.articles, reading.people, reading.names, strict=True))


def share_articles(articles: Sequence[Article], extractions: Sequence[Extraction]) -> list[Extraction]:
    """The extractions with the very Article objects of `articles`: one that came back from a worker process or a
    cache has its own copy of the article's text, which the corpus would otherwise hold twice."""
    by_place = {(article.source, article.index): article for article in articles}  # what the id is made of
    shared = []
    for extraction in extractions:
        article = by_place.get((extraction.article.source, extraction.article.index))
        if article is not None and article is not extraction.article and article == extraction.article:
            extraction = replace(extraction, article=article)
        shared.append(extraction)
    return shared


def check_article_ids(articles: Iterable[Article]) -> None:
    """Raise if two articles share an id (`page.txt` and a file named `page`): they would become one node."""
    seen: dict[str, Article] = {}
    for article in articles:
        other = seen.setdefault(article.id, article)
        if other is not article and (other.source, other.index) != (article.source, article.index):
            raise IriClashError(f"{other.source} and {article.source} would give article {article.index} the same "
                                f"id ({article.id}); rename one of the files")


def resolve_corpus(articles: Sequence[Article], extractions: Sequence[Extraction], lex: Lexicon, *,
                   merge: bool = True, home: Division | None = None, decisions: Sequence[Decision] = (),
                   jobs: int = 1) -> Corpus:
    """Stage 3: one entity per real thing over the whole corpus (see `extract_corpus` for `merge`, `home` and
    `decisions`; `jobs` processes may share it, with the same result)."""
    with heap_frozen():
        return _resolve(articles, extractions, lex, merge=merge, home=home, decisions=decisions, jobs=jobs)


def _resolve(articles: Sequence[Article], extractions: Sequence[Extraction], lex: Lexicon, *, merge: bool,
             home: Division | None, decisions: Sequence[Decision], jobs: int) -> Corpus:
    check_article_ids(articles)
    extractions = share_articles(articles, extractions)
    extractions, merges = merge_variants(extractions) if merge else (extractions, ())
    extractions, splits, merges = split_homonyms(extractions, lex, decisions, merges, jobs=jobs)
    if home is None:
        home = infer_home(m.text for e in extractions for m in e.places + e.orgs)
    held = post_orgs(extractions)
    organizations, org_names = resolve_orgs(extractions, lex, home, held)
    return Corpus(
        articles=tuple(articles),
        extractions=tuple(extractions),
        people=resolve_people(extractions, lex, merges, org_names, splits, held),
        merges=merges,
        splits=splits,
        organizations=organizations,
        places=resolve_places(extractions, home),
        home=home.name if home else None,
        sources=tuple(sorted({a.source for a in articles})),
    )


def extract_corpus(articles: list[Article], *, lexicon: Path | None = None, merge: bool = True,
                   home: Division | None = None, decisions: Sequence[Decision] = (),
                   progress: Progress = _quiet) -> Corpus:
    """Stages 2 and 3: extraction over all articles, then resolution over the whole corpus.

    `merge=False` keeps every spelling of a name as its own person (no variant merging); `home` is the
    jurisdiction the paper calls 区 or 县, inferred from the corpus when not given; `decisions` force people who
    share a name to be one person or two (`kgraph.resolve.decisions`)."""
    nlp = Pipeline(load_lexicon(lexicon), lexicon, home, merge=merge, decisions=tuple(decisions))
    return nlp.resolve(*nlp.extract(articles, progress=progress))


def read_task(name: str, source: str, year: int | None, data: bytes | str, lex: Lexicon) -> Pickled:
    """Pass 1 of one page from its bytes (or its text), pickled as it leaves a worker: the cache stores the bytes
    as they come back."""
    return read_tasks(((name, source, year, data),), lex)[0]


ReadTask = tuple[str, str, int | None, bytes | str]  # read_task's arguments but the lexicon


def read_tasks(tasks: Sequence[ReadTask], lex: Lexicon) -> tuple[Pickled, ...]:
    """`read_task` of several pages, read together (`read_pages_together`)."""
    pages = [(source, data if isinstance(data, str) else decode_bytes(data, name=name), year)
             for name, source, year, data in tasks]
    return tuple(map(Pickled, read_pages_together(pages, lex)))


def read_weight(task: ReadTask) -> int:
    """About how many characters a read task's page holds (UTF-8 takes three bytes for most Chinese ones)."""
    data = task[3]
    return len(data) if isinstance(data, str) else len(data) // 3


Detached = tuple[tuple[object, ...], ...]  # a page's extractions without their articles (`detach_articles`)


def extract_task(reading: PageReading, relevant: dict[str, Role], lex: Lexicon) -> Pickled:
    """Pass 2 of one page, with the known names that occur in it (the driver's `KnownNames.relevant`), without the
    articles (`detach_articles`): the driver has them from pass 1."""
    return Pickled(detach_articles(_extract_page(reading, lex, relevant)))


def detach_articles(extractions: Iterable[Extraction]) -> Detached:
    """Each extraction's fields but its article, in the extractions' order (their articles' order).

    Pickling an article's text again cost CPU both ways and sent every text back from the workers; in the driver's
    own process it also left a UTF-8 copy of every text in the corpus (CPython keeps the UTF-8 form of a string
    once pickled), 11 MB at 10,000 articles."""
    return tuple(tuple(getattr(e, name) for name in Extraction.__match_args__[1:]) for e in extractions)


def attach_articles(articles: Sequence[Article], detached: Detached) -> list[Extraction]:
    """The extractions `detach_articles` took apart, with the articles of the page they were made from."""
    return [Extraction(article, *fields) for article, fields in zip(articles, detached, strict=True)]


def release_caches(lex: Lexicon) -> None:
    """Empty the caches reading and extraction fill (the headline bigrams of `kgraph.text.segment`, the words of
    `Lexicon.cut`, the names' remembered answers): resolution and writing hardly use them, and take their memory
    instead of growing past them (the peak of 10,000 articles went from 527 to 450 MB)."""
    from kgraph.extract.names import forget_answers
    from kgraph.text.segment import forget_bigrams

    forget_bigrams()
    lex.forget_cuts()
    forget_answers()


@dataclass(frozen=True, eq=False)
class Pipeline:
    """The stages with what they need, loaded once: the lexicon, the home jurisdiction and the build's options.

    Made by `kgraph.load`; `kgraph.run(pipeline, inputs)` builds with it (in this process, on a pool or on dask).

    >>> nlp = load(home="荆州区")
    >>> [a.headline for a in nlp.read([("p.txt", "本报讯（通讯员王明）区委书记李建国主持会议。")])]
    ['区委书记李建国主持会议']
    >>> corpus = nlp.resolve(*nlp.extract(nlp.read([("p.txt", "本报讯（通讯员王明）区委书记李建国主持会议。")])))
    >>> corpus.home, [p.name for p in corpus.people]
    ('荆州区', ['李建国', '王明'])
    """

    lex: Lexicon = field(repr=False)
    lexicon: Path | None = None  # the user's lexicon folder, which worker processes load again
    home: Division | None = None
    year: int | None = None
    merge: bool = True
    decisions: tuple[Decision, ...] = field(default=())
    base: str = DEFAULT_BASE

    def read(self, pages: Iterable[tuple[str, str]]) -> list[Article]:
        """Stage 1: (source name, page text) pairs -> articles, dates completed with their year."""
        return read_articles(pages, year=self.year, lex=self.lex)

    def read_page(self, source: str, text: str) -> PageReading:
        """Stage 1 and the first pass of stage 2 over one page (see `read_page`)."""
        return read_page(source, text, self.lex, year=self.year)

    def extract_page(self, reading: PageReading, known: dict[str, Role]) -> tuple[Extraction, ...]:
        """The second pass of stage 2 over one page, with the names known in the whole corpus."""
        return extract_page(reading, self.lex, known)

    def extract(self, articles: Sequence[Article], *, progress: Progress = _quiet
                ) -> tuple[list[Article], list[Extraction]]:
        """Stage 2 over all articles, both passes (names known anywhere in the corpus are looked for everywhere);
        the articles are returned too, ready for `resolve`. `progress` is called with each article's source."""
        articles = list(articles)
        entities = read_entities_of(articles, self.lex)
        firsts = [extract_people(a, self.lex, entities=e) for a, e in zip(articles, entities, strict=True)]
        known = known_names(firsts)
        extractions = []
        for article, first, names in zip(articles, firsts, entities, strict=True):
            extractions.append(extract_article(article, self.lex, known, first, names))
            progress(article.source)
        return articles, extractions

    def resolve(self, articles: Sequence[Article], extractions: Sequence[Extraction], *, jobs: int = 1) -> Corpus:
        """Stage 3: one entity per real thing over the whole corpus (in `jobs` processes at most)."""
        return resolve_corpus(articles, extractions, self.lex, merge=self.merge, home=self.home,
                              decisions=self.decisions, jobs=jobs)

    def to_graph(self, corpus: Corpus) -> Graph:
        """Stage 4: the corpus as an rdflib Graph, held in memory (`kgraph.outputs` streams a large one instead)."""
        return build_graph(corpus, base=self.base)


def load(lexicon: str | os.PathLike | None = None, home: str | Division | None = None, year: int | None = None, *,
         merge: bool = True, decisions: str | os.PathLike | Sequence[Decision] = (), base: str = DEFAULT_BASE
         ) -> Pipeline:
    """A `Pipeline` with kgraph's lexicons (plus the files of the folder `lexicon`), the paper's home jurisdiction
    (a name such as `荆州区`, or inferred from the text when None), the year of dates printed without one, whether
    to merge spelling variants, and forced decisions on namesakes (a CSV file or `Decision`s).

    Bad values raise the `KgraphError` the command prints as its one-line error.

    >>> load(home="荆州").home.name
    '荆州市'
    >>> load(home="金山岭区")
    Traceback (most recent call last):
    kgraph.errors.InputError: --home 金山岭区 is not a Chinese province, city, district or county; ...
    """
    from kgraph.lexicon import load_lexicon

    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100):
        raise InputError(f"--year {year!r} is not a year between 1900 and 2100")
    division = find_division(home) if isinstance(home, str) else home
    if division is not None and not isinstance(division, Division):
        raise InputError(f"--home {home!r} is not a place name such as 荆州区")
    folder = Path(lexicon) if lexicon is not None else None
    forced = read_decisions(Path(decisions)) if isinstance(decisions, str | os.PathLike) else tuple(decisions)
    return Pipeline(load_lexicon(folder), folder, division, year, merge, forced, base)
