"""Run SPARQL over graphs read by `kgraph.rdf.read`, with either engine: Oxigraph (the default) or rdflib's own.

`run_query` takes an rdflib `Graph` or an `OxigraphGraph` and returns an rdflib `Result`, so the formatters
(`kgraph.rdf.results`) do not care which engine answered. Values are bound as RDF terms, never pasted into the
query text. Every expected failure becomes a one-line `KgraphError` subclass.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.query import Result
from rdflib.term import Identifier

from kgraph.errors import QueryError
from kgraph.rdf.offline import RemoteRefused, check_query, offline
from kgraph.rdf.read import DEFAULT_ENGINE, OxigraphGraph, QueryGraph, read_query_graph, shorten_message
from kgraph.rdf.results import format_result
from kgraph.rdf.vocab import PREFIXES

# Plain strings given as bindings become literals in this language, because the contract tags names and
# labels `@zh` and SPARQL term equality makes "万玲玲" and "万玲玲"@zh different terms.
DEFAULT_BINDING_LANG = "zh"


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
        return prepareQuery(text, initNs=dict(namespaces) | PREFIXES)
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
            prefixes=graph.prefixes | PREFIXES,
            use_default_graph_as_union=True,
            substitutions={ox.Variable(name): _to_oxigraph(term) for name, term in terms.items()},
        )
        return oxigraph_result(answer)
    except SyntaxError as exc:
        _prepare(text, graph.prefixes)  # rdflib's messages name the problem better; raises when it agrees
        raise QueryError(f"invalid SPARQL: {shorten_message(_one_line(str(exc)))}") from exc
    except RuntimeError as exc:
        if "SELECT projection" not in str(exc):
            raise QueryError(f"query failed: {shorten_message(_one_line(str(exc)))}") from exc
    # A bound variable the query does not return: check the names first, so a typo fails before a slow copy.
    _init_bindings(terms, lang, _variables(_prepare(text, graph.prefixes).algebra))
    copy = Dataset(default_union=True)
    for quad in graph.store:
        named = not isinstance(quad.graph_name, ox.DefaultGraph)
        target = copy.graph(_from_oxigraph(quad.graph_name)) if named else copy
        target.add((_from_oxigraph(quad.subject), _from_oxigraph(quad.predicate), _from_oxigraph(quad.object)))
    for prefix, namespace in (graph.prefixes | PREFIXES).items():
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
