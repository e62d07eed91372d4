"""The people network as networkx node-link JSON (`networkx.node_link_data`), also read by d3.

`{"directed": false, "multigraph": false, "graph": {...}, "nodes": [{"id": iri, ...}], "edges": [{"source",
"target", ...}]}`; read it back with `networkx.node_link_graph(data, edges="edges")`. Lost: as GraphML.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kgraph.files import write_atomic


def to_node_link(net: nx.Graph) -> dict:
    """The node-link dict, edges under "edges" (networkx's future default).

    >>> net = nx.Graph()
    >>> net.add_edge("urn:p1", "urn:p2", weight=2)
    >>> to_node_link(net)["edges"][0]["weight"]
    2
    """
    return nx.node_link_data(net, edges="edges")


def to_json(net: nx.Graph) -> str:
    """The node-link JSON text, Chinese unescaped."""
    return json.dumps(to_node_link(net), ensure_ascii=False, indent=1) + "\n"


def write_json(net: nx.Graph, path: Path) -> None:
    write_atomic(Path(path), to_json(net))
