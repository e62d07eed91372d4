"""Stage 6: networkx graph -> one self-contained HTML page of who works with whom.

pyvis builds the vis-network node and edge data; the page itself comes from kgraph's own template
(`kgraph/templates/network.html`), because pyvis's template loads bootstrap and tom-select from CDNs whatever
`cdn_resources` says. The vis-network script and style that pyvis ships are inlined, so the page works offline
and from a file share. The same `net` always gives the same bytes: nodes and edges are sorted, the layout is seeded.
"""

from __future__ import annotations

import html
import json
import math
import os
import random
import re
import stat
import tempfile
from collections import defaultdict
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["render_html", "write_html"]

VIS_VERSION = "9.1.2"
LARGE = 300  # above this many nodes the layout is computed here and physics is off: the browser would crawl
SEED = 20220526
MAX_EVIDENCE_LINES = 12
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


def render_html(net: nx.Graph, *, title: str = "kgraph") -> str:
    """The page for `net` (as `build_network` makes it) as text: no file is touched.

    >>> import networkx as nx
    >>> net = nx.Graph()
    >>> net.add_node("urn:p1", label="万玲玲", kind="person", role="official", titles="区委书记", events=1)
    >>> page = render_html(net, title="荆州区")
    >>> "万玲玲" in page and "<title>荆州区</title>" in page and "https://cdn" not in page
    True
    """
    from jinja2 import Environment, StrictUndefined
    from markupsafe import Markup

    nodes, edges, options = _build_vis_data(net)
    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    template = env.from_string(_read_template())
    vis_js, vis_css = _read_vis_assets()
    kinds = sorted(
        {_style_key(data) for _, data in net.nodes(data=True)},
        key=lambda key: list(STYLES).index(key) if key in STYLES else len(STYLES),
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for _, data in net.nodes(data=True):
        counts[_style_key(data)] += 1
    legend = [
        {"colour": style[0], "shape": style[1], "text": style[2], "count": counts[key]}
        for key in kinds
        for style in [STYLES.get(key, FALLBACK_STYLE)]
    ]
    people = sum(1 for _, kind in net.nodes(data="kind") if kind == "person")
    links = sum(1 for _, _, kind in net.edges(data="kind") if kind == "works_with")
    return template.render(
        title=title,
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        data_json=Markup(_script_json({"nodes": nodes, "edges": edges, "options": options})),
        legend=legend,
        names=sorted({str(data.get("label") or node) for node, data in net.nodes(data=True)}),
        people=people,
        links=links,
        nodes=net.number_of_nodes(),
    )


def write_html(net: nx.Graph, path: str | os.PathLike[str], *, title: str = "kgraph") -> None:
    """Write `render_html(net)` to `path` as UTF-8, atomically: a reader never sees half a page."""
    text = render_html(net, title=title)
    path = Path(path)
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)  # mkstemp makes it private; a page is meant to be read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _build_vis_data(net: nx.Graph) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """Nodes, edges and options as vis-network takes them, made with pyvis."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    large = net.number_of_nodes() > LARGE
    positions = _layout(net) if large else {}
    vis = Network(height="100%", width="100%", cdn_resources="in_line")
    for node in sorted(net.nodes, key=str):
        data = net.nodes[node]
        colour, shape, _ = STYLES.get(_style_key(data), FALLBACK_STYLE)
        extra: dict[str, Any] = {}
        if node in positions:
            extra["x"], extra["y"] = positions[node]
        vis.add_node(
            str(node),
            label=str(data.get("label") or node),
            title=_node_tooltip(node, data),
            color=colour,
            shape=shape,
            size=_node_size(data),
            kind=str(data.get("kind", "")),
            role=str(data.get("role", "")),
            aliases=str(data.get("aliases", "")),
            **extra,
        )
    ends = sorted((sorted((u, v), key=str) for u, v in net.edges), key=lambda end: (str(end[0]), str(end[1])))
    for number, (u, v) in enumerate(ends):
        data = net.edges[u, v]
        kind = str(data.get("kind", "works_with"))
        # Edge directly, not add_edge: add_edge rescans every edge for duplicates (quadratic); these are unique.
        edge = Edge(
            str(u),
            str(v),
            id=f"e{number}",
            title=_edge_tooltip(net, u, v, data),
            width=_edge_width(data),
            dashes=kind != "works_with",
        )
        vis.edges.append(edge.options)
    vis.options = _options(large)
    nodes, edges, _, _, _, options = vis.get_network_data()
    return nodes, edges, json.loads(options)


def _options(large: bool) -> dict[str, Any]:
    """Physics for small graphs (it settles fast and lets people drag); fixed positions for large ones."""
    edges = {
        "color": {"color": "#a0a4a8", "highlight": "#333333", "hover": "#555555", "inherit": False},
        "smooth": {"enabled": not large, "type": "continuous"},
    }
    options: dict[str, Any] = {
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "sans-serif"}},
        "edges": edges,
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
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
    if evidence:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in evidence[:MAX_EVIDENCE_LINES])
        if len(evidence) > MAX_EVIDENCE_LINES:
            items += f"<li>…… 另 {len(evidence) - MAX_EVIDENCE_LINES} 项</li>"
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


def _layout(net: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Seeded positions in pixels: networkx's spring layout, or a pure-Python one where numpy is missing."""
    if net.number_of_nodes() == 0:
        return {}
    order = sorted(net.nodes, key=str)
    ordered = nx.Graph()
    ordered.add_nodes_from(order)
    ends = sorted((sorted((u, v), key=str) for u, v in net.edges), key=lambda end: (str(end[0]), str(end[1])))
    ordered.add_weighted_edges_from((u, v, _count(net.edges[u, v].get("weight")) or 1) for u, v in ends)
    try:
        raw = {node: (float(x), float(y)) for node, (x, y) in nx.spring_layout(ordered, seed=SEED).items()}
    except ImportError:  # spring_layout needs numpy (and scipy above 500 nodes); kgraph does not
        raw = _spring_layout(ordered, order, seed=SEED)
    return _scale(raw, 120 * math.sqrt(len(order)))


def _spring_layout(net: nx.Graph, order: list[Any], *, seed: int) -> dict[Any, tuple[float, float]]:
    """Without numpy: each connected part laid out on its own, then packed in rows, people on their own last."""
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
