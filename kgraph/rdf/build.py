"""Stage 4: entities -> RDF triples, per the contract in docs/rdf-model.md.

Standard vocabularies first (schema.org, W3C ORG, PROV); `kg:` only for what none has (roles, offsets, the
materialised works-with edge). Every extracted fact points to `kg:Mention` spans of an article's `schema:text`,
so a user can check it against its sentence.

`iter_triples` yields the triples one subject at a time, each triple once, so a graph of millions of triples can be
written as it is made (`kgraph.rdf.turtle.write_triples`) and counted without ever being held; `iter_blocks` gives
them a node with its pairs at a time, as the build writes them (`kgraph.rdf.turtle.write_blocks`); `build_graph` puts
the same triples in an rdflib Graph. Every node's triples come together, the spans of an article with it: what
other nodes say about an article (mentions, bylines) is indexed by article first.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from itertools import combinations, groupby
from operator import attrgetter, itemgetter
from typing import TypeVar

import rdflib
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import TIME as _TIME
from rdflib.term import Node

from kgraph.model import MAX_PAIRED_PARTICIPANTS, Article, Corpus, Extraction, Person, Post, Role
from kgraph.rdf import vocab
from kgraph.rdf.cached import CachedNamespace
from kgraph.rdf.iri import Minter
from kgraph.rdf.turtle import Block, Statements, Terms, pairs_text
from kgraph.rdf.vocab import DEFAULT_BASE
from kgraph.regex import compiled

__all__ = ["Block", "Triple", "build_graph", "iri_minter", "is_full_date", "iter_blocks", "iter_triples",
           "iter_written_blocks", "new_graph", "prefixes"]

Triple = tuple[Node, URIRef, Node]
T = TypeVar("T")

_FULL_DATE = compiled(r"^\d{4}-\d{2}-\d{2}$")
# What other nodes say of an article: the things it mentions (schema:mentions), and its kg:Mention spans as
# (start, end, what the span names)
_Named = tuple[list[URIRef], list[tuple[int, int, URIRef]]]
_PLACE = itemgetter(0, 1)  # a span's place in its article's text
_ID, _ARTICLE_ID = attrgetter("id"), attrgetter("article.id")  # an article's id, an extraction's article's
_Place = tuple[URIRef, int, int]  # a span as its article's IRI, start and end (`Minter.span`)


SCHEMA, KG = CachedNamespace(vocab.SCHEMA), CachedNamespace(vocab.KG)
RDF, RDFS, XSD = CachedNamespace(rdflib.RDF), CachedNamespace(rdflib.RDFS), CachedNamespace(rdflib.XSD)
ORG, PROV, SKOS = CachedNamespace(rdflib.ORG), CachedNamespace(rdflib.PROV), CachedNamespace(rdflib.SKOS)
TIME = CachedNamespace(_TIME)


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The prefixes a built graph is written with: the vocabularies (`kgraph.rdf.vocab.PREFIXES`), and `id:` for
    the data's own base."""
    return {**vocab.PREFIXES, "id": Minter(base).base}


def iri_minter(base: str = DEFAULT_BASE) -> Minter:
    """A minter of the IRIs a graph under `base` gives its nodes (`Minter`): for a reader that names them without
    making the graph (the page's network, `kgraph.network.build_corpus_network`)."""
    return Minter(base)


def is_full_date(text: str) -> bool:
    """Whether a corpus's date is written as an xsd:date (schema:startDate, schema:dateCreated), not a dateline."""
    return _FULL_DATE.match(text) is not None


def new_graph(base: str = DEFAULT_BASE) -> Graph:
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in prefixes(base).items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


@functools.lru_cache(maxsize=1 << 16)
def _zh(text: str) -> Literal:
    """A Chinese name or title: made once, as names recur (rdflib's Literal is slow to make)."""
    return Literal(text, lang="zh")


def _zh_text(text: str) -> Literal:
    """Text seen once (a headline, an article): not kept in the cache."""
    return Literal(text, lang="zh")


@functools.lru_cache(maxsize=1 << 12)
def _date(text: str) -> Literal:
    """An xsd:date: made once each, as the days of a paper's articles and events recur (and rdflib parses it)."""
    return Literal(text, datatype=XSD.date)


@functools.lru_cache(maxsize=1 << 12)
def _plain(text: str) -> Literal:
    """A plain literal that recurs (a role, a dateline, a reason), made once."""
    return Literal(text)


@functools.lru_cache(maxsize=1 << 16)
def _int(value: int) -> Literal:
    """Offsets and counts: small numbers, made once each."""
    return Literal(value, datatype=XSD.integer)


def _group(items: Iterable[T], key: Callable[[T], Hashable]) -> dict[Hashable, list[T]]:
    """Items by node, in order of first appearance: two names with one IRI make one node, written once."""
    groups: dict[Hashable, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _block(subject: Node, pairs: Iterable[tuple[URIRef, Node]]) -> Block:
    """One node's predicates and objects, each pair once (rdflib's Graph is a set; a stream has to be one too)."""
    return subject, list(dict.fromkeys(pairs))


class _Spans(Statements):
    """An article's kg:Mention spans (six triples a span, and one more for each further name of it: most of a
    graph's triples), written as Turtle directly: each is the text `write_blocks` writes of its block, with no rdflib
    term made for it."""

    __slots__ = ("article", "spans", "text", "articles")

    def __init__(self, article: URIRef, spans: list[tuple[int, int, URIRef]], text: str, articles: str) -> None:
        self.article, self.spans, self.text = article, spans, text  # (start, end, what it names), in order of place
        self.articles = articles  # the namespace of the article's IRI (`_written_iri`)

    def turtle(self, terms: Terms) -> tuple[str, int]:
        node, predicate, text, integer = terms.node, terms.predicate, terms.text, terms.integer
        head = f"{self.article}/"
        plain = terms.plain_below(self.articles, head)
        article = _written_iri(terms, self.article, self.articles)
        names = predicate(KG.mentionOf)
        middle = f" {predicate(RDF.type)} {node(KG.Mention)} ;\n    {predicate(KG.inArticle)} {article} ;\n    {names} "
        said, begins, ends = predicate(KG.text), predicate(KG.start), predicate(KG.end)
        seen, texts, source = terms.seen, terms.texts, self.text  # `node` and `text` as they find what they remember
        statements: list[str] = []
        fast, opening = plain and terms.bare_numbers, f"<{head}span-"  # most spans: the subject in the one string
        further, last_start, last_end, first, first_target, said_text, others = 0, -1, -1, "", None, "", ""
        targets: list[URIRef] | None = None
        for start, end, target in self.spans:
            known = seen.get(id(target))
            named = known[1] if known is not None and known[0] is target else node(target)
            if start == last_start and end == last_end:  # a further name of the span before (spans come in order)
                if targets is None:
                    targets, others = [first_target], ""
                if all(target != other for other in targets):  # its block's pairs made unique: after the first's text,
                    targets.append(target)  # the names after it one run of kg:mentionOf
                    others += f",\n        {named}" if others else f" ;\n    {names} {named}"
                    statements[-1] = (f"{self.subject(terms, head, plain, start, end)}{middle}{first} ;\n    {said} "
                                      f"{said_text}{others} ;\n    {begins} {integer(start)} ;\n    "
                                      f"{ends} {integer(end)}")
                    further += 1
                continue
            words = source[start:end]
            said_text = texts.get(words)
            said_text = said_text[1] if said_text is not None and said_text[0] == "zh" else text(words, "zh")
            if fast:
                statements.append(f"{opening}{start}-{end}>{middle}{named} ;\n    {said} {said_text} ;\n    "
                                  f"{begins} {start} ;\n    {ends} {end}")
            else:
                statements.append(f"{self.subject(terms, head, plain, start, end)}{middle}{named} ;\n    {said} "
                                  f"{said_text} ;\n    {begins} {integer(start)} ;\n    {ends} {integer(end)}")
            last_start, last_end, first, first_target, targets = start, end, named, target, None
        return " .\n\n".join(statements), 6 * len(statements) + further

    @staticmethod
    def subject(terms: Terms, head: str, plain: bool, start: int, end: int) -> str:
        """A span's IRI as `write_blocks` writes a block's subject: as it is under a plain namespace."""
        return f"<{head}span-{start}-{end}>" if plain else terms.subject(URIRef(f"{head}span-{start}-{end}"))


class _Collaboration(Statements):
    """A kg:Collaboration of two people, written as Turtle directly (the network page reads none of it)."""

    __slots__ = ("under", "part", "first", "second", "weight", "events", "events_under")

    def __init__(self, under: str, part: str, first: URIRef, second: URIRef, weight: int, events: list[URIRef],
                 events_under: str) -> None:  # its IRI: `under` + `part`, of letters, digits and `-` (`Minter`)
        self.under, self.part, self.first, self.second = under, part, first, second
        self.weight, self.events, self.events_under = weight, events, events_under  # the events' namespace

    @property
    def node(self) -> URIRef:
        return URIRef(self.under + self.part)

    def turtle(self, terms: Terms) -> tuple[str, int]:
        node, predicate = terms.node, terms.predicate
        if terms.plain_under(self.events_under):  # `_written_iri` of each event, in one join
            evidence = "<" + ">,\n        <".join(self.events) + ">"
        else:
            evidence = ",\n        ".join(map(node, self.events))
        subject = f"<{self.under}{self.part}>" if terms.plain_under(self.under) else terms.subject(self.node)
        return (f"{subject} {predicate(RDF.type)} {node(KG.Collaboration)} ;\n"
                f"    {predicate(KG.participant)} {node(self.first)},\n        {node(self.second)} ;\n"
                f"    {predicate(KG.weight)} {terms.integer(self.weight)} ;\n    {predicate(KG.evidence)} {evidence}",
                4 + len(self.events))


class _Article(Statements):
    """An article's node (one article to its IRI), written as Turtle directly: its text and sub-headline, most of
    a graph's characters and read by no page, are never made rdflib terms, and no pair of it is hashed to find
    repeats (none repeats but its mentions and bylines, made unique here)."""

    __slots__ = ("node", "article", "text", "headline", "dated", "source", "mentions", "bylines", "under")

    def __init__(self, node: URIRef, article: Article, text: str, headline: Literal,
                 dated: tuple[URIRef, Node] | None, source: URIRef, mentions: list[URIRef],
                 bylines: list[tuple[URIRef, URIRef]], under: str) -> None:
        self.node, self.article, self.text, self.headline = node, article, text, headline
        self.under = under  # the namespace of its IRI (`_written_iri`)
        self.dated, self.source, self.mentions, self.bylines = dated, source, mentions, bylines

    def turtle(self, terms: Terms) -> tuple[str, int]:
        node, integer, predicate, article = terms.node, terms.integer, terms.predicate, self.article
        # its headline and sub-headline come once (the headline again as its event's name, `_Event`): not remembered;
        # its predicates each differ from the one before, as `pairs_text` would write them
        statement = [f"{_written_iri(terms, self.node, self.under)} {predicate(RDF.type)} {node(SCHEMA.NewsArticle)}"
                     f" ;\n    {predicate(SCHEMA.headline)} {_written_literal(terms, self.headline)}"]
        triples = 8  # its type, headline, text, source twice, index, start and end
        if article.subheadline:
            statement.append(f" ;\n    {predicate(SCHEMA.alternativeHeadline)} "
                             f"{terms.text_once(article.subheadline, 'zh')}")
            triples += 1
        if self.dated is not None:
            statement.append(f" ;\n    {predicate(self.dated[0])} {node(self.dated[1])}")
            triples += 1
        source = node(self.source)
        statement.append(f" ;\n    {predicate(SCHEMA.text)} {terms.text_once(self.text, 'zh')} ;\n    "
                         f"{predicate(KG.sourceFile)} {source} ;\n    {predicate(PROV.wasDerivedFrom)} {source} ;\n    "
                         f"{predicate(KG.articleIndex)} {integer(article.index)} ;\n    "
                         f"{predicate(KG.start)} {integer(article.start)} ;\n    "
                         f"{predicate(KG.end)} {integer(article.end)}")
        # then its mentions, one predicate (a run `pairs_text` would write the same way), and its bylines
        if self.mentions:
            mentions = ",\n        ".join(terms.nodes(self.mentions))
            statement += [" ;\n    ", predicate(SCHEMA.mentions), " ", mentions]
        if self.bylines:
            bylines = [(credit, node(person)) for credit, person in self.bylines]
            statement += [" ;\n    ", pairs_text(terms, bylines)]
        return "".join(statement), triples + len(self.mentions) + len(self.bylines)


class _Event(Statements):
    """An event's node of one report, written as Turtle directly: its IRI and its article's are written as they
    are and its name (its article's headline) as a literal, none of them remembered by the writer's `Terms`. Each
    comes a few times at most, and at 60,000 articles they filled its caches and pushed out the people that recur
    (the caches were emptied again and again)."""

    __slots__ = ("block", "under", "articles")

    def __init__(self, block: Block, under: str, articles: str) -> None:
        self.block, self.under, self.articles = block, under, articles  # the namespaces of its IRI and its article's

    def turtle(self, terms: Terms) -> tuple[str, int]:
        node, pairs = self.block
        plain = terms.plain_under(self.articles)
        node_text, texts = terms.node, []
        for p, o in pairs:
            if (p is _SUBJECT_OF or p is _DERIVED) and plain and type(o) is URIRef:  # its article
                texts.append((p, f"<{o}>"))
            elif p is _NAME:
                texts.append((p, _written_literal(terms, o)))
            else:
                texts.append((p, node_text(o)))
        return f"{_written_iri(terms, node, self.under)} {pairs_text(terms, texts)}", len(pairs)


class _Post(Statements):
    """A post's node, written as Turtle directly: the spans and articles it has as evidence (a span comes once, an
    article a few times) written as they are, not remembered by the writer's `Terms` (see `_Event`), and its spans
    never made IRIs: each is its article's IRI and place, (article, start, end), in `pairs` (made unique as such)."""

    __slots__ = ("node", "pairs", "articles")

    def __init__(self, node: URIRef, pairs: list[tuple[URIRef, Node | _Place]], articles: str) -> None:
        self.node, self.pairs, self.articles = node, pairs, articles  # the articles' namespace, their spans' too

    def turtle(self, terms: Terms) -> tuple[str, int]:
        articles, by_namespace = self.articles, terms.by_namespace
        plain = terms.plain_under(articles)
        node_text, texts = terms.node, []
        for p, o in self.pairs:
            if type(o) is tuple:  # a span (`_Spans`): as it is if its article's namespace is (`Terms.plain_below`)
                article, start, end = o
                head = f"{article}/"
                span = f"{head}span-{start}-{end}"
                texts.append((p, f"<{span}>" if plain and head not in by_namespace else node_text(URIRef(span))))
            elif plain and p is _DERIVED and type(o) is URIRef:  # an article
                texts.append((p, f"<{o}>"))
            else:
                texts.append((p, node_text(o)))
        return f"{terms.subject(self.node)} {pairs_text(terms, texts)}", len(texts)


_SUBJECT_OF, _DERIVED, _NAME = SCHEMA.subjectOf, PROV.wasDerivedFrom, SCHEMA.name


def _written_iri(terms: Terms, iri: URIRef, under: str) -> str:
    """The text of `iri`, an IRI minted under `under` with a last part of letters, digits and `-` (`Minter`),
    as `Terms.node` writes it, but not remembered: an article's or event's IRI comes a few times only."""
    return f"<{iri}>" if terms.plain_under(under) else terms.node(iri)


def _written_literal(terms: Terms, literal: Node) -> str:
    """The text of `literal` as `Terms.node` writes it, not remembered (a headline: at most twice)."""
    return terms.literal(literal) if type(literal) is Literal else terms.node(literal)


class _Triples:
    """The triples of one corpus, node by node."""

    def __init__(self, corpus: Corpus, base: str, *, spans: bool = True, works_with: bool = True,
                 written: bool = False) -> None:
        self.corpus, self.spans, self.works_with, self.written = corpus, spans, works_with, written
        self.iri = Minter(base)
        # IRIs asked for again and again (in every mention, byline and event), minted once
        self.article_iri = functools.cache(self.iri.article)
        self.person_iri = functools.cache(self.iri.person)
        self.event_iri = functools.cache(self.iri.event)
        self.source_iri = functools.cache(self.iri.source)
        self.org_iri = functools.cache(self.iri.org)
        self.place_iri = functools.cache(self.iri.place)
        self.post_iri = functools.cache(self.iri.post)  # a post's: in its spans, its person's node, its own
        self.dates = {a.id: a.date for a in corpus.articles if a.date and _FULL_DATE.match(a.date)}
        self.headlines: dict[int, Literal] = {}  # an article's, for its event's name: one term for both
        self.articles_under, self.events_under = f"{self.iri.base}article/", f"{self.iri.base}event/"

    def all(self) -> Iterator[Block]:
        yield from self.sources()
        yield from self.articles(self.article_index())
        yield from self.events()
        partners = (yield from self.collaborations()) if self.works_with else {}
        yield from self.people(partners)
        yield from self.organizations()
        yield from self.places()
        yield from self.merges()
        yield from self.splits()
        for made in (_zh, _date, _plain, _int):  # the terms of this corpus, not kept after it
            made.cache_clear()

    def headline(self, article: Article) -> Literal:
        """The article's headline, kept for the name of the event it reports (`event_name`)."""
        made = self.headlines[id(article)] = _zh_text(article.headline)
        return made

    def event_name(self, article: Article) -> Literal:
        """The headline of the article reporting an event: the article's own term, made once (`headline`)."""
        made = self.headlines.pop(id(article), None)
        return made if made is not None else _zh_text(article.headline)

    def sources(self) -> Iterator[Block]:
        for node, names in _group(self.corpus.sources, self.iri.source).items():
            yield _block(node, [(RDF.type, KG.SourceFile), *((SCHEMA.name, Literal(n)) for n in names)])

    def article_index(self) -> dict[str, _Named]:
        """Per article id: what other nodes say of it, the things it mentions and the spans that name them."""
        # by article id (one IRI each, `Minter` refuses a clash): a dict of strings, each IRI asked for once
        by_id: dict[str, _Named] = defaultdict(lambda: ([], []))
        spans = self.spans
        for person in self.corpus.people:
            node = self.person_iri(person.id)
            for ev in person.mentions:  # a byline taken out of the text has no span to point to
                named = by_id[ev.article_id]
                named[0].append(node)
                if ev.end > ev.start and spans:
                    named[1].append((ev.start, ev.end, node))
            if not spans:  # a post gives its articles spans only
                continue
            for post in person.posts:
                post_node = self.post_iri(person.id, post.title)
                for ev in post.evidence:
                    by_id[ev.article_id][1].append((ev.start, ev.end, post_node))
        for entity, node_of in ((self.corpus.organizations, self.org_iri), (self.corpus.places, self.place_iri)):
            for thing in entity:
                node = node_of(thing.name)
                for ev in thing.mentions:
                    named = by_id[ev.article_id]
                    named[0].append(node)
                    if spans:
                        named[1].append((ev.start, ev.end, node))
        return by_id

    def articles(self, index: dict[str, _Named]) -> Iterator[Block]:
        """Each article with what names it (mentions, bylines), then its spans."""
        groups = _group(self.corpus.articles, _ID)  # by article id: one IRI each
        bylines = _group(self.corpus.extractions, _ARTICLE_ID)
        article_iri, unnamed = self.article_iri, ((), [])
        for article_id in dict.fromkeys([*groups, *bylines, *index]):
            yield from self.article(article_iri(article_id), groups.pop(article_id, ()), bylines.pop(article_id, ()),
                                    index.pop(article_id, unnamed))

    def article(self, node: URIRef, articles: Sequence[Article], extractions: Sequence[Extraction], named: _Named
                ) -> Iterator[Block]:
        if self.written and len(articles) == 1:  # most articles: the node as text
            article = articles[0]
            text = article.text
            yield self.written_article(node, article, text, extractions, named[0])
            yield from self.article_spans(node, text, named[1])
            return
        pairs: list[tuple[URIRef, Node]] = []
        text = ""  # the articles of one node have one id, and so one text
        for article in articles:
            text = article.text
            pairs += [(RDF.type, SCHEMA.NewsArticle), (SCHEMA.headline, self.headline(article))]
            if article.subheadline:
                pairs.append((SCHEMA.alternativeHeadline, _zh_text(article.subheadline)))
            if article.date and _FULL_DATE.match(article.date):
                pairs.append((SCHEMA.dateCreated, _date(article.date)))
            elif article.date:
                pairs.append((KG.dateline, _plain(article.date)))
            source = self.source_iri(article.source)
            pairs += [(SCHEMA.text, _zh_text(text)), (KG.sourceFile, source), (PROV.wasDerivedFrom, source),
                      (KG.articleIndex, _int(article.index)), (KG.start, _int(article.start)),
                      (KG.end, _int(article.end))]
        pairs += [(SCHEMA.mentions, target) for target in named[0]]
        pairs += self.bylines(extractions)
        yield _block(node, pairs)
        yield from self.article_spans(node, text, named[1])

    def written_article(self, node: URIRef, article: Article, text: str, extractions: Sequence[Extraction],
                        mentions: Sequence[URIRef]) -> _Article:
        """`article`'s block of a node with one article, as `_Article`: the same pairs in the same order."""
        date = article.date
        if date and _FULL_DATE.match(date):
            dated: tuple[URIRef, Node] | None = (SCHEMA.dateCreated, _date(date))
        else:
            dated = (KG.dateline, _plain(date)) if date else None
        return _Article(node, article, text, self.headline(article), dated, self.source_iri(article.source),
                        list(dict.fromkeys(mentions)), list(dict.fromkeys(self.bylines(extractions))),
                        self.articles_under)

    def bylines(self, extractions: Sequence[Extraction]) -> list[tuple[URIRef, URIRef]]:
        """The article's reporters (schema:author) and photographers (schema:contributor), as credited."""
        reporter, photographer = Role.REPORTER, Role.PHOTOGRAPHER  # an Enum's member is looked up at each use
        credits: list[tuple[URIRef, URIRef]] = []
        for extraction in extractions:
            for m in extraction.people:
                if m.role is reporter:
                    credits.append((SCHEMA.author, self.person_iri(m.name)))
                elif m.role is photographer:
                    credits.append((SCHEMA.contributor, self.person_iri(m.name)))
        return credits

    def article_spans(self, node: URIRef, text: str, spans: list[tuple[int, int, URIRef]]) -> Iterator[Block]:
        """The kg:Mention spans of an article node, in order of place (of one place, in the order given)."""
        if not self.spans or not spans:
            return
        spans.sort(key=_PLACE)  # stable: the names of one span stay in the order they were indexed
        if self.written:
            yield _Spans(node, spans, text, self.articles_under)
            return
        for (start, end), items in groupby(spans, _PLACE):
            span, targets = self.iri.span(node, start, end), [target for _, _, target in items]
            if len(targets) == 1:  # most spans: six triples, each once by making
                yield span, ((RDF.type, KG.Mention), (KG.inArticle, node), (KG.mentionOf, targets[0]),
                             (KG.text, _zh(text[start:end])), (KG.start, _int(start)), (KG.end, _int(end)))
                continue
            pairs = [(RDF.type, KG.Mention), (KG.inArticle, node)]
            for target in targets:
                pairs += [(KG.mentionOf, target), (KG.text, _zh(text[start:end]))]
            pairs += [(KG.start, _int(start)), (KG.end, _int(end))]
            yield _block(span, pairs)

    def events(self) -> Iterator[Block | _Event]:
        found = ((e, e.event) for e in self.corpus.extractions if e.event is not None)
        for article_id, events in _group(found, lambda item: item[0].article.id).items():  # one event IRI an id
            node, article = self.event_iri(article_id), self.article_iri(article_id)
            pairs: list[tuple[URIRef, Node]] = [(RDF.type, SCHEMA.Event)]
            people: list[tuple[URIRef, Node]] = []
            for extraction, event in events:
                pairs += [(SCHEMA.name, self.event_name(extraction.article)), (KG.eventType, _zh(event.kind)),
                          (SCHEMA.subjectOf, article), (PROV.wasDerivedFrom, article)]
                if event.date and _FULL_DATE.match(event.date):
                    pairs.append((SCHEMA.startDate, _date(event.date)))
                elif event.date:
                    pairs.append((KG.dateline, _plain(event.date)))
                if event.place:
                    pairs.append((SCHEMA.location, self.place_iri(event.place)))
                people = []
                for predicate, names in ((SCHEMA.organizer, event.organizers), (SCHEMA.attendee, event.attendees),
                                         (SCHEMA.performer, event.speakers)):
                    people += [(predicate, self.person_iri(name)) for name in names]
                pairs += people
            if len(events) == 1:  # one report (most events): each pair but its people's of a predicate of its own
                block = (node, pairs[:len(pairs) - len(people)] + list(dict.fromkeys(people)))
            else:  # its literals hashed (rdflib's Literal.__hash__ runs Python code) to find repeats
                block = _block(node, pairs)
            yield _Event(block, self.events_under, self.articles_under) if self.written else block

    def collaborations(self) -> Iterator[Block]:
        """The works-with edge, materialised: weight = shared events, the events as evidence. Returns (as the
        generator's value) each person's co-workers, for the `kg:worksWith` triples of the people."""
        found: list[tuple[URIRef, set[str]]] = []  # each event of people to pair, and its people
        for extraction in self.corpus.extractions:
            if extraction.event is None:
                continue
            members = set(extraction.event.organizers) | set(extraction.event.attendees)
            if len(members) <= MAX_PAIRED_PARTICIPANTS:  # its IRI once an event, not once each pair of its people
                found.append((self.event_iri(extraction.article.id), members))
        # a pair (a, b), a < b, as the number a * len(keys) + b of its people's places in order: the pairs sort as
        # numbers, as they would as pairs of names, and are found by a number's hash
        keys = sorted({key for _, members in found for key in members})
        place, size = {key: n for n, key in enumerate(keys)}, len(keys)
        shared: dict[int, list[URIRef]] = defaultdict(list)  # a pair's events, as often as shared
        for event, members in found:
            for a, b in combinations(sorted(map(place.__getitem__, members)), 2):
                shared[a * size + b].append(event)
        del found
        partners: dict[URIRef, dict[URIRef, None]] = defaultdict(dict)
        under, ordered = f"{self.iri.base}collaboration/", sorted(shared.items())
        slugs = self.distinct_slugs(keys) if self.written else None
        if slugs is not None:  # each pair its own node: its IRI's part and its people's IRIs looked up, not made
            for pair, events in ordered:
                a, b = divmod(pair, size)
                (pa, sa), (pb, sb) = slugs[a], slugs[b]
                partners[pa][pb] = partners[pb][pa] = None
                yield _Collaboration(under, f"{sa}--{sb}", pa, pb, len(events),
                                     list(dict.fromkeys(events)) if len(events) > 1 else events, self.events_under)
            return partners
        # by the IRI's last part: the same grouping, and no IRI made for a node written as text
        part_of = self.iri.collaboration_part
        groups: dict[str, list[tuple[tuple[str, str], list[URIRef]]]] = {}  # `_group`, without two calls a pair
        for pair, events in ordered:
            a, b = divmod(pair, size)
            groups.setdefault(part_of(keys[a], keys[b]), []).append(((keys[a], keys[b]), events))
        del shared, ordered
        for part, pairs in groups.items():
            if self.written and len(pairs) == 1:  # each pair its own node, unless two names share one IRI
                (a, b), events = pairs[0]
                pa, pb = self.person_iri(a), self.person_iri(b)
                if pa != pb:  # two keys of one slug (one IRI, two terms): its participant once, as `_block` has it
                    partners[pa][pb] = partners[pb][pa] = None
                    yield _Collaboration(under, part, pa, pb, len(events), list(dict.fromkeys(events)),
                                         self.events_under)
                    continue
            node = URIRef(under + part)
            triples: list[tuple[URIRef, Node]] = [(RDF.type, KG.Collaboration)]
            for (a, b), events in pairs:
                pa, pb = self.person_iri(a), self.person_iri(b)
                partners[pa][pb] = partners[pb][pa] = None
                triples += [(KG.participant, pa), (KG.participant, pb), (KG.weight, _int(len(events))),
                            *((KG.evidence, event) for event in events)]
            yield _block(node, triples)
        return partners

    def distinct_slugs(self, keys: Sequence[str]) -> list[tuple[URIRef, str]] | None:
        """Each person's IRI and `Minter.person_slug`, minted in the order given; None if two share a slug (then
        a collaboration's IRI may be two pairs')."""
        slugs = [(self.person_iri(key), self.iri.person_slug(key)) for key in keys]
        return slugs if len({made for _, made in slugs}) == len(slugs) else None

    def people(self, partners: dict[URIRef, dict[URIRef, None]]) -> Iterator[Block | _Post]:
        """Each person with their posts; then co-workers who are no person of the corpus (if any)."""
        for node, people in _group(self.corpus.people, lambda p: self.person_iri(p.id)).items():
            yield from self.person(node, people, partners.pop(node, {}))
        for node, others in partners.items():
            yield _block(node, ((KG.worksWith, other) for other in others))

    def person(self, node: URIRef, people: Sequence[Person], partners: Iterable[URIRef]
               ) -> Iterator[Block | _Post]:
        pairs: list[tuple[URIRef, Node]] = [(RDF.type, SCHEMA.Person)]
        posts: dict[URIRef, list[tuple[URIRef, Node | _Place]]] = {}
        article_iri, span, written = self.article_iri, self.iri.span, self.written
        for person in people:
            pairs.append((SCHEMA.name, _zh(person.name)))
            pairs += [(SCHEMA.alternateName, _zh(alias)) for alias in person.aliases]
            pairs.append((KG.role, _plain(person.role.value)))
            if person.locale:
                pairs.append((KG.locale, _zh(person.locale)))
            for post in person.posts:
                post_node = self.post_iri(person.id, post.title)
                pairs += [(SCHEMA.jobTitle, _zh(post.title)), (ORG.holds, post_node)]
                post_pairs = posts.setdefault(post_node, [(RDF.type, ORG.Post)])
                post_pairs += [(RDFS.label, _zh(post.title)), (ORG.heldBy, node)]
                if post.org:
                    post_pairs.append((ORG.postIn, self.org_iri(post.org)))
                for ev in post.evidence:  # written, a span is its article and place (`_Post`): no IRI made
                    article = article_iri(ev.article_id)
                    place = (article, ev.start, ev.end)
                    post_pairs += [(KG.evidence, place if written else span(*place)), (PROV.wasDerivedFrom, article)]
        memberships: dict[URIRef, tuple[URIRef, list[Post]]] = {}  # one node, however often its person is named
        for person in people:
            for post in person.posts:
                entry = memberships.setdefault(self.iri.membership(person.id, post.title),
                                               (self.post_iri(person.id, post.title), []))
                entry[1].append(post)
        pairs += [(ORG.hasMembership, membership) for membership in memberships]
        pairs += [(KG.worksWith, other) for other in partners]
        yield _block(node, pairs)
        for post_node, post_pairs in posts.items():
            yield _Post(*_block(post_node, post_pairs), self.articles_under) if written \
                else _block(post_node, post_pairs)
        for membership, (post_node, same) in memberships.items():
            yield from self.membership(membership, node, post_node, same)

    def membership(self, membership: URIRef, node: URIRef, post_node: URIRef, posts: Sequence[Post]
                   ) -> Iterator[Block]:
        """A post as an org:Membership of its organisation, with the first and last dates it was reported (the
        dates of its articles whose year is known) as an org:memberDuring time:Interval."""
        pairs: list[tuple[URIRef, Node]] = [(RDF.type, ORG.Membership), (ORG.member, node)]
        pairs += [(RDFS.label, _zh(post.title)) for post in posts] + [(KG.post, post_node)]
        pairs += [(ORG.organization, self.org_iri(post.org)) for post in posts if post.org]
        known = self.dates  # a date is never empty
        dates = sorted({date for post in posts for ev in post.evidence if (date := known.get(ev.article_id))})
        if not dates:
            yield _block(membership, pairs)
            return
        during, first, last = (URIRef(f"{membership}/{part}") for part in ("during", "first", "last"))
        pairs.append((ORG.memberDuring, during))
        yield _block(membership, pairs)
        yield _block(during, [(RDF.type, TIME.Interval), (TIME.hasBeginning, first), (TIME.hasEnd, last)])
        for instant, date in ((first, dates[0]), (last, dates[-1])):
            yield _block(instant, [(RDF.type, TIME.Instant), (TIME.inXSDDate, _date(date))])

    def organizations(self) -> Iterator[Block]:
        """Canonical full name as skos:prefLabel; each printed form as schema:name (and, when it differs from the
        canonical name, as schema:alternateName)."""
        for node, orgs in _group(self.corpus.organizations, lambda o: self.org_iri(o.name)).items():
            pairs: list[tuple[URIRef, Node]] = [(RDF.type, ORG.Organization)]
            for org in orgs:
                pairs.append((SKOS.prefLabel, _zh(org.name)))
                for printed in org.aliases or (org.name,):
                    pairs.append((SCHEMA.name, _zh(printed)))
                    if printed != org.name:
                        pairs.append((SCHEMA.alternateName, _zh(printed)))
                pairs += [(SCHEMA.alternateName, _zh(short)) for short in org.references]  # 离岸科创中心
                if org.parent:
                    pairs.append((ORG.subOrganizationOf, self.org_iri(org.parent)))
            yield _block(node, pairs)

    def places(self) -> Iterator[Block]:
        """A place named in the articles is a schema:Place; a division only above them is an AdministrativeArea."""
        for node, places in _group(self.corpus.places, lambda p: self.place_iri(p.name)).items():
            pairs: list[tuple[URIRef, Node]] = []
            for place in places:
                if place.mentions:
                    pairs.append((RDF.type, SCHEMA.Place))
                if place.code:
                    pairs += [(RDF.type, SCHEMA.AdministrativeArea), (SCHEMA.identifier, Literal(place.code))]
                if place.latitude is not None and place.longitude is not None:
                    pairs += [(SCHEMA.latitude, Literal(place.latitude, datatype=XSD.decimal)),
                              (SCHEMA.longitude, Literal(place.longitude, datatype=XSD.decimal))]
                pairs.append((SCHEMA.name, _zh(place.name)))
                if place.contained_in:
                    pairs.append((SCHEMA.containedInPlace, self.place_iri(place.contained_in)))
            yield _block(node, pairs)

    def merges(self) -> Iterator[Block]:
        for node, merges in _group(self.corpus.merges, lambda m: self.iri.merge(m.kept, m.variant)).items():
            pairs: list[tuple[URIRef, Node]] = [(RDF.type, KG.NameMerge)]
            for merge in merges:
                pairs += [(KG.kept, self.person_iri(merge.kept)), (KG.variant, _zh(merge.variant)),
                          *((KG.reason, _plain(reason)) for reason in merge.reasons)]
            yield _block(node, pairs)

    def splits(self) -> Iterator[Block]:
        for split in self.corpus.splits:
            pairs: list[tuple[URIRef, Node]] = [(RDF.type, KG.NameSplit), (KG.sharedName, _zh(split.name))]
            pairs += [(KG.splitInto, self.person_iri(key)) for key in split.people]
            pairs += [(KG.reason, _plain(reason)) for reason in split.reasons]
            yield _block(self.iri.split(split.name), pairs)


def iter_blocks(corpus: Corpus, *, base: str = DEFAULT_BASE, spans: bool = True, works_with: bool = True
                ) -> Iterator[Block]:
    """`iter_triples` a node at a time: each node with its (predicate, object) pairs, the way the Turtle writer
    (`kgraph.rdf.turtle.write_blocks`) takes them.

    >>> from kgraph.model import Article, Corpus
    >>> corpus = Corpus(articles=(Article("p.txt", 0, "标题", "正文"),), sources=("p.txt",))
    >>> [(s.rsplit("/", 2)[-2], len(pairs)) for s, pairs in iter_blocks(corpus)]
    [('source', 2), ('article', 8)]
    """
    return _Triples(corpus, base, spans=spans, works_with=works_with).all()


def iter_written_blocks(corpus: Corpus, *, base: str = DEFAULT_BASE) -> Iterator[Block | Statements]:
    """`iter_blocks` for `kgraph.rdf.turtle.write_blocks` alone (the build's graph.ttl): the spans, collaborations
    and most articles, events and posts come as `Statements`, the Turtle written directly, and `write_blocks` writes
    the same text (`tests/rdf/test_build.py`)."""
    return _Triples(corpus, base, written=True).all()


def iter_triples(corpus: Corpus, *, base: str = DEFAULT_BASE, spans: bool = True, works_with: bool = True
                 ) -> Iterator[Triple]:
    """The triples of a resolved corpus, each once, a node's together; the same corpus always gives the same
    triples in the same order. `spans=False` leaves out the kg:Mention nodes (where in an article each name is
    printed): most of the triples, and nothing the network page reads; `works_with=False` the materialised
    works-with edges (kg:Collaboration, kg:worksWith), which the page reads from the events themselves.

    >>> from kgraph.model import Article, Corpus
    >>> corpus = Corpus(articles=(Article("p.txt", 0, "标题", "正文"),), sources=("p.txt",))
    >>> [(s.rsplit("/", 2)[-2], p.rsplit("/", 1)[-1]) for s, p, _ in iter_triples(corpus)][:3]
    [('source', '22-rdf-syntax-ns#type'), ('source', 'name'), ('article', '22-rdf-syntax-ns#type')]
    """
    blocks = iter_blocks(corpus, base=base, spans=spans, works_with=works_with)
    return ((subject, predicate, obj) for subject, pairs in blocks for predicate, obj in pairs)


def build_graph(corpus: Corpus, *, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of a resolved corpus; the same corpus always gives the same triples."""
    graph = new_graph(base)
    graph.addN((s, p, o, graph) for s, p, o in iter_triples(corpus, base=base))
    return graph

