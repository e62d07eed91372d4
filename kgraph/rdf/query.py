"""Load a graph file, run SPARQL over it, and format the results for people (table) or tools (csv, json).

Only `read_graph` touches the file system; running and formatting are pure, so the CLI can combine them and
tests can check them without files. Every expected failure becomes a one-line `KgraphError` subclass.

Output conventions, shared by all formatters:
- SELECT: `table` (aligned, CJK aware, IRIs shortened), `csv` (full IRIs), `json` (SPARQL 1.1 Query Results JSON).
- ASK: `table` and `csv` print `true` / `false`; `json` is `{"head": {}, "boolean": ...}`.
- CONSTRUCT / DESCRIBE: the result graph as Turtle for `table` and `csv`, as expanded JSON-LD for `json`.
- The text never ends with a newline, so `click.echo(text)` / `print(text)` prints it as is.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path

from pyparsing import ParseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.query import Result
from rdflib.term import Identifier
from rdflib.util import guess_format

from kgraph.errors import GraphError, KgraphError, QueryError
from kgraph.rdf.vocab import KG_NS, SCHEMA

# The prefixes of the RDF contract (docs/rdf-model.md), usable in every query without PREFIX lines.
STANDARD_PREFIXES: dict[str, str] = {
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "kg": KG_NS,
}

# Plain strings given as bindings become literals in this language, because the contract tags names and
# labels `@zh` and SPARQL term equality makes "万玲玲" and "万玲玲"@zh different terms.
DEFAULT_BINDING_LANG = "zh"

_QUAD_FORMATS = {"trig", "nquads", "trix"}  # a plain Graph silently drops named graphs: read these into a Dataset
_CONTROL_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(32), 127]} | {9: "\\t", 10: "\\n", 13: "\\r"}
_BAD_SYNTAX = re.compile(r"at line (\d+) of <[^>]*>:\s*Bad syntax \((.*)\) at \^ in:")


# --- loading -----------------------------------------------------------------------------------------------


def read_graph(path: str | Path) -> Graph:
    """Parse a graph file, choosing the parser by extension (Turtle when unknown), with the standard prefixes bound.

    TriG / N-Quads go into a `Dataset` whose default graph is the union of its named graphs, so queries see
    every triple. The standard prefixes override the file's own for the same prefix name: `schema:` always
    means https://schema.org/ as the contract says.
    """
    path = Path(path)
    if not path.exists():
        raise GraphError(f"no such graph file: {path}")
    if not path.is_file():
        raise GraphError(f"not a graph file: {path}")
    fmt = guess_format(str(path)) or "turtle"
    graph: Graph = Dataset(default_union=True) if fmt in _QUAD_FORMATS else Graph(bind_namespaces="core")
    try:
        graph.parse(path, format=fmt)
    except OSError as exc:
        raise GraphError(f"cannot read graph file {path}: {exc.strerror or exc}") from exc
    except Exception as exc:  # parsers raise anything from SyntaxError to JSONDecodeError; all mean "bad file"
        raise GraphError(f"cannot parse {path} as {fmt}: {_parser_complaint(exc)}") from exc
    for prefix, namespace in STANDARD_PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _parser_complaint(exc: Exception) -> str:
    """The parser's message on one line; Turtle's BadSyntax spreads line number and reason over several."""
    text = str(exc)
    match = _BAD_SYNTAX.search(text)
    if match:
        return f"line {match.group(1)}: bad syntax ({match.group(2)})"
    return _first_line(text) or type(exc).__name__


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


# --- querying ----------------------------------------------------------------------------------------------


def run_query(
    graph: Graph,
    text: str,
    *,
    bindings: Mapping[str, str | Identifier] | None = None,
    lang: str | None = DEFAULT_BINDING_LANG,
) -> Result:
    """Run a SPARQL query with the standard prefixes predeclared; fully evaluated, so errors surface here.

    `bindings` maps variable names (with or without `?`) to values that are bound before evaluation, as RDF
    terms, never pasted into the query text, so a value cannot change the query. A plain `str` becomes a
    literal tagged `lang` (default "zh", so "万玲玲" matches "万玲玲"@zh); `lang=None` makes it an untagged
    xsd:string. Pass an rdflib `URIRef` or `Literal` to bind an IRI, a number or another language exactly.
    A binding for a variable the query does not use is an error: it would otherwise be silently ignored.
    """
    namespaces = {prefix: str(ns) for prefix, ns in graph.namespaces()} | STANDARD_PREFIXES
    try:
        prepared = prepareQuery(text, initNs=namespaces)
    except ParseException as exc:
        raise QueryError(f"invalid SPARQL: {_parse_error_message(exc)}") from exc
    except Exception as exc:  # translation errors (unknown prefix, bad aggregate ...) are bare Exceptions
        raise QueryError(f"invalid SPARQL: {_one_line(str(exc))}") from exc

    init_bindings = _init_bindings(bindings or {}, lang, _variables(prepared.algebra))
    try:
        result = graph.query(prepared, initBindings=init_bindings)
        if result.type == "SELECT":
            result.bindings  # noqa: B018 -- SELECT rows are a lazy generator; evaluate now, inside the try
    except Exception as exc:  # evaluation errors come from many places in rdflib, none of them typed
        raise QueryError(f"query failed: {_one_line(str(exc)) or type(exc).__name__}") from exc
    return result


def _parse_error_message(exc: ParseException) -> str:
    found = getattr(exc, "found", "")
    found_part = f", found {found}" if found else ""
    return _one_line(f"{exc.msg}{found_part} at line {exc.lineno}, column {exc.column}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _variables(algebra: object) -> set[str]:
    """Every variable name the query mentions, anywhere (patterns, filters, subqueries, projections)."""
    names: set[str] = set()

    def visit(node: object) -> None:
        if isinstance(node, Variable):
            names.add(str(node))

    traverse(algebra, visitPost=visit)
    return names


def _init_bindings(
    bindings: Mapping[str, str | Identifier], lang: str | None, known: set[str]
) -> dict[str, Identifier]:
    init: dict[str, Identifier] = {}
    for key, value in bindings.items():
        name = key.lstrip("?$")
        if name not in known:
            raise QueryError(f"binding for ?{name}, but the query has no variable ?{name}")
        init[name] = value if isinstance(value, Identifier) else Literal(value, lang=lang)
    return init


# --- formatting --------------------------------------------------------------------------------------------


def format_table(result: Result, *, prefixes: Mapping[str, str] | None = None) -> str:
    """An aligned text table for a terminal: CJK characters count two columns so that 万玲玲 lines up.

    IRIs are shortened with `prefixes` (default: the standard ones; pass `dict(graph.namespaces())` to use the
    graph file's too); an IRI no prefix covers is shown as `<iri>`. Literals show their plain value.
    """
    if result.type != "SELECT":
        return _non_select_text(result, "table", prefixes)
    names = [str(var) for var in result.vars or []]
    shorten = _shortener(STANDARD_PREFIXES if prefixes is None else prefixes)
    rows = [[_table_cell(row.get(Variable(name)), shorten) for name in names] for row in result.bindings]
    widths = [max([_display_width(name), *(_display_width(row[i]) for row in rows)]) for i, name in enumerate(names)]
    lines = [" | ".join(_pad(name, width) for name, width in zip(names, widths, strict=True))]
    lines.append("-+-".join("-" * width for width in widths))
    lines.extend(" | ".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True)) for row in rows)
    lines.append(f"({len(rows)} {'row' if len(rows) == 1 else 'rows'})")
    return "\n".join(lines)


def format_csv(result: Result, *, prefixes: Mapping[str, str] | None = None) -> str:
    """CSV with a header row: full IRIs, literals' lexical forms, `_:id` for blank nodes, empty when unbound.

    `prefixes` only matters for CONSTRUCT / DESCRIBE (the Turtle's prefix lines).
    """
    if result.type != "SELECT":
        return _non_select_text(result, "csv", prefixes)
    names = [str(var) for var in result.vars or []]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in result.bindings:
        writer.writerow([_plain(row.get(Variable(name))) for name in names])
    return buffer.getvalue().rstrip("\n")


def format_json(result: Result, *, prefixes: Mapping[str, str] | None = None) -> str:
    """SPARQL 1.1 Query Results JSON for SELECT / ASK (via rdflib), pretty and with CJK unescaped.

    CONSTRUCT / DESCRIBE give expanded JSON-LD, which needs no prefixes; `prefixes` is accepted for symmetry.
    """
    if result.type not in ("SELECT", "ASK"):
        return _non_select_text(result, "json", prefixes)
    document = json.loads(result.serialize(format="json"))
    ordered = {"head": document.get("head", {})} | {k: v for k, v in document.items() if k != "head"}
    return json.dumps(ordered, ensure_ascii=False, indent=2)


_FORMATTERS: dict[str, Callable[..., str]] = {"table": format_table, "csv": format_csv, "json": format_json}
FORMATS: tuple[str, ...] = tuple(_FORMATTERS)


def format_result(result: Result, fmt: str, *, prefixes: Mapping[str, str] | None = None) -> str:
    """Format by name, so the CLI's --format maps straight onto a formatter."""
    try:
        formatter = _FORMATTERS[fmt]
    except KeyError:
        raise KgraphError(f"unknown format {fmt!r}; known formats: {', '.join(FORMATS)}") from None
    return formatter(result, prefixes=prefixes)


def _non_select_text(result: Result, fmt: str, prefixes: Mapping[str, str] | None) -> str:
    """ASK as true/false; CONSTRUCT / DESCRIBE as Turtle, or JSON-LD for json. Copies the graph to stay pure."""
    if result.type == "ASK":
        return "true" if result.askAnswer else "false"
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in (STANDARD_PREFIXES if prefixes is None else prefixes).items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for triple in result.graph or ():
        graph.add(triple)
    return graph.serialize(format="json-ld" if fmt == "json" else "turtle").rstrip("\n")


def _shortener(prefixes: Mapping[str, str]) -> Callable[[str], str]:
    """IRI -> prefix:local by the longest matching namespace, else <iri>."""
    by_length = sorted(((str(ns), prefix) for prefix, ns in prefixes.items()), key=lambda p: (-len(p[0]), p[1]))

    def shorten(iri: str) -> str:
        for namespace, prefix in by_length:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace) :]}"
        return f"<{iri}>"

    return shorten


def _plain(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)  # IRI as is; a literal's lexical form, without quotes, language tag or datatype


def _table_cell(term: Identifier | None, shorten: Callable[[str], str]) -> str:
    text = shorten(str(term)) if isinstance(term, URIRef) else _plain(term)
    return text.translate(_CONTROL_ESCAPES)  # a newline inside a value must not break the row


def _display_width(text: str) -> int:
    """Terminal columns: East Asian wide/fullwidth count two, combining marks and format characters zero."""
    width = 0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _display_width(text))
