"""The README documents every command and the two commands a new user runs."""

from __future__ import annotations

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
