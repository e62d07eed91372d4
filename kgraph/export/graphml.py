"""GraphML (http://graphml.graphdrawing.org/) for Gephi, Cytoscape, yEd and networkx.

Node and edge attributes become typed GraphML keys (`label`, `kind`, `role`, `titles`, `weight`, `evidence_count`
...). Lost: nothing the network holds, but the network itself flattens lists (titles joined with 、, event IRIs
with a space, evidence lines with a newline) and leaves provenance offsets in the RDF.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from kgraph.files import write_atomic


def generate_graphml(net: nx.Graph) -> Iterator[str]:
    """The GraphML document, line by line: networkx's writer, with Chinese as UTF-8 rather than `&#19975;`."""
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(net)
    ElementTree.indent(writer.xml)
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield from ElementTree.tostring(writer.xml, encoding="unicode").splitlines()


def to_graphml(net: nx.Graph) -> str:
    """The GraphML document as one string.

    >>> net = nx.Graph()
    >>> net.add_edge("urn:p1", "urn:p2", weight=2)
    >>> 'attr.name="weight"' in to_graphml(net)
    True
    """
    return "\n".join(generate_graphml(net)) + "\n"


def write_graphml(net: nx.Graph, path: Path) -> None:
    write_atomic(Path(path), to_graphml(net))
