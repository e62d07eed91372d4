"""kgraph.render in a real browser: Debian's headless Chromium, cut off from the network, opens the page from a file.

The page writes what it drew and any error into `#kg-state`; the DevTools protocol adds every console error,
uncaught exception and request. A screenshot of the seeds' network is saved as tests/artifacts/network.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, Graph

from kgraph.network import build_network
from kgraph.render import STYLES, write_html

from .chromium import CHROMIUM, Chromium, PageReport
from .conftest import ROOT
from .test_render import make_net

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium; .ci/run installs it as root)"
)
SCHEMA = rdflib.Namespace("https://schema.org/")
ARTIFACTS = ROOT / "tests" / "artifacts"
DIM = "rgba(200, 200, 200, 0.35)"


def assert_clean(report: PageReport) -> None:
    """Drawn, with no error in the console or the page, and nothing asked of the network or the disk."""
    assert report.state.get("state") == "drawn", report.state
    assert report.errors == [] and report.state["errors"] == ""
    assert report.requests == [] and report.state["resources"] == "0"


DRAWN = "kgraph.network.body.nodeIndices.map(id => kgraph.nodes.get(id)).filter(n => n.kind === 'person')"


def test_render_browser_draws_every_person_of_the_turtle(seed_build: Path, browser: Chromium) -> None:
    graph = Graph().parse(seed_build / "graph.ttl")
    rule = (ROOT / "docs" / "queries" / "network-people.rq").read_text(encoding="utf-8")
    people = {str(row.person) for row in graph.query(rule)}
    everyone = len(set(graph.subjects(RDF.type, SCHEMA.Person)))
    page = seed_build / "graph.html"  # as `kgraph build` wrote it

    report = browser.open(page, script=f"{DRAWN}.map(n => n.iri)", screenshot=ARTIFACTS / "network.png")

    assert_clean(report)
    assert int(report.state["drawn-people"]) == int(report.state["people"]) == len(people) > 20
    assert set(report.value) == people
    assert f"图谱共 {everyone} 人" in page.read_text(encoding="utf-8")
    assert (ARTIFACTS / "network.png").read_bytes().startswith(b"\x89PNG")


SHOW_ALL = """(() => {
  const evil = kgraph.nodes.get().find(n => n.label.startsWith("<script>"));
  kgraph.choose(evil.id);
  const info = document.getElementById("kg-info");
  const tip = kgraph.hover(evil.id);
  const link = kgraph.edges.get()[0];
  kgraph.edges.update({id: link.id, title: null});
  return {
    injected: window.kgInjected || 0,
    label: evil.label,
    info: info.textContent,
    tip: tip.textContent,
    markup: info.querySelectorAll("script, img, b").length + tip.querySelectorAll("script, img, b").length,
    scripts: document.scripts.length,
    resources: performance.getEntriesByType("resource").length,
  };
})()"""


def test_render_browser_shows_script_in_names_and_headlines_as_text(tmp_path: Path, browser: Chromium) -> None:
    name = "<script>window.kgInjected=1</script>"
    title = "<img src=x onerror=window.kgInjected=2>"
    headline = "<script>window.kgInjected=3</script>区领导调研"
    graph = Graph().parse(
        format="turtle",
        data=f"""
@prefix schema: <https://schema.org/> .
@prefix kg: <https://w3id.org/kgraph/ns#> .
<urn:evil> a schema:Person ; schema:name "{name}"@zh ; schema:jobTitle "{title}"@zh .
<urn:wan> a schema:Person ; schema:name "万玲玲"@zh .
<urn:f> a kg:SourceFile ; schema:name "<b>page</b>.txt" .
<urn:a> a schema:NewsArticle ; schema:headline "{headline}"@zh ; kg:sourceFile <urn:f> ; kg:dateline "05-26" .
<urn:e> a schema:Event ; schema:organizer <urn:evil> ; schema:attendee <urn:wan> ; schema:subjectOf <urn:a> .
""",
    )
    page = tmp_path / "evil.html"
    write_html(build_network(graph), page, title="<script>window.kgInjected=4</script>")

    report = browser.open(page, script=SHOW_ALL)

    assert_clean(report)
    shown = report.value
    assert (shown["injected"], shown["markup"], shown["scripts"], shown["resources"]) == (0, 0, 3, 0)
    assert shown["label"] == name  # drawn on the canvas as these characters
    assert name in shown["tip"] and title in shown["tip"]
    assert "万玲玲" in shown["info"] and f"《{headline}》" in shown["info"] and "<b>page</b>.txt" in shown["info"]


EXPLORE = """(async () => {
  const out = {};
  const iri = id => kgraph.nodes.get(id).iri;
  const byIri = wanted => kgraph.nodes.get().find(n => n.iri === wanted);
  const search = query => {
    document.getElementById("kg-query").value = query;
    document.getElementById("kg-search").requestSubmit();
    const selected = kgraph.network.getSelectedNodes();
    return selected.length ? iri(selected[0]) : null;
  };
  const shown = () => kgraph.network.body.nodeIndices.map(iri).sort();
  const set = (id, value) => {
    const control = document.getElementById(id);
    control.value = value;
    control.dispatchEvent(new Event("change"));
  };
  // A pointer resting on a node: the page shows its own tooltip for it.
  const wan = byIri("urn:wan");
  const at = kgraph.network.canvasToDOM(kgraph.network.getPositions([wan.id])[wan.id]);
  const canvas = document.querySelector("#kg-network canvas");
  const box = canvas.getBoundingClientRect();
  for (const type of ["pointermove", "mousemove"]) {
    canvas.dispatchEvent(new PointerEvent(type, {clientX: box.left + at.x, clientY: box.top + at.y, bubbles: true}));
  }
  await new Promise(done => setTimeout(done, 800));
  const tip = document.getElementById("kg-tip");
  out.tip = tip.hidden ? null : tip.querySelector(".kg-tip-name").textContent;
  out.byName = search("万玲玲");
  out.byAlias = search("周远东");
  out.byPart = search("孟可");
  search("无此人");
  out.missing = document.getElementById("kg-status").textContent;
  kgraph.choose(byIri("urn:meng").id);
  out.dimmed = kgraph.data.nodes.filter(n => kgraph.colour(n.id) === "DIM").map(n => n.iri).sort();
  out.info = document.getElementById("kg-info").textContent;
  kgraph.choose(null);
  out.restored = kgraph.data.nodes.every(n => kgraph.colour(n.id) === n.colors.community &&
    kgraph.network.body.nodes[n.id].options.color.background === n.colors.community);
  out.all = shown();
  set("kg-role", "reporter");
  out.reporters = shown();
  set("kg-role", "");
  set("kg-org", "荆州区委");
  out.org = shown();
  set("kg-org", "");
  set("kg-weight", "2");
  out.strong = shown();
  out.strongLinks = kgraph.network.body.edgeIndices.length;
  set("kg-weight", "1");
  const layer = document.querySelector(".kg-layer");
  layer.checked = true;
  layer.dispatchEvent(new Event("change"));
  out.layer = shown();
  set("kg-scheme", "role");
  out.roleColour = kgraph.network.body.nodes[byIri("urn:meng").id].options.color.background;
  out.legends = [...document.querySelectorAll(".kg-legend")].filter(l => !l.hidden).map(l => l.dataset.scheme);
  return out;
})()""".replace('"DIM"', f'"{DIM}"')


def test_render_browser_search_filters_and_highlight(tmp_path: Path, browser: Chromium) -> None:
    net = make_net()
    net.add_edge("urn:meng", "urn:zhou", kind="works_with", weight=1, events="", articles="", evidence="", titles="")
    net.nodes["urn:zhou"]["aliases"] = "周远东"
    net.nodes["urn:wan"].update(organization="荆州区委", organizations="荆州区委")
    page = tmp_path / "network.html"
    write_html(net, page)

    report = browser.open(page, script=EXPLORE)

    assert_clean(report)
    out = report.value
    assert out["tip"] == "万玲玲"
    assert (out["byName"], out["byAlias"], out["byPart"]) == ("urn:wan", "urn:zhou", "urn:meng")
    assert out["missing"] == "未找到 not found: 无此人"
    assert out["dimmed"] == ["urn:quwei", "urn:wan", "urn:x"]
    assert "孟可欣" in out["info"] and "周远栋 — 共同活动 1 次" in out["info"]
    assert out["restored"] is True
    assert out["all"] == ["urn:meng", "urn:wan", "urn:x", "urn:zhou"]  # the organisation layer starts off
    assert out["reporters"] == ["urn:meng"]
    assert out["org"] == ["urn:wan"]
    assert (out["strong"], out["strongLinks"]) == (["urn:wan", "urn:zhou"], 1)
    assert out["layer"] == ["urn:meng", "urn:quwei", "urn:wan", "urn:x", "urn:zhou"]
    assert out["roleColour"] == STYLES["person", "reporter"][0]
    assert out["legends"] == ["role"]
