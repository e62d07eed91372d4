"""`kgraph render` on the seeds' graph: the whole network, one person's, and pictures."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli

from .conftest import ROOT


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def page_data(path: Path) -> dict:
    match = re.search(r"^\s*var data = (.*);$", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert match
    return json.loads(match.group(1))


def people_of(path: Path) -> set[str]:
    return {node["label"] for node in page_data(path)["nodes"] if node["kind"] == "person"}


def test_cli_render_carries_the_organisation_and_place_layers(seed_build: Path, tmp_path: Path) -> None:
    page = tmp_path / "all.html"
    code, output = run("render", str(seed_build / "graph.ttl"), "-o", str(page), "--places")
    assert code == 0 and re.fullmatch(rf"wrote {re.escape(str(page))}: \d+ people, \d+ links\n", output)
    data = page_data(page)
    assert data["layers"] == {"organization": False, "place": True}
    kinds = {node["kind"] for node in data["nodes"]}
    assert kinds == {"person", "organization", "place"}


def test_cli_render_focus_draws_one_persons_network(seed_build: Path, tmp_path: Path) -> None:
    whole, near, strong = tmp_path / "all.html", tmp_path / "near.html", tmp_path / "strong.html"
    graph = str(seed_build / "graph.ttl")
    assert run("render", graph, "-o", str(whole))[0] == 0
    code, output = run("render", graph, "--focus", "万玲玲", "--depth", "1", "-o", str(near))
    assert code == 0 and "万玲玲" in people_of(near)
    assert run("render", graph, "--focus", "万玲玲", "--depth", "1", "--min-weight", "3", "-o", str(strong))[0] == 0
    assert people_of(strong) < people_of(near) < people_of(whole)
    assert "以 万玲玲 为中心，1 度以内；共同活动至少 3 次" in strong.read_text(encoding="utf-8")


def test_cli_render_unknown_focus_is_one_line(seed_build: Path, tmp_path: Path) -> None:
    code, output = run("render", str(seed_build / "graph.ttl"), "--focus", "无此人", "-o", str(tmp_path / "x.html"))
    assert code == 1
    assert output.strip().splitlines() == [
        "Error: no person called '无此人' in the network; `kgraph people GRAPH` lists who is there"
    ]
    assert not (tmp_path / "x.html").exists()


def test_cli_render_pictures_without_a_page(seed_build: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="pictures need the kgraph-news[pictures] extra (matplotlib)")
    png, svg = tmp_path / "n.png", tmp_path / "n.svg"
    code, output = run("render", str(seed_build / "graph.ttl"), "--png", str(png), "--svg", str(svg))
    if code and "no font with Chinese characters" in output:
        pytest.skip("no CJK font installed")
    assert code == 0 and output.startswith(f"wrote {png}, {svg}: ")
    assert png.read_bytes().startswith(b"\x89PNG") and "<svg" in svg.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.png", "n.svg"]


def test_cli_render_picture_without_matplotlib_is_one_line(
    seed_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.import_module

    def without_matplotlib(name: str, *args: object) -> object:
        if name.split(".")[0] == "matplotlib":
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", without_matplotlib)
    code, output = run("render", str(seed_build / "graph.ttl"), "--png", str(tmp_path / "n.png"))
    assert code == 1
    assert output.strip() == "Error: static pictures need matplotlib: pip install 'kgraph-news[pictures]'"


def test_cli_render_help_names_the_new_options() -> None:
    code, output = run("render", "--help")
    assert code == 0 and "Example: kgraph render output/graph.ttl --focus 万玲玲" in output
    for option in ("--focus", "--depth", "--min-weight", "--png", "--svg", "--orgs", "--places"):
        assert option in output


def test_cli_render_readme_picture_is_the_projects_own() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "kgraph build && python tools/page_screenshot.py output/graph.html docs/network.png" in readme
    assert (ROOT / "tools" / "page_screenshot.py").is_file() and (ROOT / "docs" / "network.png").is_file()
