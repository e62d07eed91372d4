"""An event of very many named people adds them as attendees but no works-with pairs: the pairs would grow with
the square of the list (a 1 MB page of random lines read as one event of 1,500 names made 1.1 million pairs and
2 GB of memory; issue 20)."""

from __future__ import annotations

import pytest
from rdflib import RDF, Literal, URIRef

from kgraph.model import MAX_PAIRED_PARTICIPANTS, Article, Corpus, Event, Extraction
from kgraph.network import build_network
from kgraph.rdf.build import build_graph
from kgraph.rdf.vocab import KG, SCHEMA


def _corpus(size: int) -> Corpus:
    article = Article("p.txt", 0, "会议", "正文")
    names = tuple(f"人{i:04d}" for i in range(size))
    event = Event("会议", organizers=names[:1], attendees=names[1:])
    return Corpus(articles=(article,), extractions=(Extraction(article, event=event),), sources=("p.txt",))


@pytest.mark.parametrize(("size", "pairs"), [(5, 10), (MAX_PAIRED_PARTICIPANTS, 4950),
                                             (MAX_PAIRED_PARTICIPANTS + 1, 0), (1500, 0)])
def test_build_works_with_pairs_only_for_events_of_a_readable_size(size: int, pairs: int):
    graph = build_graph(_corpus(size))
    assert len(set(graph.subjects(None, KG.Collaboration))) == pairs
    assert len(set(graph.objects(None, SCHEMA.attendee))) == size - 1
    net = build_network(graph)
    assert sum(1 for _, _, kind in net.edges(data="kind") if kind == "works_with") == pairs


@pytest.mark.parametrize(("size", "links"), [(5, 5 * 3), (MAX_PAIRED_PARTICIPANTS + 1, 0)])
def test_network_links_people_to_places_only_for_events_of_a_readable_size(size: int, links: int):
    """The place and organisation layers would grow with people times places: 16 GB for 1 MB of random lines."""
    graph = build_graph(_corpus(size))
    [event] = {e for e in graph.subjects(SCHEMA.attendee, None)}
    for i in range(3):  # places the event's report mentions
        place = URIRef(f"https://example.org/place/{i}")
        graph.add((place, RDF.type, SCHEMA.Place))
        graph.add((place, SCHEMA.name, Literal(f"甲{i}村", lang="zh")))
        for article in graph.objects(event, SCHEMA.subjectOf):
            graph.add((article, SCHEMA.mentions, place))
    net = build_network(graph, include_places=True)
    assert sum(1 for _, _, kind in net.edges(data="kind") if kind == "event") == links
