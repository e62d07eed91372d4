"""JSON-LD export: parsed back, the seeds' graph is the same graph (isomorphic), keys compacted with prefixes."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from kgraph.export.jsonld import to_jsonld, write_jsonld


def test_jsonld_parses_back_to_an_isomorphic_graph(seed_graph: Graph, tmp_path: Path):
    path = tmp_path / "graph.jsonld"
    write_jsonld(seed_graph, path)
    back = Graph().parse(path, format="json-ld")
    assert len(back) == len(seed_graph)
    assert isomorphic(back, seed_graph)


def test_jsonld_is_compact_with_the_standard_prefixes():
    graph = Graph().parse(format="turtle", data="""
        @prefix schema: <https://schema.org/> .
        <urn:p1> a schema:Person ; schema:name "万玲玲"@zh ; <https://w3id.org/kgraph/ns#weight> 3 .""")
    document = json.loads(to_jsonld(graph))
    assert document["@context"]["schema"] == "https://schema.org/"
    node = document["@graph"][0] if "@graph" in document else document
    assert node["@type"] == "schema:Person"
    assert node["schema:name"] == {"@language": "zh", "@value": "万玲玲"}
    assert isomorphic(Graph().parse(data=to_jsonld(graph), format="json-ld"), graph)
