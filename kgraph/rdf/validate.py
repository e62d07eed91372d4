"""Check a graph against the RDF contract: kgraph's SHACL shapes (`kgraph/rdf/shapes.ttl`), run by pyshacl.

A *Violation* breaks the contract (`rdf-model.md`) or gives a value of the wrong kind; a *Warning* is what the
contract expects beyond its requirements (`@zh` tags, provenance that matches the text). A graph conforms when it
has no violations. `validate_graph` is pure (graphs in, a `ValidationReport` out); `read_shapes` reads the shapes.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kgraph.errors import GraphError, ValidationError
from kgraph.rdf.offline import RemoteRefused, check_query, offline
from kgraph.rdf.read import read_graph
from kgraph.rdf.vocab import DEFAULT_BASE, PREFIXES

__all__ = ["Problem", "ValidationReport", "format_report", "read_shapes", "summarize", "validate_graph"]

_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_RANK = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule at one node: what the shape says (`message`), where (`focus`, `path`) and the `value`."""

    severity: str  # Violation, Warning or Info
    shape: str  # the node shape's name, e.g. "Person"
    focus: str
    path: str
    value: str
    message: str


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The problems found, worst first; `conforms` when none is a violation."""

    problems: tuple[Problem, ...]

    @property
    def conforms(self) -> bool:
        return not any(p.severity == "Violation" for p in self.problems)

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)


def read_shapes(path: str | Path | None = None, *, allow_remote: bool = False) -> Graph:
    """The SHACL shapes in `path`, or kgraph's own shipped in the package."""
    if path is not None:
        return read_graph(path, allow_remote=allow_remote)
    text = files("kgraph.rdf").joinpath("shapes.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


DEFAULT_SAMPLE = 2_000  # nodes: about 40 ms each at a million triples, after about 100 s of set-up
LARGE_GRAPH = 200_000  # triples: a smaller graph is checked whole, in a minute or two


def sample_nodes(graph: Graph, size: int, *, seed: int = 0) -> tuple[list[Node], int] | None:
    """A seeded random sample of `size` of the graph's subjects, and how many there are; None for a graph of at
    most `LARGE_GRAPH` triples or `size` subjects (then every node is checked). pySHACL checks each node of a
    million-triple graph in turn, for hours: a sample finds a rule broken everywhere in minutes."""
    if len(graph) <= LARGE_GRAPH:
        return None
    subjects = sorted({s for s in graph.subjects() if not isinstance(s, BNode)}, key=str)
    if len(subjects) <= size:
        return None
    return random.Random(seed).sample(subjects, size), len(subjects)


def validate_graph(graph: Graph, *, shapes: Graph | None = None, allow_remote: bool = False,
                   focus: list[Node] | None = None) -> ValidationReport:
    """Validate `graph` against `shapes` (default: kgraph's), without inference, SHACL-SPARQL targets on; a shape's
    SPARQL that would reach the network (`SERVICE`) is refused unless `allow_remote`. `focus`: check only these
    nodes (see `sample_nodes`), against the whole graph.

    >>> from rdflib import Graph
    >>> graph = Graph().parse(format="turtle", data='''
    ... @prefix schema: <https://schema.org/> .
    ... <urn:p1> a schema:Person ; schema:name "万玲玲"@zh, "万琳琳"@zh .
    ... ''')
    >>> report = validate_graph(graph)
    >>> report.conforms, report.problems[0].message
    (False, 'a person has exactly one schema:name (the canonical spelling; others go in schema:alternateName)')
    """
    from pyshacl import validate  # heavy: import only when validating

    shapes = read_shapes() if shapes is None else shapes
    for predicate in (SH.select, SH.ask, SH.construct, SH.update):
        for text in shapes.objects(None, predicate):
            check_query(str(text), allow_remote=allow_remote)  # a shape's SPARQL that calls out: refused by name
    try:
        with offline(allow_remote=allow_remote):
            _, results, _ = validate(graph, shacl_graph=shapes, inference="none", advanced=True,
                                     allow_warnings=True, focus_nodes=focus)
    except RemoteRefused:
        raise
    except Exception as exc:  # pyshacl reports bad shapes with its own exception types
        raise ValidationError(f"cannot validate with these shapes: {' '.join(str(exc).split())[:200]}") from exc
    if not isinstance(results, Graph):
        raise GraphError("pyshacl returned no results graph")
    problems = [_problem(results, shapes, node) for node in results.subjects(RDF.type, SH.ValidationResult)]
    problems.sort(key=lambda p: (_RANK.get(p.severity, 3), p.shape, p.message, p.focus, p.path, p.value))
    return ValidationReport(tuple(problems))


def summarize(report: ValidationReport) -> str:
    """`2 violations, 1 warning`."""
    violations, warnings = report.count("Violation"), report.count("Warning")
    return f"{violations} violation{'s' * (violations != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def format_report(report: ValidationReport, *, prefixes: Mapping[str, str] | None = None, limit: int = 50) -> str:
    """One line per problem, worst first: `Violation Person id:person/x schema:name: message [value]`.

    IRIs are shortened with the standard prefixes, `id:` for kgraph's default base, and `prefixes`. After `limit`
    lines, a count of the rest by message, so a graph broken the same way everywhere still gives a short report.
    """
    shorten = _shortener(PREFIXES | {"id": DEFAULT_BASE} | dict(prefixes or {}))
    lines = []
    for problem in report.problems[:limit]:
        where = " ".join(part for part in (shorten(problem.focus), shorten(problem.path)) if part)
        value = f" [{shorten(problem.value)}]" if problem.value else ""
        lines.append(f"{problem.severity} {problem.shape} {where}: {problem.message}{value}")
    rest = Counter((p.severity, p.message) for p in report.problems[limit:])
    for (severity, message), count in sorted(rest.items(), key=lambda item: (_RANK.get(item[0][0], 3), item[0][1])):
        lines.append(f"… and {count} more: {severity} {message}")
    return "\n".join(lines)


def _problem(results: Graph, shapes: Graph, node: Node) -> Problem:
    severity = results.value(node, SH.resultSeverity)
    message = results.value(node, SH.resultMessage)
    return Problem(
        severity=_SEVERITIES.get(severity, str(severity)),
        shape=_shape_name(shapes, results.value(node, SH.sourceShape)),
        focus=_text(results.value(node, SH.focusNode)),
        path=_path_text(results, results.value(node, SH.resultPath)),
        value=_text(results.value(node, SH.value)),
        message=str(message) if message is not None else str(results.value(node, SH.sourceConstraintComponent)),
    )


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    """The node shape a property shape belongs to, by its local name: `Person`, `Mention`."""
    owner = shapes.value(predicate=SH.property, object=shape) if isinstance(shape, BNode) else shape
    if owner is None:
        return ""
    return str(owner).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _path_text(results: Graph, path: Node | None) -> str:
    if isinstance(path, BNode) and (inverse := results.value(path, SH.inversePath)) is not None:
        return f"^{inverse}"
    return _text(path)


def _text(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return f'"{term}"' + (f"@{term.language}" if term.language else "")
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _shortener(prefixes: Mapping[str, str]) -> Callable[[str], str]:
    """An IRI as prefix:local by the longest matching namespace; anything else as is."""
    by_length = sorted(((str(ns), prefix) for prefix, ns in prefixes.items()), key=lambda p: (-len(p[0]), p[1]))

    def shorten(text: str) -> str:
        inverse = text.startswith("^")
        iri = text[1:] if inverse else text
        if not iri or iri.startswith('"'):
            return text
        for namespace, prefix in by_length:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return ("^" if inverse else "") + f"{prefix}:{iri[len(namespace):]}"
        return ("^" if inverse else "") + f"<{iri}>" if ":" in iri and not iri.startswith("_:") else text

    return shorten
