"""Where each node of a large network sits when its page opens: a seeded force layout in pure Python.

Above `kgraph.render.page.LARGE` nodes the browser's physics would crawl, so the positions are computed here, the
same on every machine with or without numpy.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from typing import Any

import networkx as nx

from kgraph.render.style import count_of

SEED = 20220526
NEAR = 48  # most neighbours a node is pushed by in the numpy-free layout


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
        (u, v, count_of(net.edges[u, v].get("weight")) or 1)
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
