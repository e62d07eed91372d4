"""Bad input and faults around a build and its outputs: one line, a non-zero status where something is wrong, and
nothing lost (issue 20)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.files import remove_stale_temporaries, write_atomic

from .conftest import ROOT, SEEDS

TRADITIONAL = ("本報訊（通訊員張明）5月23日，荊州區召開會議，區委書記萬玲玲主持會議並講話。她強調，要堅持問題導向，"
               "紮實推進各項工作，確保取得實效。區長王勇出席會議。\n")


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.output


def test_faults_empty_input_over_an_old_graph_is_refused_unless_forced(tmp_path: Path):
    out = tmp_path / "out"
    assert run("build", SEEDS / "004_f0a78a523d36bd45.txt", "--out", out)[0] == 0
    before = (out / "graph.ttl").read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, output = run("build", empty, "--out", out)
    assert code == 1
    assert output.strip().splitlines()[-1] == (f"Error: no article in 1 input file: {out / 'graph.ttl'} is left as it "
                                               "was (--force replaces it with an empty graph)")
    assert (out / "graph.ttl").read_bytes() == before
    assert run("build", empty, "--out", out, "--force")[0] == 0
    assert len(rdflib.Graph().parse(out / "graph.ttl")) == 0


def test_faults_unreadable_subfolder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    inputs = tmp_path / "in"
    (inputs / "locked").mkdir(parents=True)
    shutil.copy(SEEDS / "004_f0a78a523d36bd45.txt", inputs)
    shutil.copy(SEEDS / "003_9eb07f3462ec575a.txt", inputs / "locked")
    real = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:  # as chmod 000 does, even for root
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, output = run("build", inputs, "--out", tmp_path / "out")
    assert code == 1
    assert output.strip() == f"Error: {inputs / 'locked'}: cannot read folder (Permission denied)"


def test_faults_temporary_file_of_a_killed_writer_is_removed(tmp_path: Path):
    script = ("import sys, os; from pathlib import Path; from kgraph.files import write_atomic_chunks\n"
              "def chunks():\n    yield 'x' * 1000\n    print('writing', flush=True)\n    import time; time.sleep(60)\n"
              "write_atomic_chunks(Path(sys.argv[1]), chunks())\n")
    target = tmp_path / "graph.ttl"
    process = subprocess.Popen([sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "writing\n"
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    left = list(tmp_path.glob(".graph.ttl.*.tmp"))
    assert len(left) == 1
    mine = tmp_path / f".graph.ttl.{os.getpid()}.busy.tmp"  # a live writer's file stays
    mine.write_text("")
    write_atomic(target, "new")
    assert not left[0].exists() and mine.exists() and target.read_text() == "new"
    assert remove_stale_temporaries(target) == 0


def test_faults_full_disk_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def full(dir: str, prefix: str, suffix: str) -> tuple[int, str]:  # noqa: A002 -- mkstemp's own names
        return os.open("/dev/full", os.O_WRONLY), str(Path(dir) / f"{prefix}x{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    code, output = run("export", ROOT / "output" / "graph.ttl", "--format", "nt", "-o", tmp_path / "g.nt")
    assert code == 1
    assert output.strip() == (f"Error: {tmp_path / 'g.nt'}: cannot write (No space left on device); the old file is "
                              "unchanged")


def test_faults_output_through_a_symlink_keeps_the_link(tmp_path: Path):
    target, link = tmp_path / "real.graphml", tmp_path / "link.graphml"
    target.write_text("old")
    link.symlink_to(target)
    code, _ = run("export", ROOT / "output" / "graph.ttl", "--format", "graphml", "-o", link)
    assert code == 0 and link.is_symlink() and "<graphml" in target.read_text(encoding="utf-8")


def test_faults_output_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    done = subprocess.run([sys.executable, "-m", "kgraph", "export", str(ROOT / "output" / "graph.ttl"),
                           "--format", "nt", "-o", "-"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(rdflib.Graph().parse(data=done.stdout, format="nt")) == len(
        rdflib.Graph().parse(ROOT / "output" / "graph.ttl"))
    assert not (tmp_path / "-").exists() and done.stderr.startswith("wrote standard output: ")


def test_faults_dev_stdout_is_written_not_replaced(tmp_path: Path):
    done = subprocess.run([sys.executable, "-m", "kgraph", "export", str(ROOT / "output" / "graph.ttl"),
                           "--format", "nt", "-o", "/dev/stdout"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and os.path.islink("/dev/stdout") and done.stdout.count("\n") > 7000


def test_faults_big5_file_is_read_as_big5(tmp_path: Path):
    page = tmp_path / "big5.txt"
    page.write_bytes((TRADITIONAL * 3).encode("big5hkscs"))
    code, output = run("articles", page)
    assert code == 0 and "荆州区召开会议" in output  # read as Big5, then as simplified characters


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name", ["who-works-with", "career"])
def test_faults_engines_agree_on_an_unknown_name(engine: str, name: str):
    code, output = run("query", "--engine", engine, name, "--param", "name=无此人", "--format", "csv")
    assert code == 0 and len(output.strip().splitlines()) == 1  # the header, no row


