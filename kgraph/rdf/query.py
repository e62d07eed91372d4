"""Load graph files, run SPARQL over them, and format the results for people (table) or tools (csv, tsv, json, turtle).

Two engines answer the same SPARQL: Oxigraph (`pyoxigraph`, the default: it loads and answers far faster, see
`benchmarks/README.md`) and rdflib's own. `read_graph` gives an rdflib `Graph` (what `build_network` and the
exporters need); `read_store` gives an `OxigraphGraph`; `read_query_graph` picks one by engine name. `run_query`
takes either and returns an rdflib `Result`, so the formatters do not care which engine answered.

Named queries ship as `.rq` files in `kgraph/rdf/queries/`, each with a comment header naming its parameters;
`named_queries` lists them and `named_query` finds one. Only the `read_` functions touch the file system;
running and formatting are pure. Every expected failure becomes a one-line `KgraphError` subclass.

Output conventions, shared by all formatters:
- SELECT: `table` (aligned, CJK aware, IRIs shortened), `csv` (full IRIs), `tsv` (SPARQL 1.1 TSV: terms in
  Turtle syntax), `json` (SPARQL 1.1 Query Results JSON); `turtle` is an error (a table is not a graph).
- ASK: `table`, `csv` and `tsv` print `true` / `false`; `json` is `{"head": {}, "boolean": ...}`.
- CONSTRUCT / DESCRIBE: the result graph as Turtle for `table`, `csv`, `tsv` and `turtle`, as expanded JSON-LD for
  `json`.
- The text never ends with a newline, so `click.echo(text)` / `print(text)` prints it as is.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.query import Result
from rdflib.term import Identifier
from rdflib.util import guess_format

from kgraph.errors import GraphError, KgraphError, QueryError
from kgraph.rdf.offline import RemoteRefused, check_jsonld, check_query, offline
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
    "time": "http://www.w3.org/2006/time#",
}

# Plain strings given as bindings become literals in this language, because the contract tags names and
# labels `@zh` and SPARQL term equality makes "万玲玲" and "万玲玲"@zh different terms.
DEFAULT_BINDING_LANG = "zh"

ENGINES: tuple[str, ...] = ("oxigraph", "rdflib")
DEFAULT_ENGINE = "oxigraph"  # chosen by measurement: benchmarks/README.md

_QUAD_FORMATS = {"trig", "nquads", "trix"}  # a plain Graph silently drops named graphs: read these into a Dataset
_CONTROL_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(32), 127]} | {9: "\\t", 10: "\\n", 13: "\\r"}
_BAD_SYNTAX = re.compile(r"at line (\d+) of <[^>]*>:\s*Bad syntax \((.*)\) at \^ in:")
_MAX_MESSAGE = 200  # Oxigraph lists every character class it expected; a user needs the first words


# --- loading -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OxigraphGraph:
    """Graph files loaded into an in-memory Oxigraph store, with the prefixes they declare.

    `namespaces()` mirrors rdflib's `Graph.namespaces()`, so callers format results the same way for both engines.
    """

    store: ox.Store
    prefixes: dict[str, str] = field(default_factory=dict)

    def namespaces(self) -> Iterator[tuple[str, str]]:
        return iter(self.prefixes.items())

    def __len__(self) -> int:
        return len(self.store)


QueryGraph = Graph | OxigraphGraph


def read_graph(paths: str | Path | Sequence[str | Path], *, allow_remote: bool = False) -> Graph:
    """Parse one or more graph files into one rdflib graph, each by its extension (Turtle when unknown).

    Nothing is fetched (a JSON-LD context given by address is refused) unless `allow_remote`.

    TriG / N-Quads go into a `Dataset` whose default graph is the union of its named graphs, so queries see
    every triple. The standard prefixes override the files' own for the same prefix name: `schema:` always
    means https://schema.org/ as the contract says.
    """
    checked = _check_paths(paths)
    formats = [guess_format(str(path)) or "turtle" for path in checked]
    quads = any(fmt in _QUAD_FORMATS for fmt in formats)
    graph: Graph = Dataset(default_union=True) if quads else Graph(bind_namespaces="core")
    for path, fmt in zip(checked, formats, strict=True):
        if fmt == "json-ld":
            check_jsonld(path, allow_remote=allow_remote)
        try:
            with offline(allow_remote=allow_remote):
                graph.parse(path, format=fmt)
        except RemoteRefused:
            raise
        except OSError as exc:
            raise GraphError(f"cannot read graph file {path}: {exc.strerror or exc}") from exc
        except Exception as exc:  # parsers raise anything from SyntaxError to JSONDecodeError; all mean "bad file"
            raise GraphError(f"cannot parse {path} as {fmt}: {_parser_complaint(exc)}") from exc
    for prefix, namespace in STANDARD_PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def read_store(paths: str | Path | Sequence[str | Path], *, allow_remote: bool = False) -> OxigraphGraph:
    """Load one or more graph files into an in-memory Oxigraph store, each by its extension (Turtle when unknown).

    Triples of TriG / N-Quads keep their named graphs; queries see the union of all graphs, as with `read_graph`.
    Blank nodes of different files stay apart. The prefixes are those each file declares before its first
    triple, then the standard ones.
    """
    store = ox.Store()
    prefixes: dict[str, str] = {}
    for path in _check_paths(paths):
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) or ox.RdfFormat.TURTLE
        if fmt == ox.RdfFormat.JSON_LD:
            check_jsonld(path, allow_remote=allow_remote)
        try:
            store.load(path=path, format=fmt)
            header = ox.parse(path=path, format=fmt)
            next(header, None)  # the prefixes declared before the first triple: the header of any usual file
            prefixes.update(header.prefixes)
        except OSError as exc:
            raise GraphError(f"cannot read graph file {path}: {exc.strerror or exc}") from exc
        except (SyntaxError, ValueError) as exc:
            raise GraphError(f"cannot parse {path} as {fmt.name}: {_oxigraph_complaint(exc)}") from exc
    return OxigraphGraph(store, prefixes | STANDARD_PREFIXES)


_READERS: dict[str, Callable[..., QueryGraph]] = {"oxigraph": read_store, "rdflib": read_graph}


def read_query_graph(paths: str | Path | Sequence[str | Path], *, engine: str = DEFAULT_ENGINE,
                     allow_remote: bool = False) -> QueryGraph:
    """Load graph files for the named engine: an `OxigraphGraph` for "oxigraph", a `Graph` for "rdflib"."""
    try:
        reader = _READERS[engine]
    except KeyError:
        raise KgraphError(f"unknown engine {engine!r}; known engines: {', '.join(ENGINES)}") from None
    return reader(paths, allow_remote=allow_remote)


def _check_paths(paths: str | Path | Sequence[str | Path]) -> list[Path]:
    checked = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    if not checked:
        raise GraphError("no graph file given")
    for path in checked:
        if not path.exists():
            raise GraphError(f"no such graph file: {path}")
        if not path.is_file():
            raise GraphError(f"not a graph file: {path}")
    return checked


def _parser_complaint(exc: Exception) -> str:
    """The parser's message on one line; Turtle's BadSyntax spreads line number and reason over several."""
    text = str(exc)
    match = _BAD_SYNTAX.search(text)
    if match:
        return f"line {match.group(1)}: bad syntax ({match.group(2)})"
    return _first_line(text) or type(exc).__name__


def _oxigraph_complaint(exc: Exception) -> str:
    """Oxigraph's message without the file name it repeats: `Parser error at line 3 column 24: ...`."""
    text = re.sub(r"\s*\([^()]*, line \d+\)$", "", _first_line(str(exc)))
    return _shorten(text) or type(exc).__name__


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _shorten(text: str) -> str:
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1].rstrip() + "…"


# --- named queries -----------------------------------------------------------------------------------------

_PARAM_LINE = re.compile(r"#\s*param:\s*(\w+)\s*[—–-]+\s*(.*)")
_EXAMPLE_LINE = re.compile(r"#\s*example:\s*(.*)")
_NAME = re.compile(r"[\w-]+")


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a named query: the variable to bind and what it means."""

    name: str
    doc: str


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A SPARQL query shipped with kgraph, read from `kgraph/rdf/queries/<name>.rq`."""

    name: str
    description: str
    params: tuple[Param, ...]
    example: str
    text: str


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read the comment header of a `.rq` file: description lines, `# param: name — meaning`, `# example: …`.

    >>> query = parse_named_query("who", "# Who is called ?name.\\n# param: name — a name\\nSELECT ?name {}")
    >>> query.description, query.params[0].name, query.params[0].doc
    ('Who is called ?name.', 'name', 'a name')
    """
    description: list[str] = []
    params: list[Param] = []
    example = ""
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            break
        if param := _PARAM_LINE.fullmatch(line):
            params.append(Param(param.group(1), param.group(2).strip()))
        elif found := _EXAMPLE_LINE.fullmatch(line):
            example = found.group(1).strip()
        elif not params and not example:
            description.append(line.lstrip("#").strip())
    return NamedQuery(name, " ".join(d for d in description if d), tuple(params), example, text)


def named_queries() -> tuple[NamedQuery, ...]:
    """The named queries shipped in `kgraph/rdf/queries/`, sorted by name."""
    return tuple(_load_named_queries().values())


def named_query(name: str) -> NamedQuery:
    """The named query called `name`; an unknown name is a `QueryError` listing the known ones."""
    queries = _load_named_queries()
    if name not in queries:
        raise QueryError(f"unknown named query {name!r}; known: {', '.join(queries)} (see kgraph query --list)")
    return queries[name]


def find_query(query: str) -> tuple[str, NamedQuery | None]:
    """SPARQL text as is, or the text of the named query a bare word like `who-works-with` names."""
    if _NAME.fullmatch(query.strip()):
        named = named_query(query.strip())
        return named.text, named
    return query, None


def check_params(query: NamedQuery, bindings: Mapping[str, object]) -> None:
    """Every parameter of a named query needs a value: an unbound one would silently match everything."""
    given = {key.lstrip("?$") for key in bindings}
    missing = [p for p in query.params if p.name not in given]
    if missing:
        options = " ".join(f"--param {p.name}=VALUE" for p in missing)
        raise QueryError(f"{query.name} needs {options}: {'; '.join(p.doc for p in missing)}")


def format_named_queries(queries: Sequence[NamedQuery], *, width: int = 100) -> str:
    """The `kgraph query --list` text: each query's name and description, its parameters and an example."""
    lines: list[str] = []
    for query in queries:
        lines.extend(textwrap.wrap(f"{query.name}: {query.description}", width, subsequent_indent="    "))
        lines.extend(f"    --param {p.name}=…  {p.doc}" for p in query.params)
        if query.example:
            lines.append(f"    example: {query.example}")
    return "\n".join(lines)


@functools.cache
def _load_named_queries() -> dict[str, NamedQuery]:
    folder = files("kgraph.rdf").joinpath("queries")
    found = sorted((item.name.removesuffix(".rq"), item) for item in folder.iterdir() if item.name.endswith(".rq"))
    return {name: parse_named_query(name, item.read_text(encoding="utf-8")) for name, item in found}


# --- querying ----------------------------------------------------------------------------------------------


def run_query(
    graph: QueryGraph,
    text: str,
    *,
    bindings: Mapping[str, str | Identifier] | None = None,
    lang: str | None = DEFAULT_BINDING_LANG,
    allow_remote: bool = False,
) -> Result:
    """Run a SPARQL query with the standard prefixes predeclared; fully evaluated, so errors surface here.

    A query that would call another endpoint (`SERVICE`) is refused with `RemoteRefused` unless `allow_remote`.

    `graph` is an rdflib `Graph` (rdflib's engine answers) or an `OxigraphGraph` (Oxigraph answers); the result
    is an rdflib `Result` either way. `bindings` maps variable names (with or without `?`) to values that are
    bound before evaluation, as RDF terms, never pasted into the query text, so a value cannot change the query.
    A plain `str` becomes a literal tagged `lang` (default "zh", so "万玲玲" matches "万玲玲"@zh); `lang=None`
    makes it an untagged xsd:string. Pass an rdflib `URIRef` or `Literal` to bind an IRI, a number or another
    language exactly. A binding for a variable the query does not use is an error: it would otherwise be
    silently ignored.

    Oxigraph binds only variables that the query returns (SEP-0007 substitution): the named queries return
    their parameters. A query that binds a variable it does not return runs with rdflib's engine instead, on a
    copy of the store: the same answer, only slower.
    """
    check_query(text, allow_remote=allow_remote)
    with offline(allow_remote=allow_remote):
        if isinstance(graph, OxigraphGraph):
            return _run_oxigraph(graph, text, bindings or {}, lang)
        return _run_rdflib(graph, text, bindings or {}, lang)


def _run_rdflib(graph: Graph, text: str, bindings: Mapping[str, str | Identifier], lang: str | None) -> Result:
    prepared = _prepare(text, {prefix: str(ns) for prefix, ns in graph.namespaces()})
    init_bindings = _init_bindings(bindings, lang, _variables(prepared.algebra))
    try:
        result = graph.query(prepared, initBindings=init_bindings)
        if result.type == "SELECT":
            result.bindings  # noqa: B018 -- SELECT rows are a lazy generator; evaluate now, inside the try
    except RemoteRefused:
        raise
    except Exception as exc:  # evaluation errors come from many places in rdflib, none of them typed
        raise QueryError(f"query failed: {_one_line(str(exc)) or type(exc).__name__}") from exc
    projected = {str(var) for var in result.vars or ()} if result.type == "SELECT" else set()
    if projected - set(init_bindings) and init_bindings and _grouped(prepared.algebra):
        result.bindings = _without_phantoms(result.bindings, set(init_bindings))
    return result


def _grouped(algebra: object) -> bool:
    """Whether the query groups or aggregates (rdflib's algebra then holds an AggregateJoin)."""
    found: list[bool] = []

    def visit(node: object) -> None:
        if getattr(node, "name", None) == "AggregateJoin":
            found.append(True)

    traverse(algebra, visitPost=visit)
    return bool(found)


def _without_phantoms(rows: Sequence[Mapping[Variable, Identifier]], bound: set[str]) -> list:
    """rdflib adds the pre-bound variables as a row of their own when a grouped query matches nothing (`career`
    for an unknown name gave one row with only the name); SPARQL, and Oxigraph, give no row. In a query that
    returns more than its bound variables, a row that holds nothing but bound values is that row."""
    return [row for row in rows if any(str(var) not in bound for var, value in row.items() if value is not None)]


def _prepare(text: str, namespaces: Mapping[str, str]):  # noqa: ANN202 -- rdflib's Query class is internal
    try:
        return prepareQuery(text, initNs=dict(namespaces) | STANDARD_PREFIXES)
    except ParseException as exc:
        raise QueryError(f"invalid SPARQL: {_parse_error_message(exc)}") from exc
    except Exception as exc:  # translation errors (unknown prefix, bad aggregate ...) are bare Exceptions
        raise QueryError(f"invalid SPARQL: {_one_line(str(exc))}") from exc


def _run_oxigraph(
    graph: OxigraphGraph, text: str, bindings: Mapping[str, str | Identifier], lang: str | None
) -> Result:
    terms = {key.lstrip("?$"): _term(value, lang) for key, value in bindings.items()}
    try:
        answer = graph.store.query(
            text,
            prefixes=graph.prefixes | STANDARD_PREFIXES,
            use_default_graph_as_union=True,
            substitutions={ox.Variable(name): _to_oxigraph(term) for name, term in terms.items()},
        )
        return oxigraph_result(answer)
    except SyntaxError as exc:
        _prepare(text, graph.prefixes)  # rdflib's messages name the problem better; raises when it agrees
        raise QueryError(f"invalid SPARQL: {_shorten(_one_line(str(exc)))}") from exc
    except RuntimeError as exc:
        if "SELECT projection" not in str(exc):
            raise QueryError(f"query failed: {_shorten(_one_line(str(exc)))}") from exc
    # A bound variable the query does not return: check the names first, so a typo fails before a slow copy.
    _init_bindings(terms, lang, _variables(_prepare(text, graph.prefixes).algebra))
    copy = Dataset(default_union=True)
    for quad in graph.store:
        named = not isinstance(quad.graph_name, ox.DefaultGraph)
        target = copy.graph(_from_oxigraph(quad.graph_name)) if named else copy
        target.add((_from_oxigraph(quad.subject), _from_oxigraph(quad.predicate), _from_oxigraph(quad.object)))
    for prefix, namespace in (graph.prefixes | STANDARD_PREFIXES).items():
        copy.bind(prefix, namespace, override=True, replace=True)
    return _run_rdflib(copy, text, terms, lang)


def answer_query(paths: Sequence[str | Path], text: str, *, engine: str = DEFAULT_ENGINE,
                 bindings: Mapping[str, str | Identifier] | None = None, fmt: str = "table",
                 allow_remote: bool = False) -> str:
    """Load the graph files, run the query and format the answer: all of `kgraph query` on files, in one call that
    `kgraph.bounded.run_bounded` can run in a process it may stop."""
    graph = read_query_graph(paths, engine=engine, allow_remote=allow_remote)
    result = run_query(graph, text, bindings=bindings, allow_remote=allow_remote)
    return format_result(result, fmt, prefixes=dict(graph.namespaces()))


def oxigraph_result(answer: ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple]) -> Result:
    """Oxigraph's answer (from a store, or parsed from an endpoint's reply) as an rdflib `Result`, fully read."""
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
    elif isinstance(answer, ox.QuerySolutions):
        result = Result("SELECT")
        result.vars = [Variable(v.value) for v in answer.variables]
        made: dict[object, Identifier] = {}  # a name or a count comes back in many rows: make its rdflib term once

        def term(value: object) -> Identifier:
            found = made.get(value)
            if found is None:
                found = made[value] = _from_oxigraph(value)
            return found

        result.bindings = [
            {var: term(value) for var, value in zip(result.vars, row, strict=True) if value is not None}
            for row in answer
        ]
    else:
        result = Result("CONSTRUCT")
        result.graph = Graph(bind_namespaces="none")
        result.graph += ((_from_oxigraph(t.subject), _from_oxigraph(t.predicate), _from_oxigraph(t.object))
                         for t in answer)
    return result


def binding_terms(
    text: str,
    bindings: Mapping[str, str | Identifier],
    *,
    lang: str | None = DEFAULT_BINDING_LANG,
    prefixes: Mapping[str, str] | None = None,
) -> dict[str, Identifier]:
    """The bindings as RDF terms by variable name, as `run_query` makes them, for a query sent elsewhere.

    Parses the query with rdflib (standard prefixes and `prefixes` predeclared), so bad SPARQL and a binding
    for a variable the query does not use fail here, with the same messages as for a local graph.
    """
    if not bindings:
        return {}
    terms = {key.lstrip("?$"): _term(value, lang) for key, value in bindings.items()}
    return _init_bindings(terms, lang, _variables(_prepare(text, prefixes or {}).algebra))


def _term(value: str | Identifier, lang: str | None) -> Identifier:
    return value if isinstance(value, Identifier) else Literal(value, lang=lang)


def _to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    raise QueryError(f"cannot bind {term!r}: give a string, an IRI or a literal")


def _from_oxigraph(term: object) -> Identifier:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    raise QueryError(f"the answer holds {type(term).__name__} terms (RDF-star), which kgraph cannot show")


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
    for prefix, namespace in (STANDARD_PREFIXES if prefixes is None else prefixes).items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for triple in result.graph or ():
        graph.add(triple)
    return graph.serialize(format="json-ld" if fmt == "json" else "turtle").rstrip("\n")


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_TSV_BARE = {str(XSD.integer): re.compile(r"[+-]?\d+"), str(XSD.decimal): re.compile(r"[+-]?\d*\.\d+"),
             str(XSD.boolean): re.compile(r"true|false")}


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
