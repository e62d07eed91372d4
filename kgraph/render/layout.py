"""Where each node of a large network sits when its page opens: a seeded force layout.

Above `kgraph.render.page.LARGE` nodes the browser's physics would crawl, so the positions are computed here, the
same on every machine: a large connected part is stepped on numpy arrays, with exactly the arithmetic of the
Python loop that lays out the small ones (`_force_steps_numpy`).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from typing import Any

import networkx as nx

from kgraph.render.style import count_of

SEED = 20220526
NEAR = 48  # most neighbours a node is pushed by exactly
VECTOR_MIN = 100  # a connected part of at least this many people is laid out with numpy: the same arithmetic
BLOCK = 512  # nodes whose pushes numpy sums at once: tables of (48 neighbours + 25 masses) x 512 floats


def compute_layout(net: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Seeded positions in pixels, about 120 a person a side: a force layout.

    People are laid out by their works-with links alone, so the layout is the one the page opens with; each
    organisation or place then sits among the people it is linked to. Every machine gets the same positions.
    """
    if net.number_of_nodes() == 0:
        return {}
    order = sorted(net.nodes, key=str)
    people = [node for node in order if (net.nodes[node].get("kind") or "person") == "person"] or order
    ordered = nx.Graph()
    ordered.add_nodes_from(people)
    members = set(people)  # `in ordered`, without a method call for each end of each link
    weights = {  # each link's ends in the order of their text (kept as they come when it is the same)
        ((u, v) if str(u) <= str(v) else (v, u)): count_of(data.get("weight")) or 1
        for u, v, data in net.edges(data=True)
        if data.get("kind", "works_with") == "works_with" and u in members and v in members
    }
    ordered.add_weighted_edges_from(
        (u, v, weight) for (u, v), weight in sorted(weights.items(), key=lambda end: (str(end[0][0]), str(end[0][1])))
    )
    raw = _spring_layout(ordered, people, seed=SEED)
    rng = random.Random(SEED)
    centre = (sum(x for x, _ in raw.values()) / len(raw), sum(y for _, y in raw.values()) / len(raw))
    for node in order:
        if node not in raw:
            linked = [raw[other] for other in sorted(net.neighbors(node), key=str) if other in members]
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
            placed = _force_layout(net, part, rng)
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
    """Fruchterman-Reingold in the unit square, in bounded time (a part of `VECTOR_MIN` nodes or more: on numpy).

    Repulsion comes exactly from the nearest nodes (a grid of about four nodes a cell, at most `NEAR` of them) and
    roughly from the mass of a coarse 4x4 grid; the layout is stretched back to the unit square after every step.
    `order` is a connected part of `net` (or all of it).
    """
    count = len(order)
    index = {node: i for i, node in enumerate(order)}
    pos = [complex(rng.random(), rng.random()) for _ in order]
    # the links of the part, from its nodes in order: a networkx subgraph of fewer than half the nodes lists them
    # from a set, in an order that changes with PYTHONHASHSEED (and the sums of the pulls with it)
    links = [(index[u], index[v], float(w)) for u, v, w in net.edges(order, data="weight", default=1)]
    if count >= VECTOR_MIN:
        placed = _force_steps_numpy(pos, links, rng, iterations)
        return {node: placed[i] for node, i in index.items()}
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


def _force_steps_numpy(start: list[complex], links: list[tuple[int, int, float]], rng: random.Random,
                       iterations: int) -> list[complex]:
    """The steps of `_force_layout` on numpy arrays, giving the very same positions: the same operations on the
    same floats in the same order (a complex number is its real and imaginary parts; each node's push is summed
    neighbour by neighbour, then mass by mass; the links' pulls go to their ends in link order, `np.add.at`).
    Only the sign of a zero may differ, and that never changes a sum that is not zero.

    A step is a few calls on whole tables, none per neighbour, mass or grid cell: each node's pushes are a row
    of a table (its neighbours, then the masses), summed down the table's first axis, which numpy adds one row
    after another into the row of sums (it sums pairwise only along the axis that lies contiguous in memory)."""
    import numpy as np

    count = len(start)
    x = np.array([p.real for p in start])
    y = np.array([p.imag for p in start])
    numbers = np.arange(count)
    k = 1 / math.sqrt(count)
    k2 = k * k
    side = max(1, int(math.sqrt(count / 4)))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    ends = np.array([end for i, j, _ in links for end in (i, j)], dtype=np.intp)  # i0, j0, i1, j1, ...
    first, second = ends[0::2], ends[1::2]
    weights = np.array([w for _, _, w in links])
    pulls = np.empty(len(ends))
    push_x, push_y = np.empty(count), np.empty(count)
    with np.errstate(divide="ignore", invalid="ignore"):  # a zero distance is divided by, and never used
        for _ in range(iterations):
            shift = rng.random() / 4
            near = _near_rows(x, y, side, numbers)  # (neighbour, node): each node's nearest in order down a column
            centres_x, centres_y, masses = _masses(x, y, shift)
            for block in range(0, count, BLOCK):  # a block of nodes at a time: their tables stay small
                nodes = slice(block, block + BLOCK)
                push_x[nodes], push_y[nodes] = _pushes(x, y, near[:, nodes], nodes, centres_x, centres_y, masses, k)
            move_x, move_y = 0.0 + push_x * k2, 0.0 + push_y * k2
            dx, dy = x[first] - x[second], y[first] - y[second]
            length = np.hypot(dx, dy)
            pull_x, pull_y = dx * length / k * weights, dy * length / k * weights
            pulls[0::2], pulls[1::2] = -pull_x, pull_x
            np.add.at(move_x, ends, pulls)
            pulls[0::2], pulls[1::2] = -pull_y, pull_y
            np.add.at(move_y, ends, pulls)
            length = np.hypot(move_x, move_y)
            moving = length > 0
            factor = np.minimum(length, temperature) / length
            np.add(x, move_x * factor, out=x, where=moving)
            np.add(y, move_y * factor, out=y, where=moving)
            temperature -= cooling
            left, bottom = x.min(), y.min()
            span = max(x.max() - left, y.max() - bottom) or 1.0
            x, y = (x - left) / span, (y - bottom) / span
    return [complex(a, b) for a, b in zip(x.tolist(), y.tolist(), strict=True)]


def _pushes(x, y, near, nodes: slice, centres_x, centres_y, masses, k: float):  # noqa: ANN001, ANN202 (numpy)
    """The pushes on the `nodes` of `_force_steps_numpy`, each node's down its column: from its neighbours (a node
    is its own padding, and pushes nothing), then from the masses of the coarse grid, summed row after row."""
    import numpy as np

    numbers = np.arange(x.size)[nodes]
    own_x, own_y = x[nodes], y[nodes]
    dx = np.concatenate((own_x - x[near], own_x - centres_x[:, None]))
    dy = np.concatenate((own_y - y[near], own_y - centres_y[:, None]))
    d2 = dx * dx + dy * dy
    by_node, by_mass = slice(0, len(near)), slice(len(near), None)
    apart = d2[by_node] > 0
    far = d2[by_mass] > k * k
    scale = masses[:, None] / d2[by_mass]
    for delta in (dx, dy):
        np.divide(delta[by_node], d2[by_node], out=delta[by_node], where=apart)
        np.copyto(delta[by_node], 0.0, where=~apart)
        np.multiply(delta[by_mass], scale, out=delta[by_mass], where=far)
        np.copyto(delta[by_mass], 0.0, where=~far)
    same = ~apart & (near != numbers)
    if same.any():  # two nodes on one spot: parted in a fixed direction
        np.copyto(dx[by_node], np.where(numbers < near, 1.0, -1.0) / k, where=same)
    return np.add.reduce(dx, axis=0), np.add.reduce(dy, axis=0)


def _masses(x, y, shift: float):  # noqa: ANN001, ANN202 (numpy arrays: numpy is imported when needed)
    """The centres and sizes of the nodes in each cell of `_force_layout`'s coarse 4x4 grid (moved by `shift`),
    the cells in the order their first nodes come: as the Python loop's `sum(points) / len(points)`, each centre
    summed node by node from 0 (`np.bincount`) and divided by the count."""
    import numpy as np

    cells = ((x + shift) * 4).astype(np.intp) * 8 + ((y + shift) * 4).astype(np.intp)  # each coordinate 0 to 4
    found, firsts, which, sizes = np.unique(cells, return_index=True, return_inverse=True, return_counts=True)
    order = np.argsort(firsts)
    return ((np.bincount(which, weights=x, minlength=len(found)) / sizes)[order],
            (np.bincount(which, weights=y, minlength=len(found)) / sizes)[order], sizes[order].astype(float))


_AROUND = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0), (0, 1), (1, -1), (1, 0), (1, 1))  # a cell's, in order


def _near_rows(x, y, side: int, numbers):  # noqa: ANN001, ANN202 (numpy arrays: numpy is imported when needed)
    """For each node, the nodes that push it exactly, as `_force_layout` lists them (the grid cells around its
    own, each in node order, at most `NEAR`), padded with the node itself: a table of one column a node.

    Made on whole arrays: the nodes sorted by cell (stably: each cell's in node order), each occupied cell's
    neighbours the runs of its nine cells laid end to end."""
    import numpy as np

    cells_x = np.minimum((x * side).astype(np.intp), side - 1)
    cells_y = np.minimum((y * side).astype(np.intp), side - 1)
    cells = cells_x * side + cells_y
    by_cell = np.argsort(cells, kind="stable")
    sizes = np.bincount(cells, minlength=side * side)
    starts = np.cumsum(sizes) - sizes
    occupied = np.flatnonzero(sizes)
    around = np.array(_AROUND, dtype=np.intp)
    ax = (occupied // side)[:, None] + around[:, 0]
    ay = (occupied % side)[:, None] + around[:, 1]
    inside = (ax >= 0) & (ax < side) & (ay >= 0) & (ay < side)
    neighbour = np.where(inside, ax * side + ay, 0)
    runs = np.where(inside, sizes[neighbour], 0).ravel()  # (occupied cell, one of nine) -> how many nodes
    run_starts = starts[neighbour].ravel()
    run_of = np.repeat(np.arange(len(runs)), runs)
    into_run = np.arange(len(run_of)) - np.repeat(np.cumsum(runs) - runs, runs)
    lengths = runs.reshape(-1, len(_AROUND))
    place = (np.cumsum(lengths, axis=1) - lengths).ravel()[run_of] + into_run  # where in its cell's list
    kept = place < NEAR
    width = int(min(lengths.sum(axis=1).max(), NEAR))
    table = np.full((width, len(occupied)), -1, dtype=np.intp)
    table[place[kept], (run_of // len(_AROUND))[kept]] = by_cell[run_starts[run_of] + into_run][kept]
    row_of = np.empty(side * side, dtype=np.intp)
    row_of[occupied] = np.arange(len(occupied))
    rows = table[:, row_of[cells]]
    return np.where(rows < 0, numbers, rows)


def _scale(raw: dict[Any, tuple[float, float]], size: float) -> dict[Any, tuple[float, float]]:
    """Fit into a square of `size` pixels centred on 0, rounded so the page text is stable."""
    left = min(x for x, _ in raw.values())
    top = min(y for _, y in raw.values())
    span = max(max(x for x, _ in raw.values()) - left, max(y for _, y in raw.values()) - top) or 1.0
    return {
        node: (round((x - left) / span * size - size / 2, 1), round((y - top) / span * size - size / 2, 1))
        for node, (x, y) in raw.items()
    }
