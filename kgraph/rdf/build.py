"""Stage 4: entities -> rdflib Graph, per the contract in docs/rdf-model.md.

Standard vocabularies first (schema.org, W3C ORG, PROV); `kg:` only for what none has (roles, offsets, the
materialised works-with edge). Every extracted fact points to `kg:Mention` spans of an article's `schema:text`,
so a user can check it against its sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, SKOS

from kgraph.model import Corpus, Evidence, Extraction, Organization, Person, Place, Role
from kgraph.rdf.iri import Minter
from kgraph.rdf.vocab import DEFAULT_BASE, KG, KG_NS, SCHEMA

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def new_graph(base: str = DEFAULT_BASE) -> Graph:
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in (("schema", str(SCHEMA)), ("org", str(ORG)), ("prov", str(PROV)),
                              ("skos", str(SKOS)), ("kg", KG_NS), ("id", base)):
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


class _Builder:
    def __init__(self, corpus: Corpus, base: str) -> None:
        self.corpus = corpus
        self.iri = Minter(base)
        self.graph = new_graph(self.iri.base)

    def add(self, s: URIRef, p: URIRef, o) -> None:
        self.graph.add((s, p, o))

    def mention(self, evidence: Evidence, target: URIRef, surface: str) -> URIRef:
        node = self.iri.mention(evidence.article_id, evidence.start, evidence.end)
        self.add(node, RDF.type, KG.Mention)
        self.add(node, KG.inArticle, self.iri.article(evidence.article_id))
        self.add(node, KG.mentionOf, target)
        self.add(node, KG.start, _int(evidence.start))
        self.add(node, KG.end, _int(evidence.end))
        self.add(node, KG.text, _zh(surface))
        return node

    def articles(self) -> None:
        for source in self.corpus.sources:
            node = self.iri.source(source)
            self.add(node, RDF.type, KG.SourceFile)
            self.add(node, SCHEMA.name, Literal(source))
        for article in self.corpus.articles:
            node = self.iri.article(article.id)
            source = self.iri.source(article.source)
            self.add(node, RDF.type, SCHEMA.NewsArticle)
            self.add(node, SCHEMA.headline, _zh(article.headline))
            if article.subheadline:
                self.add(node, SCHEMA.alternativeHeadline, _zh(article.subheadline))
            if article.date and _FULL_DATE.match(article.date):
                self.add(node, SCHEMA.dateCreated, Literal(article.date, datatype=XSD.date))
            elif article.date:
                self.add(node, KG.dateline, Literal(article.date))
            self.add(node, SCHEMA.text, _zh(article.text))
            self.add(node, KG.sourceFile, source)
            self.add(node, PROV.wasDerivedFrom, source)
            self.add(node, KG.articleIndex, _int(article.index))
            self.add(node, KG.start, _int(article.start))
            self.add(node, KG.end, _int(article.end))

    def person(self, person: Person) -> None:
        node = self.iri.person(person.name)
        self.add(node, RDF.type, SCHEMA.Person)
        self.add(node, SCHEMA.name, _zh(person.name))
        for alias in person.aliases:
            self.add(node, SCHEMA.alternateName, _zh(alias))
        self.add(node, KG.role, Literal(person.role.value))
        for evidence in person.mentions:
            article = self.iri.article(evidence.article_id)
            self.add(article, SCHEMA.mentions, node)
            if evidence.end > evidence.start:  # a byline taken out of the text has no span to point to
                text = self._article_text(evidence.article_id)[evidence.start:evidence.end]
                self.mention(evidence, node, text)
        for post in person.posts:
            post_node = self.iri.post(person.name, post.title)
            self.add(node, SCHEMA.jobTitle, _zh(post.title))
            self.add(node, ORG.holds, post_node)
            self.add(post_node, RDF.type, ORG.Post)
            self.add(post_node, RDFS.label, _zh(post.title))
            self.add(post_node, ORG.heldBy, node)
            if post.org:
                self.add(post_node, ORG.postIn, self.iri.org(post.org))
            for evidence in post.evidence:
                quote = self._article_text(evidence.article_id)[evidence.start:evidence.end]
                self.add(post_node, KG.evidence, self.mention(evidence, post_node, quote))
                self.add(post_node, PROV.wasDerivedFrom, self.iri.article(evidence.article_id))

    def _article_text(self, article_id: str) -> str:
        return self._texts[article_id]

    def entities(self) -> None:
        self._texts = {a.id: a.text for a in self.corpus.articles}
        for person in self.corpus.people:
            self.person(person)
        for org in self.corpus.organizations:
            self.organization(org)
        for place in self.corpus.places:
            self.place(place)

    def _mentions(self, node: URIRef, evidence: tuple[Evidence, ...]) -> None:
        for ev in evidence:
            self.add(self.iri.article(ev.article_id), SCHEMA.mentions, node)
            self.mention(ev, node, self._article_text(ev.article_id)[ev.start:ev.end])

    def organization(self, org: Organization) -> None:
        """Canonical full name as skos:prefLabel; each printed form as schema:name (and, when it differs from the
        canonical name, as schema:alternateName)."""
        node = self.iri.org(org.name)
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, SKOS.prefLabel, _zh(org.name))
        for printed in org.aliases or (org.name,):
            self.add(node, SCHEMA.name, _zh(printed))
            if printed != org.name:
                self.add(node, SCHEMA.alternateName, _zh(printed))
        for short in org.references:  # 离岸科创中心, after 荆州（武汉）离岸科创中心
            self.add(node, SCHEMA.alternateName, _zh(short))
        if org.parent:
            self.add(node, ORG.subOrganizationOf, self.iri.org(org.parent))
        self._mentions(node, org.mentions)

    def place(self, place: Place) -> None:
        """A place named in the articles is a schema:Place; a division only above them is an AdministrativeArea."""
        node = self.iri.place(place.name)
        if place.mentions:
            self.add(node, RDF.type, SCHEMA.Place)
        if place.code:
            self.add(node, RDF.type, SCHEMA.AdministrativeArea)
            self.add(node, SCHEMA.identifier, Literal(place.code))
        if place.latitude is not None and place.longitude is not None:
            self.add(node, SCHEMA.latitude, Literal(place.latitude, datatype=XSD.decimal))
            self.add(node, SCHEMA.longitude, Literal(place.longitude, datatype=XSD.decimal))
        self.add(node, SCHEMA.name, _zh(place.name))
        if place.contained_in:
            self.add(node, SCHEMA.containedInPlace, self.iri.place(place.contained_in))
        self._mentions(node, place.mentions)

    def bylines(self, extraction: Extraction) -> None:
        article = self.iri.article(extraction.article.id)
        for m in extraction.people:
            if m.role is Role.REPORTER:
                self.add(article, SCHEMA.author, self.iri.person(m.name))
            elif m.role is Role.PHOTOGRAPHER:
                self.add(article, SCHEMA.contributor, self.iri.person(m.name))

    def event(self, extraction: Extraction) -> None:
        event = extraction.event
        if event is None:
            return
        article_id = extraction.article.id
        node = self.iri.event(article_id)
        self.add(node, RDF.type, SCHEMA.Event)
        self.add(node, SCHEMA.name, _zh(extraction.article.headline))
        self.add(node, KG.eventType, _zh(event.kind))
        self.add(node, SCHEMA.subjectOf, self.iri.article(article_id))
        self.add(node, PROV.wasDerivedFrom, self.iri.article(article_id))
        if event.date and _FULL_DATE.match(event.date):
            self.add(node, SCHEMA.startDate, Literal(event.date, datatype=XSD.date))
        elif event.date:
            self.add(node, KG.dateline, Literal(event.date))
        if event.place:
            self.add(node, SCHEMA.location, self.iri.place(event.place))
        for name in event.organizers:
            self.add(node, SCHEMA.organizer, self.iri.person(name))
        for name in event.attendees:
            self.add(node, SCHEMA.attendee, self.iri.person(name))
        for name in event.speakers:
            self.add(node, SCHEMA.performer, self.iri.person(name))

    def merges(self) -> None:
        for merge in self.corpus.merges:
            node = self.iri.merge(merge.kept, merge.variant)
            self.add(node, RDF.type, KG.NameMerge)
            self.add(node, KG.kept, self.iri.person(merge.kept))
            self.add(node, KG.variant, _zh(merge.variant))
            for reason in merge.reasons:
                self.add(node, KG.reason, Literal(reason))

    def collaborations(self) -> None:
        """The works-with edge, materialised: weight = shared events, the events as evidence."""
        shared: dict[tuple[str, str], list[str]] = defaultdict(list)
        for extraction in self.corpus.extractions:
            if extraction.event is None:
                continue
            members = sorted(set(extraction.event.organizers) | set(extraction.event.attendees))
            for a, b in combinations(members, 2):
                shared[(a, b)].append(extraction.article.id)
        for (a, b), article_ids in sorted(shared.items()):
            node = self.iri.collaboration(a, b)
            pa, pb = self.iri.person(a), self.iri.person(b)
            self.add(node, RDF.type, KG.Collaboration)
            self.add(node, KG.participant, pa)
            self.add(node, KG.participant, pb)
            self.add(node, KG.weight, _int(len(article_ids)))
            for article_id in article_ids:
                self.add(node, KG.evidence, self.iri.event(article_id))
            self.add(pa, KG.worksWith, pb)
            self.add(pb, KG.worksWith, pa)


def build_graph(corpus: Corpus, *, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of a resolved corpus; the same corpus always gives the same triples."""
    builder = _Builder(corpus, base)
    builder.articles()
    builder.entities()
    for extraction in corpus.extractions:
        builder.bylines(extraction)
        builder.event(extraction)
    builder.collaborations()
    builder.merges()
    return builder.graph
