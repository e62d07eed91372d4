"""`kgraph people` and `kgraph person` on the seeds' graph."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.errors import KgraphError
from kgraph.profile import list_merges, list_people, person_profile


@pytest.fixture(scope="module")
def graph(seed_build: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(seed_build / "graph.ttl")


def test_profile_people_most_active_first(graph):
    rows = list_people(graph)
    assert rows[0]["name"] == "万玲玲" and rows[0]["role"] == "official"
    assert rows[0]["events"] > rows[-1]["events"]


def test_profile_merges_keep_their_evidence(graph):
    merges = {row["variant"]: row for row in list_merges(graph)}
    assert merges["袁青穗"]["kept"] == "袁菁穗"
    assert "look alike" in merges["袁青穗"]["reasons"] and "co-participant" in merges["袁青穗"]["reasons"]


def test_profile_found_by_a_variant_spelling(graph):
    assert person_profile(graph, "袁青穗").name == "袁菁穗"


def test_profile_titles_events_and_partners(graph):
    profile = person_profile(graph, "张远重")
    assert {t[0] for t in profile.titles} == {"区委副书记", "区长"}
    assert len(profile.events) == 5 and ("organizer" in {e[2] for e in profile.events})
    assert dict(profile.partners)["周远栋"] == 1


def test_profile_unknown_name_suggests_the_surname(graph):
    with pytest.raises(KgraphError, match="万玲玲"):
        person_profile(graph, "万宁")


def test_profile_cli_person_and_people(seed_build: Path):
    result = CliRunner().invoke(cli, ["person", str(seed_build / "graph.ttl"), "万玲玲"])
    assert result.exit_code == 0 and "works most with:" in result.output and "区委书记" in result.output
    result = CliRunner().invoke(cli, ["people", str(seed_build / "graph.ttl"), "--merges"])
    assert result.exit_code == 0 and "袁青穗 -> 袁菁穗" in result.output
