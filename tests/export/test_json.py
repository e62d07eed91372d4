"""Node-link JSON export: networkx's node_link_graph reads back the same network."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kgraph.export.json import to_json, to_node_link, write_json


def test_json_round_trips_the_seed_network(seed_net: nx.Graph, tmp_path: Path):
    path = tmp_path / "people.json"
    write_json(seed_net, path)
    back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert nx.utils.graphs_equal(back, seed_net)


def test_json_keeps_chinese_readable():
    net = nx.Graph()
    net.add_edge("urn:p1", "urn:p2", weight=2)
    net.nodes["urn:p1"]["label"] = "万玲玲"
    assert '"label": "万玲玲"' in to_json(net)
    assert to_node_link(net)["edges"] == [{"source": "urn:p1", "target": "urn:p2", "weight": 2}]
