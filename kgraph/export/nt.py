"""The whole RDF graph as N-Triples (https://www.w3.org/TR/n-triples/), one line per triple, sorted.

Sorted lines make two exports of the same graph identical and their diffs small. Nothing is lost but prefixes.
The lines are made by kgraph's own writer (the terms and escapes of its Turtle) and written line by line, never as
one string.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph

from kgraph.files import write_atomic_chunks
from kgraph.rdf.turtle import ntriples_lines


def generate_nt(graph: Graph) -> Iterator[str]:
    """The N-Triples lines, sorted, without line ends.

    >>> from rdflib import Graph
    >>> graph = Graph().parse(format="turtle", data='<urn:p1> <https://schema.org/name> "万玲玲"@zh .')
    >>> list(generate_nt(graph))
    ['<urn:p1> <https://schema.org/name> "万玲玲"@zh .']
    """
    yield from sorted(ntriples_lines(graph))


def to_nt(graph: Graph) -> str:
    return "".join(line + "\n" for line in generate_nt(graph))


def write_nt(graph: Graph, path: Path) -> None:
    write_atomic_chunks(Path(path), (line + "\n" for line in generate_nt(graph)))
