"""The named queries shipped in kgraph/rdf/queries/: documented, answered on the seeds, the same on both engines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Variable

from kgraph.errors import QueryError
from kgraph.rdf.named_queries import (
    check_params,
    find_query,
    format_named_queries,
    named_queries,
    named_query,
    parse_named_query,
)
from kgraph.rdf.query import run_query
from kgraph.rdf.read import ENGINES, OxigraphGraph, read_graph, read_store

NAMES = [query.name for query in named_queries()]
EXPECTED = {
    "who-works-with", "people-by-title", "org-members", "place-people", "strongest-collaborations", "career",
    "common-members",
}


@pytest.fixture(scope="module")
def seed_graphs(seed_build: Path) -> dict[str, Graph | OxigraphGraph]:
    path = seed_build / "graph.ttl"
    return {"rdflib": read_graph(path), "oxigraph": read_store(path)}


def _example_params(example: str) -> dict[str, str]:
    return dict(re.findall(r"--param (\w+)=(\S+)", example))


def _rows(graph: Graph | OxigraphGraph, name: str, params: dict[str, str] | None = None) -> list[dict[str, str]]:
    query = named_query(name)
    result = run_query(graph, query.text, bindings=_example_params(query.example) if params is None else params)
    return [{str(var): "" if row.get(var) is None else str(row.get(var)) for var in result.vars}
            for row in result.bindings]


def test_named_queries_ship_the_library_the_issue_asks_for():
    assert set(NAMES) == EXPECTED


@pytest.mark.parametrize("name", NAMES)
def test_named_query_documents_itself(name: str):
    query = named_query(name)
    assert query.description and query.example.startswith(f"kgraph query {name}")
    documented = {p.name for p in query.params}
    assert documented == set(_example_params(query.example)), "the example binds every parameter"
    for param in query.params:
        assert param.doc, f"{name}: parameter {param.name} has no meaning"
        assert re.search(rf"SELECT[^{{]*\?{param.name}\b", query.text), "Oxigraph binds only returned variables"


@pytest.mark.parametrize("name", NAMES)
def test_named_query_example_answers_on_the_seeds(seed_graphs, name: str):
    rows = _rows(seed_graphs["oxigraph"], name)
    assert rows, f"{name}: its example finds nothing on the seeds"
    for param, value in _example_params(named_query(name).example).items():
        assert {row[param] for row in rows} == {value}, "the answer says what it answers"


@pytest.mark.parametrize("name", NAMES)
def test_named_query_same_answer_from_both_engines(seed_graphs, name: str):
    answers = [_rows(seed_graphs[engine], name) for engine in ENGINES]
    assert answers[0] == answers[1]


def test_who_works_with_counts_shared_events(seed_graphs):
    rows = {row["other"]: int(row["events"]) for row in _rows(seed_graphs["oxigraph"], "who-works-with")}
    assert rows["周远栋"] >= 2 and "万玲玲" not in rows
    assert list(rows.values()) == sorted(rows.values(), reverse=True)


def test_people_by_title_matches_part_of_a_title(seed_graphs):
    rows = _rows(seed_graphs["oxigraph"], "people-by-title", {"title": "书记"})
    assert all("书记" in row["job_title"] for row in rows)
    assert "万玲玲" in {row["name"] for row in rows}


def test_org_members_hold_a_post_in_it(seed_graphs):
    rows = _rows(seed_graphs["oxigraph"], "org-members", {"org": "区委"})
    assert {"万玲玲", "周远栋"} <= {row["name"] for row in rows}


def test_place_people_include_places_inside(seed_graphs):
    district = {row["name"] for row in _rows(seed_graphs["oxigraph"], "place-people", {"place": "荆州区"})}
    province = {row["name"] for row in _rows(seed_graphs["oxigraph"], "place-people", {"place": "湖北省"})}
    assert "万玲玲" in district and district <= province


def test_strongest_collaborations_are_pairs_sorted_by_events(seed_graphs):
    rows = _rows(seed_graphs["oxigraph"], "strongest-collaborations")
    weights = [int(row["events"]) for row in rows]
    assert 0 < len(rows) <= 20 and weights == sorted(weights, reverse=True) and weights[0] >= 2
    assert all(row["person1"] != row["person2"] for row in rows)


def test_career_lists_titles_with_their_articles(seed_graphs):
    rows = _rows(seed_graphs["oxigraph"], "career", {"name": "万玲玲"})
    assert any("书记" in row["title"] for row in rows)
    assert all(int(row["articles"]) >= 1 for row in rows)
    dated = [row for row in rows if row["first"]]
    assert dated and all(row["first"] <= row["last"] for row in dated)


def test_common_members_hold_posts_in_both(seed_graphs):
    rows = _rows(seed_graphs["oxigraph"], "common-members", {"org1": "荆州区委", "org2": "荆州高新区党工委"})
    assert "万玲玲" in {row["name"] for row in rows}
    nobody = _rows(seed_graphs["oxigraph"], "common-members", {"org1": "荆州区委", "org2": "没有这个单位"})
    assert nobody == []


def test_named_query_needs_its_parameters():
    with pytest.raises(QueryError, match=r"common-members needs --param org1=VALUE --param org2=VALUE"):
        check_params(named_query("common-members"), {})
    check_params(named_query("common-members"), {"org1": "a", "?org2": "b"})


def test_unknown_named_query_lists_the_known_ones():
    with pytest.raises(QueryError, match=r"unknown named query 'who-is'; known: career, common-members"):
        named_query("who-is")


def test_find_query_tells_names_from_sparql():
    text, named = find_query("who-works-with")
    assert named is not None and named.name == "who-works-with" and "SELECT" in text
    assert find_query("ASK { ?s ?p ?o }") == ("ASK { ?s ?p ?o }", None)
    with pytest.raises(QueryError, match="unknown named query"):
        find_query("whoworkswith")


def test_parse_named_query_reads_the_header():
    query = parse_named_query("x", "# Line one\n# line two.\n# param: a — the first\n# param: b - the second\n"
                                   "# example: kgraph query x --param a=1 --param b=2\nSELECT ?a ?b {}\n# not header")
    assert query.description == "Line one line two."
    assert [(p.name, p.doc) for p in query.params] == [("a", "the first"), ("b", "the second")]
    assert query.example == "kgraph query x --param a=1 --param b=2"


def test_format_named_queries_shows_parameters_and_examples():
    text = format_named_queries(named_queries())
    for name in NAMES:
        assert f"\n{name}: " in f"\n{text}"
    assert "    --param name=…  the person's name" in text
    assert "    example: kgraph query who-works-with --param name=万玲玲" in text


def test_named_queries_bind_only_as_terms(seed_graphs):
    """A value that looks like SPARQL stays a value on both engines (rdflib answers one empty row, no values)."""
    for graph in seed_graphs.values():
        result = run_query(graph, named_query("who-works-with").text, bindings={"name": '万玲玲"@zh } #'})
        assert [row for row in result.bindings if row] == [] and result.vars[0] == Variable("name")
