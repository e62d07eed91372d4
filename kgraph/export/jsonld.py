"""The whole RDF graph as JSON-LD 1.1 (https://www.w3.org/TR/json-ld11/), for any RDF store or JSON tool.

Compacted with a context of the standard prefixes (`schema:`, `org:`, `prov:`, `kg:` ...), so keys read like the
Turtle. Nothing is lost: parsed back, it is the same graph (isomorphic).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kgraph.files import write_atomic
from kgraph.rdf.vocab import PREFIXES


def to_jsonld(graph: Graph) -> str:
    """The graph as compact JSON-LD text.

    >>> from rdflib import Graph
    >>> graph = Graph().parse(format="turtle", data='<urn:p1> <https://schema.org/name> "万玲玲"@zh .')
    >>> '"@language": "zh"' in to_jsonld(graph)
    True
    """
    return graph.serialize(format="json-ld", context=dict(PREFIXES), indent=1, ensure_ascii=False)


def write_jsonld(graph: Graph, path: Path) -> None:
    write_atomic(Path(path), to_jsonld(graph))
