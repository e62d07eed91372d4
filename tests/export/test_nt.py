"""N-Triples export: sorted lines that parse back to the same graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from kgraph.export.nt import generate_nt, write_nt


def test_nt_parses_back_to_an_isomorphic_graph(seed_graph: Graph, tmp_path: Path):
    path = tmp_path / "graph.nt"
    write_nt(seed_graph, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(seed_graph)
    assert isomorphic(Graph().parse(path, format="nt"), seed_graph)


def test_nt_writes_chinese_as_utf8():
    graph = Graph().parse(format="turtle", data='<urn:p1> <https://schema.org/name> "万玲玲"@zh, "a\\nb" .')
    assert list(generate_nt(graph)) == ['<urn:p1> <https://schema.org/name> "a\\nb" .',
                                        '<urn:p1> <https://schema.org/name> "万玲玲"@zh .']
