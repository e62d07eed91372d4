"""kgraph.rdf.endpoint without a server: the query text it sends, the URLs it builds, the answers it reads.

The text a server gets must mean what `run_query` means locally; a pyoxigraph store answers it here in place of
the server (`tests/test_serve.py` talks to a real one).
"""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef

from kgraph.errors import EndpointError, GraphError, QueryError
from kgraph.rdf import endpoint
from kgraph.rdf.endpoint import (
    check_url,
    declare_prefixes,
    insert_values,
    push_graph,
    query_endpoint,
    remote_query_text,
    store_url,
)
from kgraph.rdf.named_queries import named_queries
from kgraph.rdf.query import oxigraph_result, run_query
from kgraph.rdf.read import OxigraphGraph, read_store
from kgraph.rdf.results import format_result
from kgraph.rdf.vocab import PREFIXES

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "output" / "graph.ttl"
NAME = "urn:test:name"
# One value for each parameter of the named queries, each with answers in the seeds' graph.
PARAMS = {"name": "万玲玲", "title": "书记", "org": "区委", "org1": "荆州区委", "org2": "荆州高新区党工委",
          "place": "荆州区"}


def as_server_would(graph: OxigraphGraph, text: str):
    """What a SPARQL server holding `graph` answers to `text`: no predeclared prefixes, no bindings."""
    return oxigraph_result(graph.store.query(text, use_default_graph_as_union=True))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> OxigraphGraph:
    copy = tmp_path_factory.mktemp("endpoint-text") / "graph.ttl"
    shutil.copyfile(SNAPSHOT, copy)  # others may rewrite the snapshot while the tests run
    return read_store(copy)


def test_endpoint_doctests_pass():
    result = doctest.testmod(endpoint)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("query", [q for q in named_queries() if q.params], ids=lambda q: q.name)
def test_named_queries_sent_with_values_answer_like_local_bindings(seeds: OxigraphGraph, query):
    bindings = {p.name: PARAMS[p.name] for p in query.params}
    local = run_query(seeds, query.text, bindings=bindings)
    remote = as_server_would(seeds, remote_query_text(query.text, bindings))
    assert local.bindings, f"{query.name} has no answer to compare"
    assert format_result(remote, "json") == format_result(local, "json")


def test_named_query_without_params_is_sent_with_prefixes_only(seeds: OxigraphGraph):
    query = next(q for q in named_queries() if not q.params)
    sent = remote_query_text(query.text, {})
    assert sent.endswith(query.text) and "VALUES" not in sent
    assert format_result(as_server_would(seeds, sent), "csv") == format_result(run_query(seeds, query.text), "csv")


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_value_stays_one_literal(value: str):
    """Quotes, backslashes, newlines, braces, `#` or SPARQL words in a value cannot escape the VALUES block."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:test:p"), ox.NamedNode(NAME), ox.Literal(value, language="zh")))
    store.add(ox.Quad(ox.NamedNode("urn:test:q"), ox.NamedNode(NAME), ox.Literal(value + "x", language="zh")))
    text = f"SELECT ?p ?n WHERE {{ ?p <{NAME}> ?n }}"
    answer = as_server_would(OxigraphGraph(store), remote_query_text(text, {"n": value}))
    assert [(str(row[0]), str(row[1])) for row in answer] == [("urn:test:p", value)]


@pytest.mark.parametrize(("query", "inside"), [
    ("SELECT ?n WHERE { ?p <urn:x> ?n }", "WHERE { VALUES (?n)"),
    ("select ?n { ?p <urn:x> ?n }", "select ?n { VALUES (?n)"),
    ("SELECT ?n (EXISTS { ?n ?q ?r } AS ?e) WHERE { ?p <urn:x> ?n }", "WHERE { VALUES (?n)"),
    ("CONSTRUCT { ?p <urn:y> ?n } WHERE { ?p <urn:x> ?n }", "WHERE { VALUES (?n)"),
    ("CONSTRUCT { ?p <urn:y> ?n } { ?p <urn:x> ?n }", "} { VALUES (?n)"),
    ("ASK { ?p <urn:x> ?n }", "ASK { VALUES (?n)"),
    ("DESCRIBE ?p WHERE { ?p <urn:x> ?n }", "WHERE { VALUES (?n)"),
    ('PREFIX e: <urn:e#> SELECT ?n # WHERE { in a comment\nWHERE { ?p e:x "{" , <urn:where{> ; e:where ?n }',
     '\nWHERE { VALUES (?n)'),
])
def test_values_open_the_where_clause(query: str, inside: str):
    sent = insert_values(query, {"n": Literal("v")})
    assert inside in sent and sent.count("VALUES") == 1


@pytest.mark.parametrize("query", [
    "CONSTRUCT WHERE { ?p <urn:x> ?n }",  # the pattern is the template: no VALUES inside
    "SELECT * WHERE { SELECT ?n WHERE { ?p <urn:x> ?n } }",  # a clause that is one subquery
])
def test_values_go_after_a_clause_that_cannot_hold_them(query: str):
    assert insert_values(query, {"n": Literal("v")}) == f'{query}\nVALUES (?n) {{ ("v") }}'


def test_values_write_each_kind_of_term():
    sent = insert_values("SELECT * { ?s ?p ?o }", {"s": URIRef("urn:s"), "o": Literal(3)})
    assert 'VALUES (?s ?o) { (<urn:s> "3"^^<http://www.w3.org/2001/XMLSchema#integer>) }' in sent
    with pytest.raises(QueryError, match="cannot send"):
        insert_values("SELECT * { ?s ?p ?o }", {"s": BNode()})


def test_binding_for_an_unknown_variable_fails_before_sending():
    with pytest.raises(QueryError, match=r"no variable \?nme"):  # the URL is never opened: nothing listens there
        query_endpoint("http://127.0.0.1:9/query", "SELECT ?name WHERE { ?p schema:name ?name }",
                       bindings={"nme": "万玲玲"})


def test_prefixes_are_declared_unless_the_query_does():
    sent = declare_prefixes('PREFIX schema: <http://schema.org/>\nSELECT * { ?s ?p "PREFIX kg:" }')
    assert "PREFIX schema: <https://schema.org/>" not in sent and f"PREFIX kg: <{PREFIXES['kg']}>" in sent
    assert sent.count("\n") == 1  # all on the first line: the server's line numbers stay the query's


def test_store_urls():
    assert store_url("http://h:7878/store") == "http://h:7878/store?default"
    assert store_url("http://h/ds?x=1", graph="urn:g") == "http://h/ds?x=1&graph=urn%3Ag"
    assert store_url("http://h/store", graph="https://例子.org/图") == (
        "http://h/store?graph=https%3A%2F%2F%E4%BE%8B%E5%AD%90.org%2F%E5%9B%BE")
    with pytest.raises(EndpointError, match="absolute IRI"):
        store_url("http://h/store", graph="not an iri")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://h/q", "localhost:7878/query", "http:///query",
                                 "http://h:port/query", "http://h/my query", ""])
def test_only_http_urls(url: str):
    with pytest.raises(EndpointError, match="URL"):
        check_url(url)


def test_push_checks_the_file_first(tmp_path: Path):
    with pytest.raises(GraphError, match="no such graph file"):
        push_graph(tmp_path / "missing.ttl", "http://127.0.0.1:9/store")
    quads = tmp_path / "g.nq"
    quads.write_text("<urn:s> <urn:p> <urn:o> <urn:g> .\n", encoding="utf-8")
    with pytest.raises(EndpointError, match="names its own graphs"):
        push_graph(quads, "http://127.0.0.1:9/store", graph="urn:other")


@pytest.mark.parametrize(("media", "answer", "message"), [
    ("text/html", b"<html></html>", "neither SPARQL results nor RDF"),
    ("text/csv", b"n\n1\n", "neither SPARQL results nor RDF"),
    ("application/sparql-results+json", b'{"head": ', "cannot read the answer"),
    ("text/turtle", b"<urn:s> <urn:p> .", "cannot read the answer"),
])
def test_unreadable_answers(media: str, answer: bytes, message: str):
    with pytest.raises(EndpointError, match=message):
        endpoint._read_answer(media, answer, "http://h/query")


def test_answers_of_every_kind_are_read():
    select = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"a","xml:lang":"zh"}}]}}'
    assert format_result(endpoint._read_answer("application/sparql-results+json", select, "u"), "tsv") == '?n\n"a"@zh'
    ask = endpoint._read_answer("application/sparql-results+xml", b'<?xml version="1.0"?><sparql '
                                b'xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>true</boolean>'
                                b"</sparql>", "u")
    assert ask.type == "ASK" and ask.askAnswer is True
    graph = endpoint._read_answer("application/n-triples", b"<urn:s> <urn:p> <urn:o> .\n", "u")
    assert graph.type == "CONSTRUCT" and len(graph.graph) == 1
