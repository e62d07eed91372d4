"""kgraph.render: one offline HTML page of the network."""

from __future__ import annotations

import json
import math
import os
import re
from importlib.resources import files
from pathlib import Path

import networkx as nx
import pytest

from kgraph.network import select_network
from kgraph.render import (
    LARGE,
    NO_GROUP,
    OTHER_GROUP,
    PALETTE,
    compute_layout,
    parse_date,
    pinyin_keys,
    render_html,
    write_html,
)

XSS = "<script>alert(1)</script>"


def person(net: nx.Graph, iri: str, label: str, *, role: str = "official", titles: str = "", events: int = 1) -> None:
    net.add_node(iri, label=label, kind="person", role=role, titles=titles, aliases="", events=events, articles=events)


@pytest.fixture
def net() -> nx.Graph:
    return make_net()


def make_net() -> nx.Graph:
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
        events="urn:e3",
        articles="urn:a3",
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
    return next(node for node in data_of(page)["nodes"] if node["iri"] == iri)


def edges_of(page: str) -> list[dict]:
    """The page's links, with their ends given as IRIs (the page names nodes by short ids)."""
    data = data_of(page)
    iris = {node["id"]: node["iri"] for node in data["nodes"]}
    return [edge | {"from": iris[edge["from"]], "to": iris[edge["to"]]} for edge in data["edges"]]


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
    assert page.count("</script>") == 3  # the error trap, vis-network and ours; no name closes any
    assert "<title>荆州区 &lt;i&gt;</title>" in page
    assert '<option value="&lt;script&gt;alert(1)&lt;/script&gt;">' in page
    node = node_of(page, "urn:x")
    assert node["label"] == XSS  # drawn on the canvas as text
    assert "title" not in node  # vis-network's own tooltip is never used: the page fills its box with text
    assert ["kg-tip-name", XSS] in node["tip"] and ["", "职务：<b>局长</b>"] in node["tip"]
    assert XSS not in page.replace("\\u003c", "<").split("var data = ")[0]


def tip_text(page: str, iri: str) -> list[str]:
    return [text for _, text in node_of(page, iri)["tip"]]


def test_render_node_tooltip_shows_name_role_titles_and_events(net: nx.Graph) -> None:
    tip = tip_text(render_html(net), "urn:zhou")
    assert tip == ["周远栋", "官员", "职务：区委常委、常务副区长", "活动 2 次 · 报道 2 篇"]
    assert "通讯员/记者" in tip_text(render_html(net), "urn:meng")


def test_render_link_names_its_events_in_date_order(net: nx.Graph) -> None:
    page = render_html(net)
    data = data_of(page)
    edges = edges_of(page)
    link = next(e for e in edges if {e["from"], e["to"]} == {"urn:wan", "urn:zhou"})
    events = [data["events"][number] for number in link["ev"]]
    assert events == [
        ["2022-05-26", 0, "调研（川店镇）《万玲玲到川店镇调研创文工作》"],
        ["2022-06-01", 1, "会议《区委常委会召开》"],
    ]
    assert data["months"] == ["2022-05", "2022-06"]
    assert (link["weight"], link["na"]) == (8, 2)
    post = next(e for e in edges if "urn:quwei" in (e["from"], e["to"]))
    assert (post["kind"], post["titles"]) == ("post", "区委书记")


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("2022-05-23", (2022, 5, 23)), ("08-26", (None, 8, 26)), ("2022年5月3日", (2022, 5, 3)),
     ("5月26日", (None, 5, 26)), ("", None), ("13-40", None), ("近日", None)],
)  # fmt: skip
def test_render_parse_date_reads_the_forms_the_graph_prints(text: str, parsed: tuple | None) -> None:
    assert parse_date(text) == parsed


def test_render_dates_are_one_form_and_sort_in_time_undated_last(net: nx.Graph) -> None:
    net.edges["urn:wan", "urn:zhou"]["reports"] = "\n".join([
        "\t无日期的报道\t002.txt", "08-26\t八月报道\t001.txt", "2022-05-23\t五月报道\t000.txt",
        "2022-09-01\t九月报道\t001.txt", "2021-12-30\t去年报道\t003.txt",
    ])  # fmt: skip
    page = render_html(net)
    link = next(e for e in edges_of(page) if {e["from"], e["to"]} == {"urn:wan", "urn:zhou"})
    rows = [data_of(page)["articles"][number] for number in link["ar"]]
    assert [(row[0], row[2]) for row in rows] == [
        ("2021-12-30", "去年报道"), ("2022-05-23", "五月报道"), ("2022-08-26", "八月报道"), ("2022-09-01", "九月报道"),
        ("", "无日期的报道"),
    ]  # fmt: skip  # 08-26 takes the year of its page (001.txt prints 2022)


def test_render_date_without_a_year_nobody_can_tell_stays_short_and_after_the_dated(net: nx.Graph) -> None:
    net.edges["urn:wan", "urn:zhou"]["reports"] = (
        "2021-01-02\t甲\t0.txt\n2022-03-04\t乙\t1.txt\n03-05\t丙\t2.txt\n\t丁\t3.txt"
    )
    page = render_html(net)
    assert [row[0] for row in data_of(page)["articles"]] == ["2021-01-02", "2022-03-04", "03-05", ""]


def test_render_pinyin_keys_are_computed_when_the_page_is_made(net: nx.Graph) -> None:
    node = node_of(render_html(net), "urn:zhou")
    assert (node["py"], node["pi"]) == ("zhouyuandong", "zyd")
    assert pinyin_keys("万玲玲") == ("wanlingling", "wll")


def legend_of(page: str, scheme: str) -> list[tuple[str, str]]:
    """(colour, text) of each item of one colour scheme's legend."""
    block = re.search(rf'<ul class="kg-legend" data-scheme="{scheme}"[^>]*>(.*?)</ul>', page, re.DOTALL)
    assert block, f"no legend for {scheme}"
    swatch = r'<li[^>]*><span class="kg-swatch[^"]*" style="background: (#[0-9a-f]{6})"></span>([^<]*)</li>'
    return re.findall(swatch, block.group(1))


def test_render_colours_people_by_role_apart_from_orgs(net: nx.Graph) -> None:
    page = render_html(net)
    official, reporter, org = (node_of(page, iri)["colors"]["role"] for iri in ("urn:wan", "urn:meng", "urn:quwei"))
    assert len({official, reporter, org}) == 3
    assert node_of(page, "urn:zhou")["colors"]["role"] == official
    assert node_of(page, "urn:quwei")["shape"] != node_of(page, "urn:wan")["shape"]
    assert legend_of(page, "role") == [(official, "官员 official (3)"), (reporter, "通讯员/记者 reporter (1)")]
    assert '<span class="kg-swatch diamond" style="background: #30638e"></span>机构 organization (1)' in page


def test_render_sizes_nodes_by_events_and_edges_by_weight(net: nx.Graph) -> None:
    data = data_of(render_html(net))
    size = {node["iri"]: node["size"] for node in data["nodes"]}
    assert size["urn:wan"] > size["urn:zhou"] > size["urn:meng"]
    width = {frozenset((e["from"], e["to"])): e["width"] for e in edges_of(render_html(net))}
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


def test_render_colours_people_by_group_of_coworkers(net: nx.Graph) -> None:
    page = render_html(net)
    colour = {iri: node_of(page, iri)["colors"]["community"] for iri in ("urn:wan", "urn:zhou", "urn:x", "urn:meng")}
    assert colour["urn:wan"] == colour["urn:zhou"] == colour["urn:x"] == PALETTE[0]
    assert colour["urn:meng"] == NO_GROUP
    assert node_of(page, "urn:wan")["color"] == PALETTE[0]  # the page opens coloured by group
    assert legend_of(page, "community") == [(PALETTE[0], "群体 1 · 万玲玲等 (3)"), (NO_GROUP, "无合作关系 no link (1)")]


def test_render_colours_people_by_organisation(net: nx.Graph) -> None:
    net.nodes["urn:wan"].update(organization="荆州区委", organizations="荆州区委、荆州区委财经委")
    net.nodes["urn:zhou"].update(organization="荆州区委", organizations="荆州区委")
    net.nodes["urn:x"].update(organization="荆州区政府", organizations="荆州区政府")
    page = render_html(net)
    assert legend_of(page, "organization") == [
        (PALETTE[0], "荆州区委 (2)"),
        (PALETTE[1], "荆州区政府 (1)"),
        (NO_GROUP, "机构不明 unknown (1)"),
    ]
    assert node_of(page, "urn:wan")["organizations"] == ["荆州区委", "荆州区委财经委"]
    options = re.findall(
        r'<option value="([^"]*)">([^<]*)</option>', page.split('id="kg-org"')[1].split("</select>")[0]
    )
    assert options == [("", "全部 all"), ("荆州区委", "荆州区委 (2)"), ("荆州区委财经委", "荆州区委财经委 (1)"),
                       ("荆州区政府", "荆州区政府 (1)")]  # fmt: skip


def test_render_colours_beyond_twelve_groups_are_grey() -> None:
    net = nx.Graph()
    for group in range(14):
        for member in range(2):
            person(net, f"urn:p{group:02d}{member}", f"人{group}{member}")
        net.add_edge(f"urn:p{group:02d}0", f"urn:p{group:02d}1", kind="works_with", weight=1)
    page = render_html(net)
    assert [colour for colour, _ in legend_of(page, "community")] == [*PALETTE, OTHER_GROUP]
    assert legend_of(page, "community")[-1] == (OTHER_GROUP, "其他群体 other groups (4)")


def test_render_filters_offer_roles_and_a_minimum_weight(net: nx.Graph) -> None:
    page = render_html(net)
    roles = page.split('id="kg-role"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)">', roles) == ["", "official", "reporter"]
    assert '<input id="kg-weight" type="number" min="1" step="1" value="1">' in page


def test_render_link_carries_its_articles(net: nx.Graph) -> None:
    net.edges["urn:wan", "urn:zhou"]["reports"] = (
        "05-26\t万玲玲到川店镇调研\t000.txt\n2022-06-01\t区委常委会召开\t001.txt"
    )
    page = render_html(net)
    link = next(e for e in edges_of(page) if {e["from"], e["to"]} == {"urn:wan", "urn:zhou"})
    articles = [data_of(page)["articles"][number] for number in link["ar"]]
    assert articles == [
        ["2022-05-26", 0, "万玲玲到川店镇调研", "000.txt"],
        ["2022-06-01", 1, "区委常委会召开", "001.txt"],
    ]
    assert (link["kind"], link["weight"]) == ("works_with", 8)


def test_render_links_sharing_their_texts_carry_the_same_articles_and_a_one_line_report_is_listed(
    net: nx.Graph,
) -> None:
    """Links of one event share its texts (`build_network` makes them once): each is read once, and each link
    still carries the numbers, even when the text of a link's reports is the line of one article."""
    report = "05-26\t调研\t002.txt"
    for other in ("urn:x", "urn:zhou"):
        net.add_edge("urn:meng", other, kind="works_with", weight=1, events="urn:e3", articles="urn:a3",
                     evidence=f"05-26 调研《{XSS}》", reports=report, titles="")
    page = render_html(net)
    links = [e for e in edges_of(page) if "urn:meng" in (e["from"], e["to"])]
    assert len(links) == 2 and links[0]["ev"] == links[1]["ev"] != []
    assert [data_of(page)["articles"][n] for n in links[0]["ar"]] == [["2022-05-26", 0, "调研", "002.txt"]]
    assert links[1]["ar"] == links[0]["ar"]


def test_render_layers_are_off_until_asked(net: nx.Graph) -> None:
    page = render_html(net)
    assert '<input type="checkbox" class="kg-layer" value="organization">' in page
    assert data_of(page)["layers"] == {"organization": False}
    shown = render_html(net, show_orgs=True)
    assert '<input type="checkbox" class="kg-layer" value="organization" checked>' in shown
    assert data_of(shown)["layers"] == {"organization": True}
    assert 'class="kg-layer"' not in render_html(net.subgraph(["urn:wan", "urn:zhou"]))


def test_render_says_how_many_people_the_graph_has_and_why_some_are_not_drawn(net: nx.Graph) -> None:
    net.graph.update(people_in_graph=50, left_out_bylines=44, left_out_mentioned=2)
    page = render_html(net)
    assert "4 人 · 2 条合作关系" in page
    assert "图谱共 50 人，未画出：只署名的通讯员、记者和摄影 44 人、仅被提及 2 人" in page
    assert '<div id="kg-state" hidden data-state="loading" data-people="4"' in page


def test_render_focus_opens_on_the_person(net: nx.Graph) -> None:
    net.graph.update(people_in_graph=50, left_out_bylines=44, left_out_mentioned=2)
    ego = select_network(net, focus="周远栋", depth=1)
    page = render_html(ego)
    assert data_of(page)["focus"] == node_of(page, "urn:zhou")["id"]
    assert "以 周远栋 为中心，1 度以内" in page and "图谱共 50 人" in page and "未画出" not in page
    assert data_of(render_html(net))["focus"] == ""


def test_render_large_network_places_organisations_among_their_people() -> None:
    net = nx.path_graph([f"urn:p{i:03d}" for i in range(400)])
    for i, node in enumerate(net.nodes):
        person(net, node, f"人物{i}")
    nx.set_edge_attributes(net, "works_with", "kind")
    net.add_node("urn:org", label="荆州区委", kind="organization", events=0)
    net.add_edge("urn:org", "urn:p010", kind="post", weight=1)
    net.add_edge("urn:org", "urn:p012", kind="post", weight=1)
    positions = compute_layout(net)
    x, y = positions["urn:org"]
    near = [positions["urn:p010"], positions["urn:p012"]]
    assert min(math.dist((x, y), p) for p in near) < max(math.dist(p, q) for p in positions.values() for q in near) / 4
    assert compute_layout(net) == positions


def test_render_linked_person_alone_of_their_group_is_not_shown_as_unlinked(net: nx.Graph) -> None:
    for iri, community in (("urn:wan", 0), ("urn:zhou", 0), ("urn:x", 1), ("urn:meng", 2)):
        net.nodes[iri]["community"] = community  # as in the whole network, of which this is one person's part
    page = render_html(net)
    assert node_of(page, "urn:x")["colors"]["community"] == PALETTE[1]
    assert legend_of(page, "community")[1:] == [
        (PALETTE[1], f"群体 2 · {XSS}等 (1)".replace("<", "&lt;").replace(">", "&gt;")),
        (NO_GROUP, "无合作关系 no link (1)"),
    ]


def test_render_large_groups_beyond_the_palette_get_colours_of_their_own() -> None:
    net = nx.Graph()
    for group in range(16):
        size = 3 if group < 14 else 2
        for member in range(size):
            person(net, f"urn:p{group:02d}{member}", f"人{group}{member}")
        for member in range(1, size):
            net.add_edge(f"urn:p{group:02d}0", f"urn:p{group:02d}{member}", kind="works_with", weight=1)
    page = render_html(net)
    colours = {iri: node_of(page, iri)["colors"]["community"] for iri in (f"urn:p{g:02d}0" for g in range(16))}
    beyond = [colours[f"urn:p{g:02d}0"] for g in (12, 13)]
    assert len(set(beyond)) == 2 and not set(beyond) & {*PALETTE, OTHER_GROUP, NO_GROUP}
    assert colours["urn:p140"] == colours["urn:p150"] == OTHER_GROUP  # groups of two still share grey
    assert legend_of(page, "community")[-1] == (OTHER_GROUP, "其他群体 other groups (10)")
    assert node_of(page, "urn:p120")["lg"]["community"] == len(PALETTE)  # counted under "other" in the legend


def test_render_large_network_names_its_busiest_people_when_it_opens() -> None:
    net = nx.cycle_graph([f"urn:p{i:03d}" for i in range(400)])
    for i, node in enumerate(net.nodes):
        person(net, node, f"人物{i}", events=1 + (i % 7))
    nx.set_edge_attributes(net, "works_with", "kind")
    nodes = data_of(render_html(net))["nodes"]
    span = max(max(abs(n["x"]), abs(n["y"])) for n in nodes) * 2
    on_screen = sorted((n["font"]["size"] * 800 / span for n in nodes), reverse=True)
    assert on_screen[14] >= 14 and on_screen[49] >= 9 and on_screen[-1] < 8  # 15 large, 50 readable, others later


@pytest.mark.parametrize("people, chance", [(120, 0.03), (400, 0.008), (150, 0.0)])
def test_layout_on_numpy_gives_the_positions_of_the_python_loop(monkeypatch: pytest.MonkeyPatch, people: int,
                                                                chance: float) -> None:
    """A large connected part is stepped on numpy arrays: to the last bit what the Python loop gives."""
    import random

    from kgraph.render import layout

    net = nx.gnp_random_graph(people, chance, seed=people)
    net = nx.relabel_nodes(net, {i: f"urn:p{i:04d}" for i in net})
    for number, (u, v) in enumerate(net.edges):
        net.edges[u, v]["weight"] = 1 + number % 3
    order = sorted(net)
    placed = {}
    for threshold in (len(order) + 1, 2):
        monkeypatch.setattr(layout, "VECTOR_MIN", threshold)
        rng = random.Random(7)
        placed[threshold] = layout._force_layout(net, order, rng)
    assert placed[2] == placed[len(order) + 1]



def test_layout_on_numpy_parts_nodes_that_start_on_one_spot_as_the_python_loop(monkeypatch: pytest.MonkeyPatch
                                                                               ) -> None:
    """Nodes on the same spot are pushed apart in a fixed direction: numpy's tables do it as the Python loop."""
    import random

    from kgraph.render import layout

    class Pairs(random.Random):  # the first positions drawn come twice: nodes 0 and 1 start on one spot, 2 and 3...
        def __init__(self, seed: int, repeated: int) -> None:
            super().__init__(seed)
            self.repeated, self.drawn, self.kept = repeated, 0, []

        def random(self) -> float:
            self.drawn += 1
            if self.drawn > self.repeated:
                return super().random()
            if self.drawn % 4 in (1, 2):
                self.kept.append(super().random())
                return self.kept[-1]
            return self.kept.pop(0)

    net = nx.gnp_random_graph(150, 0.03, seed=3)
    net = nx.relabel_nodes(net, {i: f"urn:p{i:04d}" for i in net})
    order = sorted(net)
    placed = []
    for threshold in (len(order) + 1, 2):
        monkeypatch.setattr(layout, "VECTOR_MIN", threshold)
        placed.append(layout._force_layout(net, order, Pairs(3, 2 * len(order))))
    assert placed[0] == placed[1]

_SEEDED_PAGE = """
import hashlib, random
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF
from kgraph.network import build_network
from kgraph.rdf.vocab import SCHEMA
from kgraph.render import render_html

ID = Namespace("urn:kg:")
graph, rng = Graph(), random.Random(7)
for group in range(12):  # parts of 25 to 40 people: each under half the network
    members = [ID[f"p{group:02d}-{m:02d}"] for m in range(rng.randint(25, 40))]
    for person in members:
        graph.add((person, RDF.type, SCHEMA.Person))
        graph.add((person, SCHEMA.name, Literal(person.rsplit(":", 1)[1])))
    for a in range(len(members)):
        for b in range(a + 1, len(members)):
            if b == a + 1 or rng.random() < 0.15:
                event = ID[f"e{group}-{a}-{b}"]
                graph.add((event, RDF.type, SCHEMA.Event))
                graph.add((event, SCHEMA.organizer, members[a]))
                graph.add((event, SCHEMA.attendee, members[b]))
net = build_network(graph)
page = render_html(net)
print(net.number_of_nodes(), hashlib.sha256(page.encode()).hexdigest())
"""


def test_large_page_is_the_same_under_any_hash_seed() -> None:
    """Above `LARGE` nodes the page carries the layout: the same bytes whatever order Python's sets of strings
    come in (a networkx subgraph of under half the nodes lists its links from a set)."""
    import os
    import subprocess
    import sys

    pages = set()
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", _SEEDED_PAGE], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        nodes, digest = done.stdout.split()
        assert int(nodes) > LARGE
        pages.add(digest)
    assert len(pages) == 1


@pytest.mark.parametrize("large", [False, True])
def test_render_edge_texts_are_the_json_of_the_edge_records(net: nx.Graph, large: bool) -> None:
    """The page writes each link's JSON itself (`_vis_edge_texts`): the very text of encoding its record, odd
    values (markup, quotes, weights as text, missing attributes, long report lists) included."""
    from kgraph.render.page import MAX_CONTEXT_REPORTS, _page_ids, _script_json, _Tables, _vis_edge_texts, _vis_edges

    person(net, "urn:q", '"引号"\\')
    days = [(month, day) for month in (4, 5, 6) for day in range(1, 29)]  # more than a context link shows
    reports = "\n".join(f"2022-{m:02d}-{d:02d}\t标题{m}{d}\t版{m}{d}.txt" for m, d in days)
    events = " ".join(f"urn:e{m}-{d}" for m, d in days)
    evidence = "\n".join(f"2022-{m:02d}-{d:02d} 会议《标题{m}{d}》" for m, d in days)
    net.add_edge("urn:q", "urn:wan", kind="event", weight="3", events=events, articles=events, evidence=evidence,
                 reports=reports, titles="<i>“x”</i>\u2028")
    net.add_edge("urn:q", "urn:quwei", kind="post", weight=70, titles="书记")
    net.add_edge("urn:q", "urn:zhou", weight=None, events=events, articles=events, evidence=evidence,
                 reports=reports)
    net.add_edge("urn:q", "urn:x", kind="event", weight=2, events=events, articles=events, evidence=evidence,
                 reports="\n".join(reports.split("\n")[: MAX_CONTEXT_REPORTS - 30]))
    # the texts of the first link again (its shared parts written once), with a weight and titles of its own
    net.add_edge("urn:q", "urn:y", kind="event", weight=True, events=events, articles=events, evidence=evidence,
                 reports=reports, titles="其他")
    ids, tables = _page_ids(net), _Tables.of(net)
    records = list(_vis_edges(net, ids, tables, large))
    assert sorted(len(edge["ar"]) for edge in records if edge["ar"]) == [MAX_CONTEXT_REPORTS - 30,
                                                                          MAX_CONTEXT_REPORTS,
                                                                          MAX_CONTEXT_REPORTS, len(days)]
    assert list(_vis_edge_texts(net, ids, tables, large)) == [_script_json(edge) for edge in records]


def test_render_tables_number_each_links_articles_as_reading_line_by_line(seed_build: Path) -> None:
    """`_Tables` numbers a link's reports from lines read once, with set operations: the same numbers, for every
    link of the seeds' network, as reading each line of the link on its own."""
    from rdflib import Graph

    from kgraph.network import build_network
    from kgraph.render.page import _Tables

    graph = Graph().parse(seed_build / "graph.ttl")
    net = build_network(graph, include_orgs=True, include_places=True)
    tables = _Tables.of(net)
    fresh = _Tables.of(net)
    fresh.line_index.clear()  # each line read again as it comes, the way of a line `of` never saw
    checked = 0
    for _, _, data in net.edges(data=True):
        lines = [line for line in str(data.get("reports", "")).split("\n") if line]
        by_line = sorted({tables.article_index[tuple((line.split("\t") + ["", "", ""])[:3])] for line in lines})
        assert tables.articles_of(tables.link(data)) == fresh.articles_of(fresh.link(data)) == by_line
        events = {tables.event_index[iri] for iri in str(data.get("events", "")).split()}
        assert tables.events_of(tables.link(data)) == sorted(events)
        checked += bool(lines)
    assert checked > 100


def test_render_tables_order_is_the_plain_sort_of_each_item() -> None:
    """`_Tables._order` keys and shows each distinct date once and sorts items with their keys first: the same
    numbers and rows as sorting each item by its own key, over dates with and without years (told by the page,
    the day or the one year, or not at all), none, and ties of date and text."""
    import random

    from kgraph.render.page import _Tables

    rng = random.Random(7)
    tables = _Tables()
    for number in range(400):
        year = rng.choice([None, 2021, 2022])
        date = None if number % 17 == 0 else (year, rng.randint(1, 3), rng.randint(1, 4))
        tables.events[f"urn:e{rng.randint(0, 10**6)}"] = (date, rng.choice(["会议", "调研", "视察"]))
        key = (f"x{number}", rng.choice(["甲", "乙"]), rng.choice(["", "a.txt", "b.txt", "c.txt"]))
        tables.articles[key] = date
    tables._order()

    def plain(date: tuple | None, source: str = "") -> tuple:  # the year a date without one takes, else none
        if date is None or date[0] is not None:
            return date
        dated = [(d, raw[2]) for raw, d in tables.articles.items() if d and d[0]]
        same_day = {d[0] for d in [*tables.articles.values(), *(d for d, _ in tables.events.values())]
                    if d and d[0] and d[1:] == date[1:]}
        everywhere = {d[0] for d in [*tables.articles.values(), *(d for d, _ in tables.events.values())] if d and d[0]}
        for found in ({d[0] for d, s in dated if s == source}, same_day, everywhere):
            if len(found) == 1:
                return (next(iter(found)), *date[1:])
        return date

    def key(date: tuple | None) -> tuple:
        return (2, 0, 0, 0) if date is None else (0 if date[0] else 1, date[0] or 0, date[1], date[2])

    events = sorted(tables.events, key=lambda iri: (key(plain(tables.events[iri][0])), tables.events[iri][1], iri))
    articles = sorted(tables.articles,
                      key=lambda raw: (key(plain(tables.articles[raw], raw[2])), raw[1], raw[2], raw[0]))
    assert tables.event_index == {iri: number for number, iri in enumerate(events)}
    assert tables.article_index == {raw: number for number, raw in enumerate(articles)}
    shown = [row[0] for row in tables.rows[0]]
    assert [row[2] for row in tables.rows[0]] == [tables.events[iri][1] for iri in events]
    assert any(len(day) == 5 for day in shown) and any(len(day) == 10 for day in shown) and "" in shown
