"""Stage 6: networkx graph -> one self-contained HTML page of who works with whom.

pyvis builds the vis-network node and edge data; the page itself comes from kgraph's own template
(`kgraph/templates/network.html`), because pyvis's template loads bootstrap and tom-select from CDNs whatever
`cdn_resources` says. The vis-network script and style that pyvis ships are inlined, so the page works offline
and from a file share. The same `net` always gives the same bytes: nodes and edges are sorted, the layout is seeded
and computed in pure Python (the same with or without numpy).

People are coloured by group of co-workers (`community`), by organisation or by role, as the reader picks;
organisations and places are layers the reader switches on. Every name and headline reaches the page as escaped
text or as JSON data that the page's script puts in with `textContent`, never as markup.
"""

from __future__ import annotations

import html
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

__all__ = ["assign_colours", "compute_layout", "render_html", "write_html"]

VIS_VERSION = "9.1.2"
LARGE = 300  # above this many nodes the layout is computed here and physics is off: the browser would crawl
SEED = 20220526
MAX_EVIDENCE_LINES = 12
MAX_CONTEXT_LINES = 0  # events listed on a person's link to an organisation or place (counted, not listed: size)
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

    colours, legends = assign_colours(net)
    nodes, edges, options = _build_vis_data(net, colours)
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
    }
    return template.generate(
        title=title,
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        data_json=Markup(_script_json(page_data)),
        schemes=SCHEMES,
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

    The twelve largest groups of co-workers (or organisations) get a colour of their own, the rest share grey;
    someone with no link (or no known organisation) is light grey. Organisations and places keep their colour.
    """
    people = sorted((node for node, kind in net.nodes(data="kind") if kind == "person"), key=str)
    communities = {node: net.nodes[node]["community"] for node in people if "community" in net.nodes[node]}
    if len(communities) < len(people):
        from kgraph.network import detect_communities

        communities = detect_communities(net)
    colours: dict[Any, dict[str, str]] = {}
    for node, data in net.nodes(data=True):
        colour = STYLES.get(_style_key(data), FALLBACK_STYLE)[0]
        colours[node] = dict.fromkeys(SCHEMES, colour)

    def rank_of(node: Any) -> tuple[int, str]:
        return (-_count(net.nodes[node].get("events")), str(net.nodes[node].get("label") or node))

    legends: dict[str, list[dict[str, Any]]] = {}
    linked = {end for u, v, kind in net.edges(data="kind") if kind in (None, "works_with") for end in (u, v)}
    members: dict[Any, list[Any]] = defaultdict(list)
    for node in people:
        if node in linked:  # a person with a link belongs to a group, even when the page shows no other member
            members[communities.get(node, node)].append(node)
    groups = sorted(members.values(), key=lambda group: (-len(group), min(map(str, group))))
    legend = []
    for number, group in enumerate(groups):
        lead = net.nodes[min(group, key=rank_of)].get("label") or min(group, key=rank_of)
        colour = PALETTE[number] if number < len(PALETTE) else OTHER_GROUP
        for node in group:
            colours[node]["community"] = colour
        if number < len(PALETTE):
            legend.append(_legend_item(colour, f"群体 {number + 1} · {lead}等", len(group)))
    if rest := sum(len(group) for group in groups[len(PALETTE) :]):
        legend.append(_legend_item(OTHER_GROUP, "其他群体 other groups", rest))
    if alone := [node for node in people if node not in linked]:
        for node in alone:
            colours[node]["community"] = NO_GROUP
        legend.append(_legend_item(NO_GROUP, "无合作关系 no link", len(alone)))
    legends["community"] = legend

    by_org: dict[str, list[Any]] = defaultdict(list)
    for node in people:
        by_org[str(net.nodes[node].get("organization") or "")].append(node)
    named = sorted((name for name in by_org if name), key=lambda name: (-len(by_org[name]), name))
    legend = []
    for number, name in enumerate(named):
        colour = PALETTE[number] if number < len(PALETTE) else OTHER_GROUP
        for node in by_org[name]:
            colours[node]["organization"] = colour
        if number < len(PALETTE):
            legend.append(_legend_item(colour, name, len(by_org[name])))
    if rest := sum(len(by_org[name]) for name in named[len(PALETTE) :]):
        legend.append(_legend_item(OTHER_GROUP, "其他机构 other", rest))
    if by_org.get(""):
        for node in by_org[""]:
            colours[node]["organization"] = NO_GROUP
        legend.append(_legend_item(NO_GROUP, "机构不明 unknown", len(by_org[""])))
    legends["organization"] = legend

    counts: dict[tuple[str, str], int] = defaultdict(int)
    for node in people:
        counts[_style_key(net.nodes[node])] += 1
    keys = sorted(counts, key=lambda key: list(STYLES).index(key) if key in STYLES else len(STYLES))
    legends["role"] = [_legend_item(*STYLES.get(key, FALLBACK_STYLE)[::2], counts[key]) for key in keys]
    return colours, legends


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
    net: nx.Graph, colours: dict[Any, dict[str, str]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """Nodes, edges and options as vis-network takes them, made with pyvis."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    large = net.number_of_nodes() > LARGE
    positions = compute_layout(net) if large else {}
    vis = Network(height="100%", width="100%", cdn_resources="in_line")
    ids = _page_ids(net)
    for node in sorted(net.nodes, key=str):
        data = net.nodes[node]
        _, shape, _ = STYLES.get(_style_key(data), FALLBACK_STYLE)
        extra: dict[str, Any] = {}
        if node in positions:
            extra["x"], extra["y"] = positions[node]
        vis.add_node(
            ids[node],
            iri=str(node),
            label=str(data.get("label") or node),
            title=_node_tooltip(node, data),
            color=colours[node]["community"],
            colors=colours[node],
            shape=shape,
            size=_node_size(data),
            kind=str(data.get("kind", "")),
            role=str(data.get("role", "")),
            aliases=str(data.get("aliases", "")),
            organizations=_split(data.get("organizations")),
            organization=str(data.get("organization", "")),
            events=_count(data.get("events")),
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
            title=_edge_tooltip(net, u, v, data),
            width=_edge_width(data),
            dashes=kind != "works_with",
            kind=kind,
            weight=_count(data.get("weight")),
            reports=[line.split("\t") for line in str(data.get("reports", "")).split("\n") if line][
                : MAX_REPORTS if kind == "works_with" else MAX_CONTEXT_LINES
            ],
        )
        vis.edges.append(edge.options)
    vis.options = _options(large)
    nodes, edges, _, _, _, options = vis.get_network_data()
    return nodes, edges, json.loads(options)


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
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "sans-serif"}},
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


def _node_tooltip(node: Any, data: dict[str, Any]) -> str:
    """HTML for the hover box; every value is escaped, so a name is shown, never run."""
    kind = str(data.get("kind", "person"))
    what = ROLE_NAMES.get(str(data.get("role", "")), "人物") if kind == "person" else KIND_NAMES.get(kind, kind)
    lines = [_div(str(data.get("label") or node), "kg-tip-name"), _div(what, "kg-tip-kind")]
    if aliases := str(data.get("aliases", "")):
        lines.append(_div(f"别名：{aliases}"))
    if titles := str(data.get("titles", "")):
        lines.append(_div(f"职务：{titles}"))
    if organizations := str(data.get("organizations", "")):
        lines.append(_div(f"机构：{organizations}"))
    lines.append(_div(f"活动 {_count(data.get('events'))} 次 · 报道 {_count(data.get('articles'))} 篇"))
    return "".join(lines)


def _edge_tooltip(net: nx.Graph, u: str, v: str, data: dict[str, Any]) -> str:
    names = [str(net.nodes[end].get("label") or end) for end in (u, v)]
    kind = str(data.get("kind", "works_with"))
    weight = _count(data.get("weight"))
    lines = [_div(" — ".join(names), "kg-tip-name")]
    if kind == "works_with":
        lines.append(_div(f"共同活动 {weight} 次"))
    elif titles := str(data.get("titles", "")):
        lines.append(_div(f"任职：{titles}"))
    else:
        lines.append(_div(f"相关活动 {weight} 次"))
    evidence = [line for line in str(data.get("evidence", "")).split("\n") if line]
    most = MAX_EVIDENCE_LINES if kind == "works_with" else MAX_CONTEXT_LINES
    if evidence and most:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in evidence[:most])
        if len(evidence) > most:
            items += f"<li>…… 另 {len(evidence) - most} 项</li>"
        lines.append(f"<ul>{items}</ul>")
    articles = str(data.get("articles", "")).split()
    if articles:
        lines.append(_div(f"报道 {len(articles)} 篇"))
    return "".join(lines)


def _div(text: str, css_class: str = "") -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<div{attribute}>{html.escape(text)}</div>"


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
