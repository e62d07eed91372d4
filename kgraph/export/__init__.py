"""Stage 7: the graph for other tools, one module per format, found by name and imported on first use.

| format  | module     | what it writes                                                        | for                  |
| ------- | ---------- | --------------------------------------------------------------------- | -------------------- |
| graphml | graphml.py | the people network, attributes as GraphML keys                        | Gephi, Cytoscape, yEd|
| gexf    | gexf.py    | the people network, GEXF 1.2                                          | Gephi                |
| json    | json.py    | the people network as networkx node-link JSON                         | networkx, d3         |
| csv     | csv.py     | a folder with nodes.csv and relationships.csv, neo4j-admin headers    | Neo4j                |
| jsonld  | jsonld.py  | the whole RDF graph, JSON-LD compacted with the standard prefixes     | any RDF store        |
| nt      | nt.py      | the whole RDF graph, N-Triples, one sorted line per triple            | any RDF store        |

The CLI's `--format` choices come from `EXPORT_FORMATS` and `ALIASES`. The network formats take the `net` of
`kgraph.network.build_network` (people, and optionally organisations and places, with scalar attributes) plus
`evidence_count` on each edge; the RDF formats take the rdflib graph.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.errors import KgraphError

if TYPE_CHECKING:  # this table is read by the CLI at start-up: no networkx or rdflib import until a format runs
    import networkx as nx
    from rdflib import Graph

__all__ = ["EXPORT_FORMATS", "ExportFormat", "Exported", "export_graph", "find_format", "people_network"]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """Where a format's writer lives and what it takes: the people network (`net`) or the RDF graph."""

    name: str
    module: str
    takes: str  # "network" or "rdf"
    suffix: str  # of the default output path; "" for a folder
    description: str

    def writer(self) -> Callable[[nx.Graph | Graph, Path], None]:
        module = importlib.import_module(f"kgraph.export.{self.module}")
        return getattr(module, f"write_{self.module}")


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("graphml", "graphml", "network", ".graphml", "the people network as GraphML (Gephi, Cytoscape)"),
        ExportFormat("gexf", "gexf", "network", ".gexf", "the people network as GEXF (Gephi)"),
        ExportFormat("json", "json", "network", ".json", "the people network as networkx node-link JSON"),
        ExportFormat("csv", "csv", "network", "", "a folder of Neo4j import CSV: nodes.csv, relationships.csv"),
        ExportFormat("jsonld", "jsonld", "rdf", ".jsonld", "the RDF graph as JSON-LD"),
        ExportFormat("nt", "nt", "rdf", ".nt", "the RDF graph as N-Triples"),
    )
}
ALIASES = {"json-ld": "jsonld", "ntriples": "nt", "n-triples": "nt", "neo4j": "csv", "node-link": "json"}


@dataclass(frozen=True, slots=True)
class Exported:
    """What `export_graph` wrote."""

    format: ExportFormat
    path: Path
    nodes: int = 0
    edges: int = 0
    triples: int = 0


def find_format(name: str) -> ExportFormat:
    """The format called `name` or one of its aliases (`json-ld`, `neo4j` ...); unknown names list the known ones."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in EXPORT_FORMATS:
        raise KgraphError(f"unknown export format {name!r}; known formats: {', '.join(EXPORT_FORMATS)}")
    return EXPORT_FORMATS[key]


def people_network(graph: Graph, *, include_orgs: bool = False, include_places: bool = False) -> nx.Graph:
    """`build_network`'s people network, ready for any writer: `evidence_count` on each edge, scalar graph data.

    >>> from rdflib import Graph
    >>> graph = Graph().parse(format="turtle", data='''
    ... @prefix schema: <https://schema.org/> .
    ... <urn:p1> a schema:Person ; schema:name "万玲玲"@zh .
    ... <urn:p2> a schema:Person ; schema:name "周远栋"@zh .
    ... <urn:e1> a schema:Event ; schema:organizer <urn:p1> ; schema:attendee <urn:p2> .
    ... ''')
    >>> people_network(graph).edges["urn:p1", "urn:p2"]["evidence_count"]
    1
    """
    from kgraph.network import build_network

    net = build_network(graph, include_orgs=include_orgs, include_places=include_places)
    for _, _, data in net.edges(data=True):
        data["evidence_count"] = len(str(data.get("events", "")).split())
    for key in [k for k, v in net.graph.items() if not isinstance(v, str | int | float | bool)]:
        del net.graph[key]  # writers take scalars only
    return net


def export_graph(graph: Graph, fmt: str, path: Path, *, include_orgs: bool = False,
                 include_places: bool = False) -> Exported:
    """Write `graph` to `path` in format `fmt` (a folder for csv), atomically; `include_` adds context nodes."""
    found = find_format(fmt)
    if found.takes == "rdf":
        found.writer()(graph, path)
        return Exported(found, path, triples=len(graph))
    net = people_network(graph, include_orgs=include_orgs, include_places=include_places)
    found.writer()(net, path)
    return Exported(found, path, nodes=net.number_of_nodes(), edges=net.number_of_edges())
