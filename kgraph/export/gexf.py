"""GEXF 1.2draft (https://gexf.net/) for Gephi.

Each node's `label` is its GEXF label and each edge's `weight` its GEXF weight, so Gephi sizes and names them at
once; the other attributes are GEXF attributes. Lost: as GraphML (lists joined, provenance offsets left in the RDF).
The file validates against the GEXF 1.2draft schema, which networkx's writer alone does not: it gives `<graph>` a
`name` attribute the schema has no place for (the name goes into `<meta><description>` instead).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from kgraph.files import write_atomic


def generate_gexf(net: nx.Graph) -> Iterator[str]:
    """The GEXF document, line by line: networkx's writer, with Chinese as UTF-8 and no date, so the same
    network always gives the same file."""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(net)
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)
        name = net.graph.get("name")
        if name and meta.find("description") is None:
            ElementTree.SubElement(meta, "description").text = str(name)
    for graph in writer.xml.iter("graph"):
        graph.attrib.pop("name", None)  # not in the schema (networkx writes name="")
    ElementTree.indent(writer.xml)
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield from ElementTree.tostring(writer.xml, encoding="unicode").splitlines()


def to_gexf(net: nx.Graph) -> str:
    """The GEXF document as one string.

    >>> net = nx.Graph()
    >>> net.add_node("urn:p1", label="万玲玲")
    >>> 'label="万玲玲"' in to_gexf(net)
    True
    """
    return "\n".join(generate_gexf(net)) + "\n"


def write_gexf(net: nx.Graph, path: Path) -> None:
    write_atomic(Path(path), to_gexf(net))
