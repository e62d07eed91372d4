"""The network page as a researcher uses it, in headless Chromium cut off from the network, driven by real pointer
and key events where it matters (issue 18). Each test saves a screenshot under tests/artifacts/ (not tracked)."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kgraph.network import build_network
from kgraph.render import write_html

from .chromium import CHROMIUM, Chromium, Tab
from .conftest import ROOT
from .test_render import make_net, person

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium; .ci/run installs it as root)"
)
ARTIFACTS = ROOT / "tests" / "artifacts"


def assert_clean(tab: Tab) -> None:
    report = tab.collect()
    assert report.state.get("state") == "drawn", report.state
    assert report.errors == [] and report.state["errors"] == ""
    assert report.requests == [] and report.state["resources"] == "0"


@pytest.fixture(scope="session")
def large_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic network of 1,000 people shaped like `kgraph build`'s, with organisations and places."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.render_bench import make_graph

    net = build_network(make_graph(1000), include_orgs=True, include_places=True)
    page = tmp_path_factory.mktemp("large") / "large.html"
    write_html(net, page, title="1000")
    return page


def run(tab: Tab, script: str) -> object:
    """Run a script (an async function body) in the page and return its value."""
    return tab.evaluate(f"(async () => {{ {script} }})()")


# Page coordinates of a node, and of the middle of each link drawn in the view.
HELPERS = """
window.kgTest = {
  box: () => document.querySelector("#kg-network canvas").getBoundingClientRect(),
  at: id => {
    const box = kgTest.box(), p = kgraph.network.canvasToDOM(kgraph.network.getPositions([id])[id]);
    return [box.left + p.x, box.top + p.y];
  },
  middles: () => {
    const box = kgTest.box(), net = kgraph.network, pos = net.getPositions();
    return net.body.edgeIndices.map(id => {
      const e = kgraph.data.edges.find(edge => edge.id === id);
      const a = net.canvasToDOM(pos[e.from]), b = net.canvasToDOM(pos[e.to]);
      return [id, box.left + (a.x + b.x) / 2, box.top + (a.y + b.y) / 2];
    }).filter(p => p[1] > 5 && p[2] > box.top + 5 && p[1] < box.right - 5 && p[2] < box.bottom - 5);
  },
  frame: () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))),
  probe: async (x, y) => {
    await null;
    const box = kgTest.box(), p = {x: x - box.left, y: y - box.top};
    const node = kgraph.network.getNodeAt(p), edge = kgraph.network.getEdgeAt(p);
    const tip = document.getElementById("kg-tip");
    const label = id => kgraph.data.nodes.find(n => n.id === id).label;
    const e = edge === undefined ? null : kgraph.data.edges.find(x => x.id === edge);
    const r = tip.getBoundingClientRect(), panel = document.getElementById("kg-info").getBoundingClientRect();
    return {
      node: node === undefined ? null : node, edge: edge === undefined ? null : edge,
      want: node !== undefined ? label(node) : e ? label(e.from) + " — " + label(e.to) : null,
      shown: !tip.hidden, item: tip.dataset.item, name: tip.firstChild ? tip.firstChild.textContent : null,
      text: tip.textContent, elements: tip.querySelectorAll("*").length, lines: tip.children.length,
      overPanel: !tip.hidden && document.getElementById("kg-info").childNodes.length > 0 &&
        r.right > panel.left && r.left < panel.right && r.bottom > panel.top && r.top < panel.bottom,
    };
  },
};
"""


def set_control(tab: Tab, control: str, value: str) -> None:
    """Set a select or input as a user would, firing its change event."""
    tab.evaluate(f"{{ const c = document.getElementById({json.dumps(control)}); c.value = {json.dumps(value)};"
                 " c.dispatchEvent(new Event('change')); }")  # fmt: skip


def probe(tab: Tab, x: float, y: float) -> dict:
    """Move the pointer to whole pixels (as a mouse reports them) and read the tooltip and what is under it."""
    x, y = round(x), round(y)
    tab.mouse(x, y)
    return tab.evaluate(f"kgTest.probe({x}, {y})")


def sweep(tab: Tab, points: list[tuple[float, float]]) -> tuple[int, list[dict]]:
    """Move the pointer through `points`; the number of link tooltips seen, and every wrong one."""
    links, wrong = 0, []
    for x, y in points:
        seen = probe(tab, x, y)
        if seen["shown"]:
            right = seen["want"] is not None and seen["name"] == seen["want"] and seen["item"] in (seen["node"],
                                                                                                  seen["edge"])
            raw = "<" in seen["text"] or "kg-tip" in seen["text"] or seen["elements"] != seen["lines"]
            if not right or raw or seen["overPanel"]:
                wrong.append(seen)
            links += seen["node"] is None
    return links, wrong


def test_page_link_tooltips_are_never_markup_nor_another_links(seed_build: Path, browser: Chromium) -> None:
    with browser.tab(seed_build / "graph.html") as tab:
        tab.evaluate(HELPERS)
        middles = tab.evaluate("kgTest.middles()")
        assert len(middles) > 40
        # The move (100,300) -> (810,461), then across the middle of every link, then around each middle.
        points = [(100 + (810 - 100) * i / 40, 300 + (461 - 300) * i / 40) for i in range(41)]
        for _, x, y in middles:
            points += [(x, y), (x + 3, y + 2)]
        links, wrong = sweep(tab, points)
        assert wrong == [] and links > len(middles)
        # With a person chosen, the panel open: the same, and no tooltip over the panel.
        wan = tab.evaluate("kgraph.data.nodes.find(n => n.label === '万玲玲').id")
        tab.click(*tab.evaluate(f"kgTest.at('{wan}')"))
        assert tab.evaluate("document.getElementById('kg-info').textContent").startswith("×万玲玲")
        middles = tab.evaluate("kgTest.middles()")
        links, wrong = sweep(tab, [(x + dx, y) for _, x, y in middles for dx in (0,)])
        assert wrong == [] and links > len(middles) // 2
        tab.mouse(*middles[0][1:])
        tab.screenshot(ARTIFACTS / "tooltip-sweep.png")
        assert_clean(tab)


def test_page_tooltip_goes_on_click_and_filter_and_the_hidden_note_with_the_filter(
    seed_build: Path, browser: Chromium
) -> None:
    with browser.tab(seed_build / "graph.html") as tab:
        tab.evaluate(HELPERS)
        wan = tab.evaluate("kgraph.data.nodes.find(n => n.label === '万玲玲').id")
        x, y = tab.evaluate(f"kgTest.at('{wan}')")
        assert probe(tab, x, y)["shown"] is True
        tab.click(x, y)
        after = tab.evaluate(f"kgTest.probe({x}, {y})")
        assert after["shown"] is False and tab.evaluate("document.getElementById('kg-info').childNodes.length") > 0
        # Hover someone, then a filter hides them: their tooltip goes with them.
        tab.key("Escape")
        lone = tab.evaluate("kgraph.data.nodes.find(n => n.kind === 'person' && n.role !== 'official').id")
        x, y = tab.evaluate(f"kgTest.at('{lone}')")
        assert probe(tab, x, y)["item"] == lone
        set_control(tab, "kg-role", "official")
        assert tab.evaluate(f"kgTest.probe({x}, {y})")["shown"] is False
        # Find someone the filter hides: the note says so, and goes when the filter is reset.
        name = tab.evaluate(f"kgraph.data.nodes.find(n => n.id === '{lone}').label")
        tab.evaluate(f"document.getElementById('kg-query').value = {json.dumps(name)};"
                     "document.getElementById('kg-search').requestSubmit()")  # fmt: skip
        note = tab.evaluate("document.getElementById('kg-status').textContent")
        assert note == f"已被筛选隐藏 hidden by a filter: {name}"
        set_control(tab, "kg-role", "")
        assert tab.evaluate("document.getElementById('kg-status').textContent") == ""
        tab.screenshot(ARTIFACTS / "tooltip-filter.png")
        assert_clean(tab)


def dated_net() -> nx.Graph:
    net = make_net()
    net.edges["urn:wan", "urn:zhou"].update(
        events="urn:e1 urn:e2 urn:e4 urn:e5",
        evidence="\n".join(["08-26 会议《八月会议》", "2022-05-23 调研《五月调研》", "座谈《无日期座谈》",
                            "2022-09-01 会议《九月会议》"]),  # fmt: skip
        reports="\n".join(["08-26\t八月会议\t001.txt", "2022-05-23\t五月调研\t000.txt", "\t无日期座谈\t002.txt",
                           "2022-09-01\t九月会议\t001.txt"]),  # fmt: skip
    )
    return net


def test_page_dates_read_one_way_in_time_order_undated_last(tmp_path: Path, browser: Chromium) -> None:
    page = tmp_path / "dated.html"
    write_html(dated_net(), page)
    with browser.tab(page) as tab:
        tab.evaluate("kgraph.choose(kgraph.data.nodes.find(n => n.label === '周远栋').id)")
        lines = tab.evaluate("[...document.querySelectorAll('#kg-info .kg-reports li')].map(li => li.textContent)")
        assert lines == ["2022-05-23 《五月调研》 000.txt", "2022-08-26 《八月会议》 001.txt",
                         "2022-09-01 《九月会议》 001.txt", "《无日期座谈》 002.txt"]  # fmt: skip
        tab.screenshot(ARTIFACTS / "dates.png")
        assert_clean(tab)


LAYERS_ON = """
const before = kgraph.network.getPositions();
const t0 = performance.now();
for (const box of document.querySelectorAll(".kg-layer")) {
  box.checked = true;
  box.dispatchEvent(new Event("change"));
}
kgraph.network.redraw();
const ms = performance.now() - t0;
await new Promise(done => setTimeout(done, 300));
const after = kgraph.network.getPositions();
const moved = Object.keys(before).filter(id => kgraph.data.nodes.find(n => n.id === id).kind === "person" &&
  Math.hypot(before[id].x - after[id].x, before[id].y - after[id].y) > 0.01).length;
const shown = kgraph.network.body.nodeIndices.map(id => kgraph.data.nodes.find(n => n.id === id).kind);
const count = kind => shown.filter(k => k === kind).length;
return {ms, moved, orgs: count("organization"), places: count("place")};
"""


def test_page_layers_switch_on_at_once_without_moving_anyone(large_page: Path, browser: Chromium) -> None:
    with browser.tab(large_page) as tab:
        out = run(tab, LAYERS_ON)
        assert out["orgs"] > 20 and out["places"] > 10
        assert out["moved"] == 0
        assert out["ms"] < 1000, out
        tab.screenshot(ARTIFACTS / "layers.png")
        assert_clean(tab)


def test_page_small_network_layers_take_their_place_without_moving_anyone(tmp_path: Path, browser: Chromium) -> None:
    page = tmp_path / "small.html"
    net = make_net()
    for i in range(5):
        person(net, f"urn:p{i}", f"人物{i}")
        net.add_edge("urn:wan", f"urn:p{i}", kind="works_with", weight=1)
    write_html(net, page)
    with browser.tab(page) as tab:
        out = run(tab, LAYERS_ON)
        assert out["orgs"] == 1 and out["moved"] == 0
        quwei = tab.evaluate("(() => { const p = kgraph.network.getPositions(), id = label => kgraph.data.nodes"
                             ".find(n => n.label === label).id, a = p[id('荆州区委')], b = p[id('万玲玲')];"
                             " return Math.hypot(a.x - b.x, a.y - b.y); })()")  # fmt: skip
        assert quwei < 120  # put beside the one person linked to it
        assert_clean(tab)


STAY = """
const people = kgraph.data.nodes.filter(n => n.kind === "person").map(n => n.id);
const before = kgraph.network.getPositions(people);
const set = (id, value) => {
  const control = document.getElementById(id);
  control.value = value;
  control.dispatchEvent(new Event("change"));
};
set("kg-weight", "2");
set("kg-role", "official");
for (const box of document.querySelectorAll(".kg-layer")) {
  box.checked = true;
  box.dispatchEvent(new Event("change"));
}
kgraph.setDates(1, 2);
await new Promise(done => setTimeout(done, 1500));  // physics, were it on, would move them by now
set("kg-weight", "1");
set("kg-role", "");
kgraph.setDates(0, kgraph.data.months.length - 1);
await new Promise(done => setTimeout(done, 500));
const after = kgraph.network.getPositions(people);
const moved = people.map(id => Math.hypot(before[id].x - after[id].x, before[id].y - after[id].y));
moved.sort((a, b) => a - b);
return {median: moved[Math.floor(moved.length / 2)], most: moved[moved.length - 1]};
"""


def button(tab: Tab, control: str) -> tuple[float, float]:
    """The middle of a control, in page coordinates, to click it with the mouse."""
    return tab.evaluate(f"(() => {{ const r = document.getElementById({json.dumps(control)}).getBoundingClientRect();"
                        " return [r.left + r.width / 2, r.top + r.height / 2]; })()")  # fmt: skip


def test_page_layout_stays_fit_escape_and_double_click(seed_build: Path, browser: Chromium) -> None:
    with browser.tab(seed_build / "graph.html") as tab:
        tab.evaluate(HELPERS)
        moved = run(tab, STAY)
        assert moved == {"median": 0, "most": 0}
        # Zoom far in, then the fit button brings every shown node back into the view.
        tab.evaluate("kgraph.network.moveTo({position: {x: 5000, y: 5000}, scale: 3, animation: false})")
        tab.click(*button(tab, "kg-fit"))
        inside = tab.evaluate("(() => { const b = kgTest.box(); return kgraph.network.body.nodeIndices.every(id => {"
                              " const [x, y] = kgTest.at(id); return x >= b.left && x <= b.right && y >= b.top &&"
                              " y <= b.bottom; }); })()")  # fmt: skip
        assert inside is True
        # Double-click a person: chosen, zoomed to, and not under the panel.
        wan = tab.evaluate("kgraph.data.nodes.find(n => n.label === '万玲玲').id")
        tab.click(*tab.evaluate(f"kgTest.at('{wan}')"), clicks=2)
        focused = tab.evaluate("(() => { const [x] = kgTest.at(kgraph.network.getSelectedNodes()[0]); return {"
                               "selected: kgraph.network.getSelectedNodes(), scale: kgraph.network.getScale(), x,"
                               " panel: document.getElementById('kg-info').getBoundingClientRect().left}; })()")
        assert focused["selected"] == [wan] and focused["scale"] >= 1.2 and focused["x"] < focused["panel"]
        tab.screenshot(ARTIFACTS / "focus.png")
        tab.key("Escape")
        assert tab.evaluate("document.getElementById('kg-info').childNodes.length") == 0
        assert tab.evaluate("kgraph.network.getSelectedNodes()") == []
        assert_clean(tab)


DATES = """
const months = kgraph.data.months;
const may = months.indexOf("2022-05");
for (const [id, value] of [["kg-date-to", may], ["kg-date-from", may]]) {
  const slider = document.getElementById(id);
  slider.value = String(value);
  slider.dispatchEvent(new Event("input"));
}
const visible = kgraph.visible();
const shownLinks = kgraph.data.edges.filter(e => e.kind === "works_with" && visible[e.from] && visible[e.to] &&
  kgraph.network.body.edgeIndices.includes(e.id));
const inMay = e => e.ev.some(n => kgraph.data.events[n][0].startsWith("2022-05"));
const people = kgraph.data.nodes.filter(n => n.kind === "person" && visible[n.id]);
const wan = kgraph.data.nodes.find(n => n.label === "万玲玲");
kgraph.choose(wan.id);
const timeline = [...document.querySelectorAll("#kg-info .kg-timeline li .kg-date")].map(d => d.textContent.trim());
const label = document.getElementById("kg-date-label").textContent;
const count = document.getElementById("kg-count").textContent;
const all = kgraph.data.nodes.filter(n => n.kind === "person").length;
kgraph.setDates(0, months.length - 1);
const whole = [...document.querySelectorAll("#kg-info .kg-timeline li .kg-date")].map(d => d.textContent.trim());
const posts = [...document.querySelectorAll("#kg-info .kg-timeline li.kg-post")].map(li => li.textContent);
return {months, label, count, people: people.length, all, links: shownLinks.length,
        outside: shownLinks.filter(e => !inMay(e)).length, timeline, whole, posts,
        unlinked: people.filter(n => !shownLinks.some(e => e.from === n.id || e.to === n.id)).length};
"""


def test_page_date_range_and_timeline(seed_build: Path, browser: Chromium) -> None:
    with browser.tab(seed_build / "graph.html") as tab:
        out = run(tab, DATES)
        assert out["months"] == ["2022-05", "2022-07", "2022-08", "2022-09"]  # the months that occur, no others
        assert out["label"] == "2022-05 — 2022-05"
        assert 0 < out["people"] < out["all"] and out["links"] > 0
        assert out["outside"] == 0 and out["unlinked"] == 0
        assert out["count"] == f"{out['people']} 人 · {out['links']} 条合作关系"
        assert out["timeline"] and all(date.startswith("2022-05") for date in out["timeline"])
        dated = [date for date in out["whole"] if date != "日期不明"]
        assert len(out["whole"]) > len(out["timeline"]) and dated == sorted(dated)
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) for date in dated)
        assert "日期不明" not in out["whole"][: len(dated)]  # undated last
        # Posts take their place in the timeline, at the first event linking the person to the organisation.
        assert any(post.startswith("2022-") and "任职 荆州区委：区委书记" in post for post in out["posts"])
        tab.screenshot(ARTIFACTS / "dates-range.png")
        assert_clean(tab)


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def png_colours(data: bytes) -> int:
    """How many different byte values the pixels hold: a blank picture has one or two."""
    chunks, at = [], 8
    while at < len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        if data[at + 4 : at + 8] == b"IDAT":
            chunks.append(data[at + 8 : at + 8 + length])
        at += 12 + length
    return len(set(zlib.decompress(b"".join(chunks))))


VIEW = """
const set = (id, value) => {
  const control = document.getElementById(id);
  control.value = value;
  control.dispatchEvent(new Event("change"));
};
set("kg-role", "official");
set("kg-weight", "2");
set("kg-scheme", "role");
const layer = document.querySelector(".kg-layer");
layer.checked = true;
layer.dispatchEvent(new Event("change"));
kgraph.setDates(0, 2);
const wan = kgraph.data.nodes.find(n => n.label === "万玲玲");
kgraph.choose(wan.id);
const visible = kgraph.visible();
return {
  visible: kgraph.data.nodes.filter(n => visible[n.id]).map(n => n.label).sort(),
  links: kgraph.network.body.edgeIndices.length,
  png: kgraph.exportPNG(),
  svg: kgraph.exportSVG(),
  csv: kgraph.exportCSV(),
  graphml: kgraph.exportGraphML(),
  canvas: [document.querySelector("#kg-network canvas").width, document.querySelector("#kg-network canvas").height],
};
"""

REOPENED = """(() => {
  const visible = kgraph.visible();
  const at = kgraph.network.getViewPosition();
  return {
    visible: kgraph.data.nodes.filter(n => visible[n.id]).map(n => n.label).sort(),
    controls: ["kg-role", "kg-weight", "kg-scheme", "kg-date-from", "kg-date-to"]
      .map(id => document.getElementById(id).value),
    layers: [...document.querySelectorAll(".kg-layer")].map(box => box.checked),
    selected: kgraph.network.getSelectedNodes().map(id => kgraph.data.nodes.find(n => n.id === id).label),
    panel: document.getElementById("kg-info").textContent.slice(1, 4),
    view: [at.x, at.y, kgraph.network.getScale()],
  };
})()"""


def test_page_exports_what_is_on_screen_and_its_address_reopens_it(
    seed_build: Path, browser: Chromium, tmp_path: Path
) -> None:
    page = seed_build / "graph.html"
    with browser.tab(page) as tab:
        tab.evaluate(HELPERS)
        out = run(tab, VIEW)
        shown = out["visible"]
        assert 3 < len(shown) < 40 and "万玲玲" in shown
        png = base64.b64decode(out["png"].split(",", 1)[1])
        assert png_size(png) == tuple(out["canvas"]) and png_colours(png) > 20
        svg = ET.fromstring(out["svg"])
        marks = [e for e in svg.iter() if e.get("data-id") and e.tag.endswith(("circle", "polygon"))]
        lines = [e for e in svg.iter() if e.tag.endswith("line")]
        labels = {e.text for e in svg.iter() if e.tag.endswith("text")}
        assert len(marks) == len(shown) and len(lines) == out["links"] and "万玲玲" in labels <= set(shown)
        people = list(csv.DictReader(io.StringIO(out["csv"]["people"])))
        links = list(csv.DictReader(io.StringIO(out["csv"]["links"])))
        assert sorted(row["label"] for row in people) == shown and len(links) == out["links"]
        assert all(int(row["weight"]) >= 2 for row in links if row["kind"] == "works_with")
        (tmp_path / "v.graphml").write_text(out["graphml"], encoding="utf-8")
        graph = nx.read_graphml(tmp_path / "v.graphml")
        assert sorted(graph.nodes[n]["label"] for n in graph) == shown and graph.number_of_edges() == out["links"]
        # The buttons hand the files to the browser as downloads.
        tab.browser.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
        for control in ("kg-export-png", "kg-export-svg", "kg-export-csv", "kg-export-graphml"):
            tab.click(*button(tab, control))
        wanted = {"network.png", "network.svg", "people.csv", "links.csv", "network.graphml"}
        for _ in range(100):
            if wanted <= {p.name for p in tmp_path.iterdir()}:
                break
            time.sleep(0.05)
        assert wanted <= {p.name for p in tmp_path.iterdir()}
        assert (tmp_path / "people.csv").read_bytes().decode("utf-8-sig") == out["csv"]["people"]
        # Zoom with the wheel, as a user does: the address follows a moment later.
        x, y = tab.evaluate("(() => { const b = kgTest.box(); return [b.left + b.width / 3, b.top + b.height / 2];"
                            " })()")  # fmt: skip
        tab.browser.send("Input.dispatchMouseEvent", {"type": "mouseWheel", "x": x, "y": y, "deltaX": 0,
                         "deltaY": -240}, session=tab.session)  # fmt: skip
        time.sleep(0.5)
        view = tab.evaluate("(() => { const at = kgraph.network.getViewPosition(); return [at.x, at.y,"
                            " kgraph.network.getScale()]; })()")  # fmt: skip
        tab.screenshot(ARTIFACTS / "export-view.png")
        assert_clean(tab)
        hash_ = tab.evaluate("location.hash")
    assert "role=official" in hash_ and "weight=2" in hash_ and "colour=role" in hash_ and "chosen=" in hash_
    with browser.tab(page, fragment=hash_[1:]) as tab:
        again = tab.evaluate(REOPENED)
        assert again["visible"] == shown
        assert again["controls"] == ["official", "2", "role", "0", "2"] and again["layers"][0] is True
        assert again["selected"] == ["万玲玲"] and again["panel"] == "万玲玲"
        assert again["view"] == pytest.approx(view, abs=0.1)
        tab.screenshot(ARTIFACTS / "export-reopened.png")
        assert_clean(tab)


def test_page_built_by_kgraph_build_has_the_layers_off_until_ticked(seed_build: Path, browser: Chromium) -> None:
    kinds = "[...new Set(kgraph.network.body.nodeIndices.map(id => kgraph.data.nodes.find(n => n.id === id).kind))]"
    with browser.tab(seed_build / "graph.html") as tab:
        assert tab.evaluate(kinds) == ["person"]
        boxes = tab.evaluate("[...document.querySelectorAll('.kg-layer')].map(box => { const r = box"
                             ".getBoundingClientRect(); return [box.value, r.left + r.width / 2, r.top + r.height / 2];"
                             " })")  # fmt: skip
        assert [value for value, *_ in boxes] == ["organization", "place"]
        for _, x, y in boxes:
            tab.click(x, y)
        assert sorted(tab.evaluate(kinds)) == ["organization", "person", "place"]
        tab.screenshot(ARTIFACTS / "build-layers.png")
        assert_clean(tab)


def nx_graph(path: Path) -> Graph:
    return Graph().parse(path)


def search(tab: Tab, query: str) -> None:
    """Type into the search box and press its button with the mouse."""
    tab.evaluate(f"document.getElementById('kg-query').value = {json.dumps(query)}")
    tab.click(*tab.evaluate("(() => { const r = document.querySelector('#kg-search button').getBoundingClientRect();"
                            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"))  # fmt: skip


MATCHES = "[...document.querySelectorAll('#kg-matches:not([hidden]) button')].map(b => b.firstChild.textContent)"
CHOSEN = "kgraph.network.getSelectedNodes().map(id => kgraph.data.nodes.find(n => n.id === id).label)"


def test_page_search_by_pinyin_a_list_to_choose_from_and_how_two_people_connect(
    seed_build: Path, browser: Chromium
) -> None:
    net = build_network(nx_graph(seed_build / "graph.ttl"))
    links = nx.Graph((u, v) for u, v, kind in net.edges(data="kind") if kind == "works_with")
    label = nx.get_node_attributes(net, "label")
    with browser.tab(seed_build / "graph.html") as tab:
        search(tab, "zyd")  # initials: one person, chosen at once
        assert tab.evaluate(CHOSEN) == ["周远栋"] and tab.evaluate(MATCHES) == []
        search(tab, "zhou")  # the start of a name's pinyin: everyone called 周, to choose from
        assert sorted(tab.evaluate(MATCHES)) == sorted(name for name in label.values() if name.startswith("周"))
        assert len(tab.evaluate(MATCHES)) >= 2
        tab.screenshot(ARTIFACTS / "search-list.png")
        box = tab.evaluate("(() => { const b = [...document.querySelectorAll('#kg-matches button')].find(b =>"
                           " b.firstChild.textContent === '周国亮').getBoundingClientRect();"
                           " return [b.left + 20, b.top + b.height / 2]; })()")  # fmt: skip
        tab.click(*box)
        assert tab.evaluate(CHOSEN) == ["周国亮"] and tab.evaluate(MATCHES) == []
        # How are 陈任 and 周国亮 connected: the fewest links, each with the articles it rests on.
        tab.evaluate("document.getElementById('kg-path-from').value = '陈任';"
                     "document.getElementById('kg-path-to').value = 'zgl';"
                     "document.querySelector('#kg-path button').click()")  # fmt: skip
        ends = [node for node in label if label[node] in ("陈任", "周国亮")]
        steps = nx.shortest_path_length(links, *ends)
        shown = tab.evaluate("(() => { const items = [...document.querySelectorAll('#kg-info ol > li')]; return {"
                             " heading: document.querySelector('#kg-info h2').textContent, steps: items.map(li =>"
                             " li.firstChild.textContent), articles: items.map(li => li.querySelectorAll('.kg-reports"
                             " li').length), selected: kgraph.network.getSelectedNodes().length}; })()")  # fmt: skip
        assert shown["heading"] == f"陈任 与 周国亮：{steps} 步 (steps)" and len(shown["steps"]) == steps >= 2
        names = [step.split("：")[0].split(" — ") for step in shown["steps"]]
        assert names[0][0] == "陈任" and names[-1][1] == "周国亮"
        assert all(a[1] == b[0] for a, b in zip(names, names[1:], strict=False))
        by_label = {name: node for node, name in label.items()}
        assert all(links.has_edge(by_label[a], by_label[b]) for a, b in names)
        assert all(count >= 1 for count in shown["articles"]) and shown["selected"] == steps + 1
        tab.screenshot(ARTIFACTS / "path.png")
        assert_clean(tab)
        address = tab.evaluate("location.hash")
    assert "path=" in address
    with browser.tab(seed_build / "graph.html", fragment=address[1:]) as tab:  # the path reopens from its address
        assert tab.evaluate("document.querySelector('#kg-info h2').textContent") == shown["heading"]
        assert tab.evaluate("location.hash") == address
        assert_clean(tab)


COUNTS = """
const set = (id, value) => {
  const control = document.getElementById(id);
  control.value = value;
  control.dispatchEvent(new Event("change"));
};
const legend = () => [...document.querySelectorAll(".kg-legend:not([hidden]) li")].map(li => li.textContent);
const sum = items => items.reduce((total, text) => total + Number(text.match(/\\((\\d+)\\)$/)[1]), 0);
const before = {count: document.getElementById("kg-count").textContent, legend: sum(legend())};
set("kg-weight", "2");
const visible = kgraph.visible();
const people = kgraph.data.nodes.filter(n => n.kind === "person" && visible[n.id]).length;
return {before, after: {count: document.getElementById("kg-count").textContent, legend: sum(legend())}, people};
"""


def test_page_counts_follow_filters_legend_folds_panels_keep_clear(seed_build: Path, browser: Chromium) -> None:
    with browser.tab(seed_build / "graph.html") as tab:
        tab.evaluate(HELPERS)
        out = run(tab, COUNTS)
        everyone = int(tab.evaluate("document.getElementById('kg-state').dataset.people"))
        assert out["before"]["legend"] == everyone and out["before"]["count"].startswith(f"{everyone} 人")
        assert out["after"]["legend"] == out["people"] < everyone
        assert out["after"]["count"].startswith(f"{out['people']} 人")
        # The legend folds away and back with a click on its title.
        summary = ("(() => { const r = document.querySelector('#kg-legend summary').getBoundingClientRect();"
                   " return [r.left + 30, r.top + r.height / 2]; })()")  # fmt: skip
        tab.click(*tab.evaluate(summary))
        assert tab.evaluate("document.getElementById('kg-legend').open") is False
        assert tab.evaluate("document.getElementById('kg-legend').getBoundingClientRect().height") < 40
        tab.click(*tab.evaluate(summary))  # it sits lower, folded
        assert tab.evaluate("document.getElementById('kg-legend').open") is True
        # A person where the panel will open: clicked, the panel opens and the person is moved clear of it.
        wan = tab.evaluate("kgraph.data.nodes.find(n => n.label === '万玲玲').id")
        tab.evaluate(f"kgraph.network.moveTo({{position: kgraph.network.getPositions(['{wan}'])['{wan}'], scale: 1,"
                     " offset: {x: 520, y: 0}, animation: false})")  # fmt: skip
        x, y = tab.evaluate(f"kgTest.at('{wan}')")
        assert x > 1400 - 390  # under the panel, once it opens
        tab.click(x, y)
        x, _ = tab.evaluate(f"kgTest.at('{wan}')")
        assert x < tab.evaluate("document.getElementById('kg-info').getBoundingClientRect().left") - 10
        # An organisation's panel names the posts held in it and lists its articles.
        set_control(tab, "kg-weight", "1")
        tab.evaluate("{ const box = document.querySelector('.kg-layer'); box.checked = true;"
                     " box.dispatchEvent(new Event('change')); }")  # fmt: skip
        tab.evaluate("kgraph.choose(kgraph.data.nodes.find(n => n.label === '荆州区委').id)")
        panel = tab.evaluate("[...document.querySelectorAll('#kg-info h2')].map(h => [h.textContent,"
                             " h.nextElementSibling.textContent])")  # fmt: skip
        headings = dict(panel)
        posts = next(text for heading, text in headings.items() if heading.startswith("任职"))
        assert "万玲玲：区委书记" in posts
        articles = next(text for heading, text in headings.items() if heading.startswith("报道"))
        assert articles.count("《") >= 3
        tab.screenshot(ARTIFACTS / "organisation-panel.png")
        assert_clean(tab)


LABELS = """(() => {
  const scale = kgraph.network.getScale(), threshold = kgraph.data.options.nodes.scaling.label.drawThreshold;
  const people = kgraph.data.nodes.filter(n => n.kind === "person" && kgraph.visible()[n.id]);
  const drawn = people.filter(n => n.font.size * scale >= threshold - 1);
  const busiest = [...people].sort((a, b) => b.events - a.events).slice(0, 5);
  const grey = people.filter(n => ["#a5a5a5"].includes(n.colors.community)).length;
  return {people: people.length, drawn: drawn.length, busiestDrawn: busiest.every(n => drawn.includes(n)),
          smallest: Math.min(...drawn.map(n => n.font.size * scale)), grey};
})()"""


def test_page_labels_readable_at_first_open_and_large_groups_coloured(
    seed_build: Path, large_page: Path, browser: Chromium
) -> None:
    with browser.tab(seed_build / "graph.html") as tab:
        small = tab.evaluate(LABELS)
        assert small["drawn"] == small["people"] and small["smallest"] >= 8
    with browser.tab(large_page) as tab:
        large = tab.evaluate(LABELS)
        tab.screenshot(ARTIFACTS / "labels-large.png")
        assert_clean(tab)
    # The busiest are named; the rest, too small to read at this zoom, are left unnamed instead of piling up.
    assert large["busiestDrawn"] is True and 0 < large["drawn"] < large["people"] / 2 and large["smallest"] >= 7
    assert large["grey"] < large["people"] * 0.2  # was more than half of the people at 5,000


def test_page_link_tooltips_right_on_a_large_page_too(large_page: Path, browser: Chromium) -> None:
    with browser.tab(large_page) as tab:
        tab.evaluate(HELPERS)
        tab.evaluate("kgraph.network.moveTo({position: {x: 0, y: 0}, scale: 0.6, animation: false})")
        middles = tab.evaluate("kgTest.middles()")[:120]
        assert len(middles) == 120
        links, wrong = sweep(tab, [(x, y) for _, x, y in middles])
        assert wrong == [] and links > len(middles) // 2
        tab.screenshot(ARTIFACTS / "tooltip-large.png")
        assert_clean(tab)
