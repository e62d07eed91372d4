"""GEXF export: read back with networkx, the same nodes, labels, edges and weights; the same file every time."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kgraph.export.gexf import to_gexf, write_gexf


def test_gexf_round_trips_the_seed_network(seed_net: nx.Graph, tmp_path: Path):
    path = tmp_path / "people.gexf"
    write_gexf(seed_net, path)
    back = nx.read_gexf(path)
    assert set(back.nodes) == set(seed_net.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in seed_net.edges}
    for a, b, data in seed_net.edges(data=True):
        assert back.edges[a, b]["weight"] == data["weight"]
        assert back.edges[a, b]["evidence_count"] == data["evidence_count"]
        assert back.edges[a, b]["evidence"] == data["evidence"]
    for node, data in seed_net.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert {k: back.nodes[node][k] for k in ("kind", "role", "titles", "events")} == \
               {k: data[k] for k in ("kind", "role", "titles", "events")}


def test_gexf_is_utf8_and_the_same_every_time(seed_net: nx.Graph):
    text = to_gexf(seed_net)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n') and "万玲玲" in text
    assert "lastmodifieddate" not in text
    assert to_gexf(seed_net) == text


def test_gexf_weight_is_the_gexf_weight():
    net = nx.Graph()
    net.add_node("urn:p1", label="万玲玲")
    net.add_edge("urn:p1", "urn:p2", weight=3)
    assert 'weight="3"' in to_gexf(net) and 'label="万玲玲"' in to_gexf(net)
