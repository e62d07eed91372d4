"""The kgraph command on the seed pages: what it writes, what it prints, and one-line errors for bad input."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner

from kgraph import __version__
from kgraph.cli import cli

from .conftest import ROOT, SEEDS

SCHEMA = rdflib.Namespace("https://schema.org/")
COMMANDS = ["build", "query", "render", "articles", "validate", "export"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_cli_build_writes_turtle_and_html(seed_build: Path):
    graph = rdflib.Graph().parse(seed_build / "graph.ttl")
    people = set(graph.subjects(rdflib.RDF.type, SCHEMA.Person))
    assert len(people) > 50
    html = (seed_build / "graph.html").read_text(encoding="utf-8")
    assert "万玲玲" in html and "https://cdn" not in html


def test_cli_build_page_is_the_render_page_with_layers_off(seed_build: Path, tmp_path: Path):
    def data(path: Path) -> dict:
        return json.loads(re.search(r"^\s*var data = (.*);$", path.read_text(encoding="utf-8"), re.MULTILINE).group(1))

    built = data(seed_build / "graph.html")
    assert built["layers"] == {"organization": False, "place": False}
    kinds = {node["kind"] for node in built["nodes"]}
    assert kinds == {"person", "organization", "place"}
    code, _ = run("render", str(seed_build / "graph.ttl"), "-o", str(tmp_path / "r.html"))
    assert code == 0 and data(tmp_path / "r.html") == built


def test_cli_build_prints_a_summary(tmp_path: Path):
    code, output = run("build", str(SEEDS / "004_f0a78a523d36bd45.txt"), "--out", str(tmp_path))
    assert code == 0
    assert output.startswith("files 1, articles ")
    for word in ("people", "titles", "organisations", "places", "events", "triples"):
        assert word in output
    assert str(tmp_path / "graph.ttl") in output


def test_cli_build_says_when_the_page_leaves_out_weak_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from kgraph import outputs

    monkeypatch.setattr(outputs, "MAX_PAGE_LINKS", 10)  # an archive's network, in miniature
    code, output = run("build", str(SEEDS), "--out", str(tmp_path), "--jobs", "1")
    assert code == 0
    weight = int(re.search(r"graph.html draws the links of (\d+) or more shared events", output).group(1))
    assert weight > 1 and f"kgraph render {tmp_path / 'graph.ttl'} --min-weight 1" in output
    assert f"共同活动至少 {weight} 次" in (tmp_path / "graph.html").read_text(encoding="utf-8")
    monkeypatch.undo()
    code, output = run("build", str(SEEDS), "--out", str(tmp_path / "all"), "--jobs", "1")
    assert code == 0 and "draws the links of" not in output  # the seeds' 111 links are under the real limit


def test_cli_query_runs_both_contract_queries(seed_build: Path):
    code, output = run("query", str(seed_build / "graph.ttl"), "-f", str(ROOT / "docs/queries/titles.rq"))
    assert code == 0 and "万玲玲" in output and "区委书记" in output
    code, output = run("query", str(seed_build / "graph.ttl"), "-f", str(ROOT / "docs/queries/works-with.rq"),
                       "--param", "name=万玲玲", "--format", "json")
    assert code == 0
    rows = {b["other"]["value"]: int(b["events"]["value"]) for b in json.loads(output)["results"]["bindings"]}
    assert rows["周远栋"] >= 2 and "万玲玲" not in rows


def test_cli_query_csv(seed_build: Path):
    code, output = run("query", str(seed_build / "graph.ttl"),
                       'SELECT ?n WHERE { ?p kg:role "reporter" ; schema:name ?n } ORDER BY ?n', "--format", "csv")
    assert code == 0 and output.splitlines()[0] == "n" and "何华安" in output


def test_cli_render_from_turtle(seed_build: Path, tmp_path: Path):
    code, output = run("render", str(seed_build / "graph.ttl"), "-o", str(tmp_path / "n.html"))
    assert code == 0 and (tmp_path / "n.html").read_text(encoding="utf-8").count("万玲玲") >= 1


def test_cli_articles_shows_how_a_page_was_read():
    code, output = run("articles", str(SEEDS / "001_6317821200febec2.txt"), "--json")
    assert code == 0
    headlines = [a["headline"] for a in json.loads(output)]
    assert any("张远重调研拍马工业园区发展情况" in h for h in headlines)


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help(command: str):
    code, output = run(command, "--help")
    assert code == 0 and "Example:" in output


def test_cli_version():
    assert run("--version") == (0, f"kgraph, version {__version__}\n")


def _error_line(args: list[str]) -> str:
    code, output = run(*args)
    assert code != 0
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), output
    assert "Traceback" not in output
    return lines[0]


def test_cli_error_missing_input(tmp_path: Path):
    assert "no such file or folder" in _error_line(["build", str(tmp_path / "nope"), "--out", str(tmp_path)])


def test_cli_error_folder_without_text(tmp_path: Path):
    (tmp_path / "in").mkdir()
    assert "no .txt files" in _error_line(["build", str(tmp_path / "in"), "--out", str(tmp_path / "o")])


def test_cli_error_binary_file(tmp_path: Path):
    path = tmp_path / "page.txt"
    path.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    assert "page.txt" in _error_line(["build", str(path), "--out", str(tmp_path / "o")])


def test_cli_error_text_in_no_chinese_encoding(tmp_path: Path):
    path = tmp_path / "page.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 20)
    assert "page.txt" in _error_line(["build", str(path), "--out", str(tmp_path / "o")])


def test_cli_error_invalid_sparql(seed_build: Path):
    assert "SPARQL" in _error_line(["query", str(seed_build / "graph.ttl"), "SELEKT ?x WHERE { ?x ?y ?z }"])


def test_cli_error_missing_graph(tmp_path: Path):
    assert "no such graph file" in _error_line(["query", str(tmp_path / "g.ttl"), "ASK { ?s ?p ?o }"])
    assert "no such graph file" in _error_line(["render", str(tmp_path / "g.ttl")])


def test_cli_gb18030_input_reads_like_utf8(tmp_path: Path):
    text = (SEEDS / "004_f0a78a523d36bd45.txt").read_text(encoding="utf-8")
    (tmp_path / "gbk").mkdir()
    (tmp_path / "gbk" / "page.txt").write_bytes(text.encode("gb18030"))
    code, gbk = run("build", str(tmp_path / "gbk"), "--out", str(tmp_path / "a"))
    assert code == 0
    code, utf = run("build", str(SEEDS / "004_f0a78a523d36bd45.txt"), "--out", str(tmp_path / "b"))
    assert gbk.splitlines()[0] == utf.splitlines()[0]


def test_cli_failed_build_keeps_old_outputs(tmp_path: Path):
    (tmp_path / "graph.ttl").write_text("old", encoding="utf-8")
    _error_line(["build", str(tmp_path / "missing"), "--out", str(tmp_path)])
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "old"


# --- query library, validate, export -----------------------------------------------------------------------


def test_cli_query_choices_match_the_library():
    from kgraph.cli import QUERY_ENGINES, QUERY_FORMATS
    from kgraph.rdf.read import DEFAULT_ENGINE, ENGINES
    from kgraph.rdf.results import FORMATS

    assert list(FORMATS) == QUERY_FORMATS and list(ENGINES) == QUERY_ENGINES and QUERY_ENGINES[0] == DEFAULT_ENGINE


def test_cli_query_list_names_every_named_query():
    code, output = run("query", "--list")
    assert code == 0
    for name in ("who-works-with", "people-by-title", "org-members", "place-people", "strongest-collaborations",
                 "career", "common-members"):
        assert f"\n{name}: " in f"\n{output}"
    assert "--param name=…" in output


def test_cli_query_named_query_reads_output_graph_by_default(seed_build: Path, tmp_path: Path, monkeypatch):
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "graph.ttl").write_bytes((seed_build / "graph.ttl").read_bytes())
    monkeypatch.chdir(tmp_path)
    code, output = run("query", "who-works-with", "--param", "name=万玲玲", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(output)))
    assert {row["name"] for row in rows} == {"万玲玲"} and "周远栋" in {row["other"] for row in rows}


def test_cli_query_engines_print_the_same(seed_build: Path):
    graph = str(seed_build / "graph.ttl")
    outputs = {run("query", graph, "strongest-collaborations", "--engine", engine, "--format", "tsv")
               for engine in ("oxigraph", "rdflib")}
    assert len(outputs) == 1 and next(iter(outputs))[0] == 0


def test_cli_query_several_graph_files(tmp_path: Path):
    (tmp_path / "a.ttl").write_text('<urn:a> <https://schema.org/name> "甲"@zh .\n', encoding="utf-8")
    (tmp_path / "b.nt").write_text('<urn:b> <https://schema.org/name> "乙"@zh .\n', encoding="utf-8")
    code, output = run("query", str(tmp_path / "a.ttl"), str(tmp_path / "b.nt"),
                       "SELECT ?n WHERE { ?s schema:name ?n } ORDER BY ?n", "--format", "tsv")
    assert (code, output) == (0, '?n\n"乙"@zh\n"甲"@zh\n')


def test_cli_query_turtle_for_describe(seed_build: Path):
    code, output = run("query", str(seed_build / "graph.ttl"), "DESCRIBE ?p WHERE { ?p schema:name ?name }",
                       "--param", "name=万玲玲", "--format", "turtle")
    assert code == 0
    described = rdflib.Graph().parse(data=output, format="turtle")
    assert rdflib.Literal("万玲玲", lang="zh") in set(described.objects(None, SCHEMA.name))


def test_cli_query_errors_are_one_line(seed_build: Path):
    graph = str(seed_build / "graph.ttl")
    assert _error_line(["query", graph, "career"]).startswith("Error: career needs --param name=VALUE: ")
    assert "unknown named query 'carrer'" in _error_line(["query", graph, "carrer"])
    assert "turtle output needs a CONSTRUCT or DESCRIBE" in _error_line(
        ["query", graph, "strongest-collaborations", "--format", "turtle"])
    code, output = run("query")
    assert code == 2 and "give a query" in output
    code, output = run("query", graph)  # a graph file but no query
    assert code == 2 and "give a query" in output


def test_cli_validate_seeds_conform(seed_build: Path):
    code, output = run("validate", str(seed_build / "graph.ttl"))
    assert code == 0
    assert re.fullmatch(r".*graph\.ttl conforms: 0 violations, \d+ warnings?", output.splitlines()[-1])


def test_cli_validate_broken_graph_fails_with_a_report(tmp_path: Path):
    path = tmp_path / "broken.ttl"
    path.write_text("""@prefix schema: <https://schema.org/> .
        <https://w3id.org/kgraph/id/person/a> a schema:Person ; schema:name "甲"@zh, "乙"@zh .
        <https://w3id.org/kgraph/id/event/e> a schema:Event ; schema:attendee <https://w3id.org/kgraph/id/person/a> .
        """, encoding="utf-8")
    code, output = run("validate", str(path))
    lines = output.splitlines()
    assert code == 1 and "Traceback" not in output
    assert lines[-1] == f"Error: {path} does not conform: 2 violations, 0 warnings"
    assert "Violation Person id:person/a schema:name: a person has exactly one schema:name" in output
    assert "Violation Event id:event/e schema:subjectOf: an event is the subject of the schema:NewsArticle" in output


@pytest.mark.parametrize(("fmt", "name"), [("graphml", "g.graphml"), ("gexf", "g.gexf"), ("json", "g.json"),
                                           ("jsonld", "g.jsonld"), ("nt", "g.nt"), ("csv", "g-neo4j")])
def test_cli_export_writes_each_format_beside_the_graph(seed_build: Path, tmp_path: Path, fmt: str, name: str):
    graph = tmp_path / "g.ttl"
    graph.write_bytes((seed_build / "graph.ttl").read_bytes())
    code, output = run("export", str(graph), "--format", fmt)
    target = tmp_path / name
    assert code == 0 and output == f"wrote {target}: " + output.split(": ", 1)[1]
    assert target.is_dir() if fmt == "csv" else target.is_file()


def test_cli_export_graphml_with_orgs_counts_nodes(seed_build: Path, tmp_path: Path):
    target = tmp_path / "people.graphml"
    code, output = run("export", str(seed_build / "graph.ttl"), "--format", "graphml", "-o", str(target), "--orgs")
    net = nx.read_graphml(target)
    assert code == 0 and output == f"wrote {target}: {net.number_of_nodes()} nodes, {net.number_of_edges()} edges\n"
    assert {"person", "organization"} == {kind for _, kind in net.nodes(data="kind")}


def test_cli_export_errors(tmp_path: Path):
    assert "no such graph file" in _error_line(["export", str(tmp_path / "g.ttl"), "--format", "nt"])
    code, output = run("export", "--format", "xml")
    assert code == 2 and "'xml' is not one of" in output


def test_cli_query_finds_the_readme_example_queries_outside_a_checkout(seed_build: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # no docs/queries here: the copy shipped with kgraph is read
    code, output = run("query", str(seed_build / "graph.ttl"), "-f", "docs/queries/titles.rq", "--format", "csv")
    assert code == 0 and output.startswith("name,titles") and len(output.splitlines()) > 10
    code, output = run("query", str(seed_build / "graph.ttl"), "-f", "docs/queries/missing.rq")
    assert code == 1 and "missing.rq" in output
