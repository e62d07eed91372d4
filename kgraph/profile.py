"""People as a user asks about them: the list, the merge decisions, and one person's profile.

Read from the RDF graph (so they work on any kgraph Turtle file) with bound SPARQL queries; formatting is
separate from reading so that the CLI stays thin.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import RDF, Graph, Literal
from rdflib.term import Node

from kgraph.errors import KgraphError
from kgraph.rdf.vocab import KG, PREFIXES, SCHEMA

_MERGES = """
SELECT ?kept ?variant (GROUP_CONCAT(?reason; separator="; ") AS ?reasons) WHERE {
  ?m a kg:NameMerge ; kg:kept ?p ; kg:variant ?variant ; kg:reason ?reason .
  ?p schema:name ?kept .
} GROUP BY ?kept ?variant ORDER BY ?kept
"""
_SPLITS = """
SELECT ?split ?name ?person ?place ?reason WHERE {
  ?split a kg:NameSplit ; kg:sharedName ?name ; kg:splitInto ?person .
  OPTIONAL { ?person kg:locale ?place }
  OPTIONAL { ?split kg:reason ?reason }
} ORDER BY ?name ?place
"""
_FIND = "SELECT ?p WHERE { { ?p schema:name ?name } UNION { ?p schema:alternateName ?name } ?p a schema:Person }"
_TITLES = """
SELECT ?title ?org ?date ?headline ?source ?quote WHERE {
  ?p org:holds ?post . ?post rdfs:label ?title ; kg:evidence ?m .
  OPTIONAL { ?post org:postIn ?o . ?o schema:name ?org }
  ?m kg:inArticle ?a ; kg:text ?quote .
  ?a schema:headline ?headline ; kg:sourceFile/schema:name ?source .
  OPTIONAL { { ?a schema:dateCreated ?date } UNION { ?a kg:dateline ?date } }
} ORDER BY ?date ?title
"""
_EVENTS = """
SELECT ?e ?type ?date ?headline ?part WHERE {
  ?e a schema:Event ; schema:subjectOf ?a .
  { ?e schema:organizer ?p BIND("organizer" AS ?part) } UNION { ?e schema:attendee ?p BIND("attendee" AS ?part) }
  OPTIONAL { ?e kg:eventType ?type }
  OPTIONAL { { ?e schema:startDate ?date } UNION { ?e kg:dateline ?date } }
  ?a schema:headline ?headline .
} ORDER BY ?date ?headline
"""
def _rows(graph: Graph, query: str, **bindings) -> list:
    return list(graph.query(query, initNs=PREFIXES, initBindings=bindings))


def _text(value) -> str:
    return "" if value is None else str(value)


def _people(graph: Graph) -> dict:
    events: Counter = Counter()
    for event in graph.subjects(RDF.type, SCHEMA.Event):
        for person in set(graph.objects(event, SCHEMA.organizer)) | set(graph.objects(event, SCHEMA.attendee)):
            events[person] += 1
    people = {}
    for person in graph.subjects(RDF.type, SCHEMA.Person):
        people[person] = {
            "name": _text(graph.value(person, SCHEMA.name)),
            "role": _text(graph.value(person, KG.role)),
            "titles": len(set(graph.objects(person, SCHEMA.jobTitle))),
            "events": events[person],
            "aliases": "、".join(sorted(str(a) for a in graph.objects(person, SCHEMA.alternateName))),
        }
    return people


def list_people(graph: Graph) -> list[dict[str, str | int]]:
    """Every person, the most active first: name, role, number of titles and events, other spellings."""
    return sorted(_people(graph).values(), key=lambda row: (-row["events"], row["name"]))


def list_merges(graph: Graph) -> list[dict[str, str]]:
    """Each spelling merged into a person, with the evidence for it."""
    return [{"kept": str(r.kept), "variant": str(r.variant), "reasons": str(r.reasons)}
            for r in _rows(graph, _MERGES)]


@dataclass(frozen=True)
class Split:
    """A name read as several people: where each is placed, with its IRI, and the reasons."""

    name: str
    people: tuple[tuple[str, str], ...]  # place, IRI
    reasons: tuple[str, ...]


def list_splits(graph: Graph) -> list[Split]:
    """Each name the build read as several people, with where each is and why they were told apart."""
    found: dict[str, tuple[str, dict[str, str], dict[str, None]]] = {}
    for r in _rows(graph, _SPLITS):
        name, people, reasons = found.setdefault(str(r.split), (str(r.name), {}, {}))
        people[str(r.person)] = _text(r.place)
        if r.reason is not None:
            reasons[str(r.reason)] = None
    return sorted((Split(name, tuple(sorted((place, iri) for iri, place in people.items())), tuple(reasons))
                   for name, people, reasons in found.values()), key=lambda s: s.name)


def format_splits(splits: list[Split]) -> str:
    lines = []
    for split in splits:
        lines.append(f"{split.name}: {len(split.people)} people")
        lines.extend(f"  {place or '-'}  <{iri}>" for place, iri in split.people)
        lines.extend(f"  why: {reason}" for reason in split.reasons)
    lines.append(f"({len(splits)} names read as several people)")
    return "\n".join(lines)


@dataclass(frozen=True)
class Profile:
    name: str
    role: str
    aliases: tuple[str, ...]
    titles: tuple[tuple[str, str, str, str, str], ...]  # title, organisation, date, headline, source
    events: tuple[tuple[str, str, str, str], ...]  # date, type, part, headline
    partners: tuple[tuple[str, int], ...]  # name, shared events
    locale: str = ""  # where one of several people who share the name is placed
    career: tuple[tuple[str, str, str, str, str, int], ...] = ()  # title, organisation, place, first, last, articles


def person_profiles(graph: Graph, name: str) -> list[Profile]:
    """Every person of that name (several when the build told namesakes apart), in order of place."""
    found = {r.p for r in _rows(graph, _FIND, name=Literal(name, lang="zh"))}
    people = _people(graph)
    if not found:
        similar = sorted({row["name"] for row in people.values() if row["name"][:1] == name[:1]})
        hint = f"; people with the same surname: {'、'.join(similar[:10])}" if similar else ""
        raise KgraphError(f"no person named {name!r} in the graph{hint}")
    return sorted((_profile(graph, person, people) for person in found), key=lambda p: p.locale)


def person_profile(graph: Graph, name: str) -> Profile:
    """One person's titles (with their evidence), events and the people they work with most (the first by place,
    when several share the name)."""
    return person_profiles(graph, name)[0]


def _profile(graph: Graph, person: Node, people: dict) -> Profile:
    info = people[person]
    titles = tuple(dict.fromkeys(
        (str(r.title), _text(r.org), _text(r.date), str(r.headline), str(r.source))
        for r in _rows(graph, _TITLES, p=person)))
    events = tuple(dict.fromkeys(
        (_text(r.date), _text(r.type), str(r.part), str(r.headline)) for r in _rows(graph, _EVENTS, p=person)))
    shared: Counter = Counter()
    for event in graph.subjects(RDF.type, SCHEMA.Event):
        members = set(graph.objects(event, SCHEMA.organizer)) | set(graph.objects(event, SCHEMA.attendee))
        if person in members:
            shared.update(people[m]["name"] for m in members - {person} if m in people)
    return Profile(info["name"], info["role"], tuple(a for a in info["aliases"].split("、") if a),
                   titles, events, tuple(sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))),
                   _text(graph.value(person, KG.locale)), _career(graph, person, info["name"]))


def _career(graph: Graph, person: Node, name: str) -> tuple[tuple[str, str, str, str, str, int], ...]:
    """The person's posts in date order (the named query `career`), each with the place its organisation names."""
    from kgraph.rdf.named_queries import named_query
    from kgraph.resolve import divisions_at_start

    rows = []
    for r in _rows(graph, named_query("career").text, name=Literal(name, lang="zh"), person=person):
        found = divisions_at_start(str(r.org)) if r.org is not None else ()
        rows.append((str(r.title), _text(r.org), found[0].name if len(found) == 1 else "", _text(r.first),
                     _text(r.last), int(r.articles)))
    return tuple(rows)


def format_profile(profile: Profile, *, top: int = 10) -> str:
    place = f", {profile.locale}" if profile.locale else ""
    lines = [f"{profile.name} ({profile.role}{place})" + (f", also written {'、'.join(profile.aliases)}"
                                                   if profile.aliases else "")]
    lines.append("\ncareer (post, organisation, place, first - last reported, articles):")
    for title, org, place, first, last, articles in profile.career:
        when = f"{first} - {last}" if first else "undated"
        lines.append(f"  {when:<23}  {title}  [{org or '-'}]  {place or '-'}  {articles} article"
                     + ("s" if articles != 1 else ""))
    if not profile.career:
        lines.append("  -")
    lines.append("\ntitles (each with the articles it was read in):")
    grouped: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for title, org, date, headline, source in profile.titles:
        grouped.setdefault((title, org), []).append((date, headline, source))
    for (title, org), seen in grouped.items():
        lines.append(f"  {title}" + (f"  [{org}]" if org else ""))
        lines.extend(f"      {date or '-'}  《{headline}》 {source}" for date, headline, source in seen)
    if not profile.titles:
        lines.append("  -")
    lines.append(f"\nevents ({len(profile.events)}):")
    for date, kind, part, headline in profile.events:
        lines.append(f"  {date or '-'}  {kind}  {part}  《{headline}》")
    lines.append("\nworks most with:")
    for name, count in profile.partners[:top]:
        lines.append(f"  {name}  {count}")
    if not profile.partners:
        lines.append("  -")
    return "\n".join(lines)
