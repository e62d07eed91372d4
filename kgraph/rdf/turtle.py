"""Turtle out: `to_turtle` (string) and `write_turtle` (file, written atomically)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kgraph.files import write_atomic


def to_turtle(graph: Graph) -> str:
    return graph.serialize(format="turtle")


def write_turtle(graph: Graph, path: Path) -> None:
    write_atomic(path, to_turtle(graph))
