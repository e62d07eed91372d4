"""Stage 5: RDF graph -> networkx graph of who works with whom.

Needs the graph `kgraph build` writes (see `rdf-model.md`); adds nothing to it. Two people work together when they
are organizer or attendee of the same `schema:Event`; the edge weight is the number of such shared events. This is
computed from the events themselves, so graphs from other tools work without the materialised `kg:worksWith`
edges; those are only used for pairs the events do not explain.

The returned `net` holds scalars only (lists are joined), so every networkx writer, GraphML included, takes it as is:

- node id: the IRI; attributes `label`, `kind` (person, organization, place), `role`, `titles` (joined with 、),
  `aliases` (joined with 、), `events` and `articles` (counts);
- people also have `organizations` (those of their posts and the ones above them, joined with 、), `organization`
  (the top organisation most of their posts belong to: the colour group) and `community` (0 is the largest group
  of people who work together, found with networkx's seeded Louvain method);
- edge attributes `kind` (works_with, post, event), `weight`, `events` and `articles` (IRIs joined with a space),
  `evidence` (one readable line per event, joined with a newline), `reports` (one line per article: date, headline
  and source file, tab-separated) and `titles` (posts held in an organisation);
- graph attributes `people_in_graph` (every person of the RDF graph), `left_out_bylines` (reporters and
  photographers who only sign articles) and `left_out_mentioned` (people only mentioned): who is not drawn, and why.

Which people are nodes: everyone who is an organizer or attendee of an event, or holds a title (`schema:jobTitle`
or `org:holds`). `docs/queries/network-people.rq` is the same rule in SPARQL.

The same evidence, structured, comes from `collect_edge_evidence`. `build_corpus_network` is the same network of the
graph `kgraph.rdf.build` makes of a corpus, read from the corpus without making the graph (a build's page): the rules
are written once, over what a `_Facts` reader says of a node, one reader for an RDF graph and one for a corpus.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, combinations
from operator import itemgetter
from typing import Any, NamedTuple, Protocol, TypeVar

import networkx as nx
import rdflib
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kgraph.errors import KgraphError
from kgraph.heap import cycles_freed
from kgraph.model import MAX_PAIRED_PARTICIPANTS, Article, Corpus, Extraction, Organization, Person, Role
from kgraph.rdf import vocab
from kgraph.rdf.build import iri_minter, is_full_date
from kgraph.rdf.cached import CachedNamespace
from kgraph.rdf.vocab import DEFAULT_BASE

__all__ = ["ArticleRef", "EventRef", "LinkEvidence", "build_corpus_network", "build_network", "collect_edge_evidence",
           "detect_communities", "select_network"]

TITLE_SEPARATOR = "、"
ROLES = ("official", "reporter", "photographer", "other")
SEED = 20220526
# the terms read, each made once (rdflib makes a new one at every `SCHEMA.name`): a page asks for hundreds of thousands
SCHEMA, KG = CachedNamespace(vocab.SCHEMA), CachedNamespace(vocab.KG)
ORG, PROV, RDF = CachedNamespace(rdflib.ORG), CachedNamespace(rdflib.PROV), CachedNamespace(rdflib.RDF)
RDFS, SKOS = CachedNamespace(rdflib.RDFS), CachedNamespace(rdflib.SKOS)
_NOT_PEOPLE = (ORG.Organization, SCHEMA.Organization, SCHEMA.Place, SCHEMA.Event, SCHEMA.NewsArticle)

# what a link's texts take of one of its events: its date, IRI, line, and its articles' (date, IRI, line)
_Part = tuple[str, str, str, tuple[tuple[str, str, str], ...]]
_ORDER = itemgetter(0, 1)  # the order of a link's events: a `_Part`'s date and IRI
T = TypeVar("T")


class LinkEvidence(NamedTuple):
    """A link's events and reports as the page numbers them (`kgraph.render.page`), in place of the four texts
    `build_network` writes of them (`events`, `articles`, `evidence`, `reports`): what the texts say, before it is
    joined. At 60,000 articles the page's links name half a million events; joining their texts and splitting them
    again in the page cost 0.8 s of a build's 74, and their strings were 60 MB of its peak."""

    events: tuple[tuple[str, str | None], ...]  # each event's IRI and line (`evidence`; None: no line)
    reports: tuple[str, ...]  # each article's line (`reports`)
    articles: int  # how many articles (`articles`)


_NONE: set[Node] = set()  # the organisations and places of an event whose reports mention none (never changed)


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article an edge rests on, enough for a reader to find it."""

    iri: str
    headline: str = ""
    source: str = ""
    date: str = ""

    def describe(self) -> str:
        """One tab-separated line, date, headline and source file, with no tab or newline inside a field."""
        return "\t".join(" ".join(part.split()) for part in (self.date, self.headline, self.source))


@dataclass(frozen=True, slots=True)
class EventRef:
    """A shared event behind an edge: the reason two people are linked."""

    iri: str
    event_type: str = ""
    date: str = ""
    place: str = ""
    articles: tuple[ArticleRef, ...] = ()

    def describe(self) -> str:
        """One line for a tooltip: `2022-05-26 会议（川店镇）《标题》` (a line break inside one of them is a space:
        a link's `evidence` is its events' lines joined by line breaks)."""
        head = " ".join(part for part in (self.date, self.event_type or "活动") if part)
        if self.place:
            head += f"（{self.place}）"
        headlines = "".join(f"《{a.headline}》" for a in self.articles if a.headline)
        return (head + headlines).replace("\n", " ")


class _Facts(Protocol):
    """What the rules of `build_network` read of a graph, node by node: an RDF graph's triples (`_GraphFacts`), or
    the corpus `kgraph.rdf.build` makes them of (`_CorpusFacts`), for the same answers. A node is a term whose
    `str` is its IRI; an article is whatever `reports`, `naming` and `mentions` give, and `article` takes."""

    def events(self) -> Iterable[Node]: ...
    def iri(self, node: Node) -> str: ...  # an event's
    def participants(self, event: Node) -> Iterable[Node]: ...  # its organizers and attendees
    def is_person(self, node: Node) -> bool: ...
    def materialised(self, shared: dict[tuple[Node, Node], list[Node]]
                     ) -> dict[tuple[Node, Node], tuple[int, set[Node]]]: ...  # works-with pairs the events miss
    def titled(self) -> Iterable[Node]: ...  # what holds a title (schema:jobTitle, org:holds)
    def people(self) -> Iterable[Node]: ...  # typed schema:Person
    def naming(self, person: Node) -> set[Any]: ...  # a new set of the articles that mention or credit them
    def reports(self, event: Node) -> set[Any]: ...
    def mentions(self, article: Any) -> Iterable[Node]: ...
    def mentioning(self, thing: Node) -> int: ...  # how many articles mention it
    def things(self, kind: str) -> set[Node]: ...  # the organisations or the places
    def locations(self, event: Node) -> Iterable[Node]: ...
    def organizers(self, event: Node) -> Iterable[Node]: ...
    def posts(self, person: Node) -> Iterable[Any]: ...
    def post_orgs(self, post: Any) -> Iterable[Node]: ...
    def label(self, post: Any) -> str: ...
    def parents(self, org: Node) -> Iterable[Node]: ...
    def name(self, node: Node) -> str: ...
    def aliases(self, node: Node) -> list[str]: ...
    def titles(self, person: Node) -> list[str]: ...
    def role(self, person: Node, *, has_title: bool) -> str: ...
    def start_date(self, event: Node) -> str: ...
    def dateline(self, article: Any) -> str: ...
    def kind(self, event: Node) -> str: ...
    def article(self, article: Any) -> ArticleRef: ...


class _GraphFacts:
    """`_Facts` of an RDF graph, any tool's."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def events(self) -> Iterable[Node]:
        return self.graph.subjects(RDF.type, SCHEMA.Event, unique=True)

    def iri(self, node: Node) -> str:
        return str(node)

    def participants(self, event: Node) -> Iterable[Node]:
        return chain(self.graph.objects(event, SCHEMA.organizer), self.graph.objects(event, SCHEMA.attendee))

    def is_person(self, node: Node) -> bool:
        return _is_person(self.graph, node)

    def materialised(self, shared: dict[tuple[Node, Node], list[Node]]
                     ) -> dict[tuple[Node, Node], tuple[int, set[Node]]]:
        """The kg:worksWith and kg:Collaboration pairs not in `shared`, with their weights and events."""
        graph = self.graph
        weights: dict[tuple[Node, Node], int] = {}
        evidence: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
        for a, b in graph.subject_objects(KG.worksWith):
            if a != b and _is_person(graph, a) and _is_person(graph, b):
                evidence.setdefault(_pair(a, b), set())  # a bare kg:worksWith still counts
        for collab in graph.subjects(RDF.type, KG.Collaboration, unique=True):
            parts = sorted({p for p in graph.objects(collab, KG.participant) if _is_person(graph, p)}, key=str)
            if len(parts) != 2:
                continue
            pair = _pair(*parts)
            evidence[pair] |= {e for e in graph.objects(collab, KG.evidence)
                               if (e, RDF.type, SCHEMA.Event) in graph}
            for weight in graph.objects(collab, KG.weight):
                if isinstance(weight, Literal) and isinstance(weight.toPython(), int):
                    weights[pair] = max(weights.get(pair, 0), weight.toPython())
        return {pair: (max(weights.get(pair, 0), len(events), 1), events) for pair, events in evidence.items()
                if pair not in shared}

    def titled(self) -> Iterable[Node]:
        graph = self.graph
        return chain(graph.subjects(SCHEMA.jobTitle, None, unique=True), graph.subjects(ORG.holds, None, unique=True))

    def people(self) -> Iterable[Node]:
        return self.graph.subjects(RDF.type, SCHEMA.Person, unique=True)

    def naming(self, person: Node) -> set[Node]:
        subjects = self.graph.subjects
        return {*subjects(SCHEMA.mentions, person), *subjects(SCHEMA.author, person),
                *subjects(SCHEMA.contributor, person)}

    def reports(self, event: Node) -> set[Node]:
        return set(self.graph.objects(event, SCHEMA.subjectOf)) | set(self.graph.subjects(SCHEMA.about, event))

    def mentions(self, article: Node) -> Iterable[Node]:
        return self.graph.objects(article, SCHEMA.mentions)

    def mentioning(self, thing: Node) -> int:
        return len(set(self.graph.subjects(SCHEMA.mentions, thing)))

    def things(self, kind: str) -> set[Node]:
        graph = self.graph
        rdf_type = ORG.Organization if kind == "organization" else SCHEMA.Place
        things = set(graph.subjects(RDF.type, rdf_type, unique=True))
        if kind == "organization":
            things |= set(graph.subjects(RDF.type, SCHEMA.Organization, unique=True))
        return things

    def locations(self, event: Node) -> Iterable[Node]:
        return self.graph.objects(event, SCHEMA.location)

    def organizers(self, event: Node) -> Iterable[Node]:
        return self.graph.objects(event, SCHEMA.organizer)

    def posts(self, person: Node) -> Iterable[Node]:
        return self.graph.objects(person, ORG.holds)

    def post_orgs(self, post: Node) -> Iterable[Node]:
        return self.graph.objects(post, ORG.postIn)

    def label(self, post: Node) -> str:
        return _label(self.graph, post)

    def parents(self, org: Node) -> Iterable[Node]:
        return self.graph.objects(org, ORG.subOrganizationOf)

    def name(self, node: Node) -> str:
        return _name(self.graph, node)

    def aliases(self, node: Node) -> list[str]:
        return _aliases(self.graph, node)

    def titles(self, person: Node) -> list[str]:
        return _titles(self.graph, person)

    def role(self, person: Node, *, has_title: bool) -> str:
        return _role(self.graph, person, has_title=has_title)

    def start_date(self, event: Node) -> str:
        return _text(self.graph, event, SCHEMA.startDate)

    def dateline(self, article: Node) -> str:
        return _text(self.graph, article, KG.dateline)

    def kind(self, event: Node) -> str:
        return _text(self.graph, event, KG.eventType) or _text(self.graph, event, SCHEMA.name)

    def article(self, article: Node) -> ArticleRef:
        g = self.graph
        sources = [*g.objects(article, KG.sourceFile), *g.objects(article, PROV.wasDerivedFrom)]
        source = min((name for f in sources if (name := _text(g, f, SCHEMA.name))), default="")
        date = _text(g, article, SCHEMA.dateCreated) or _text(g, article, KG.dateline)
        return ArticleRef(str(article), _text(g, article, SCHEMA.headline), source, date)


class _CorpusFacts:
    """`_Facts` of the graph `kgraph.rdf.build` makes of a corpus, read from the corpus: its nodes are the same
    IRIs (its `Minter`) but an article's and an event's, which are its article's id (one IRI each: the minter
    refuses a clash), its IRI made only for the texts of the links kept. What the graph merges
    implicitly is merged here by IRI: the records of a person, organisation or place that share one (`_group` in
    `kgraph.rdf.build`), the extractions of one event, and a value given twice is one triple."""

    def __init__(self, corpus: Corpus, base: str) -> None:
        self.corpus, self.base = corpus, base
        self.minter = iri_minter(base)
        self.person_iri = functools.cache(self.minter.person)
        self.org_iri = functools.cache(self.minter.org)
        self.place_iri = functools.cache(self.minter.place)
        self._events: dict[str, list[Extraction]] = {}  # by its article's id
        for extraction in corpus.extractions:
            if extraction.event is not None:
                self._events.setdefault(extraction.article.id, []).append(extraction)
        self._people = _by_iri(corpus.people, lambda p: self.person_iri(p.id))
        self._orgs = _by_iri(corpus.organizations, lambda o: self.org_iri(o.name))
        self._places = _by_iri(corpus.places, lambda p: self.place_iri(p.name))
        # the people each article credits (schema:author, schema:contributor), by person
        self._credited: dict[Node, set[str]] = defaultdict(set)
        self._authors: set[Node] = set()
        self._contributors: set[Node] = set()
        reporter, photographer = Role.REPORTER, Role.PHOTOGRAPHER
        for extraction in corpus.extractions:
            for m in extraction.people:
                if m.role is reporter or m.role is photographer:
                    node = self.person_iri(m.name)
                    self._credited[node].add(extraction.article.id)
                    (self._authors if m.role is reporter else self._contributors).add(node)
        self._articles: dict[str, list[Article]] | None = None  # by id, when first asked
        self._mentions: dict[str, list[Node]] | None = None  # article id -> organisations and places it names
        self._sources = frozenset(corpus.sources)

    def events(self) -> Iterable[str]:
        return self._events

    def iri(self, event: str) -> str:
        return str(self.minter.event(event))

    def participants(self, event: Node) -> Iterable[Node]:
        person = self.person_iri
        return [person(name) for e in self._events[event] for names in (e.event.organizers, e.event.attendees)
                for name in names]

    def is_person(self, node: Node) -> bool:
        return True  # whatever the corpus's graph asks this of is a person's IRI, typed a person or not typed

    def materialised(self, shared: dict[tuple[Node, Node], list[Node]]
                     ) -> dict[tuple[Node, Node], tuple[int, set[Node]]]:
        """None but for an event of several extractions (one article's id twice) with more people than are paired:
        its extractions' own pairs are then only in the graph's kg:Collaboration nodes, read from those."""
        if not any(len(extractions) > 1 and len({*self.participants(event)}) > MAX_PAIRED_PARTICIPANTS
                   for event, extractions in self._events.items()):
            return {}
        from kgraph.rdf.build import build_graph  # rare: the corpus's whole graph, for its collaborations

        events = {self.minter.event(event): event for event in self._events}  # its events by their ids here
        found = _GraphFacts(build_graph(self.corpus, base=self.base)).materialised(shared)
        return {pair: (weight, {events[e] for e in evidence}) for pair, (weight, evidence) in found.items()}

    def titled(self) -> Iterable[Node]:
        return [node for node, people in self._people.items() if any(p.posts for p in people)]

    def people(self) -> Iterable[Node]:
        return self._people

    def naming(self, person: Node) -> set[str]:
        found = {ev.article_id for p in self._people.get(person, ()) for ev in p.mentions}
        found |= self._credited.get(person, set())
        return found

    def reports(self, event: str) -> set[str]:
        return {event}  # an event is its article's

    def mentions(self, article: str) -> Iterable[Node]:
        if self._mentions is None:  # the organisations' and places' (people are no context), made once
            self._mentions = defaultdict(list)
            for things in (self._orgs, self._places):
                for node, records in things.items():
                    for record in records:
                        for ev in record.mentions:
                            self._mentions[ev.article_id].append(node)
        return self._mentions.get(article, ())

    def mentioning(self, thing: Node) -> int:
        records = self._orgs.get(thing) or self._places.get(thing) or ()
        return len({ev.article_id for record in records for ev in record.mentions})

    def things(self, kind: str) -> set[Node]:
        if kind == "organization":
            return set(self._orgs)
        return {node for node, places in self._places.items() if any(p.mentions for p in places)}

    def locations(self, event: Node) -> Iterable[Node]:
        return [self.place_iri(e.event.place) for e in self._events[event] if e.event.place]

    def organizers(self, event: Node) -> Iterable[Node]:
        return [self.person_iri(name) for e in self._events[event] for name in e.event.organizers]

    def posts(self, person: Node) -> Iterable[tuple[str, str]]:
        """(the person's key, the title): one a title, as the post's IRI is (`Minter.post`)."""
        return {post.title: (p.id, post.title) for p in self._people.get(person, ()) for post in p.posts}.values()

    def post_orgs(self, post: tuple[str, str]) -> Iterable[Node]:
        key, title = post
        return dict.fromkeys(self.org_iri(held.org) for p in self._people[self.person_iri(key)]
                             for held in p.posts if held.title == title and held.org)

    def label(self, post: tuple[str, str]) -> str:
        return post[1] or _tail(self.minter.post(*post))

    def parents(self, org: Node) -> Iterable[Node]:
        return [self.org_iri(o.parent) for o in self._orgs.get(org, ()) if o.parent]

    def name(self, node: Node) -> str:
        """`_name`: the first of skos:prefLabel, schema:name, rdfs:label, schema:alternateName that has one."""
        if (people := self._people.get(node)) is not None:
            ranked: tuple[Iterable[str], ...] = ((p.name for p in people), self._person_aliases(people))
        elif (orgs := self._orgs.get(node)) is not None:
            ranked = ((o.name for o in orgs), (n for o in orgs for n in o.aliases or (o.name,)),
                      self._org_aliases(orgs))
        elif (places := self._places.get(node)) is not None:
            ranked = ((p.name for p in places),)
        else:
            ranked = ()
        for values in ranked:
            if text := min(values, default=""):
                return text
        return _tail(str(node))

    def aliases(self, node: Node) -> list[str]:
        if (people := self._people.get(node)) is not None:
            others = set(self._person_aliases(people))
        elif (orgs := self._orgs.get(node)) is not None:
            others = set(self._org_aliases(orgs))
        else:
            return []
        return sorted(others - {self.name(node)})

    @staticmethod
    def _person_aliases(people: list[Person]) -> list[str]:
        return [alias for p in people for alias in p.aliases]

    @staticmethod
    def _org_aliases(orgs: list[Organization]) -> list[str]:
        """An organisation's schema:alternateName: each printed form but its name, and its short references."""
        return [n for o in orgs for n in (*(a for a in o.aliases if a != o.name), *o.references)]

    def titles(self, person: Node) -> list[str]:
        titles = {post.title for p in self._people.get(person, ()) for post in p.posts}
        titles |= {self.label(post) for post in self.posts(person)}
        return sorted(t for t in titles if t)

    def role(self, person: Node, *, has_title: bool) -> str:
        stated = {p.role.value for p in self._people.get(person, ())}
        for role in ROLES:
            if role in stated:
                return role
        if person in self._authors:
            return "reporter"
        if person in self._contributors:
            return "photographer"
        return "official" if has_title else "other"

    def start_date(self, event: Node) -> str:
        return min((_date_text(e.event.date) for e in self._events[event] if e.event.date
                    and is_full_date(e.event.date)), default="")

    def dateline(self, article: str) -> str:
        return min((a.date for a in self._articles_of(article) if a.date and not is_full_date(a.date)),
                   default="")

    def kind(self, event: Node) -> str:
        extractions = self._events[event]
        return min(e.event.kind for e in extractions) or min(e.article.headline for e in extractions)

    def article(self, article: str) -> ArticleRef:
        iri, articles = str(self.minter.article(article)), self._articles_of(article)
        if len(articles) == 1:  # most ids: the fields of its one article
            only = articles[0]
            date = _date_text(only.date) if only.date and is_full_date(only.date) else only.date
            source = only.source if only.source and only.source in self._sources else ""
            return ArticleRef(iri, only.headline, source, date or "")
        source = min((a.source for a in articles if a.source and a.source in self._sources), default="")
        date = min((_date_text(a.date) for a in articles if a.date and is_full_date(a.date)), default="")
        return ArticleRef(iri, min((a.headline for a in articles), default=""), source, date or self.dateline(article))

    def _articles_of(self, article: str) -> list[Article]:
        if self._articles is None:
            self._articles = {}
            for a in self.corpus.articles:
                self._articles.setdefault(a.id, []).append(a)
        return self._articles.get(article, [])


def _by_iri(records: Iterable[T], iri: Callable[[T], Node]) -> dict[Node, list[T]]:
    """Records by their node's IRI, in order of first appearance (as `kgraph.rdf.build` groups them)."""
    groups: dict[Node, list[T]] = {}
    for record in records:
        groups.setdefault(iri(record), []).append(record)
    return groups


@functools.lru_cache(maxsize=1 << 12)
def _date_text(text: str) -> str:
    """The text of the xsd:date a graph holds for a full date: rdflib writes a date it can read (one in other
    digits than ASCII's) in its own form."""
    return text if text.isascii() else str(Literal(text, datatype=XSD.date))


@dataclass(slots=True)
class _Index:
    """What the facts say about events and people, read once."""

    facts: _Facts
    participants: dict[Node, set[Node]] = field(default_factory=dict)  # event -> people
    events_of: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))  # person -> events
    # pair -> their events, each once (an event is read once, its pairs are distinct): a list, as most pairs share
    # one event, and a set of one is three times the size
    shared: dict[tuple[Node, Node], list[Node]] = field(default_factory=lambda: defaultdict(list))
    materialised: dict[tuple[Node, Node], tuple[int, set[Node]]] = field(default_factory=dict)
    _events: dict[Node, EventRef] = field(default_factory=dict)
    _articles: dict[Node, ArticleRef] = field(default_factory=dict)
    _parts: dict[Node, _Part] = field(default_factory=dict)  # event -> what `_texts` takes of it
    _reports: dict[Node, set[Node]] = field(default_factory=dict)  # event -> articles
    _lines: dict[tuple[str, str], str] = field(default_factory=dict)  # an article's report line, by IRI and date
    _people: dict[Node, bool] = field(default_factory=dict)
    _keys: dict[Node, str] = field(default_factory=dict)  # node -> its one key in the networkx graph
    _chains: dict[Node, tuple[list[str], str]] = field(default_factory=dict)  # org -> names up, top name
    _names: dict[Node, str] = field(default_factory=dict)
    texts: dict[Node, tuple[str, str, str, str]] = field(default_factory=dict)  # a one-event link's, by event
    links: dict[Node, LinkEvidence] = field(default_factory=dict)  # the same, as `LinkEvidence`
    # the organisations and places (`_add_context`'s things, all layers) each event's reports mention: mentions
    # are mostly people, and each layer read them all again
    context: set[Node] = field(default_factory=set)
    _mentioned: dict[Node, set[Node]] = field(default_factory=dict)

    def release(self) -> None:
        """Drop what was read to choose the people and links (their pairs, events and mentions): the texts of the
        links kept need only the events and articles, read again as asked for."""
        for table in (self.participants, self.events_of, self.shared, self.materialised, self._people,
                      self._keys, self._chains, self._mentioned):
            table.clear()

    def event(self, node: Node) -> EventRef:
        """The event, read once: every link it stands behind asks for it."""
        known = self._events.get(node)
        if known is None:
            known = self._events[node] = self._read_event(node)
        return known

    def _read_event(self, node: Node) -> EventRef:
        facts = self.facts
        articles = tuple(sorted((self.article(a) for a in self.reports(node)), key=lambda a: a.iri))
        date = facts.start_date(node)
        if not date:
            date = min((d for a in self.reports(node) if (d := facts.dateline(a))), default="")
        place = min((self.name(pl) for pl in facts.locations(node)), default="")
        return EventRef(facts.iri(node), facts.kind(node), date, place, articles)

    def name(self, node: Node) -> str:
        """`_name`, read once a node: a place is the place of many events."""
        known = self._names.get(node)
        if known is None:
            known = self._names[node] = self.facts.name(node)
        return known

    def article(self, node: Node) -> ArticleRef:
        if node not in self._articles:
            self._articles[node] = self.facts.article(node)
        return self._articles[node]

    def reports(self, event: Node) -> set[Node]:
        """The articles that report `event`, read once (its people, places and links all ask); not to be changed."""
        found = self._reports.get(event)
        if found is None:
            found = self._reports[event] = self.facts.reports(event)
        return found

    def mentioned(self, event: Node, things: set[Node]) -> set[Node]:
        """Which of `things` (some of `context`) the articles reporting `event` mention. Only those of `context`
        are kept: what every event's reports mention (their people most of it) was a sixth of the memory of
        making a decade's network."""
        known = self._mentioned.get(event)
        if known is None:
            context, mentions = self.context, self.facts.mentions
            known = {t for a in self.reports(event) for t in mentions(a) if t in context} or _NONE
            self._mentioned[event] = known
        return known & things if known else set()

    def key(self, node: Node) -> str:
        """The node's key in the networkx graph, one string however many links name it: `str(node)` for each end of
        each link was a copy of its IRI a link end, hundreds of thousands of them at 60,000 articles."""
        known = self._keys.get(node)
        if known is None:
            known = self._keys[node] = str(node)
        return known

    def is_person(self, node: Node) -> bool:
        """`_is_person`, asked once a node: a person is in many events."""
        known = self._people.get(node)
        if known is None:
            known = self._people[node] = self.facts.is_person(node)
        return known

    def chain(self, org: Node) -> tuple[list[str], str]:
        """The names of `org` and the organisations above it, and the top one's, read once an organisation."""
        known = self._chains.get(org)
        if known is None:
            chain = _org_chain(self.facts, org)
            known = self._chains[org] = ([self.name(node) for node in chain], self.name(chain[-1]))
        return known

    def part(self, node: Node) -> _Part:
        """What `_texts` takes of an event, made once: its date, IRI, line, and an entry (date, IRI, line) of each
        of its articles, dated as in the link's reports, in reverse order. The event's `EventRef` is let go once
        its part is made: the links need nothing else of it."""
        known = self._parts.get(node)
        if known is None:
            ref = self._events.pop(node, None) or self._read_event(node)
            entries = tuple((date, article.iri, self.report(article, date))
                            for article in reversed(ref.articles) for date in (article.date or ref.date,))
            known = self._parts[node] = (ref.date, ref.iri, ref.describe(), entries)
        return known

    def report(self, article: ArticleRef, date: str) -> str:
        """The line of `article` with `date` (its own, or its event's when it has none), made once: the article
        itself is not copied with that date for each link that shows it."""
        key = (article.iri, date)
        text = self._lines.get(key)
        if text is None:
            text = self._lines[key] = (article if article.date == date else replace(article, date=date)).describe()
        return text


def build_network(graph: Graph, *, include_orgs: bool = False, include_places: bool = False,
                  keep: Callable[[nx.Graph], nx.Graph] | None = None,
                  min_weight: Callable[[list[int]], int] | None = None) -> nx.Graph:
    """Read who works with whom from the events of `graph`; see the module docstring for the attributes.

    People are nodes when they take part in an event or hold a title; a reporter who only wrote the article is not.
    `keep` (such as a `select_network`) chooses the part to return before the links' texts (events, articles,
    evidence, reports) are written, so only the links kept get them: the page of a decade of a paper draws a
    tenth of its links, and the texts of all of them were most of the memory of drawing it. `min_weight`, given
    the weights of all works-with links, says how many shared events a link needs to be added at all (groups are
    found over all of them): for `keep` to choose among the strong ones, the weak were never made.

    >>> from rdflib import Graph
    >>> graph = Graph().parse(format="turtle", data='''
    ... @prefix schema: <https://schema.org/> .
    ... <urn:p1> a schema:Person ; schema:name "万玲玲"@zh ; schema:jobTitle "区委书记"@zh .
    ... <urn:p2> a schema:Person ; schema:name "周远栋"@zh .
    ... <urn:e1> a schema:Event ; schema:organizer <urn:p1> ; schema:attendee <urn:p2> .
    ... ''')
    >>> net = build_network(graph)
    >>> net.nodes["urn:p1"]["titles"], net.edges["urn:p1", "urn:p2"]["weight"]
    ('区委书记', 1)
    """
    return _build(_GraphFacts(graph), include_orgs=include_orgs, include_places=include_places, keep=keep,
                  min_weight=min_weight)


def build_corpus_network(corpus: Corpus, *, base: str = DEFAULT_BASE, include_orgs: bool = False,
                         include_places: bool = False, keep: Callable[[nx.Graph], nx.Graph] | None = None,
                         min_weight: Callable[[list[int]], int] | None = None, texts: bool = True) -> nx.Graph:
    """`build_network` of the graph `kgraph.rdf.build` makes of `corpus` with IRIs under `base`, the same network,
    read from the corpus itself: no triple, rdflib term or store is made for it (a build's page was a store of a
    fifth of its triples, filled while the Turtle was written and read back through rdflib's Graph API).

    Without `texts`, a link has its `LinkEvidence` as `link` in place of its four texts: what the page reads of
    them (`kgraph.render.page` draws the same page of either)."""
    return _build(_CorpusFacts(corpus, base), include_orgs=include_orgs, include_places=include_places,
                  keep=keep if keep is not None or texts else _all, min_weight=min_weight, texts=texts)


def _all(net: nx.Graph) -> nx.Graph:
    """Every link kept (`_build`'s `keep` that only defers the links' evidence to the end)."""
    return net


def _build(facts: _Facts, *, include_orgs: bool, include_places: bool,
           keep: Callable[[nx.Graph], nx.Graph] | None, min_weight: Callable[[list[int]], int] | None,
           texts: bool = True) -> nx.Graph:
    """The rules of `build_network`, over what `facts` says; without `texts` (with `keep` only), each link kept has
    its `LinkEvidence` as `link` in place of its texts."""
    index = _read_index(facts)
    net = nx.Graph()
    people = _select_people(index)
    for person in sorted(people, key=str):
        net.add_node(index.key(person), **_person_attributes(index, person))

    pairs = chain(((pair, len(events), events) for pair, events in index.shared.items()),
                  ((pair, weight, events) for pair, (weight, events) in index.materialised.items()))  # no pair in both
    key = index.key  # IRIs compared as the nodes' keys: a copy of each for each link was most of sorting's memory
    ordered = sorted(pairs, key=lambda item: (key(item[0][0]), key(item[0][1])))  # each pair's ends in IRI order
    communities = _communities(sorted(net, key=str),  # the nodes are the people yet
                               ((key(a), key(b), weight) for (a, b), weight, _ in ordered))
    least = min_weight([weight for _, weight, _ in ordered]) if min_weight is not None else 1
    net.add_edges_from((key(a), key(b), _edge_attributes(index, "works_with", weight, events, texts=keep is None))
                       for (a, b), weight, events in ordered if weight >= least)  # as `add_edge` each, in one call
    del ordered
    for node, community in communities.items():
        net.nodes[node]["community"] = community
    net.graph.update(_left_out(index, people))

    layers = {kind: facts.things(kind) for kind, shown in (("organization", include_orgs), ("place", include_places))
              if shown}
    for things in layers.values():
        index.context |= things
    for kind, things in layers.items():
        _add_context(net, index, people, things, kind=kind, texts=keep is None)
    if keep is not None:
        net = keep(net)
        index.release()  # what only choosing needed, so that the texts take its place rather than more
        for _, _, data in net.edges(data=True):
            attributes = _edge_attributes(index, data["kind"], data["weight"], data["events"], data["titles"],
                                          link=not texts)
            data.clear()
            data.update(attributes)  # in the order the attributes have without `keep`
    return net


def detect_communities(net: nx.Graph) -> dict[str, int]:
    """Groups of people who work together: networkx's Louvain method, seeded, over the works-with edges.

    Numbered from 0, largest first (ties by the first IRI); someone with no link is a group of one.

    >>> import networkx as nx
    >>> net = nx.Graph()
    >>> net.add_nodes_from(["a", "b", "c", "d", "e"], kind="person")
    >>> net.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e")], kind="works_with", weight=1)
    >>> detect_communities(net)
    {'a': 0, 'b': 0, 'c': 0, 'd': 1, 'e': 1}
    """
    people = sorted((node for node, kind in net.nodes(data="kind") if kind == "person"), key=str)
    ends = sorted(
        (tuple(sorted((u, v), key=str)) for u, v, kind in net.edges(data="kind") if kind == "works_with"),
        key=lambda end: (str(end[0]), str(end[1])),
    )
    return _communities(people, ((u, v, net.edges[u, v].get("weight")) for u, v in ends))


def _communities(people: list[Any], links: Iterable[tuple[Any, Any, object]]) -> dict[Any, int]:
    """`detect_communities` of the people (in IRI order) and their works-with links (in the order of their ends'
    IRIs, with their weights): `build_network` finds them before it draws its links, so that the network and
    Louvain's own copies of them are never held at once."""
    with cycles_freed():  # Louvain's copies of the graph
        graph = nx.Graph()
        graph.add_nodes_from(people)
        graph.add_weighted_edges_from((u, v, max(_count(weight), 1)) for u, v, weight in links
                                      if u in graph and v in graph)
        groups = nx.community.louvain_communities(graph, weight="weight", seed=SEED) if people else []
        del graph
    ordered = sorted((sorted(group, key=str) for group in groups), key=lambda group: (-len(group), str(group[0])))
    return {node: number for number, group in enumerate(ordered) for node in sorted(group, key=str)}


def select_network(net: nx.Graph, *, focus: str | None = None, depth: int = 1, min_weight: int = 1,
                   copy: bool = True) -> nx.Graph:
    """The part of `net` to draw: links of at least `min_weight` shared events, and one person's neighbourhood.

    Above a `min_weight` of 1, people left with no link are left out. With `focus`, only the people within `depth`
    links of the person of that name (or other spelling) stay. Their organisations and places stay with them, and
    attributes are kept, so colours match the whole network. Without `copy`, `net` itself is cut down and
    returned (a build's page: two copies of a decade's whole network were most of the memory of choosing).

    >>> import networkx as nx
    >>> net = nx.Graph()
    >>> for iri, name in [("urn:a", "万玲玲"), ("urn:b", "周远栋"), ("urn:c", "关勇")]:
    ...     net.add_node(iri, label=name, kind="person", aliases="")
    >>> net.add_edge("urn:a", "urn:b", kind="works_with", weight=2)
    >>> net.add_edge("urn:b", "urn:c", kind="works_with", weight=1)
    >>> sorted(select_network(net, focus="万玲玲", depth=2, min_weight=2).nodes)
    ['urn:a', 'urn:b']
    """
    if depth < 0 or min_weight < 1:
        raise KgraphError(f"depth must be 0 or more and min-weight 1 or more, got {depth} and {min_weight}")
    kept = net.copy() if copy else net
    kept.remove_edges_from(
        [
            (u, v)
            for u, v, d in net.edges(data=True)
            if d.get("kind") == "works_with" and _count(d.get("weight")) < min_weight
        ]
    )
    kept.graph["min_weight"] = min_weight
    links = nx.Graph()
    links.add_nodes_from(node for node, kind in kept.nodes(data="kind") if kind == "person")
    links.add_edges_from((u, v) for u, v, kind in kept.edges(data="kind") if kind == "works_with")
    if focus is not None:
        centre = _find_person(kept, focus)
        people = set(nx.single_source_shortest_path_length(links, centre, cutoff=depth))
        kept.graph.update(focus=centre, depth=depth)
    else:
        people = {node for node in links if min_weight == 1 or links.degree(node)}
    context = {other for person in people for other in kept.neighbors(person) if other not in links}
    if not copy:  # the nodes left in the order they were, as a copied subgraph of the same nodes would list them
        kept.remove_nodes_from([node for node in kept if node not in people and node not in context])
        return kept
    return kept.subgraph(people | context).copy()


def _find_person(net: nx.Graph, name: str) -> str:
    """The person called `name` (or with it as another spelling); the most active one if several are."""
    name = name.strip()
    found = [
        node
        for node, data in net.nodes(data=True)
        if data.get("kind") == "person"
        and (data.get("label") == name or name in str(data.get("aliases") or "").split(TITLE_SEPARATOR))
    ]
    if not found:
        raise KgraphError(f"no person called {name!r} in the network; `kgraph people GRAPH` lists who is there")
    return min(found, key=lambda node: (-_count(net.nodes[node].get("events")), str(node)))


def collect_edge_evidence(graph: Graph, net: nx.Graph) -> dict[tuple[str, str], tuple[EventRef, ...]]:
    """The events behind each edge of `net`, with their articles: for tooltips, reports and checking a claim.

    Keys are the edges as `net.edges` gives them; values are sorted by date, then IRI.

    >>> from rdflib import Graph
    >>> graph = Graph().parse(format="turtle", data='''
    ... @prefix schema: <https://schema.org/> .
    ... <urn:a1> a schema:NewsArticle ; schema:headline "区领导调研"@zh .
    ... <urn:p1> a schema:Person ; schema:name "万玲玲"@zh .
    ... <urn:p2> a schema:Person ; schema:name "周远栋"@zh .
    ... <urn:e1> a schema:Event ; schema:attendee <urn:p1>, <urn:p2> ; schema:subjectOf <urn:a1> .
    ... ''')
    >>> evidence = collect_edge_evidence(graph, build_network(graph))
    >>> evidence["urn:p1", "urn:p2"][0].articles[0].headline
    '区领导调研'
    """
    index = _read_index(_GraphFacts(graph))
    result: dict[tuple[str, str], tuple[EventRef, ...]] = {}
    for a, b, events in net.edges(data="events", default=""):
        refs = (index.event(_node(graph, iri)) for iri in events.split())
        result[a, b] = tuple(sorted(refs, key=lambda ref: (ref.date, ref.iri)))
    return result


def _read_index(facts: _Facts) -> _Index:
    index = _Index(facts)
    for event in facts.events():
        people = {p for p in facts.participants(event) if index.is_person(p)}
        index.participants[event] = people
        for person in people:
            index.events_of[person].add(event)
        if len(people) > MAX_PAIRED_PARTICIPANTS:
            continue  # as kgraph.rdf.build: no works-with pairs among that many
        for a, b in combinations(sorted(people, key=str), 2):
            index.shared[a, b].append(event)
    index.materialised.update(facts.materialised(index.shared))
    return index


def _select_people(index: _Index) -> set[Node]:
    people = {p for p, events in index.events_of.items() if events}
    people |= {p for pair in index.materialised for p in pair}
    people |= {p for p in index.facts.titled() if index.is_person(p)}
    return people


def _person_attributes(index: _Index, person: Node) -> dict[str, str | int]:
    facts = index.facts
    events = index.events_of.get(person, set())
    articles = facts.naming(person)
    for event in events:
        articles.update(index.reports(event))
    titles = facts.titles(person)
    organizations, organization = _organizations(index, person)
    return {
        "label": facts.name(person),
        "kind": "person",
        "role": facts.role(person, has_title=bool(titles)),
        "titles": TITLE_SEPARATOR.join(titles),
        "aliases": TITLE_SEPARATOR.join(facts.aliases(person)),
        "organizations": TITLE_SEPARATOR.join(organizations),
        "organization": organization,
        "events": len(events),
        "articles": len(articles),
    }


def _organizations(index: _Index, person: Node) -> tuple[list[str], str]:
    """The organisations of a person's posts and those above them; and the top one most posts lead to."""
    facts = index.facts
    names: set[str] = set()
    tops: Counter[str] = Counter()
    for post in facts.posts(person):
        for org in facts.post_orgs(post):
            chain, top = index.chain(org)
            names.update(chain)
            tops[top] += 1
    top = min(tops, key=lambda name: (-tops[name], name), default="")
    return sorted(names), top


def _org_chain(facts: _Facts, org: Node) -> list[Node]:
    """`org`, then the organisation it is part of, and so on up (org:subOrganizationOf), stopping at a loop."""
    chain = [org]
    while True:
        parents = sorted((p for p in facts.parents(chain[-1]) if p not in chain), key=str)
        if not parents:
            return chain
        chain.append(parents[0])


def _left_out(index: _Index, people: set[Node]) -> dict[str, int]:
    """How many people the RDF graph has, and how many of those not drawn are bylines or only mentioned."""
    facts = index.facts
    everyone = set(facts.people()) | people
    bylines = mentioned = 0
    for person in everyone - people:
        if facts.role(person, has_title=False) in ("reporter", "photographer"):
            bylines += 1
        else:
            mentioned += 1
    return {"people_in_graph": len(everyone), "left_out_bylines": bylines, "left_out_mentioned": mentioned}


def _edge_attributes(index: _Index, kind: str, weight: int, events: Collection[Node], titles: str = "", *,
                     texts: bool = True, link: bool = False) -> dict:
    """A link's attributes; without `texts`, its events as a set, to be written when it is kept; with `link`, its
    `LinkEvidence` in place of its texts."""
    if not texts:
        return {"kind": kind, "weight": weight, "events": events, "titles": titles}
    if link:
        return {"kind": kind, "weight": weight, "link": _per_event(index.links, _link_evidence, index, events),
                "titles": titles}
    made = _per_event(index.texts, _texts, index, events)
    return {"kind": kind, "weight": weight, "events": made[0], "articles": made[1], "evidence": made[2],
            "reports": made[3], "titles": titles}


def _per_event(made: dict[Node, T], make: Callable[[_Index, Collection[Node]], T], index: _Index,
               events: Collection[Node]) -> T:
    """`make(index, events)`; for a link of one event (most links), made once and shared by every link of that
    event (`made` keeps it by event)."""
    if len(events) != 1:
        return make(index, events)
    event = next(iter(events))
    known = made.get(event)
    if known is None:
        known = made[event] = make(index, events)
    return known


def _texts(index: _Index, events: Collection[Node]) -> tuple[str, str, str, str]:
    """The `events`, `articles`, `evidence` and `reports` of a link with these events: its events in order of date
    and IRI, each article once (`_dated`), the articles in order of date and IRI. Each event's part is made once
    (`_Index.part`): a link of an organisation names hundreds of events, and each is behind many links."""
    parts, dated = _dated(index, events)
    return (" ".join([part[1] for part in parts]), " ".join(sorted(dated)), "\n".join([part[2] for part in parts]),
            "\n".join([entry[2] for entry in sorted(dated.values())]))  # one entry an IRI: never compared by line


def _link_evidence(index: _Index, events: Collection[Node]) -> LinkEvidence:
    """What `_texts` joins: the link's events and its articles' lines."""
    parts, dated = _dated(index, events)
    return LinkEvidence(tuple([(part[1], part[2]) for part in parts]), tuple([entry[2] for entry in dated.values()]),
                        len(dated))


def _dated(index: _Index, events: Collection[Node]) -> tuple[list[_Part], dict[str, tuple[str, str, str]]]:
    """A link's events' parts in order of date and IRI, and each of its articles' entry (date, IRI, line) by IRI,
    from the first of its events that reports it (an article without a date of its own takes that event's)."""
    parts = sorted(map(index.part, events), key=_ORDER)
    # the first event's entry of an article kept: a dict keeps the last it is given, so the entries go in reverse
    # (each event's are reversed already)
    return parts, {entry[1]: entry for part in reversed(parts) for entry in part[3]}


def _add_context(net: nx.Graph, index: _Index, people: set[Node], things: set[Node], *, kind: str,
                 texts: bool = True) -> None:
    """Link organisations (through posts and event reports) or places (through event locations), the `things`
    of `kind`, to people."""
    facts = index.facts

    # thing -> person -> events, each once (an event is read once): lists, as most have one; by thing, then by
    # person, so that no pair is made for each of the hundreds of thousands of events of a pair
    links: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    posts: dict[tuple[Node, Node], list[str]] = defaultdict(list)
    for event, participants in index.participants.items():
        if len(participants) > MAX_PAIRED_PARTICIPANTS:
            continue  # no meeting (a page of random text): its people are not linked to each other either
        related = {pl for pl in facts.locations(event) if pl in things}
        if kind == "organization" or not related:  # a place mentioned in the report stands in for a missing location
            related |= index.mentioned(event, things)
        if kind == "organization":
            related |= {o for o in facts.organizers(event) if o in things}
        for thing in related:
            by_person = links[thing]
            for person in participants:
                by_person[person].append(event)
    if kind == "organization":
        for person in people:
            for post in facts.posts(person):
                for org in facts.post_orgs(post):
                    if org in things:
                        posts[org, person].append(facts.label(post))

    events_of: dict[Node, set[Node]] = defaultdict(set)
    for thing, by_person in links.items():
        for person, events in by_person.items():
            if person in people:
                events_of[thing].update(events)
    pairs = {(thing, person) for thing, by_person in links.items() for person in by_person if person in people}
    pairs.update(pair for pair in posts if pair[1] in people)
    for thing in sorted({thing for thing, _ in pairs}, key=str):
        events = events_of.get(thing, set())
        net.add_node(
            index.key(thing),
            label=facts.name(thing),
            kind=kind,
            role="",
            titles="",
            aliases=TITLE_SEPARATOR.join(facts.aliases(thing)),
            events=len(events),
            articles=facts.mentioning(thing),
        )
    keys = index._keys  # every end has its key now: not `str`, a copy of both IRIs for each link held while sorting
    net.add_edges_from(_context_links(index, sorted(pairs, key=lambda pair: (keys[pair[0]], keys[pair[1]])), links,
                                      posts, texts=texts))


def _context_links(index: _Index, pairs: list[tuple[Node, Node]], links: dict[Node, dict[Node, list[Node]]],
                   posts: dict[tuple[Node, Node], list[str]], *, texts: bool) -> Iterator[tuple[str, str, dict]]:
    """The links of `_add_context`, in order, as `add_edges_from` takes them (as `add_edge` each, in one call)."""
    keys = index._keys
    for thing, person in pairs:
        by_person = links.get(thing)
        events = by_person.get(person, []) if by_person is not None else []
        held = sorted(set(posts.get((thing, person), ())))
        edge_kind = "post" if held else "event"
        attributes = _edge_attributes(index, edge_kind, max(len(events), 1), events, TITLE_SEPARATOR.join(held),
                                      texts=texts)
        yield keys[person], keys[thing], attributes


def _is_person(graph: Graph, node: Node) -> bool:
    """A typed person, or a resource not typed as something else: other tools may not type the people they link."""
    if isinstance(node, Literal):
        return False
    types = set(graph.objects(node, RDF.type))
    return SCHEMA.Person in types or not types.intersection(_NOT_PEOPLE)


def _pair(a: Node, b: Node) -> tuple[Node, Node]:
    return (a, b) if str(a) <= str(b) else (b, a)


def _node(graph: Graph, iri: str) -> Node:
    node = URIRef(iri)
    return node if (node, None, None) in graph else BNode(iri)


def _text(graph: Graph, node: Node, predicate: Node) -> str:
    """The first value by language preference (zh, none, other), then by text: stable for the same graph."""
    values = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]
    if len(values) < 2:  # most nodes have one
        return str(values[0]) if values else ""
    return str(min(values, key=lambda v: (_lang_rank(v), str(v))))


def _lang_rank(value: Literal) -> int:
    lang = (value.language or "").lower()
    return 0 if lang.startswith("zh") else 1 if not lang else 2


def _name(graph: Graph, node: Node) -> str:
    """The preferred label (an organisation's full name), else the name: `荆州区委统战部`, not `区委统战部`."""
    for predicate in (SKOS.prefLabel, SCHEMA.name, RDFS.label, SCHEMA.alternateName):
        if text := _text(graph, node, predicate):
            return text
    return _tail(str(node))


def _tail(iri: str) -> str:
    """The last part of an IRI: the name of a node that has none."""
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def _label(graph: Graph, post: Node) -> str:
    return _text(graph, post, RDFS.label) or _text(graph, post, SKOS.prefLabel) or _name(graph, post)


def _aliases(graph: Graph, node: Node) -> list[str]:
    name = _name(graph, node)
    return sorted({str(v) for v in graph.objects(node, SCHEMA.alternateName)} - {name})


def _titles(graph: Graph, person: Node) -> list[str]:
    titles = {str(t) for t in graph.objects(person, SCHEMA.jobTitle) if isinstance(t, Literal)}
    titles |= {_label(graph, post) for post in graph.objects(person, ORG.holds)}
    return sorted(t for t in titles if t)


def _role(graph: Graph, person: Node, *, has_title: bool) -> str:
    """The stated kg:role; else read from bylines and titles, so graphs without kg:role still colour apart."""
    stated = {str(r) for r in graph.objects(person, KG.role)}
    for role in ROLES:
        if role in stated:
            return role
    if (None, SCHEMA.author, person) in graph:
        return "reporter"
    if (None, SCHEMA.contributor, person) in graph:
        return "photographer"
    return "official" if has_title else "other"


def _count(value: object) -> int:
    try:
        return max(int(value), 0)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0
