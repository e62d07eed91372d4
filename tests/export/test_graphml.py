"""GraphML export: read back with networkx, the same nodes, edges, weights and attributes, Chinese as UTF-8."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from kgraph.export.graphml import generate_graphml, to_graphml, write_graphml


def test_graphml_round_trips_the_seed_network(seed_net: nx.Graph, tmp_path: Path):
    path = tmp_path / "people.graphml"
    write_graphml(seed_net, path)
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(seed_net.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in seed_net.edges}
    for a, b, data in seed_net.edges(data=True):
        assert back.edges[a, b] == data
    for node, data in seed_net.nodes(data=True):
        assert back.nodes[node] == data


def test_graphml_keeps_chinese_readable(seed_net: nx.Graph):
    text = to_graphml(seed_net)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert "万玲玲" in text and "&#" not in text


def test_graphml_types_attributes_and_keeps_newlines():
    net = nx.Graph()
    net.add_node("urn:p1", label="万玲玲", kind="person", events=3)
    net.add_edge("urn:p1", "urn:p2", weight=2, evidence="2022-05-26 会议\n2022-05-27 调研")
    lines = [line.strip() for line in generate_graphml(net)]
    assert '<key id="d2" for="node" attr.name="events" attr.type="long" />' in lines
    back = nx.read_graphml(io.BytesIO(to_graphml(net).encode("utf-8")))
    assert back.edges["urn:p1", "urn:p2"] == {"weight": 2, "evidence": "2022-05-26 会议\n2022-05-27 调研"}
    assert back.nodes["urn:p1"] == {"label": "万玲玲", "kind": "person", "events": 3}
