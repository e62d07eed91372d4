"""The ordered stages of a build; glue only.

1 text      pages -> articles                     kgraph.text.split_articles
2 extract   articles -> mentions and events         kgraph.extract.extract_article (twice: names known
                                                    anywhere in the corpus are looked for everywhere)
3 resolve   mentions -> one entity per real thing   kgraph.resolve
4 rdf       entities -> rdflib Graph                kgraph.rdf.build.build_graph
Reading files and writing outputs happen at the edges (`kgraph.files`, `kgraph.batch`, the writers, the CLI).

Stages 1 and 2 also run one page at a time, so pages can be read in parallel and their results cached:
`read_page` (stage 1 and the first pass of stage 2), `merge_known` (the corpus-wide names), `extract_page` (the
second pass), then `resolve_corpus` (stage 3) once over the whole corpus. The result is the same as `extract_corpus`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Graph

from kgraph.extract import extract_article, extract_people, known_names, load_lexicon, read_entities
from kgraph.extract.ner import Entity
from kgraph.gazetteer import Division
from kgraph.jurisdiction import infer_home
from kgraph.lexicon import Lexicon
from kgraph.model import Article, Corpus, Extraction, PersonMention, Role, pickled_by_fields
from kgraph.rdf.build import build_graph
from kgraph.rdf.iri import IriClashError
from kgraph.rdf.vocab import DEFAULT_BASE
from kgraph.resolve import Decision, merge_variants, resolve_orgs, resolve_people, resolve_places, split_homonyms
from kgraph.text import split_articles

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


_FULL = re.compile(r"^(\d{4})-\d{2}-\d{2}$")
_MONTH_DAY = re.compile(r"^\d{2}-\d{2}$")


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_./]?(?:0[1-9]|1[0-2])[-_./]?(?:0[1-9]|[12]\d|3[01])(?!\d)")


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


def read_articles(pages: Iterable[tuple[str, str]], *, year: int | None = None) -> list[Article]:
    """Stage 1: each (source name, page text) split into its articles, dates completed with their year."""
    articles: list[Article] = []
    for source, text in pages:
        articles.extend(fill_years(split_articles(text, source), year))
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
    articles = tuple(fill_years(split_articles(text, source), year))
    entities = [read_entities(article, lex) for article in articles]
    return PageReading(articles,
                       tuple(extract_people(a, lex, entities=e) for a, e in zip(articles, entities, strict=True)),
                       tuple(tuple(x for x in e if x.kind != "PER") for e in entities))


def merge_known(readings: Iterable[PageReading]) -> dict[str, Role]:
    """The names known anywhere in the corpus, from the pages in corpus order (the order matters: see known_names)."""
    return known_names(people for reading in readings for people in reading.people)


def relevant_names(articles: Iterable[Article], known: dict[str, Role]) -> dict[str, Role]:
    """The known names that occur in the articles' text, in `known`'s order: all that pass 2 can find there."""
    text = "\0".join(article.text for article in articles)
    return {name: role for name, role in known.items() if name in text}


def extract_page(reading: PageReading, lex: Lexicon, known: dict[str, Role]) -> tuple[Extraction, ...]:
    """Pass 2 of stage 2 over the articles of one page, with the names known in the whole corpus."""
    relevant = relevant_names(reading.articles, known)
    return tuple(extract_article(article, lex, relevant, first, names)
                 for article, first, names in zip(reading.articles, reading.people, reading.names, strict=True))


def _share_articles(articles: Sequence[Article], extractions: Sequence[Extraction]) -> list[Extraction]:
    """The extractions with the very Article objects of `articles`: one that came back from a worker process or a
    cache has its own copy of the article's text, which the corpus would otherwise hold twice."""
    by_id = {article.id: article for article in articles}
    shared = []
    for extraction in extractions:
        article = by_id.get(extraction.article.id)
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
                   merge: bool = True, home: Division | None = None, decisions: Sequence[Decision] = ()) -> Corpus:
    """Stage 3: one entity per real thing over the whole corpus (see `extract_corpus` for `merge`, `home` and
    `decisions`)."""
    check_article_ids(articles)
    extractions = _share_articles(articles, extractions)
    extractions, merges = merge_variants(extractions) if merge else (extractions, ())
    extractions, splits, merges = split_homonyms(extractions, lex, decisions, merges)
    if home is None:
        home = infer_home(m.text for e in extractions for m in e.places + e.orgs)
    organizations, org_names = resolve_orgs(extractions, lex, home)
    return Corpus(
        articles=tuple(articles),
        extractions=tuple(extractions),
        people=resolve_people(extractions, lex, merges, org_names, splits),
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
    lex = load_lexicon(lexicon)
    entities = [read_entities(article, lex) for article in articles]
    firsts = [extract_people(article, lex, entities=e) for article, e in zip(articles, entities, strict=True)]
    known = known_names(firsts)
    extractions: list[Extraction] = []
    for article, first, names in zip(articles, firsts, entities, strict=True):
        extractions.append(extract_article(article, lex, known, first, names))
        progress(article.source)
    return resolve_corpus(articles, extractions, lex, merge=merge, home=home, decisions=decisions)


def build(pages: Iterable[tuple[str, str]], *, base: str = DEFAULT_BASE, lexicon: Path | None = None,
          merge: bool = True, year: int | None = None, home: Division | None = None,
          decisions: Sequence[Decision] = (), progress: Progress = _quiet) -> tuple[Corpus, Graph]:
    """The whole pipeline on in-memory pages: the resolved corpus and its RDF graph."""
    corpus = extract_corpus(read_articles(pages, year=year), lexicon=lexicon, merge=merge, home=home,
                            decisions=decisions, progress=progress)
    return corpus, build_graph(corpus, base=base)
