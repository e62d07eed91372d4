"""kgraph from Python as a notebook uses it: `kgraph.load`, `kgraph.build`, `kgraph.run` and the result object."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

import kgraph
from kgraph.cli import cli
from kgraph.errors import EmptyInputError, InputError, LexiconError

from .conftest import SEEDS

PAGE = "本报讯（通讯员王明）区委书记李建国主持会议，副区长张华参加。"


def test_api_build_reads_a_plain_string_as_one_page():
    """Was `ValueError: too many values to unpack`: the API took only (name, text) pairs."""
    result = kgraph.build([PAGE])
    assert sorted(p.name for p in result.people) == ["张华", "李建国", "王明"]
    assert [a.source for a in result.articles] == ["text-001"]


def test_api_build_of_one_string_is_not_read_character_by_character():
    assert [p.name for p in kgraph.build(PAGE).people] == [p.name for p in kgraph.build([PAGE]).people]


def test_api_build_of_text_without_an_article_is_an_error_not_an_empty_graph():
    """Was an empty graph, silently."""
    with pytest.raises(EmptyInputError, match=r"^no article in 1 input text$"):
        kgraph.build(["ab"])


def test_api_a_string_naming_a_folder_says_to_pass_a_path():
    with pytest.raises(EmptyInputError, match=r"pass Path\('.*seeds'\)"):
        kgraph.build([str(SEEDS)])


def test_api_home_is_given_as_a_name():
    """Was `AttributeError: 'str' object has no attribute 'parent'`."""
    result = kgraph.build([PAGE], home="荆州区")
    assert result.corpus.home == "荆州区"
    orgs = {o.name for o in result.corpus.organizations}
    assert "荆州区委" in orgs or not orgs  # a short 区委 takes the home's full name


def test_api_unknown_home_is_the_commands_one_line_error(tmp_path: Path):
    with pytest.raises(InputError) as raised:
        kgraph.load(home="金山岭区")
    cli_run = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(tmp_path), "--home", "金山岭区"])
    assert cli_run.exit_code == 1
    assert cli_run.output.strip().splitlines()[-1] == f"Error: {raised.value}"


def test_api_bad_inputs_raise_input_errors():
    with pytest.raises(InputError, match=r"^input 2 is a int: give a text"):
        kgraph.build([PAGE, 42])
    with pytest.raises(InputError, match=r"no such file or folder"):
        kgraph.build([Path("no/such/folder")])
    with pytest.raises(InputError, match=r"^--year 1200 is not a year"):
        kgraph.load(year=1200)
    with pytest.raises(LexiconError, match=r"no such lexicon folder"):
        kgraph.load(lexicon="no/such/lexicons")


def test_api_bad_lexicon_line_names_file_and_line(tmp_path: Path):
    (tmp_path / "surnames.txt").write_text("王\nabc\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"surnames.txt:2: not a Chinese lexicon entry"):
        kgraph.load(lexicon=tmp_path)


def test_api_files_folders_and_texts_mix_in_order(tmp_path: Path):
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    result = kgraph.build([("named.txt", PAGE), tmp_path, PAGE])
    assert [a.source for a in result.articles] == ["named.txt", "a.txt", "text-003"]


def test_api_build_is_the_commands_graph(tmp_path: Path):
    """One driver: the API and `kgraph build` give the same graph, and `write` the same files."""
    run = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(tmp_path / "cli"), "--jobs", "1", "--no-cache"])
    assert run.exit_code == 0, run.output
    result = kgraph.run(kgraph.load(), [SEEDS])
    written = result.write(tmp_path / "api")
    cli_ttl = (tmp_path / "cli" / "graph.ttl").read_bytes()
    assert (tmp_path / "api" / "graph.ttl").read_bytes() == cli_ttl
    assert f"triples {written.triples}" in run.output
    assert isomorphic(result.graph, __import__("rdflib").Graph().parse(data=cli_ttl, format="turtle"))


def test_api_pipeline_and_result_print_short_in_a_notebook():
    nlp = kgraph.load(home="荆州区")
    assert len(repr(nlp)) < 300 and "荆州区" in repr(nlp)
    assert repr(kgraph.build([PAGE])) == ("<BuildResult: 1 article, 3 people, 1 organisation, 0 places, "
                                         "home not known>")


def test_api_pipeline_stages_as_methods_give_the_builds_corpus():
    nlp = kgraph.load()
    articles, extractions = nlp.extract(nlp.read([("p.txt", PAGE)]))
    assert nlp.resolve(articles, extractions).people == kgraph.run(nlp, [("p.txt", PAGE)]).people


def test_api_result_rows_queries_network_and_files(tmp_path: Path):
    result = kgraph.build([PAGE])
    rows = {row["name"]: row for row in result.people_rows()}
    assert rows["李建国"]["role"] == "official"
    assert result.query("who-works-with", name="李建国") == [{"name": "李建国", "other": "张华", "events": "1"}]
    assert result.network.has_edge(*sorted(n for n, k in result.network.nodes(data="kind") if k == "person")[:2])
    result.write_html(tmp_path / "p.html")
    assert "李建国" in (tmp_path / "p.html").read_text(encoding="utf-8")
    graphml = result.export("graphml", tmp_path / "p.graphml").read_text(encoding="utf-8")
    assert graphml.count("<node ") == 2  # the reporter who only signs is not drawn
    assert result.write_turtle(tmp_path / "g.ttl") == len(result.graph)
    result.write(tmp_path / "out")  # what `kgraph build` writes: the same Turtle, byte for byte
    assert (tmp_path / "g.ttl").read_bytes() == (tmp_path / "out" / "graph.ttl").read_bytes()


def test_api_named_query_with_a_missing_parameter_is_a_query_error():
    with pytest.raises(kgraph.QueryError):
        kgraph.build([PAGE]).query("who-works-with")
