"""`kgraph build --decisions` and `kgraph people --homonyms` on files, with the split written into the graph."""

from __future__ import annotations

from click.testing import CliRunner
from rdflib import Graph, Literal

from kgraph.cli import cli
from kgraph.rdf.vocab import KG, SCHEMA

from .test_homonyms import HUBEI, YUNNAN


def write_pages(folder, *pages):
    folder.mkdir()
    for name, text in pages:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_cli_people_homonyms_lists_split_names_and_why(tmp_path):
    pages = write_pages(tmp_path / "in", HUBEI, YUNNAN)
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(pages), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    wang = set(graph.subjects(SCHEMA.name, Literal("王刚", lang="zh")))
    assert len(wang) == 2
    [split] = graph.subjects(KG.sharedName, Literal("王刚", lang="zh"))
    assert set(graph.objects(split, KG.splitInto)) == wang
    result = runner.invoke(cli, ["people", str(tmp_path / "out" / "graph.ttl"), "--homonyms"])
    assert result.exit_code == 0
    assert "王刚: 2 people" in result.output
    assert "湖北省荆州市荆州区" in result.output and "云南省楚雄彝族自治州" in result.output
    assert "why: 湖北省荆州市荆州区 / 云南省楚雄彝族自治州: different provinces" in result.output
    result = runner.invoke(cli, ["person", str(tmp_path / "out" / "graph.ttl"), "王刚"])
    assert result.exit_code == 0
    first, second = result.output.split("\n\n王刚 ")
    assert first.startswith("王刚 (official, 云南省楚雄彝族自治州)")
    assert "州委副书记" in first and "区委副书记" not in first
    assert second.startswith("(official, 湖北省荆州市荆州区)") and "区委副书记" in second


def test_cli_build_decisions_force_one_person(tmp_path):
    pages = write_pages(tmp_path / "in", HUBEI, YUNNAN)
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("a,b,decision\n王刚@荆州区,王刚@楚雄州,same\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(pages), "--out", str(tmp_path / "out"), "--jobs", "1",
                                      "--decisions", str(decisions)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert len(set(graph.subjects(SCHEMA.name, Literal("王刚", lang="zh")))) == 1


def test_cli_build_bad_decisions_file_is_one_line_error(tmp_path):
    pages = write_pages(tmp_path / "in", HUBEI)
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("王刚@荆州区,王刚@楚雄州,perhaps\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(pages), "--out", str(tmp_path / "out"), "--decisions",
                                      str(decisions)])
    assert result.exit_code == 1
    assert result.output.strip().endswith(f"Error: {decisions}:1: want name@place,name@place,same|different, "
                                          "got '王刚@荆州区,王刚@楚雄州,perhaps'")
