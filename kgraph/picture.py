"""Stage 6, for reports: the network as a static PNG or SVG picture, drawn with matplotlib.

matplotlib is the optional extra `kgraph-news[pictures]`; without it, `write_picture` says how to install it.
The picture shows what the page shows when it opens: people sized by events and coloured by group of co-workers,
links as wide as the events they share, the same legend, and organisations and places when asked for. Positions
come from the page's own layout (`kgraph.render.compute_layout`).

Chinese names need a font with Chinese glyphs. `find_cjk_font` looks among the fonts matplotlib knows (the system's
included) for a known CJK family first, then for any font that has the glyphs, and fails with a clear message when
there is none. SVG text is written as paths, so the file looks the same on a machine without that font.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kgraph.errors import KgraphError
from kgraph.render import FALLBACK_STYLE, STYLES, assign_colours, compute_layout, count_of, edge_width, node_size

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["FORMATS", "draw_picture", "find_cjk_font", "write_picture"]

FORMATS = ("png", "svg")
# Families that cover simplified Chinese, most common first: Debian's and other Linux packages, macOS, Windows.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Microsoft YaHei",
    "SimHei",
    "Arial Unicode MS",
)
SAMPLE = "万玲玲区委书记荆州"  # a font must draw all of these
MISSING_MATPLOTLIB = "static pictures need matplotlib: pip install 'kgraph-news[pictures]'"
MISSING_FONT = (
    "no font with Chinese characters found for the picture; install one "
    "(Debian/Ubuntu: apt-get install fonts-wqy-microhei, or fonts-noto-cjk)"
)
MAX_LABELS = 120  # above this many people only the most active are named
EDGE_COLOUR = "#a0a4a8"


def find_cjk_font() -> Path:
    """The file of an installed font that draws Chinese: a known CJK family first, else any font that has the
    glyphs of `SAMPLE`. Raises `KgraphError` when there is none."""
    font_manager, ft2font = _import_matplotlib("font_manager", "ft2font")
    fonts = sorted(font_manager.fontManager.ttflist, key=lambda font: (font.name, font.fname))
    rank = {family.lower(): number for number, family in enumerate(CJK_FAMILIES)}
    known = sorted((font for font in fonts if font.name.lower() in rank), key=lambda font: rank[font.name.lower()])
    for font in [*known, *(font for font in fonts if font.name.lower() not in rank)]:
        try:
            charmap = ft2font.FT2Font(font.fname).get_charmap()
        except (OSError, RuntimeError, ValueError):
            continue
        if all(ord(char) in charmap for char in SAMPLE):
            return Path(font.fname)
    raise KgraphError(MISSING_FONT)


def draw_picture(
    net: nx.Graph, *, title: str = "", show_orgs: bool = False, show_places: bool = False, font: Path | None = None
) -> Figure:
    """A matplotlib figure of `net` (as `build_network` makes it), not yet written anywhere."""
    (figure_module, lines, font_manager, patches) = _import_matplotlib("figure", "lines", "font_manager", "patches")
    from matplotlib.collections import LineCollection

    prop = font_manager.FontProperties(fname=str(font or find_cjk_font()))
    shown = {"person", *(["organization"] if show_orgs else []), *(["place"] if show_places else [])}
    part = net.subgraph(node for node, kind in net.nodes(data="kind") if (kind or "person") in shown)
    colours, legends = assign_colours(net)
    positions = compute_layout(part)
    people = sorted((node for node, kind in part.nodes(data="kind") if kind == "person"), key=str)

    count = part.number_of_nodes()
    side = min(max(6.0, 1.6 * count**0.5), 28.0)
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    aspect = min(max((max(xs) - min(xs) + 1) / (max(ys) - min(ys) + 1), 0.6), 1.6)
    figure = figure_module.Figure(figsize=(side * aspect + 3.5, side), dpi=150, layout="constrained")
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_aspect("equal")

    ends = sorted((sorted((u, v), key=str) for u, v in part.edges), key=lambda end: (str(end[0]), str(end[1])))
    for dashed in (True, False):  # related-event and post links under the works-with ones
        chosen = [(u, v) for u, v in ends if (part.edges[u, v].get("kind", "works_with") != "works_with") == dashed]
        if chosen:
            axes.add_collection(
                LineCollection(
                    [(positions[u], positions[v]) for u, v in chosen],
                    linewidths=[0.4 + 0.6 * edge_width(part.edges[u, v]) for u, v in chosen],
                    colors=EDGE_COLOUR,
                    alpha=0.35 if dashed else 0.6,
                    linestyles="dashed" if dashed else "solid",
                    zorder=1,
                )
            )
    markers = {"dot": "o", "diamond": "D", "triangle": "^"}
    nodes = sorted(part.nodes, key=lambda node: (part.nodes[node].get("kind") == "person", str(node)))
    for node in nodes:
        data = part.nodes[node]
        kind = str(data.get("kind") or "person")
        shape = "dot" if kind == "person" else STYLES.get((kind, ""), FALLBACK_STYLE)[1]
        x, y = positions[node]
        axes.scatter(
            [x], [y], s=(node_size(data) * 0.9) ** 2, c=colours[node]["community"], marker=markers.get(shape, "o"),
            edgecolors="white", linewidths=0.6, zorder=2,
        )  # fmt: skip
    named = sorted(people, key=lambda node: (-count_of(part.nodes[node].get("events")), str(node)))[:MAX_LABELS]
    for node in named:
        x, y = positions[node]
        axes.annotate(
            str(part.nodes[node].get("label") or node), (x, y), xytext=(0, -(node_size(part.nodes[node]) * 0.45 + 7)),
            textcoords="offset points", ha="center", va="top", fontproperties=prop, fontsize=8, zorder=3,
        )  # fmt: skip
    margin = 60.0
    axes.set_xlim(min(xs) - margin, max(xs) + margin)
    axes.set_ylim(max(ys) + margin, min(ys) - margin)  # y grows downwards, as on the page

    handles: list[Any] = [
        lines.Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=item["colour"],
                     markeredgecolor="white", label=f"{item['text']} ({item['count']})")
        for item in legends["community"] if any(colours[node]["community"] == item["colour"] for node in people)
    ]  # fmt: skip
    for kind in ("organization", "place"):
        if kind in shown and any(k == kind for _, k in part.nodes(data="kind")):
            colour, shape, text = STYLES[kind, ""]
            handles.append(lines.Line2D([], [], marker=markers[shape], linestyle="", markersize=8,
                                        markerfacecolor=colour, markeredgecolor="white", label=text))  # fmt: skip
    handles.append(patches.Patch(color="none", label="圆点大小 = 活动次数，线宽 = 共同活动次数"))
    figure.legend(handles=handles, loc="outside right upper", prop=prop, frameon=False)
    links = sum(1 for _, _, kind in part.edges(data="kind") if kind == "works_with")
    heading = f"{title} · " if title else ""
    axes.set_title(f"{heading}{len(people)} 人 · {links} 条合作关系", fontproperties=prop, fontsize=12)
    return figure


def write_picture(
    net: nx.Graph,
    path: str | os.PathLike[str],
    *,
    title: str = "",
    show_orgs: bool = False,
    show_places: bool = False,
    fmt: str | None = None,
) -> None:
    """Write the picture of `net` to `path` as PNG or SVG (`fmt`, else the file's suffix)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise KgraphError(f"{path}: a picture is {' or '.join(FORMATS)}, not {fmt or 'a file without a suffix'}")
    (matplotlib,) = _import_matplotlib("")
    figure = draw_picture(net, title=title, show_orgs=show_orgs, show_places=show_places)
    metadata = {"Date": None, "Creator": "kgraph"} if fmt == "svg" else {"Software": "kgraph"}
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "kgraph"}):
        figure.savefig(path, format=fmt, metadata=metadata, facecolor="white")


def _import_matplotlib(*names: str) -> list[Any]:
    """matplotlib's submodules by name ("" for matplotlib itself), with the Agg backend; one line if missing."""
    import importlib

    try:
        matplotlib = importlib.import_module("matplotlib")
        matplotlib.use("Agg", force=False)
        return [importlib.import_module(f"matplotlib.{name}") if name else matplotlib for name in names]
    except ImportError as error:
        raise KgraphError(MISSING_MATPLOTLIB) from error
