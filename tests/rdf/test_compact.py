"""The compact store answers every triple pattern as rdflib's own store does."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from kgraph.network import build_network
from kgraph.rdf.compact import CompactGraph, CompactStore

SNAPSHOT = Path(__file__).resolve().parents[2] / "output" / "graph.ttl"


@pytest.fixture(scope="module")
def graphs() -> tuple[Graph, Graph]:
    reference = Graph().parse(SNAPSHOT)
    compact = Graph(store=CompactStore())
    for triple in reference:
        compact.add(triple)
    return reference, compact


def test_every_pattern_gives_the_same_triples(graphs: tuple[Graph, Graph]):
    reference, compact = graphs
    assert len(compact) == len(reference)
    triples = sorted(reference)[::97]  # a spread of subjects, predicates and objects, literals among them
    for s, p, o in triples:
        for pattern in product((s, None), (p, None), (o, None)):
            if pattern == (None, None, None):
                continue
            assert set(compact.triples(pattern)) == set(reference.triples(pattern)), pattern
    assert set(compact) == set(reference)
    assert (triples[0] in compact) and (URIRef("urn:none"), None, None) not in compact


def test_a_triple_added_twice_is_kept_once_and_blank_nodes_work():
    graph = Graph(store=CompactStore())
    b, name = BNode(), URIRef("https://schema.org/name")
    for _ in range(2):
        graph.add((b, name, Literal("甲")))
        graph.add((URIRef("urn:s"), name, b))
    assert len(graph) == 2
    assert list(graph.subjects(name, b)) == [URIRef("urn:s")] and graph.value(b, name) == Literal("甲")


def test_the_network_over_the_compact_store_is_the_same(graphs: tuple[Graph, Graph]):
    reference, compact = graphs
    whole = build_network(reference, include_orgs=True, include_places=True)
    kept = build_network(compact, include_orgs=True, include_places=True)
    assert dict(kept.nodes(data=True)) == dict(whole.nodes(data=True))
    assert {(u, v): d for u, v, d in kept.edges(data=True)} == {(u, v): d for u, v, d in whole.edges(data=True)}


def test_the_compact_graphs_quick_answers_are_the_stores(graphs: tuple[Graph, Graph]):
    """`CompactGraph` answers objects, subjects and `in` from the indexes: the same terms in the same order as
    rdflib's own path over the same store."""
    _, compact = graphs
    quick = CompactGraph()
    for triple in compact:
        quick.add(triple)
    for s, p, o in sorted(compact)[::31]:
        assert list(quick.objects(s, p)) == list(Graph.objects(quick, s, p))
        assert list(quick.subjects(p, o)) == list(Graph.subjects(quick, p, o))
        assert list(quick.subjects(p, None, unique=True)) == list(Graph.subjects(quick, p, None, unique=True))
        assert ((None, p, o) in quick) == Graph.__contains__(quick, (None, p, o))
        assert list(quick.objects(URIRef("urn:none"), p)) == [] and (None, p, URIRef("urn:none")) not in quick


def test_a_store_indexing_some_predicates_by_object_answers_as_the_whole(graphs: tuple[Graph, Graph]):
    """A store indexing only the network's predicates by object (as a build's page keeps it) gives every pattern's
    triples, the others by a scan; the network's questions (by indexed predicates) in the same order."""
    from kgraph.network import NETWORK_ASKS_BY_OBJECT

    reference, compact = graphs
    some, whole = CompactGraph(by_object=NETWORK_ASKS_BY_OBJECT), CompactGraph()
    for triple in compact:
        some.add(triple)
        whole.add(triple)
    assert len(some) == len(reference) and len(some._in) < len(whole._in)
    for s, p, o in sorted(reference)[::97]:
        for pattern in product((s, None), (p, None), (o, None)):
            if pattern != (None, None, None):
                assert set(some.triples(pattern)) == set(reference.triples(pattern)), pattern
        assert set(some.subjects(p, o)) == set(reference.subjects(p, o))
        assert ((None, p, o) in some) == ((None, p, o) in reference)
        if p in NETWORK_ASKS_BY_OBJECT:
            assert list(some.subjects(p, o)) == list(whole.subjects(p, o))
    drawn = [build_network(graph, include_orgs=True, include_places=True) for graph in (some, whole)]
    assert [list(net.edges(data=True)) for net in drawn[:1]] == [list(net.edges(data=True)) for net in drawn[1:]]


def test_a_store_filled_a_block_at_a_time_is_the_store_filled_a_triple_at_a_time(graphs: tuple[Graph, Graph]):
    """`add_block` of each node's pairs (a subject new, or one the store has: then a pair it has is kept once)
    gives the very indexes `add` does, in the same order."""
    from itertools import groupby

    reference, _ = graphs
    triples = sorted(reference)
    by_blocks, by_triples = CompactStore(), CompactStore()
    for subject, run in groupby(triples, key=lambda triple: triple[0]):
        by_blocks.add_block(subject, [(p, o) for _, p, o in run])
    for triple in triples:
        by_triples.add(triple)
    again = triples[::5]  # subjects it has, some pairs new and some not
    again_pairs = [(p, o) for _, p, o in again] + [(URIRef("urn:p"), Literal("新"))]
    by_blocks.add_block(again[0][0], again_pairs)
    for p, o in again_pairs:
        by_triples.add((again[0][0], p, o))
    assert len(by_blocks) == len(by_triples) > len(triples)
    assert list(by_blocks._out.items()) == list(by_triples._out.items())
    assert list(by_blocks._in.items()) == list(by_triples._in.items())
