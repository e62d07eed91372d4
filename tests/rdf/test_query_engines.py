"""Reading and querying beyond one file and one engine: Oxigraph and rdflib give the same answers, several files,
TSV and Turtle output, and the rdflib fallback for bindings Oxigraph cannot make."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.compare import isomorphic
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser
from test_query import TURTLE, WORKS_WITH_QUERY  # tests/rdf is on the path (no __init__.py)

from kgraph.errors import GraphError, KgraphError, QueryError
from kgraph.rdf.query import run_query
from kgraph.rdf.read import DEFAULT_ENGINE, ENGINES, OxigraphGraph, read_graph, read_query_graph, read_store
from kgraph.rdf.results import FORMATS, format_result, format_tsv, format_turtle

ID = "https://w3id.org/kgraph/id/"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("engines") / "graph.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=ENGINES)
def graph(request: pytest.FixtureRequest, graph_file: Path) -> Graph | OxigraphGraph:
    return read_query_graph(graph_file, engine=request.param)


def table(result) -> list[tuple[str, ...]]:
    return [tuple("" if row.get(v) is None else str(row.get(v)) for v in result.vars) for row in result.bindings]


QUERIES = [
    "SELECT ?name (COUNT(DISTINCT ?title) AS ?titles) WHERE { ?p a schema:Person ; schema:name ?name ; "
    "schema:jobTitle ?title } GROUP BY ?name ORDER BY ?name",  # GROUP_CONCAT's order is each engine's own
    WORKS_WITH_QUERY.replace("ORDER BY DESC(?events)", "ORDER BY DESC(?events) ?other"),
    "SELECT ?p ?n WHERE { ?p a schema:Person ; schema:name ?n OPTIONAL { ?p schema:jobTitle ?t } "
    "FILTER (!BOUND(?t)) } ORDER BY ?n",
    "SELECT ?name ?w WHERE { ?c kg:weight ?w ; kg:participant/schema:name ?name } ORDER BY ?name",
    'SELECT ?n (STRLEN(?n) AS ?len) WHERE { ?p schema:name ?n FILTER (CONTAINS(?n, "玲")) }',
]


@pytest.mark.parametrize("query", QUERIES)
def test_engines_give_the_same_rows(graph_file: Path, query: str) -> None:
    answers = [table(run_query(read_query_graph(graph_file, engine=e), query)) for e in ENGINES]
    assert answers[0] == answers[1] and answers[0]


def test_engines_agree_on_ask_and_construct(graph_file: Path) -> None:
    graphs = [read_query_graph(graph_file, engine=e) for e in ENGINES]
    asks = {run_query(g, "ASK { ?p schema:name ?name }", bindings={"name": "万玲玲"}).askAnswer for g in graphs}
    assert asks == {True}
    query = "CONSTRUCT { ?a kg:worksWith ?b } WHERE { ?e schema:organizer ?a ; schema:attendee ?b }"
    built = [run_query(g, query).graph for g in graphs]
    assert len(built[0]) == 5 and isomorphic(built[0], built[1])


def test_default_engine_is_oxigraph() -> None:
    assert DEFAULT_ENGINE == "oxigraph" and ENGINES[0] == DEFAULT_ENGINE


def test_read_query_graph_picks_the_engine(graph_file: Path) -> None:
    assert isinstance(read_query_graph(graph_file), OxigraphGraph)
    assert isinstance(read_query_graph(graph_file, engine="rdflib"), Graph)
    with pytest.raises(KgraphError, match="unknown engine 'jena'; known engines: oxigraph, rdflib"):
        read_query_graph(graph_file, engine="jena")


def test_binding_a_variable_oxigraph_cannot_runs_with_rdflib(graph: Graph | OxigraphGraph) -> None:
    """Oxigraph substitutes only returned variables; ?name is not returned, so rdflib answers instead."""
    result = run_query(graph, WORKS_WITH_QUERY.replace('"万玲玲"@zh', "?name"), bindings={"name": "张伟"})
    assert dict(table(result)) == {"万玲玲": "3", "李娜": "1", "王强": "1"}


def test_binding_an_unknown_variable_is_an_error_on_both(graph: Graph | OxigraphGraph) -> None:
    with pytest.raises(QueryError, match=r"binding for \?nme, but the query has no variable \?nme"):
        run_query(graph, "SELECT ?n WHERE { ?p schema:name ?n }", bindings={"nme": "万玲玲"})


def test_binding_an_iri_and_an_untagged_string(graph: Graph | OxigraphGraph) -> None:
    result = run_query(graph, "SELECT ?p ?n WHERE { ?p schema:name ?n }", bindings={"p": URIRef(ID + "p2")})
    assert table(result) == [(ID + "p2", "张伟")]
    result = run_query(graph, "SELECT ?n WHERE { ?p schema:name ?n }", bindings={"n": "张伟"}, lang=None)
    assert [row for row in result.bindings if row] == []  # "张伟" is not "张伟"@zh


@pytest.mark.parametrize(
    ("query", "expected"),
    [("SELECT ?x WHERE { ?x nosuch:name ?n }", "nosuch"), ("SELEKT ?x WHERE { ?x ?y ?z }", "SELEKT"),
     ("DROP ALL", "DROP")],
)
def test_invalid_sparql_is_one_line_on_both(graph: Graph | OxigraphGraph, query: str, expected: str) -> None:
    with pytest.raises(QueryError) as excinfo:
        run_query(graph, query)
    message = str(excinfo.value)
    assert message.startswith("invalid SPARQL: ") and expected in message and "\n" not in message


# --- several files -----------------------------------------------------------------------------------------


def test_several_files_are_one_graph(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_text('<urn:p1> <https://schema.org/name> "万玲玲"@zh .\n', encoding="utf-8")
    (tmp_path / "b.nt").write_text('<urn:p2> <https://schema.org/name> "周远栋"@zh .\n', encoding="utf-8")
    (tmp_path / "c.jsonld").write_text(json.dumps(
        {"@id": "urn:p3", "https://schema.org/name": {"@value": "关勇", "@language": "zh"}}), encoding="utf-8")
    files = [tmp_path / "a.ttl", tmp_path / "b.nt", tmp_path / "c.jsonld"]
    for engine in ENGINES:
        result = run_query(read_query_graph(files, engine=engine), "SELECT ?n WHERE { ?p schema:name ?n } ORDER BY ?n")
        assert table(result) == [("万玲玲",), ("关勇",), ("周远栋",)], engine


def test_blank_nodes_of_two_files_stay_apart(tmp_path: Path) -> None:
    for name in ("a.nt", "b.nt"):
        (tmp_path / name).write_text('_:x <https://schema.org/name> "万玲玲"@zh .\n', encoding="utf-8")
    files = [tmp_path / "a.nt", tmp_path / "b.nt"]
    assert len(read_store(files)) == len(read_graph(files)) == 2


def test_store_keeps_the_file_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text("@prefix id: <https://w3id.org/kgraph/id/> .\nid:p1 a <https://schema.org/Person> .\n")
    store = read_store(path)
    assert store.prefixes["id"] == ID and store.prefixes["schema"] == "https://schema.org/"
    assert "id:p1" in format_result(run_query(store, "SELECT ?p WHERE { ?p a schema:Person }"), "table",
                                    prefixes=dict(store.namespaces()))


def test_store_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="no such graph file"):
        read_store(tmp_path / "nope.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text('<urn:a> <urn:b> "x" ;;; ] .\n', encoding="utf-8")
    with pytest.raises(GraphError) as excinfo:
        read_store(broken)
    assert "broken.ttl" in str(excinfo.value) and "line 1" in str(excinfo.value) and "\n" not in str(excinfo.value)
    with pytest.raises(GraphError, match="no graph file given"):
        read_store([])


def test_store_queries_named_graphs(tmp_path: Path) -> None:
    path = tmp_path / "g.trig"
    path.write_text('<urn:g> { <urn:p> <https://schema.org/name> "万玲玲"@zh . }\n', encoding="utf-8")
    assert table(run_query(read_store(path), "SELECT ?n WHERE { ?p schema:name ?n }")) == [("万玲玲",)]


# --- TSV and Turtle ----------------------------------------------------------------------------------------


def test_formats_list_the_five() -> None:
    assert FORMATS == ("table", "csv", "tsv", "json", "turtle")


def test_tsv_is_sparql_tsv_and_parses_back(graph: Graph | OxigraphGraph) -> None:
    result = run_query(graph, "SELECT ?p ?n ?w WHERE { ?p schema:name ?n OPTIONAL { ?c kg:participant ?p ; "
                              "kg:weight ?w } } ORDER BY ?n")
    text = format_tsv(result)
    lines = text.split("\n")
    assert lines[0] == "?p\t?n\t?w"
    assert f'<{ID}p1>\t"万玲玲"@zh\t3' in lines
    back = TSVResultParser().parse(io.StringIO(text))  # rdflib before 7.6 reads an unbound value as None
    assert [{str(k): v for k, v in row.items() if v is not None} for row in back.bindings] == \
           [{str(k): v for k, v in row.items()} for row in result.bindings]


def test_tsv_escapes_tabs_and_newlines() -> None:
    graph = Graph().parse(data='<urn:a> <urn:b> "一\\t二\\n三 \\"四\\""@zh, 42, "x"^^<urn:t> .', format="turtle")
    text = format_tsv(run_query(graph, "SELECT ?o WHERE { ?s ?p ?o } ORDER BY STR(?o)"))
    assert text.split("\n") == ["?o", "42", '"x"^^<urn:t>', '"一\\t二\\n三 \\"四\\""@zh']


def test_tsv_blank_nodes_and_ask() -> None:
    graph = Graph()
    graph.add((BNode("b1"), URIRef("urn:p"), Literal("x")))
    assert format_tsv(run_query(graph, "SELECT ?s WHERE { ?s ?p ?o }")) == "?s\n_:b1"
    assert format_tsv(run_query(graph, "ASK { ?s ?p ?o }")) == "true"


def test_turtle_is_for_graph_results(graph: Graph | OxigraphGraph) -> None:
    result = run_query(graph, "DESCRIBE ?p WHERE { ?p schema:name ?name }", bindings={"name": "万玲玲"})
    text = format_turtle(result)
    back = Graph().parse(data=text, format="turtle")
    assert (URIRef(ID + "p1"), URIRef("https://schema.org/name"), Literal("万玲玲", lang="zh")) in back
    assert "@prefix schema: <https://schema.org/> ." in text
    with pytest.raises(QueryError, match="turtle output needs a CONSTRUCT or DESCRIBE query, not SELECT"):
        format_turtle(run_query(graph, "SELECT ?s WHERE { ?s ?p ?o }"))


def test_csv_and_json_of_oxigraph_answers(graph_file: Path) -> None:
    store = read_store(graph_file)
    result = run_query(store, "SELECT ?n ?w WHERE { ?c kg:weight ?w ; kg:participant/schema:name ?n } ORDER BY ?n")
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert rows == [["n", "w"], ["万玲玲", "3"], ["张伟", "3"]]
    document = json.loads(format_result(result, "json"))
    assert document["head"]["vars"] == ["n", "w"]
    assert document["results"]["bindings"][0]["n"] == {"type": "literal", "value": "万玲玲", "xml:lang": "zh"}
    assert document["results"]["bindings"][0]["w"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert all(isinstance(row[Variable("w")], Literal) for row in result.bindings)
