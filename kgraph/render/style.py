"""How nodes and links look: colours by group, organisation or role, shapes, sizes, and the legends.

Shared by the HTML page (`kgraph.render.page`) and the static pictures (`kgraph.picture`), so both draw a person
the same way.
"""

from __future__ import annotations

import colorsys
import math
from collections import defaultdict
from typing import Any

import networkx as nx

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


def assign_colours(net: nx.Graph) -> tuple[dict[Any, dict[str, str]], dict[str, list[dict[str, Any]]]]:
    """Each node's colour in each scheme (community, organization, role), and each scheme's legend.

    The twelve largest groups of co-workers (or organisations) get a colour of the palette and a legend line; the
    other groups of three or more get colours of their own, so a large network is not mostly grey, and share the
    legend line "other" with the smaller groups, which are grey. Someone with no link (or no known organisation) is
    light grey. Organisations and places keep their colour.
    """
    colours, legends, _ = colour_schemes(net)
    return colours, legends


def colour_schemes(
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
        colour = STYLES.get(style_key(data), FALLBACK_STYLE)[0]
        colours[node] = dict.fromkeys(SCHEMES, colour)

    def rank_of(node: Any) -> tuple[int, str]:
        return (-count_of(net.nodes[node].get("events")), str(net.nodes[node].get("label") or node))

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
        counts[style_key(net.nodes[node])] += 1
    keys = sorted(counts, key=lambda key: list(STYLES).index(key) if key in STYLES else len(STYLES))
    legends["role"] = [_legend_item(*STYLES.get(key, FALLBACK_STYLE)[::2], counts[key]) for key in keys]
    for node in people:
        items[node]["role"] = keys.index(style_key(net.nodes[node]))
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


def style_key(data: dict[str, Any]) -> tuple[str, str]:
    kind = str(data.get("kind", "person"))
    return (kind, str(data.get("role") or "other")) if kind == "person" else (kind, "")


def node_size(data: dict[str, Any]) -> float:
    return round(min(10 + 5 * math.sqrt(count_of(data.get("events"))), 45), 1)


def edge_width(data: dict[str, Any]) -> float:
    return round(min(1 + 2 * math.log2(max(count_of(data.get("weight")), 1)), 12), 1)


def font_size(data: dict[str, Any]) -> int:
    """Label size by importance: the busiest names stay readable when the whole network is in view."""
    return round(min(14 + 4 * math.sqrt(count_of(data.get("events"))), 40))


def count_of(value: Any) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def split_list(value: Any) -> list[str]:
    return [part for part in str(value or "").split("、") if part]
