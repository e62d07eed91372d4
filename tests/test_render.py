"""kgraph.render: one offline HTML page of the network."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import networkx as nx
import pytest

from kgraph.render import render_html, write_html

XSS = "<script>alert(1)</script>"


def person(net: nx.Graph, iri: str, label: str, *, role: str = "official", titles: str = "", events: int = 1) -> None:
    net.add_node(iri, label=label, kind="person", role=role, titles=titles, aliases="", events=events, articles=events)


@pytest.fixture
def net() -> nx.Graph:
    """The shape `build_network` gives: three officials, a reporter who holds a title, an organisation."""
    net = nx.Graph()
    person(net, "urn:wan", "万玲玲", titles="区委书记", events=9)
    person(net, "urn:zhou", "周远栋", titles="区委常委、常务副区长", events=2)
    person(net, "urn:x", XSS, titles="<b>局长</b>")
    person(net, "urn:meng", "孟可欣", role="reporter", titles="记者", events=0)
    net.add_node(
        "urn:quwei", label="荆州区委", kind="organization", role="", titles="", aliases="", events=1, articles=1
    )
    net.add_edge(
        "urn:wan",
        "urn:zhou",
        kind="works_with",
        weight=8,
        events="urn:e1 urn:e2",
        articles="urn:a1 urn:a2",
        evidence="05-26 调研（川店镇）《万玲玲到川店镇调研创文工作》\n2022-06-01 会议《区委常委会召开》",
        titles="",
    )
    net.add_edge(
        "urn:wan",
        "urn:x",
        kind="works_with",
        weight=1,
        events="urn:e1",
        articles="urn:a1",
        evidence=f"05-26 调研《{XSS}》",
        titles="",
    )
    net.add_edge("urn:wan", "urn:quwei", kind="post", weight=1, events="", articles="", evidence="", titles="区委书记")
    return net


def data_of(page: str) -> dict:
    """The node, edge and option data the page hands to vis-network."""
    match = re.search(r"^\s*var data = (.*);$", page, re.MULTILINE)
    assert match, "the page has no data line"
    return json.loads(match.group(1))


def node_of(page: str, iri: str) -> dict:
    return next(node for node in data_of(page)["nodes"] if node["id"] == iri)


def vis_asset(name: str) -> str:
    return files("pyvis").joinpath(f"templates/lib/vis-9.1.2/{name}").read_text(encoding="utf-8")


def test_render_loads_nothing_from_the_network(net: nx.Graph) -> None:
    page = render_html(net)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"<link[^>]*href\s*=\s*[\"']?(https?:)?//", page, re.IGNORECASE)
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap|tom-select", page, re.IGNORECASE)


def test_render_inlines_vis_network_script_and_style(net: nx.Graph) -> None:
    page = render_html(net)
    script, style = vis_asset("vis-network.min.js"), vis_asset("vis-network.css")
    assert "@version 9.1.2" in page
    assert script[-2000:] in page and script[len(script) // 2 :][:2000] in page
    assert style[-1000:] in page
    assert page.count("<script>") >= 2 and "new vis.Network(" in page


def test_render_escapes_names_in_labels_tooltips_and_search(net: nx.Graph) -> None:
    page = render_html(net, title="荆州区 <i>")
    assert "<script>alert" not in page
    assert "<b>局长" not in page
    assert page.count("</script>") == 2  # vis-network and ours; no name closes either
    assert "<title>荆州区 &lt;i&gt;</title>" in page
    assert '<option value="&lt;script&gt;alert(1)&lt;/script&gt;">' in page
    node = node_of(page, "urn:x")
    assert node["label"] == XSS  # drawn on the canvas as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in node["title"] and XSS not in node["title"]
    assert "&lt;b&gt;局长&lt;/b&gt;" in node["title"]
    edge = next(e for e in data_of(page)["edges"] if e["to"] == "urn:x" or e["from"] == "urn:x")
    assert XSS not in edge["title"] and "《&lt;script&gt;alert(1)&lt;/script&gt;》" in edge["title"]


def test_render_node_tooltip_shows_name_role_titles_and_events(net: nx.Graph) -> None:
    tip = node_of(render_html(net), "urn:zhou")["title"]
    for part in ("周远栋", "官员", "职务：区委常委、常务副区长", "活动 2 次"):
        assert part in tip
    assert "通讯员/记者" in node_of(render_html(net), "urn:meng")["title"]


def test_render_edge_tooltip_shows_weight_events_and_articles(net: nx.Graph) -> None:
    edges = data_of(render_html(net))["edges"]
    tip = next(e["title"] for e in edges if {e["from"], e["to"]} == {"urn:wan", "urn:zhou"})
    assert "万玲玲 — 周远栋" in tip
    assert "共同活动 8 次" in tip
    assert "<li>05-26 调研（川店镇）《万玲玲到川店镇调研创文工作》</li>" in tip
    assert "<li>2022-06-01 会议《区委常委会召开》</li>" in tip
    assert "报道 2 篇" in tip
    post = next(e["title"] for e in edges if "urn:quwei" in (e["from"], e["to"]))
    assert "任职：区委书记" in post


def test_render_colours_people_apart_from_orgs_and_reporters(net: nx.Graph) -> None:
    page = render_html(net)
    official, reporter, org = (node_of(page, iri) for iri in ("urn:wan", "urn:meng", "urn:quwei"))
    assert len({official["color"], reporter["color"], org["color"]}) == 3
    assert node_of(page, "urn:zhou")["color"] == official["color"]
    assert org["shape"] != official["shape"]
    swatch = r'<li><span class="kg-swatch[^"]*" style="background: (#[0-9a-f]{6})"></span>([^<]*)</li>'
    legend = re.findall(swatch, page)
    assert legend == [
        (official["color"], "官员 official (3)"),
        (reporter["color"], "通讯员/记者 reporter (1)"),
        (org["color"], "机构 organization (1)"),
    ]


def test_render_sizes_nodes_by_events_and_edges_by_weight(net: nx.Graph) -> None:
    data = data_of(render_html(net))
    size = {node["id"]: node["size"] for node in data["nodes"]}
    assert size["urn:wan"] > size["urn:zhou"] > size["urn:meng"]
    width = {frozenset((e["from"], e["to"])): e["width"] for e in data["edges"]}
    assert width[frozenset(("urn:wan", "urn:zhou"))] > width[frozenset(("urn:wan", "urn:x"))]


def test_render_small_network_uses_physics(net: nx.Graph) -> None:
    data = data_of(render_html(net))
    assert data["options"]["physics"]["enabled"] is True
    assert data["options"]["physics"]["solver"] == "barnesHut"
    assert all("x" not in node for node in data["nodes"])


def test_render_large_network_is_laid_out_here_and_still() -> None:
    net = nx.cycle_graph([f"urn:p{i:03d}" for i in range(301)])
    for i, node in enumerate(net.nodes):
        person(net, node, f"人物{i}")
    nx.set_edge_attributes(net, 1, "weight")
    page = render_html(net)
    data = data_of(page)
    assert data["options"]["physics"] == {"enabled": False}
    positions = {(node["x"], node["y"]) for node in data["nodes"]}
    assert len(positions) == 301  # every node placed, none on top of another
    assert page == render_html(net.copy())


def test_render_is_the_same_whatever_the_insertion_order(net: nx.Graph) -> None:
    reordered = nx.Graph()
    reordered.add_nodes_from(reversed(list(net.nodes(data=True))))
    reordered.add_edges_from((v, u, d) for u, v, d in reversed(list(net.edges(data=True))))
    assert render_html(reordered) == render_html(net)


def test_render_says_so_when_there_is_nobody() -> None:
    page = render_html(nx.Graph())
    assert "没有可显示的人物" in page
    assert data_of(page)["nodes"] == []


def test_write_html_writes_utf8_and_leaves_no_temporary_file(net: nx.Graph, tmp_path: Path) -> None:
    target = tmp_path / "network.html"
    write_html(net, target, title="荆州区")
    assert os.listdir(tmp_path) == ["network.html"]
    text = target.read_bytes().decode("utf-8")
    assert text == render_html(net, title="荆州区")
    assert "万玲玲".encode() in target.read_bytes()


def test_write_html_replaces_an_old_page(net: nx.Graph, tmp_path: Path) -> None:
    target = tmp_path / "network.html"
    target.write_text("old", encoding="utf-8")
    write_html(net, target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.listdir(tmp_path) == ["network.html"]


def test_write_html_keeps_the_old_page_when_the_move_fails(
    net: nx.Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "network.html"
    target.write_text("old", encoding="utf-8")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_html(net, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["network.html"]


NODE = shutil.which("node")

# Runs the page's own script (not vis-network) against stand-ins for the DOM and vis, to check that tooltips become
# elements, that search finds a person by name, alias or part of a name, and that a click dims the others.
HARNESS = r"""
const fs = require("fs");
const page = fs.readFileSync(process.argv[1], "utf8");
const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(m => m[1]);
const elements = {};
const element = id => elements[id] || (elements[id] = {innerHTML: "", textContent: "", value: "", on: {},
  addEventListener(type, f) { this.on[type] = f; }});
global.document = {getElementById: element, createElement: () => ({innerHTML: "", className: ""})};
class DataSet {
  constructor(items) { this.items = new Map(items.map(i => [i.id, i])); }
  get(id) { return id === undefined ? [...this.items.values()] : this.items.get(id); }
  update(list) { list.forEach(u => Object.assign(this.items.get(u.id), u)); }
}
let network;
class Network {
  constructor(container, data, options) { this.data = data; this.on_ = {}; this.focused = null; network = this; }
  on(type, f) { this.on_[type] = f; }
  getConnectedNodes(id) {
    return this.data.edges.get().flatMap(e => e.from === id ? [e.to] : e.to === id ? [e.from] : []);
  }
  selectNodes() {} unselectAll() {} focus(id) { this.focused = id; }
}
global.vis = {DataSet, Network};
eval(scripts[scripts.length - 1]);
const search = query => { element("kg-query").value = query; element("kg-search").on.submit({preventDefault() {}});
  return network.focused; };
const out = {
  tipIsElement: network.data.nodes.get().every(n => typeof n.title === "object"),
  tipText: network.data.nodes.get("urn:x").title.innerHTML,
  byName: search("万玲玲"), byAlias: search("周远东"), byPart: search("孟可"),
  missing: (search("无此人"), element("kg-status").textContent),
};
network.on_.click({nodes: ["urn:meng"]});
out.dimmed = network.data.nodes.get().filter(n => n.color !== n.base).map(n => n.id).sort();
out.info = element("kg-info").innerHTML;
network.on_.click({nodes: []});
out.restored = network.data.nodes.get().every(n => n.color === n.base);
console.log(JSON.stringify(out));
"""


@pytest.mark.skipif(NODE is None, reason="needs node to run the page's script")
def test_render_page_script_searches_and_highlights(net: nx.Graph, tmp_path: Path) -> None:
    net.add_edge("urn:meng", "urn:zhou", kind="works_with", weight=1, events="", articles="", evidence="", titles="")
    net.nodes["urn:zhou"]["aliases"] = "周远东"
    page = tmp_path / "network.html"
    write_html(net, page)
    run = subprocess.run([NODE, "-e", HARNESS, str(page)], capture_output=True, text=True, timeout=60, check=True)
    out = json.loads(run.stdout)
    assert out["tipIsElement"] is True
    assert "&lt;script&gt;" in out["tipText"]
    assert (out["byName"], out["byAlias"], out["byPart"]) == ("urn:wan", "urn:zhou", "urn:meng")
    assert out["missing"] == "未找到 not found: 无此人"
    assert out["dimmed"] == ["urn:quwei", "urn:wan", "urn:x"]
    assert "孟可欣" in out["info"]
    assert out["restored"] is True
