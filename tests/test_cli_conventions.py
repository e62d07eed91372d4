"""What every kgraph command does the same way: GRAPH's default, `-` for standard input and output, -o, --quiet,
--json, exit statuses, shell completion and the progress line."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.progress import Progress, Rate, Stage, format_eta

from .conftest import SEEDS

GRAPH_COMMANDS = [["people"], ["render"], ["export", "--format", "nt"], ["validate"],
                  ["query", "ASK { ?s ?p ?o }"]]


def invoke(*args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, env=env, prog_name="kgraph")


@pytest.fixture
def in_project(seed_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder whose output/graph.ttl is the seeds' graph."""
    (tmp_path / "output").mkdir()
    shutil.copy(seed_build / "graph.ttl", tmp_path / "output" / "graph.ttl")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def a_person(seed_build: Path) -> str:
    """The most active person of the seeds' graph (read from it, so no name is written here)."""
    result = invoke("people", str(seed_build / "graph.ttl"), "--json")
    return json.loads(result.output)[0]["name"]


# --- GRAPH is optional, with one default, and a missing file is exit status 2


@pytest.mark.parametrize("args", GRAPH_COMMANDS, ids=lambda a: a[0])
def test_cli_conventions_graph_defaults_to_output_graph_ttl(in_project: Path, args: list[str]):
    result = invoke(*args)
    assert result.exit_code == 0, result.output


def test_cli_conventions_person_takes_the_default_graph(in_project: Path, a_person: str):
    result = invoke("person", a_person)
    assert result.exit_code == 0 and result.output.startswith(a_person)


@pytest.mark.parametrize("args", [*GRAPH_COMMANDS, ["person", "某"], ["serve", "--port", "9"],
                                  ["push", "http://127.0.0.1:9/store"]], ids=lambda a: a[0])
def test_cli_conventions_missing_default_graph_is_one_line_and_status_2(tmp_path: Path, args: list[str],
                                                                         monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.output == ("Error: no such graph file: output/graph.ttl (run kgraph build first, or name a graph "
                             "file)\n")


def test_cli_conventions_validate_exits_1_when_not_conforming_and_2_when_missing(tmp_path: Path):
    broken = tmp_path / "broken.ttl"
    broken.write_text('<urn:p> a <https://schema.org/Person> ; <https://schema.org/name> "甲"@zh, "乙"@zh .\n',
                      encoding="utf-8")
    assert invoke("validate", str(broken)).exit_code == 1
    missing = invoke("validate", str(tmp_path / "nope.ttl"))
    assert missing.exit_code == 2 and missing.output == f"Error: no such graph file: {tmp_path / 'nope.ttl'}\n"
    assert invoke("validate", str(broken), "--shapes", str(tmp_path / "nope.ttl")).exit_code == 2


# --- `-` reads standard input and writes standard output


def test_cli_conventions_dash_reads_a_graph_from_standard_input(seed_build: Path):
    turtle = (seed_build / "graph.ttl").read_bytes()
    from_file = invoke("people", str(seed_build / "graph.ttl"), "--json")
    from_stdin = invoke("people", "-", "--json", stdin=turtle)
    assert from_stdin.exit_code == 0 and json.loads(from_stdin.output) == json.loads(from_file.output)
    exported = subprocess.run([sys.executable, "-m", "kgraph", "export", "-", "--format", "nt", "-o", "-", "-q"],
                              input=turtle, capture_output=True, check=False)  # `-o -` writes file descriptor 1
    assert exported.returncode == 0 and exported.stderr == b""
    assert len(rdflib.Graph().parse(data=exported.stdout, format="nt")) == len(rdflib.Graph().parse(data=turtle))


def test_cli_conventions_dash_reads_a_query_and_a_page_from_standard_input(seed_build: Path):
    result = invoke("query", str(seed_build / "graph.ttl"), "-f", "-", "--format", "csv",
                    stdin="SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }")
    assert result.exit_code == 0 and result.output.splitlines()[0] == "n" and int(result.output.splitlines()[1]) > 50
    page = next(SEEDS.glob("*.txt"))
    from_stdin = invoke("articles", "-", "--json", stdin=page.read_bytes())
    from_file = invoke("articles", str(page), "--json")
    assert from_stdin.exit_code == 0
    headlines = [a["headline"] for a in json.loads(from_stdin.output)]
    assert headlines and headlines == [a["headline"] for a in json.loads(from_file.output)]


def test_cli_conventions_standard_input_is_read_once(seed_build: Path):
    result = invoke("people", "-", "-", stdin=(seed_build / "graph.ttl").read_bytes())
    assert result.exit_code == 2 and "can be read only once" in result.output


def test_cli_conventions_build_reads_a_page_from_standard_input(tmp_path: Path):
    page = next(SEEDS.glob("*.txt"))
    result = invoke("build", "-", "-o", str(tmp_path), "--no-cache", "-j", "1", stdin=page.read_bytes())
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(tmp_path / "graph.ttl")
    sources = {str(o) for o in graph.objects(None, rdflib.URIRef("https://w3id.org/kgraph/ns#sourceFile"))}
    assert len(graph) > 100 and sources and all("/source/stdin-txt-" in source for source in sources)


# --- -o is where a command writes; --quiet keeps results only


@pytest.mark.parametrize("command", ["build", "query", "render", "export", "articles", "people", "person"])
def test_cli_conventions_o_is_output_everywhere(command: str):
    help_text = invoke(command, "--help").output
    assert "-o, --output" in help_text and "-q, --quiet" in help_text


def test_cli_conventions_o_writes_the_printed_result_to_a_file(seed_build: Path, tmp_path: Path):
    graph = str(seed_build / "graph.ttl")
    printed = invoke("people", graph).output
    result = invoke("people", graph, "-o", str(tmp_path / "people.txt"))
    assert result.exit_code == 0 and (tmp_path / "people.txt").read_text(encoding="utf-8") == printed
    assert result.output == f"wrote {tmp_path / 'people.txt'}\n"
    assert invoke("people", graph, "-o", str(tmp_path / "quiet.txt"), "-q").output == ""
    assert invoke("query", graph, "strongest-collaborations", "-o", "-").output == invoke(
        "query", graph, "strongest-collaborations").output


def test_cli_conventions_build_o_is_the_output_folder_and_quiet_prints_nothing(tmp_path: Path):
    page = next(SEEDS.glob("*.txt"))
    result = invoke("build", str(page), "-o", str(tmp_path / "out"), "-q", "-j", "1")
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / "out" / "graph.ttl").is_file() and (tmp_path / "out" / "graph.html").is_file()
    assert invoke("build", str(page), "-o", "-").exit_code == 2


@pytest.mark.parametrize("args", [["export", "--format", "graphml", "-o", "g.graphml"], ["render", "-o", "g.html"],
                                  ["validate"]], ids=lambda a: a[0])
def test_cli_conventions_quiet_leaves_out_the_summary(in_project: Path, args: list[str]):
    assert invoke(*args).output.strip() != ""
    assert invoke(*args, "--quiet").output == ""


# --- --json on people and person


def test_cli_conventions_people_json_is_the_listing_as_rows(seed_build: Path):
    graph = str(seed_build / "graph.ttl")
    rows = json.loads(invoke("people", graph, "--json").output)
    text = invoke("people", graph).output.splitlines()
    assert len(rows) == len(text) - 1 == int(text[-1].strip("()").split()[0])
    assert [row["name"] for row in rows] == [line.split("\t")[0] for line in text[:-1]]
    assert {"name", "role", "titles", "events", "aliases"} <= set(rows[0])
    merges = json.loads(invoke("people", graph, "--merges", "--json").output)
    assert isinstance(merges, list) and all({"kept", "variant", "reasons"} <= set(row) for row in merges)
    assert isinstance(json.loads(invoke("people", graph, "--homonyms", "--json").output), list)


def test_cli_conventions_person_json_names_its_fields(seed_build: Path, a_person: str):
    result = invoke("person", str(seed_build / "graph.ttl"), a_person, "--json", "--top", "3")
    profiles = json.loads(result.output)
    assert result.exit_code == 0 and profiles[0]["name"] == a_person
    profile = profiles[0]
    assert set(profile) == {"name", "role", "locale", "aliases", "career", "titles", "events", "works_with"}
    assert profile["events"] and set(profile["events"][0]) == {"date", "type", "part", "headline"}
    assert 0 < len(profile["works_with"]) <= 3 and set(profile["works_with"][0]) == {"name", "events"}
    text = invoke("person", str(seed_build / "graph.ttl"), a_person).output
    assert f"events ({len(profile['events'])}):" in text


# --- shell completion


def test_cli_conventions_shell_completion_script_and_answers():
    script = invoke(env={"_KGRAPH_COMPLETE": "bash_source"})
    assert script.exit_code == 0 and "_kgraph_completion" in script.output
    commands = invoke(env={"_KGRAPH_COMPLETE": "bash_complete", "COMP_WORDS": "kgraph qu", "COMP_CWORD": "1"})
    assert "plain,query" in commands.output.splitlines()
    queries = invoke(env={"_KGRAPH_COMPLETE": "bash_complete", "COMP_WORDS": "kgraph query strongest",
                          "COMP_CWORD": "2"})
    assert "plain,strongest-collaborations" in queries.output.splitlines()


def test_cli_conventions_readme_documents_completion_and_the_conventions():
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert '_KGRAPH_COMPLETE=bash_source kgraph' in readme and "--quiet" in readme and "--json" in readme


# --- the progress line


def test_progress_eta_does_not_count_worker_start_up():
    rate = Rate(0.0)
    rate.step(10.0)  # the first file after 10 s of starting workers, then one a second
    rate.step(11.0)
    rate.step(12.0)
    assert rate.eta(12.0, 20) == pytest.approx(17.0)


def test_progress_eta_restarts_after_a_burst_of_cached_files():
    rate = Rate(0.0)
    for i in range(5):
        rate.step(0.01 * i)  # found in the cache at once
    for t in (10.0, 11.0, 12.0):  # workers started, then one a second
        rate.step(t)
    assert rate.eta(12.0, 20) == pytest.approx(12.0)
    assert Rate(0.0).eta(5.0, 20) is None


def test_progress_eta_holds_when_results_come_back_in_bursts():
    """A pool hands results back in chunks: a gap between two chunks is not a new start."""
    rate = Rate(0.0)
    for burst, (at, size) in enumerate([(4.5, 60), (6.5, 30), (8.5, 30)]):
        for i in range(size):
            rate.step(at + 0.001 * i)
        if burst == 1:
            assert rate.eta(6.6, 250) == pytest.approx(160 / (30 / (6.6 - 4.559)))  # from the first burst's end
    assert rate.eta(8.6, 250) == pytest.approx(130 / (60 / (8.6 - 4.559)))


def test_progress_draws_stages_and_ends_clean_on_a_terminal():
    clock = iter([0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]).__next__
    stream = io.StringIO()
    with Progress(stream, [Stage("reading", 2), Stage("extracting", 3)], enabled=True, terminal=True,
                  clock=clock, tick=False) as progress:
        for _ in range(5):
            progress.step()
        progress.stage("writing")
    text = stream.getvalue()
    assert "reading 0/2 files" in text and "extracting 2/3 files · about 0:01 left" in text and "writing" in text
    assert text.endswith("\r") and "\n" not in text


def test_progress_is_silent_when_disabled():
    stream = io.StringIO()
    with Progress(stream, [Stage("reading", 2)], enabled=False, terminal=False, tick=False) as progress:
        progress.step()
        progress.stage("writing")
    assert stream.getvalue() == ""


def test_cli_conventions_build_progress_only_when_asked_off_a_terminal(tmp_path: Path):
    page = str(next(SEEDS.glob("*.txt")))
    quiet = invoke("build", page, "-o", str(tmp_path / "a"), "-j", "1")
    assert "extracting" not in quiet.output
    shown = invoke("build", page, "-o", str(tmp_path / "b"), "-j", "1", "--progress")
    assert all(f"{stage} " in shown.output for stage in ("reading", "extracting", "writing graph.ttl"))


@pytest.mark.parametrize(("seconds", "shown"), [(7, "0:07"), (750, "12:30"), (3723, "1:02:03")])
def test_progress_format_eta(seconds: int, shown: str):
    assert format_eta(seconds) == shown
