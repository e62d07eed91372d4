"""The README documents every command and the two commands a new user runs."""

from __future__ import annotations

import doctest
import re

import pytest

from kgraph.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_docs_readme_shows_every_command(command: str):
    assert f"kgraph {command}" in README


def test_docs_readme_has_the_two_fresh_machine_commands():
    assert "pip install . && kgraph build" in README
    assert 'pip install ".[test]" && pytest' in README


def test_docs_readme_picture_exists():
    assert (ROOT / "docs" / "network.png").is_file()


def test_docs_readme_use_from_python_runs_as_shown(tmp_path, monkeypatch):
    """The README's Python section is a doctest: run in a folder of its own that holds the seed pages."""
    section = README.split("## Use from Python", 1)[1].split("\n## ", 1)[0]
    examples = "\n".join(block for block in re.findall(r"```python\n(.*?)```", section, flags=re.S))
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(examples, {}, "README.md: Use from Python", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False) == (0, len(test.examples)) and len(test.examples) >= 10
    assert (tmp_path / "network.html").is_file() and (tmp_path / "output" / "graph.ttl").is_file()
