"""kgraph.rdf.read, query and results: loading, SPARQL, bindings and the output formats, on a small Chinese graph."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kgraph.errors import GraphError, KgraphError, QueryError
from kgraph.rdf.query import run_query
from kgraph.rdf.read import read_graph
from kgraph.rdf.results import format_csv, format_json, format_result, format_table

ID = "https://w3id.org/kgraph/id/"
SCHEMA = "https://schema.org/"

# A name that would break out of a naively pasted query string; in the data it is just a (weird) name.
INJECTION_NAME = '" } ; DROP ALL ; #'

TURTLE = r"""
@prefix schema: <https://schema.org/> .
@prefix org:    <http://www.w3.org/ns/org#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix kg:     <https://w3id.org/kgraph/ns#> .
@prefix id:     <https://w3id.org/kgraph/id/> .

id:p1 a schema:Person ; schema:name "万玲玲"@zh ; schema:jobTitle "区委书记"@zh, "区长"@zh ; org:holds id:post1 .
id:p2 a schema:Person ; schema:name "张伟"@zh ; schema:jobTitle "区委副书记"@zh .
id:p3 a schema:Person ; schema:name "李娜"@zh ; schema:jobTitle "川店镇党委书记"@zh .
id:p4 a schema:Person ; schema:name "王强"@zh .
id:p5 a schema:Person ; schema:name "刘洋"@zh ; schema:jobTitle "记者"@zh .
id:p6 a schema:Person ; schema:name "\" } ; DROP ALL ; #"@zh .

id:post1 a org:Post ; rdfs:label "区委书记"@zh .

id:a1 a schema:NewsArticle ; schema:headline "万玲玲调研\n川店镇"@zh ; schema:author id:p5 ;
    schema:mentions id:p1, id:p2, id:p3 .

id:e1 a schema:Event ; schema:organizer id:p1 ; schema:attendee id:p2, id:p3 ; schema:subjectOf id:a1 .
id:e2 a schema:Event ; schema:organizer id:p2 ; schema:attendee id:p1, id:p4 .
id:e3 a schema:Event ; schema:organizer id:p3 ; schema:attendee id:p4 .
id:e4 a schema:Event ; schema:organizer id:p1 ; schema:attendee id:p2 .

id:c1 a kg:Collaboration ; kg:participant id:p1, id:p2 ; kg:weight 3 .
"""

# The two example queries of docs/rdf-model.md, verbatim.
TITLES_QUERY = """\
PREFIX schema: <https://schema.org/>
# everyone who holds a title, with the titles
SELECT ?name (GROUP_CONCAT(DISTINCT ?title; separator="、") AS ?titles)
WHERE { ?p a schema:Person ; schema:name ?name ; schema:jobTitle ?title . }
GROUP BY ?name ORDER BY ?name
"""

WORKS_WITH_QUERY = """\
PREFIX schema: <https://schema.org/>
# who works with 万玲玲, and how often
SELECT ?other (COUNT(DISTINCT ?e) AS ?events)
WHERE {
  ?me schema:name "万玲玲"@zh .
  ?e a schema:Event .
  { ?e schema:organizer ?me } UNION { ?e schema:attendee ?me }
  { ?e schema:organizer ?o } UNION { ?e schema:attendee ?o }
  ?o schema:name ?other .
  FILTER (?o != ?me)
}
GROUP BY ?other ORDER BY DESC(?events)
"""

# The same, with the name as a variable to bind, and no PREFIX line.
WORKS_WITH_BOUND = """\
SELECT ?other (COUNT(DISTINCT ?e) AS ?events)
WHERE {
  ?me schema:name ?who .
  ?e a schema:Event .
  { ?e schema:organizer ?me } UNION { ?e schema:attendee ?me }
  { ?e schema:organizer ?o } UNION { ?e schema:attendee ?o }
  ?o schema:name ?other .
  FILTER (?o != ?me)
}
GROUP BY ?other ORDER BY DESC(?events)
"""

TITLES = {
    "万玲玲": {"区委书记", "区长"},
    "张伟": {"区委副书记"},
    "李娜": {"川店镇党委书记"},
    "刘洋": {"记者"},
}
WORKS_WITH = {"张伟": 3, "李娜": 1, "王强": 1}  # 刘洋 only wrote the article; 万玲玲 is not her own colleague


@pytest.fixture
def graph_path(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    return path


@pytest.fixture
def graph(graph_path: Path) -> Graph:
    return read_graph(graph_path)


def display_width(text: str) -> int:
    """Independent of the module's own: wide and fullwidth characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def rows(result) -> list[tuple[str | None, ...]]:
    return [tuple(None if term is None else str(term) for term in row) for row in result]


def works_with(result) -> dict[str, int]:
    return {str(other): int(events) for other, events in result}


# --- the contract's example queries ------------------------------------------------------------------------


def test_titles_example_query(graph: Graph) -> None:
    result = run_query(graph, TITLES_QUERY)

    names = [name for name, _ in rows(result)]
    assert names == sorted(TITLES)
    assert {name: set(titles.split("、")) for name, titles in rows(result)} == TITLES


def test_works_with_example_query(graph: Graph) -> None:
    result = run_query(graph, WORKS_WITH_QUERY)

    assert works_with(result) == WORKS_WITH
    assert str(next(iter(result))[0]) == "张伟"  # most shared events first


def test_standard_prefixes_need_no_prefix_lines(graph: Graph) -> None:
    result = run_query(
        graph,
        "SELECT ?label ?w WHERE { ?p org:holds ?post . ?post a org:Post ; rdfs:label ?label . "
        "?c a kg:Collaboration ; kg:participant ?p ; kg:weight ?w . ?p schema:name ?n }",
    )

    assert rows(result) == [("区委书记", "3")]


def test_prefixes_work_on_any_graph(graph: Graph) -> None:
    bare = Graph(bind_namespaces="none")  # e.g. built in memory: no prefixes bound at all
    for triple in graph:
        bare.add(triple)

    result = run_query(bare, "SELECT ?c WHERE { ?c a kg:Collaboration ; kg:weight 3 }")  # kg: is ours alone

    assert rows(result) == [(ID + "c1",)]


# --- loading -----------------------------------------------------------------------------------------------


def test_missing_file_raises_graph_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.ttl"
    with pytest.raises(GraphError) as excinfo:
        read_graph(path)
    assert str(excinfo.value) == f"no such graph file: {path}"


def test_broken_turtle_raises_one_line_graph_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text('@prefix schema: <https://schema.org/> .\n<a> schema:name "x" ;\n  schema:b "unterminated .\n')

    with pytest.raises(GraphError) as excinfo:
        read_graph(path)
    message = str(excinfo.value)
    assert "\n" not in message
    assert str(path) in message
    assert "line 3" in message
    assert "newline found in string literal" in message  # the parser's reason, not just where


def test_unknown_extension_is_read_as_turtle(tmp_path: Path) -> None:
    path = tmp_path / "graph.txt"
    path.write_text(TURTLE, encoding="utf-8")

    assert len(read_graph(path)) == len(Graph().parse(data=TURTLE, format="turtle"))


def test_trig_named_graphs_are_queried(tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    path.write_text('@prefix schema: <https://schema.org/> .\n<urn:g> { <urn:p> schema:name "万玲玲"@zh . }\n')

    result = run_query(read_graph(path), "SELECT ?n WHERE { ?p schema:name ?n }")

    assert rows(result) == [("万玲玲",)]


# --- errors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?x\nWHERE {\n  ?x schema:name ?n ??\n}\n", "line 3"),
        ("SELECT ?x WHERE { ?x nosuch:name ?n }", "nosuch"),
        ("DROP ALL", "DROP"),
    ],
)
def test_invalid_sparql_raises_one_line_query_error(graph: Graph, query: str, expected: str) -> None:
    with pytest.raises(QueryError) as excinfo:
        run_query(graph, query)
    message = str(excinfo.value)
    assert message.startswith("invalid SPARQL: ")
    assert "\n" not in message
    assert expected in message


def test_evaluation_error_is_raised_by_run_query(graph: Graph) -> None:
    # the bad regex only fails while rows are produced, which rdflib does lazily
    with pytest.raises(QueryError) as excinfo:
        run_query(graph, 'SELECT ?n WHERE { ?p schema:name ?n FILTER(REGEX(?n, "(")) }')
    assert str(excinfo.value).startswith("query failed: ")
    assert "\n" not in str(excinfo.value)


def test_update_does_not_change_the_graph(graph: Graph) -> None:
    size = len(graph)
    with pytest.raises(QueryError):
        run_query(graph, "DELETE WHERE { ?s ?p ?o }")
    assert len(graph) == size


# --- bindings ----------------------------------------------------------------------------------------------


def test_plain_string_binding_matches_zh_literal(graph: Graph) -> None:
    result = run_query(graph, WORKS_WITH_BOUND, bindings={"who": "万玲玲"})

    assert works_with(result) == WORKS_WITH


def test_binding_key_may_carry_question_mark(graph: Graph) -> None:
    result = run_query(graph, WORKS_WITH_BOUND, bindings={"?who": "张伟"})

    assert works_with(result) == {"万玲玲": 3, "李娜": 1, "王强": 1}


def test_binding_without_language_matches_only_untagged(graph: Graph) -> None:
    result = run_query(graph, WORKS_WITH_BOUND, bindings={"who": "万玲玲"}, lang=None)

    assert rows(result) == []


def test_binding_accepts_rdf_terms(graph: Graph) -> None:
    by_iri = run_query(graph, "SELECT ?n WHERE { ?p schema:name ?n }", bindings={"p": URIRef(ID + "p3")})
    by_number = run_query(graph, "SELECT ?c WHERE { ?c kg:weight ?w }", bindings={"w": Literal(3)})

    assert rows(by_iri) == [("李娜",)]
    assert rows(by_number) == [(ID + "c1",)]


def test_binding_for_unknown_variable_is_an_error(graph: Graph) -> None:
    with pytest.raises(QueryError, match=r"\?nam\b"):
        run_query(graph, "SELECT ?p WHERE { ?p schema:name ?name }", bindings={"nam": "万玲玲"})


def test_binding_value_is_only_a_literal(graph: Graph) -> None:
    size = len(graph)
    query = "SELECT ?p WHERE { ?p schema:name ?n }"

    exact = run_query(graph, query, bindings={"n": INJECTION_NAME})
    # pasted into the text this would become `"x"@zh } UNION { ?p schema:name ?any } #...` and match everyone
    breakout = run_query(graph, query, bindings={"n": 'x"@zh } UNION { ?p schema:name ?any } #'})

    assert rows(exact) == [(ID + "p6",)]
    assert rows(breakout) == []
    assert len(graph) == size


# --- table -------------------------------------------------------------------------------------------------


def test_table_aligns_cjk_columns(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?name ?title ?p WHERE { ?p schema:name ?name ; schema:jobTitle ?title }")

    lines = format_table(result, prefixes=dict(graph.namespaces())).split("\n")
    body = lines[:-1]

    assert len(body) == 2 + 5  # header, separator, one line per (person, title)
    assert len({display_width(line) for line in body}) == 1
    assert len({len(line) for line in body}) > 1  # counting characters would not have aligned them
    # the column borders sit at the same display column on every line
    borders = {tuple(display_width(line[:i]) for i, char in enumerate(line) if char in "|+") for line in body}
    assert len(borders) == 1


def test_table_header_footer_and_plain_values(graph: Graph) -> None:
    result = run_query(graph, 'SELECT ?p ?type ?name WHERE { ?p a ?type ; schema:name ?name, "万玲玲"@zh }')

    lines = format_table(result).split("\n")

    assert lines[0].split() == ["p", "|", "type", "|", "name"]
    assert set(lines[1]) == {"-", "+"}
    assert lines[-1] == "(1 row)"
    cells = [cell.strip() for cell in lines[2].split("|")]
    assert cells == [f"<{ID}p1>", "schema:Person", "万玲玲"]  # no prefix for the data IRIs by default


def test_table_uses_given_prefixes_and_counts_rows(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?p WHERE { ?p a schema:Person }")

    text = format_table(result, prefixes=dict(graph.namespaces()))

    assert "id:p1" in text and ID not in text
    assert text.split("\n")[-1] == "(6 rows)"


def test_table_keeps_multiline_values_on_one_line(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?h WHERE { ?a schema:headline ?h }")

    lines = format_table(result).split("\n")

    assert len(lines) == 4
    assert "万玲玲调研" in lines[2] and "川店镇" in lines[2]


def test_table_shows_empty_result(graph: Graph) -> None:
    result = run_query(graph, 'SELECT ?p WHERE { ?p schema:name "无此人"@zh }')

    assert format_table(result).split("\n") == ["p", "-", "(0 rows)"]


# --- csv and json ------------------------------------------------------------------------------------------


def test_csv_parses_back(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?p ?name WHERE { ?p schema:name ?name } ORDER BY ?p")

    parsed = list(csv.reader(io.StringIO(format_csv(result))))

    assert parsed[0] == ["p", "name"]
    assert parsed[1:] == [[p, name] for p, name in rows(result)]
    assert [ID + "p6", INJECTION_NAME] in parsed  # quotes, semicolons survive the round trip


def test_csv_leaves_unbound_values_empty(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?name ?t WHERE { ?p schema:name ?name OPTIONAL { ?p schema:jobTitle ?t } }")

    parsed = list(csv.reader(io.StringIO(format_csv(result))))

    assert ["王强", ""] in parsed


def test_json_is_sparql_results_json(graph: Graph) -> None:
    result = run_query(graph, WORKS_WITH_QUERY)

    text = format_json(result)
    document = json.loads(text)

    assert "张伟" in text  # not \u-escaped
    assert document["head"]["vars"] == ["other", "events"]
    bindings = document["results"]["bindings"]
    assert {b["other"]["value"]: int(b["events"]["value"]) for b in bindings} == WORKS_WITH
    assert bindings[0]["other"] == {"type": "literal", "value": "张伟", "xml:lang": "zh"}
    assert bindings[0]["events"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


# --- ASK and CONSTRUCT -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "answer"), [("万玲玲", True), ("无此人", False)])
def test_ask(graph: Graph, name: str, answer: bool) -> None:
    result = run_query(graph, "ASK { ?p a schema:Person ; schema:name ?n }", bindings={"n": name})

    expected = "true" if answer else "false"
    assert format_table(result) == expected
    assert format_csv(result) == expected
    assert json.loads(format_json(result)) == {"head": {}, "boolean": answer}


CONSTRUCT_QUERY = """\
CONSTRUCT { ?a schema:colleague ?b }
WHERE { ?e a schema:Event ; schema:organizer ?a ; schema:attendee ?b }
"""


def test_construct_gives_turtle_for_table_and_csv(graph: Graph) -> None:
    result = run_query(graph, CONSTRUCT_QUERY)
    expected = {
        (URIRef(ID + a), URIRef(SCHEMA + "colleague"), URIRef(ID + b))
        for a, b in [("p1", "p2"), ("p1", "p3"), ("p2", "p1"), ("p2", "p4"), ("p3", "p4")]
    }

    for text in (format_table(result), format_csv(result)):
        assert "@prefix schema: <https://schema.org/> ." in text
        assert set(Graph().parse(data=text, format="turtle")) == expected


def test_construct_gives_json_ld_for_json(graph: Graph) -> None:
    result = run_query(graph, "CONSTRUCT WHERE { ?p a schema:Person ; schema:name ?n }")

    parsed = Graph().parse(data=format_json(result), format="json-ld")

    assert isomorphic(parsed, result.graph)
    assert (URIRef(ID + "p1"), URIRef(SCHEMA + "name"), Literal("万玲玲", lang="zh")) in parsed


# --- dispatch ----------------------------------------------------------------------------------------------


def test_format_result_dispatches(graph: Graph) -> None:
    result = run_query(graph, TITLES_QUERY)

    assert format_result(result, "table") == format_table(result)
    assert format_result(result, "csv") == format_csv(result)
    assert format_result(result, "json") == format_json(result)


def test_format_result_rejects_unknown_format(graph: Graph) -> None:
    result = run_query(graph, TITLES_QUERY)

    with pytest.raises(KgraphError) as excinfo:
        format_result(result, "xml")
    assert all(name in str(excinfo.value) for name in ("table", "csv", "json"))
