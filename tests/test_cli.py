"""The kgraph command on the seed pages: what it writes, what it prints, and one-line errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kgraph import __version__
from kgraph.cli import cli

from .conftest import ROOT, SEEDS

SCHEMA = rdflib.Namespace("https://schema.org/")
COMMANDS = ["build", "query", "render", "articles"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_cli_build_writes_turtle_and_html(seed_build: Path):
    graph = rdflib.Graph().parse(seed_build / "graph.ttl")
    people = set(graph.subjects(rdflib.RDF.type, SCHEMA.Person))
    assert len(people) > 50
    html = (seed_build / "graph.html").read_text(encoding="utf-8")
    assert "万玲玲" in html and "https://cdn" not in html


def test_cli_build_prints_a_summary(tmp_path: Path):
    code, output = run("build", str(SEEDS / "004_f0a78a523d36bd45.txt"), "--out", str(tmp_path))
    assert code == 0
    assert output.startswith("files 1, articles ")
    for word in ("people", "titles", "organisations", "places", "events", "triples"):
        assert word in output
    assert str(tmp_path / "graph.ttl") in output


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
