"""`kgraph validate` on a large graph checks a seeded sample of its nodes and says so (issue 20: a million triples
printed nothing for ten minutes); --all checks every node."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli

BROKEN = "\n".join(f'<urn:p{i}> a <https://schema.org/Person> ; <https://schema.org/name> "甲{i}"@zh, "乙{i}"@zh .'
                   for i in range(40))


def test_validate_checks_a_graph_under_the_large_size_whole(tmp_path: Path):
    graph = tmp_path / "broken.ttl"
    graph.write_text(BROKEN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(graph), "--sample", "10", "--limit", "100"])
    assert result.exit_code == 1 and result.output.count("Violation Person") == 40 and "sample" not in result.output


def test_validate_samples_a_large_graph_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("kgraph.rdf.validate.LARGE_GRAPH", 100)
    graph = tmp_path / "broken.ttl"
    graph.write_text(BROKEN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(graph), "--sample", "10", "--limit", "100"])
    assert result.exit_code == 1
    assert "checking a sample of 10 of the 40 nodes of 120 triples" in result.output
    assert result.output.count("Violation Person") == 10
    assert result.output.strip().endswith(
        "does not conform: 10 violations, 0 warnings (in a sample of 10 of 40 nodes; --all checks every node)")


def test_validate_all_checks_every_node(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("kgraph.rdf.validate.LARGE_GRAPH", 100)
    graph = tmp_path / "broken.ttl"
    graph.write_text(BROKEN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(graph), "--sample", "10", "--all", "--limit", "100"])
    assert result.exit_code == 1 and result.output.count("Violation Person") == 40
    assert "sample" not in result.output
