"""The RDF graph of a small corpus read from a real seed snippet: contract terms, evidence, stable ASCII IRIs."""

from __future__ import annotations

import rdflib
from rdflib import RDF, RDFS
from rdflib.namespace import ORG

from kgraph import build
from kgraph.rdf.vocab import KG, SCHEMA

PAGE = """本报讯（通讯员孟可欣）5月23日，
荆州区召开迎接省创文测评部署会暨十
个专项整治行动工作推进会。

区委常委、常务副区长周远栋主持会
议。会上，区委常委、宣传部部长、统战部

部长袁菁穗作具体部署。副区长关勇、刘心波参加会议。

荆州区召开迎接省创文测评部署会
"""


def _graph() -> rdflib.Graph:
    graph = build([("page.txt", PAGE)]).graph
    return graph


def _person(graph: rdflib.Graph, name: str) -> rdflib.URIRef:
    return next(graph.subjects(SCHEMA.name, rdflib.Literal(name, lang="zh")))


def test_build_people_titles_and_posts():
    graph = _graph()
    person = _person(graph, "袁菁穗")
    assert (person, RDF.type, SCHEMA.Person) in graph
    titles = {str(t) for t in graph.objects(person, SCHEMA.jobTitle)}
    assert titles == {"区委常委", "宣传部部长", "统战部部长"}
    labels = {str(graph.value(post, RDFS.label)) for post in graph.objects(person, ORG.holds)}
    assert labels == titles


def test_build_title_evidence_points_at_the_text():
    graph = _graph()
    person = _person(graph, "周远栋")
    post = next(graph.objects(person, ORG.holds))
    mention = graph.value(post, KG.evidence)
    article = graph.value(mention, KG.inArticle)
    text = str(graph.value(article, SCHEMA.text))
    start, end = int(graph.value(mention, KG.start)), int(graph.value(mention, KG.end))
    assert text[start:end] == str(graph.value(post, RDFS.label))


def test_build_event_organizer_attendees_and_reporter_apart():
    graph = _graph()
    event = next(graph.subjects(RDF.type, SCHEMA.Event))
    organizers = {str(graph.value(p, SCHEMA.name)) for p in graph.objects(event, SCHEMA.organizer)}
    attendees = {str(graph.value(p, SCHEMA.name)) for p in graph.objects(event, SCHEMA.attendee)}
    assert organizers == {"周远栋"}
    assert attendees == {"袁菁穗", "关勇", "刘心波"}
    article = graph.value(event, SCHEMA.subjectOf)
    assert str(graph.value(graph.value(article, SCHEMA.author), SCHEMA.name)) == "孟可欣"


def test_build_collaboration_weight_and_evidence():
    graph = _graph()
    a, b = _person(graph, "周远栋"), _person(graph, "关勇")
    assert (a, KG.worksWith, b) in graph and (b, KG.worksWith, a) in graph
    collab = next(c for c in graph.subjects(KG.participant, a) if (c, KG.participant, b) in graph)
    assert int(graph.value(collab, KG.weight)) == 1
    assert (graph.value(collab, KG.evidence), RDF.type, SCHEMA.Event) in graph


def test_build_iris_are_ascii_and_stable():
    first, second = _graph(), _graph()
    assert set(first) == set(second)
    assert all(str(node).isascii() for triple in first for node in triple if isinstance(node, rdflib.URIRef))


def test_blocks_are_the_triples_and_write_the_same_turtle(tmp_path):
    """What the build writes (`iter_blocks`, `write_blocks`) is `iter_triples` and its Turtle, on a seed snippet."""
    from kgraph.rdf.build import iter_blocks, iter_triples, prefixes
    from kgraph.rdf.turtle import write_blocks, write_triples

    corpus = build([("page.txt", PAGE)]).corpus
    triples = list(iter_triples(corpus))
    assert [(s, p, o) for s, pairs in iter_blocks(corpus) for p, o in pairs] == triples
    assert len({s for s, _ in iter_blocks(corpus)}) == len(list(iter_blocks(corpus)))  # one block a node
    assert write_blocks(iter_blocks(corpus), tmp_path / "b.ttl", prefixes()) == len(triples)
    assert write_triples(iter_triples(corpus), tmp_path / "t.ttl", prefixes()) == len(triples)
    assert (tmp_path / "b.ttl").read_bytes() == (tmp_path / "t.ttl").read_bytes()
