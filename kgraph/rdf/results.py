"""Query results as text for people (`table`) or tools (`csv`, `tsv`, `json`, `turtle`), whichever engine answered.

- SELECT: `table` (aligned, CJK aware, IRIs shortened), `csv` (full IRIs), `tsv` (SPARQL 1.1 TSV: terms in
  Turtle syntax), `json` (SPARQL 1.1 Query Results JSON); `turtle` is an error (a table is not a graph).
- ASK: `table`, `csv` and `tsv` print `true` / `false`; `json` is `{"head": {}, "boolean": ...}`.
- CONSTRUCT / DESCRIBE: the result graph as Turtle for `table`, `csv`, `tsv` and `turtle`, as expanded JSON-LD for
  `json`.
- The text never ends with a newline, so `click.echo(text)` / `print(text)` prints it as is.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable, Mapping

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Identifier

from kgraph.errors import KgraphError, QueryError
from kgraph.rdf.vocab import PREFIXES
from kgraph.regex import compiled

_CONTROL_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(32), 127]} | {9: "\\t", 10: "\\n", 13: "\\r"}


def format_table(result: Result, *, prefixes: Mapping[str, str] | None = None) -> str:
    """An aligned text table for a terminal: CJK characters count two columns so that 万玲玲 lines up.

    IRIs are shortened with `prefixes` (default: the standard ones; pass `dict(graph.namespaces())` to use the
    graph file's too); an IRI no prefix covers is shown as `<iri>`. Literals show their plain value.
    """
    if result.type != "SELECT":
        return _non_select_text(result, "table", prefixes)
    names = [str(var) for var in result.vars or []]
    shorten = _shortener(PREFIXES if prefixes is None else prefixes)
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


def format_tsv(result: Result, *, prefixes: Mapping[str, str] | None = None) -> str:
    """SPARQL 1.1 Query Results TSV: a `?name` header, then terms in Turtle syntax (`<iri>`, `"万玲玲"@zh`, `3`).

    Tabs and newlines inside values are escaped, so every row is one line. `prefixes` only matters for
    CONSTRUCT / DESCRIBE (the Turtle's prefix lines).
    """
    if result.type != "SELECT":
        return _non_select_text(result, "tsv", prefixes)
    names = [str(var) for var in result.vars or []]
    lines = ["\t".join(f"?{name}" for name in names)]
    lines.extend("\t".join(_tsv_term(row.get(Variable(name))) for name in names) for row in result.bindings)
    return "\n".join(lines)


def format_turtle(result: Result, *, prefixes: Mapping[str, str] | None = None) -> str:
    """The graph a CONSTRUCT or DESCRIBE query gives, as Turtle with `prefixes` (default: the standard ones)."""
    if result.type in ("SELECT", "ASK"):
        raise QueryError(f"turtle output needs a CONSTRUCT or DESCRIBE query, not {result.type}; "
                         "use table, csv, tsv or json")
    return _non_select_text(result, "turtle", prefixes)


_FORMATTERS: dict[str, Callable[..., str]] = {
    "table": format_table,
    "csv": format_csv,
    "tsv": format_tsv,
    "json": format_json,
    "turtle": format_turtle,
}
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
    for prefix, namespace in (PREFIXES if prefixes is None else prefixes).items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for triple in result.graph or ():
        graph.add(triple)
    return graph.serialize(format="json-ld" if fmt == "json" else "turtle").rstrip("\n")


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_TSV_BARE = {str(XSD.integer): compiled(r"[+-]?\d+"), str(XSD.decimal): compiled(r"[+-]?\d*\.\d+"),
             str(XSD.boolean): compiled(r"true|false")}


def _tsv_term(term: Identifier | None) -> str:
    """A term as SPARQL TSV writes it: Turtle syntax, numbers and booleans bare, empty when unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = f'"{str(term).translate(_TSV_ESCAPES)}"'
    if isinstance(term, Literal) and term.language:
        return f"{text}@{term.language}"
    datatype = str(term.datatype) if isinstance(term, Literal) and term.datatype else ""
    if datatype in _TSV_BARE and _TSV_BARE[datatype].fullmatch(str(term)):
        return str(term)
    return f"{text}^^<{datatype}>" if datatype and datatype != str(XSD.string) else text


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
