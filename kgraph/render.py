"""Stage 6: networkx graph -> one self-contained HTML page of who works with whom.

pyvis builds the vis-network node and edge data; the page itself comes from kgraph's own template
(`kgraph/templates/network.html`), because pyvis's template loads bootstrap and tom-select from CDNs whatever
`cdn_resources` says. The vis-network script and style that pyvis ships are inlined, so the page works offline
and from a file share. The same `net` always gives the same bytes: nodes and edges are sorted, the layout is seeded
and computed in pure Python (the same with or without numpy).

People are coloured by group of co-workers (`community`), by organisation or by role, as the reader picks;
organisations and places are layers the reader switches on. Every name and headline reaches the page as JSON data
that the page's script puts in with `textContent`, never as markup: tooltips too are lines of text, drawn by the
page for the item under the pointer (vis-network's own tooltip is not used). Events and articles are listed once,
with dates written one way and in time order, and links point into those lists; pinyin for search is computed
here, so the page needs nothing but itself.
"""

from __future__ import annotations

import colorsys
import json
import math
import os
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.files import write_atomic_chunks

__all__ = ["assign_colours", "compute_layout", "parse_date", "pinyin_keys", "render_html", "write_html"]

VIS_VERSION = "9.1.2"
LARGE = 300  # above this many nodes the layout is computed here and physics is off: the browser would crawl
SEED = 20220526
MAX_CONTEXT_REPORTS = 50  # articles listed on a person's link to an organisation or place
LABEL_THRESHOLD = 8  # pixels: a label drawn smaller than this is left out
LABEL_LARGEST = 26  # pixels: a label is never drawn larger, however far one zooms in
LEADS = ((15, 15), (50, 10))  # the 15 busiest people named in 15-pixel letters when a large network opens, 50 in 10
NEAR = 48  # most neighbours a node is pushed by in the numpy-free layout

# (kind, role) -> colour, shape, legend text. People by role, then the context nodes.
STYLES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("person", "official"): ("#d1495b", "dot", "官员 official"),
    ("person", "other"): ("#edae49", "dot", "其他人物 other"),
    ("person", "reporter"): ("#00798c", "dot", "通讯员/记者 reporter"),
    ("person", "photographer"): ("#66a182", "dot", "摄影 photographer"),
    ("organization", ""): ("#30638e", "diamond", "机构 organization"),
    ("place", ""): ("#8d6a9f", "triangle", "地点 place"),
}
FALLBACK_STYLE = ("#9e9e9e", "dot", "其他 other")
ROLE_NAMES = {"official": "官员", "reporter": "通讯员/记者", "photographer": "摄影", "other": "其他人物"}
KIND_NAMES = {"organization": "机构", "place": "地点"}
# Colours of groups (communities, organisations): Tableau's 10 and two more, distinct on screen and in print.
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6", "#8cd17d", "#d37295",
)  # fmt: skip
OTHER_GROUP = "#a5a5a5"
CONTEXT_EDGE = {"color": "#b4c3d8", "highlight": "#4a6a94", "hover": "#4a6a94", "inherit": False}
NO_GROUP = "#d6d6d6"
SCHEMES = {"community": "合作群体 groups", "organization": "机构 organisation", "role": "角色 role"}
MAX_REPORTS = 200  # articles behind one link shipped to the page (the weight still counts them all)


def render_html(net: nx.Graph, *, title: str = "kgraph", show_orgs: bool = False, show_places: bool = False) -> str:
    """The page for `net` (as `build_network` makes it) as text: no file is touched.

    Organisation and place nodes in `net` are layers the reader switches on; `show_orgs` and `show_places` switch
    them on when the page opens.

    >>> import networkx as nx
    >>> net = nx.Graph()
    >>> net.add_node("urn:p1", label="万玲玲", kind="person", role="official", titles="区委书记", events=1)
    >>> page = render_html(net, title="荆州区")
    >>> "万玲玲" in page and "<title>荆州区</title>" in page and "https://cdn" not in page
    True
    """
    return "".join(_page(net, title=title, show_orgs=show_orgs, show_places=show_places))


def _page(net: nx.Graph, *, title: str, show_orgs: bool, show_places: bool) -> Iterator[str]:
    """The page in pieces, as the template makes them: a large network's page is never one more string."""
    from jinja2 import Environment, StrictUndefined
    from markupsafe import Markup

    colours, legends, items = _colour_schemes(net)
    nodes, edges, options, tables = _build_vis_data(net, colours, items)
    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    template = env.from_string(_read_template())
    vis_js, vis_css = _read_vis_assets()
    people = [data for _, data in net.nodes(data=True) if data.get("kind") == "person"]
    links = sum(1 for _, _, kind in net.edges(data="kind") if kind == "works_with")
    shown = {"organization": show_orgs, "place": show_places}
    layers = [
        {"kind": kind, "colour": style[0], "shape": style[1], "text": style[2], "count": count, "shown": shown[kind]}
        for kind in ("organization", "place")
        if (count := sum(1 for _, k in net.nodes(data="kind") if k == kind))
        for style in [STYLES[kind, ""]]
    ]
    organisations: dict[str, int] = defaultdict(int)
    roles: dict[str, int] = defaultdict(int)
    for data in people:
        for name in {*_split(data.get("organizations")), *_split(data.get("organization"))}:
            organisations[name] += 1
        roles[str(data.get("role") or "other")] += 1
    focus = str(net.graph.get("focus", ""))
    page_data = {
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "focus": _page_ids(net)[focus] if focus in net else "",
        "layers": {layer["kind"]: layer["shown"] for layer in layers},
        "contextEdge": CONTEXT_EDGE,
        **tables,
    }
    return template.generate(
        title=title,
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        data_json=Markup(_script_json(page_data)),
        schemes=SCHEMES,
        months=tables["months"],
        legends=legends,
        layers=layers,
        organisations=sorted(organisations.items(), key=lambda item: (-item[1], item[0])),
        roles=[
            (role, ROLE_NAMES.get(role, role), roles[role])
            for role in (*ROLE_NAMES, *sorted(set(roles) - set(ROLE_NAMES)))
            if roles[role]
        ],
        names=sorted({str(data.get("label") or node) for node, data in net.nodes(data=True)}),
        people=len(people),
        links=links,
        nodes=net.number_of_nodes(),
        left_out=_left_out_note(net, len(people)),
        selection=_selection_note(net),
        min_weight=max(_count(net.graph.get("min_weight")), 1),
    )


def assign_colours(net: nx.Graph) -> tuple[dict[Any, dict[str, str]], dict[str, list[dict[str, Any]]]]:
    """Each node's colour in each scheme (community, organization, role), and each scheme's legend.

    The twelve largest groups of co-workers (or organisations) get a colour of the palette and a legend line; the
    other groups of three or more get colours of their own, so a large network is not mostly grey, and share the
    legend line "other" with the smaller groups, which are grey. Someone with no link (or no known organisation) is
    light grey. Organisations and places keep their colour.
    """
    colours, legends, _ = _colour_schemes(net)
    return colours, legends


def _colour_schemes(
    net: nx.Graph,
) -> tuple[dict[Any, dict[str, str]], dict[str, list[dict[str, Any]]], dict[Any, dict[str, int]]]:
    """`assign_colours`, and for each person the legend line it counts under in each scheme."""
    people = sorted((node for node, kind in net.nodes(data="kind") if kind == "person"), key=str)
    communities = {node: net.nodes[node]["community"] for node in people if "community" in net.nodes[node]}
    if len(communities) < len(people):
        from kgraph.network import detect_communities

        communities = detect_communities(net)
    colours: dict[Any, dict[str, str]] = {}
    items: dict[Any, dict[str, int]] = {node: {} for node in people}
    for node, data in net.nodes(data=True):
        colour = STYLES.get(_style_key(data), FALLBACK_STYLE)[0]
        colours[node] = dict.fromkeys(SCHEMES, colour)

    def rank_of(node: Any) -> tuple[int, str]:
        return (-_count(net.nodes[node].get("events")), str(net.nodes[node].get("label") or node))

    def colour_groups(scheme: str, groups: list[list[Any]], names: list[str]) -> list[dict[str, Any]]:
        legend = []
        for number, (group, name) in enumerate(zip(groups, names, strict=True)):
            colour = _group_colour(number, len(group))
            for node in group:
                colours[node][scheme] = colour
                items[node][scheme] = min(number, len(PALETTE))
            if number < len(PALETTE):
                legend.append(_legend_item(colour, name, len(group)))
        if rest := sum(len(group) for group in groups[len(PALETTE) :]):
            legend.append(_legend_item(OTHER_GROUP, "其他群体 other groups" if scheme == "community" else
                                       "其他机构 other", rest))  # fmt: skip
        return legend

    linked = {end for u, v, kind in net.edges(data="kind") if kind in (None, "works_with") for end in (u, v)}
    members: dict[Any, list[Any]] = defaultdict(list)
    for node in people:
        if node in linked:  # a person with a link belongs to a group, even when the page shows no other member
            members[communities.get(node, node)].append(node)
    groups = sorted(members.values(), key=lambda group: (-len(group), min(map(str, group))))
    leads = [str(net.nodes[min(group, key=rank_of)].get("label") or min(group, key=rank_of)) for group in groups]
    legend = colour_groups("community", groups, [f"群体 {n + 1} · {lead}等" for n, lead in enumerate(leads)])
    if alone := [node for node in people if node not in linked]:
        for node in alone:
            colours[node]["community"] = NO_GROUP
            items[node]["community"] = len(legend)
        legend.append(_legend_item(NO_GROUP, "无合作关系 no link", len(alone)))
    legends: dict[str, list[dict[str, Any]]] = {"community": legend}

    by_org: dict[str, list[Any]] = defaultdict(list)
    for node in people:
        by_org[str(net.nodes[node].get("organization") or "")].append(node)
    named = sorted((name for name in by_org if name), key=lambda name: (-len(by_org[name]), name))
    legend = colour_groups("organization", [by_org[name] for name in named], named)
    if by_org.get(""):
        for node in by_org[""]:
            colours[node]["organization"] = NO_GROUP
            items[node]["organization"] = len(legend)
        legend.append(_legend_item(NO_GROUP, "机构不明 unknown", len(by_org[""])))
    legends["organization"] = legend

    counts: dict[tuple[str, str], int] = defaultdict(int)
    for node in people:
        counts[_style_key(net.nodes[node])] += 1
    keys = sorted(counts, key=lambda key: list(STYLES).index(key) if key in STYLES else len(STYLES))
    legends["role"] = [_legend_item(*STYLES.get(key, FALLBACK_STYLE)[::2], counts[key]) for key in keys]
    for node in people:
        items[node]["role"] = keys.index(_style_key(net.nodes[node]))
    return colours, legends, items


def _group_colour(number: int, size: int) -> str:
    """The palette for the first groups; then a colour of its own for a group of three or more (hues a golden
    angle apart, muted so the palette's colours stand out), and grey for the rest."""
    if number < len(PALETTE):
        return PALETTE[number]
    if size < 3:
        return OTHER_GROUP
    hue = (number * 137.508) % 360
    saturation = 0.35 + 0.2 * (number % 3) / 2
    lightness = 0.55 + 0.1 * (number % 2)
    red, green, blue = colorsys.hls_to_rgb(hue / 360, lightness, saturation)
    return "#{:02x}{:02x}{:02x}".format(*(round(channel * 255) for channel in (red, green, blue)))


def _legend_item(colour: str, text: str, count: int) -> dict[str, Any]:
    return {"colour": colour, "shape": "dot", "text": text, "count": count}


def _split(value: Any) -> list[str]:
    return [part for part in str(value or "").split("、") if part]


def _left_out_note(net: nx.Graph, people: int) -> str:
    """Why the page has fewer people than the graph file: the numbers `build_network` recorded."""
    total = _count(net.graph.get("people_in_graph"))
    if total <= people or "focus" in net.graph or _count(net.graph.get("min_weight")) > 1:
        return f"图谱共 {total} 人" if total > people else ""
    parts = []
    if bylines := _count(net.graph.get("left_out_bylines")):
        parts.append(f"只署名的通讯员、记者和摄影 {bylines} 人")
    if mentioned := _count(net.graph.get("left_out_mentioned")):
        parts.append(f"仅被提及 {mentioned} 人")
    return f"图谱共 {total} 人，未画出：" + "、".join(parts) if parts else f"图谱共 {total} 人"


def _selection_note(net: nx.Graph) -> str:
    parts = []
    if (focus := net.graph.get("focus")) in net:
        depth = _count(net.graph.get("depth"))
        parts.append(f"以 {net.nodes[focus].get('label') or focus} 为中心，{depth} 度以内")
    if (weight := _count(net.graph.get("min_weight"))) > 1:
        parts.append(f"共同活动至少 {weight} 次")
    return "；".join(parts)


def write_html(
    net: nx.Graph,
    path: str | os.PathLike[str],
    *,
    title: str = "kgraph",
    show_orgs: bool = False,
    show_places: bool = False,
) -> None:
    """Write `render_html(net)` to `path` as UTF-8, atomically: a reader never sees half a page."""
    write_atomic_chunks(Path(path), _page(net, title=title, show_orgs=show_orgs, show_places=show_places))


def _build_vis_data(
    net: nx.Graph, colours: dict[Any, dict[str, str]], items: dict[Any, dict[str, int]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any], dict[str, Any]]:
    """Nodes, edges and options as vis-network takes them, made with pyvis, and the tables they point into.

    No node or edge carries a vis `title`: the page draws its own tooltip from `tip` (lines of text) for the item
    the pointer is on, so a tooltip is never markup and never another item's. Events and articles are listed once,
    in date order, and links name them by number: the panel, the timeline and the date filter read the same table.
    """
    from pyvis.edge import Edge
    from pyvis.network import Network

    large = net.number_of_nodes() > LARGE
    positions = compute_layout(net) if large else {}
    vis = Network(height="100%", width="100%", cdn_resources="in_line")
    ids = _page_ids(net)
    tables = _Tables.of(net)
    fonts = _lead_fonts(net, positions)
    for node in sorted(net.nodes, key=str):
        data = net.nodes[node]
        _, shape, _ = STYLES.get(_style_key(data), FALLBACK_STYLE)
        extra: dict[str, Any] = {}
        if node in positions:
            extra["x"], extra["y"] = positions[node]
        label = str(data.get("label") or node)
        aliases = str(data.get("aliases", ""))
        full, initials = pinyin_keys(label, *_split(aliases))
        vis.add_node(
            ids[node],
            iri=str(node),
            label=label,
            tip=_node_tip(node, data),
            color=colours[node]["community"],
            colors=colours[node],
            lg=items.get(node, {}),
            shape=shape,
            size=_node_size(data),
            font={"size": fonts.get(node, _font_size(data))},
            kind=str(data.get("kind", "")),
            role=str(data.get("role", "")),
            aliases=aliases,
            titles=_split(data.get("titles")),
            organizations=_split(data.get("organizations")),
            organization=str(data.get("organization", "")),
            events=_count(data.get("events")),
            py=full,
            pi=initials,
            **extra,
        )
    ends = sorted((sorted((u, v), key=str) for u, v in net.edges), key=lambda end: (str(end[0]), str(end[1])))
    for number, (u, v) in enumerate(ends):
        data = net.edges[u, v]
        kind = str(data.get("kind", "works_with"))
        # Edge directly, not add_edge: add_edge rescans every edge for duplicates (quadratic); these are unique.
        edge = Edge(
            ids[u],
            ids[v],
            id=f"e{number}",
            width=_edge_width(data),
            # Dashed lines cost a canvas ten times as much: a large network draws its tens of thousands of links
            # to organisations and places solid, in their own light colour (`contextEdge`, set by the page).
            dashes=kind != "works_with" and not large,
            kind=kind,
            weight=_count(data.get("weight")),
            titles=str(data.get("titles", "")),
            ev=tables.events_of(data),
            ar=tables.articles_of(data)[: MAX_REPORTS if kind == "works_with" else MAX_CONTEXT_REPORTS],
            na=len(str(data.get("articles", "")).split()),
        )
        vis.edges.append(edge.options)
    vis.options = _options(large)
    nodes, edges, _, _, _, options = vis.get_network_data()
    return nodes, edges, json.loads(options), tables.page_data()


def _page_ids(net: nx.Graph) -> dict[Any, str]:
    """Short node ids for the page (`n0`, `n1`, … in IRI order): links name their ends thousands of times."""
    return {node: f"n{number}" for number, node in enumerate(sorted(net.nodes, key=str))}


def _options(large: bool) -> dict[str, Any]:
    """Physics for small graphs (it settles fast and lets people drag); fixed positions for large ones."""
    edges = {
        "color": {"color": "#a0a4a8", "highlight": "#333333", "hover": "#555555", "inherit": False},
        "smooth": {"enabled": not large, "type": "continuous"},
    }
    options: dict[str, Any] = {
        # Labels by importance (each node's font size), hidden when smaller than 8 pixels on screen.
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": "sans-serif"},
            "scaling": {"label": {"drawThreshold": LABEL_THRESHOLD, "maxVisible": LABEL_LARGEST}},
        },
        "edges": edges,
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        "layout": {"randomSeed": SEED, "improvedLayout": not large},
    }
    if large:
        options["physics"] = {"enabled": False}
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "centralGravity": 0.3,
                "springLength": 140,
                "springConstant": 0.03,
                "damping": 0.35,
                "avoidOverlap": 0.3,
            },
            "stabilization": {"enabled": True, "iterations": 400, "fit": True},
        }
    return options


def _style_key(data: dict[str, Any]) -> tuple[str, str]:
    kind = str(data.get("kind", "person"))
    return (kind, str(data.get("role") or "other")) if kind == "person" else (kind, "")


def _node_size(data: dict[str, Any]) -> float:
    return round(min(10 + 5 * math.sqrt(_count(data.get("events"))), 45), 1)


def _edge_width(data: dict[str, Any]) -> float:
    return round(min(1 + 2 * math.log2(max(_count(data.get("weight")), 1)), 12), 1)


def _count(value: Any) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def _node_tip(node: Any, data: dict[str, Any]) -> list[list[str]]:
    """Lines of the hover box as [class, text]: the page puts each in with `textContent`, so a name is never run."""
    kind = str(data.get("kind", "person"))
    what = ROLE_NAMES.get(str(data.get("role", "")), "人物") if kind == "person" else KIND_NAMES.get(kind, kind)
    lines = [["kg-tip-name", str(data.get("label") or node)], ["kg-tip-kind", what]]
    if aliases := str(data.get("aliases", "")):
        lines.append(["", f"别名：{aliases}"])
    if titles := str(data.get("titles", "")):
        lines.append(["", f"职务：{titles}"])
    if organizations := str(data.get("organizations", "")):
        lines.append(["", f"机构：{organizations}"])
    lines.append(["", f"活动 {_count(data.get('events'))} 次 · 报道 {_count(data.get('articles'))} 篇"])
    return lines


def _lead_fonts(net: nx.Graph, positions: dict[Any, tuple[float, float]]) -> dict[Any, int]:
    """Letters large enough that the busiest people of a large network are named when it opens, fitted to an
    800-pixel view; the others are named as one zooms in (vis draws no label under `LABEL_THRESHOLD` pixels and
    none over `LABEL_LARGEST`)."""
    if not positions:
        return {}
    span = max(max(abs(x), abs(y)) for x, y in positions.values()) * 2 or 1.0
    scale = 800 / span  # about the zoom at which the page opens
    people = sorted((node for node, kind in net.nodes(data="kind") if kind == "person"),
                    key=lambda node: (-_count(net.nodes[node].get("events")), str(node)))  # fmt: skip
    fonts: dict[Any, int] = {}
    start = 0
    for end, pixels in LEADS:
        for node in people[start:end]:
            fonts[node] = max(_font_size(net.nodes[node]), round(pixels / scale))
        start = end
    return fonts


def _font_size(data: dict[str, Any]) -> int:
    """Label size by importance: the busiest names stay readable when the whole network is in view."""
    return round(min(14 + 4 * math.sqrt(_count(data.get("events"))), 40))


def pinyin_keys(*names: str) -> tuple[str, str]:
    """Toneless pinyin of each name and its initials, names apart by spaces: found by `zhou` and by `zyd`.

    >>> pinyin_keys("周远栋", "周远东")
    ('zhouyuandong zhouyuandong', 'zyd zyd')
    """
    from pypinyin import Style, lazy_pinyin

    full, initials = [], []
    for name in names:
        syllables = [
            part.lower()
            for part in lazy_pinyin(name, style=Style.NORMAL, errors=lambda text: re.findall(r"[A-Za-z0-9]+", text))
            if part.strip()
        ]
        syllables = [part for part in syllables if re.fullmatch(r"[a-z0-9]+", part)]
        if syllables:
            full.append("".join(syllables))
            initials.append("".join(part[0] for part in syllables))
    return " ".join(full), " ".join(initials)


_DATE = re.compile(r"^(?:(\d{4})\s*[-./年]\s*)?(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")


def parse_date(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a date as the graph prints it (`2022-05-23`, `05-23`, `5月23日`), else None.

    >>> parse_date("2022-05-23"), parse_date("08-26"), parse_date("")
    ((2022, 5, 23), (None, 8, 26), None)
    """
    match = _DATE.match(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return (int(year) if year else None, int(month), int(day))


class _Tables:
    """Every event and article behind the page's links, once each, in date order with the undated last.

    Dates are written one way, `YYYY-MM-DD`. A date printed without a year takes the year the other articles of
    its page print, else the year of articles of the same day, else the network's one year when all its dates
    share one; if none of these tells, it stays `MM-DD` and sorts after the dated ones.
    """

    def __init__(self) -> None:
        self.events: dict[str, tuple[tuple[int | None, int, int] | None, str]] = {}
        self.articles: dict[tuple[str, str, str], tuple[int | None, int, int] | None] = {}
        self.event_index: dict[str, int] = {}
        self.article_index: dict[tuple[str, str, str], int] = {}
        self.rows: tuple[list[list[Any]], list[list[Any]], list[str]] = ([], [], [])

    @classmethod
    def of(cls, net: nx.Graph) -> _Tables:
        tables = cls()
        for _, _, data in sorted(net.edges(data=True), key=lambda edge: (str(edge[0]), str(edge[1]))):
            lines = [line for line in str(data.get("evidence", "")).split("\n") if line]
            for iri, line in zip(str(data.get("events", "")).split(), lines, strict=False):
                head, _, rest = line.partition(" ")
                date = parse_date(head)
                tables.events.setdefault(iri, (date, rest if date else line))
            for line in str(data.get("reports", "")).split("\n"):
                if line:
                    date, headline, source = (line.split("\t") + ["", "", ""])[:3]
                    tables.articles.setdefault((date, headline, source), parse_date(date))
        tables._order()
        return tables

    def _order(self) -> None:
        by_source: dict[str, set[int]] = defaultdict(set)
        by_day: dict[tuple[int, int], set[int]] = defaultdict(set)
        for (_, _, source), date in self.articles.items():
            if date and date[0]:
                by_source[source].add(date[0])
        for date in [*self.articles.values(), *(date for date, _ in self.events.values())]:
            if date and date[0]:
                by_day[date[1], date[2]].add(date[0])
        years = {year for found in by_day.values() for year in found}

        def full(date: tuple[int | None, int, int] | None, source: str = "") -> tuple[int | None, int, int] | None:
            if date is None or date[0] is not None:
                return date
            for found in (by_source.get(source, set()), by_day.get(date[1:], set()), years):
                if len(found) == 1:
                    return (next(iter(found)), date[1], date[2])
            return date

        def key(date: tuple[int | None, int, int] | None) -> tuple[int, int, int, int]:
            if date is None:
                return (2, 0, 0, 0)
            return (0 if date[0] else 1, date[0] or 0, date[1], date[2])

        events = sorted(((full(date), text, iri) for iri, (date, text) in self.events.items()),
                        key=lambda item: (key(item[0]), item[1], item[2]))  # fmt: skip
        articles = sorted(((full(date, raw[2]), raw) for raw, date in self.articles.items()),
                          key=lambda item: (key(item[0]), item[1][1], item[1][2], item[1][0]))  # fmt: skip
        months = sorted({f"{d[0]:04d}-{d[1]:02d}" for d, *_ in (*events, *articles) if d and d[0]})
        month_index = {month: number for number, month in enumerate(months)}

        def shown(date: tuple[int | None, int, int] | None) -> tuple[str, int]:
            if date is None:
                return "", -1
            if date[0] is None:
                return f"{date[1]:02d}-{date[2]:02d}", -1
            return f"{date[0]:04d}-{date[1]:02d}-{date[2]:02d}", month_index[f"{date[0]:04d}-{date[1]:02d}"]

        self.event_index = {iri: number for number, (_, _, iri) in enumerate(events)}
        self.article_index = {raw: number for number, (_, raw) in enumerate(articles)}
        self.rows = (
            [[*shown(date), text] for date, text, _ in events],
            [[*shown(date), raw[1], raw[2]] for date, raw in articles],
            months,
        )

    def events_of(self, data: dict[str, Any]) -> list[int]:
        events = set(str(data.get("events", "")).split())
        return sorted(self.event_index[iri] for iri in events if iri in self.event_index)

    def articles_of(self, data: dict[str, Any]) -> list[int]:
        found = set()
        for line in str(data.get("reports", "")).split("\n"):
            if line:
                date, headline, source = (line.split("\t") + ["", "", ""])[:3]
                found.add(self.article_index[date, headline, source])
        return sorted(found)

    def page_data(self) -> dict[str, Any]:
        """`events` as [date, month, text], `articles` as [date, month, headline, source], and the `months`
        (`YYYY-MM`) that occur; a month of -1 is an unknown one."""
        events, articles, months = self.rows
        return {"events": events, "articles": articles, "months": months}


def _script_json(value: Any) -> str:
    """JSON that is safe inside <script>: no `</script>` or `<!--` can close or bend the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


@lru_cache(maxsize=1)
def _read_template() -> str:
    return files("kgraph").joinpath("templates/network.html").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _read_vis_assets() -> tuple[str, str]:
    """vis-network's script and style as the installed pyvis ships them, checked safe to inline."""
    lib = files("pyvis").joinpath(f"templates/lib/vis-{VIS_VERSION}")
    js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    if re.search(r"</script", js, re.IGNORECASE) or re.search(r"</style", css, re.IGNORECASE):
        raise RuntimeError(f"pyvis's vis-network {VIS_VERSION} cannot be inlined: it closes its own element")
    return js, css


def compute_layout(net: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Seeded positions in pixels, about 120 a person a side: a force layout in pure Python (no numpy needed).

    People are laid out by their works-with links alone, so the layout is the one the page opens with; each
    organisation or place then sits among the people it is linked to. Every machine gets the same positions,
    whether or not numpy is installed.
    """
    if net.number_of_nodes() == 0:
        return {}
    order = sorted(net.nodes, key=str)
    people = [node for node in order if (net.nodes[node].get("kind") or "person") == "person"] or order
    ordered = nx.Graph()
    ordered.add_nodes_from(people)
    ends = sorted((sorted((u, v), key=str) for u, v in net.edges), key=lambda end: (str(end[0]), str(end[1])))
    ordered.add_weighted_edges_from(
        (u, v, _count(net.edges[u, v].get("weight")) or 1)
        for u, v in ends
        if u in ordered and v in ordered and net.edges[u, v].get("kind", "works_with") == "works_with"
    )
    raw = _spring_layout(ordered, people, seed=SEED)
    rng = random.Random(SEED)
    centre = (sum(x for x, _ in raw.values()) / len(raw), sum(y for _, y in raw.values()) / len(raw))
    for node in order:
        if node not in raw:
            linked = [raw[other] for other in sorted(net.neighbors(node), key=str) if other in ordered]
            x, y = (
                (sum(p[0] for p in linked) / len(linked), sum(p[1] for p in linked) / len(linked)) if linked else centre
            )
            raw[node] = (x + rng.uniform(-0.5, 0.5), y + rng.uniform(-0.5, 0.5))
    return _scale({node: raw[node] for node in order}, 120 * math.sqrt(len(people)))


def _spring_layout(net: nx.Graph, order: list[Any], *, seed: int) -> dict[Any, tuple[float, float]]:
    """Each connected part laid out on its own, then packed in rows, people on their own last."""
    rng = random.Random(seed)
    parts = sorted((sorted(part, key=str) for part in nx.connected_components(net)), key=lambda p: (-len(p), str(p[0])))
    blocks: list[tuple[float, dict[Any, complex]]] = []  # (side, positions in [0, side]²), a side of ~1 a node
    for part in parts:
        if len(part) > 1:
            side = math.sqrt(len(part)) * 1.2
            placed = _force_layout(net.subgraph(part), part, rng)
            blocks.append((side, {node: p * side for node, p in placed.items()}))
    singles = [part[0] for part in parts if len(part) == 1]
    if singles:
        columns = math.ceil(math.sqrt(len(singles)))
        grid = {node: complex(i % columns, i // columns) for i, node in enumerate(singles)}
        blocks.append((float(columns), grid))

    row_width = max(max(side for side, _ in blocks), math.sqrt(sum(side * side for side, _ in blocks)))
    positions: dict[Any, complex] = {}
    x = y = row_height = 0.0
    for side, placed in blocks:
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height + 1, 0.0
        positions.update((node, p + complex(x, y)) for node, p in placed.items())
        x += side + 1
        row_height = max(row_height, side)
    return {node: (positions[node].real, positions[node].imag) for node in order}


def _force_layout(net: nx.Graph, order: list[Any], rng: random.Random, iterations: int = 50) -> dict[Any, complex]:
    """Fruchterman-Reingold in the unit square, in bounded time without numpy.

    Repulsion comes exactly from the nearest nodes (a grid of about four nodes a cell, at most `NEAR` of them) and
    roughly from the mass of a coarse 4x4 grid; the layout is stretched back to the unit square after every step.
    """
    count = len(order)
    index = {node: i for i, node in enumerate(order)}
    pos = [complex(rng.random(), rng.random()) for _ in order]
    links = [(index[u], index[v], float(w)) for u, v, w in net.edges(data="weight", default=1)]
    k = 1 / math.sqrt(count)
    k2 = k * k
    side = max(1, int(math.sqrt(count / 4)))  # fine grid cells a side
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        moves = [0j] * count
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        coarse: dict[tuple[int, int], list[complex]] = defaultdict(list)
        shift = rng.random() / 4  # a coarse grid that moves every step leaves no seams along its lines
        for i, p in enumerate(pos):
            grid[min(int(p.real * side), side - 1), min(int(p.imag * side), side - 1)].append(i)
            coarse[int((p.real + shift) * 4), int((p.imag + shift) * 4)].append(p)
        masses = [(sum(points) / len(points), len(points)) for points in coarse.values()]
        for (cx, cy), members in grid.items():
            near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in grid.get((cx + dx, cy + dy), ())][:NEAR]
            for i in members:
                p = pos[i]
                push = 0j
                for j in near:
                    delta = p - pos[j]
                    d2 = delta.real * delta.real + delta.imag * delta.imag
                    if d2 > 0:
                        push += delta / d2
                    elif i != j:  # two nodes on one spot: part them in a fixed direction
                        push += complex(1 if i < j else -1, 0) / k
                for centre, mass in masses:
                    delta = p - centre
                    d2 = delta.real * delta.real + delta.imag * delta.imag
                    if d2 > k2:
                        push += delta * (mass / d2)
                moves[i] += push * k2
        for i, j, weight in links:
            delta = pos[i] - pos[j]
            pull = delta * abs(delta) / k * weight
            moves[i] -= pull
            moves[j] += pull
        for i, move in enumerate(moves):
            length = abs(move)
            if length > 0:
                pos[i] += move * (min(length, temperature) / length)
        temperature -= cooling
        left = min(p.real for p in pos)
        bottom = min(p.imag for p in pos)
        span = max(max(p.real for p in pos) - left, max(p.imag for p in pos) - bottom) or 1.0
        pos = [complex((p.real - left) / span, (p.imag - bottom) / span) for p in pos]
    return {node: pos[i] for node, i in index.items()}


def _scale(raw: dict[Any, tuple[float, float]], size: float) -> dict[Any, tuple[float, float]]:
    """Fit into a square of `size` pixels centred on 0, rounded so the page text is stable."""
    left = min(x for x, _ in raw.values())
    top = min(y for _, y in raw.values())
    span = max(max(x for x, _ in raw.values()) - left, max(y for _, y in raw.values()) - top) or 1.0
    return {
        node: (round((x - left) / span * size - size / 2, 1), round((y - top) / span * size - size / 2, 1))
        for node, (x, y) in raw.items()
    }
