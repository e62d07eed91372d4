"""Stage 6: networkx graph -> one self-contained HTML page of who works with whom.

The vis-network node and edge data are the dictionaries pyvis's `Network.add_node` and `Edge` make, made here:
importing pyvis brings IPython, jsonpickle and yaml (a tenth of a second of every build), and `add_node` looks for
a duplicate id in a list (quadratic in the people). The page itself comes from kgraph's own template
(`kgraph/templates/network.html`), because pyvis's template loads bootstrap and tom-select from CDNs whatever
`cdn_resources` says. The vis-network script and style that pyvis ships are inlined, so the page works offline
and from a file share. The same `net` always gives the same bytes: nodes and edges are sorted, the layout is seeded
and computed here (`kgraph.render.layout`), and the colours come from `kgraph.render.style`.

Every name and headline reaches the page as JSON data that the page's script puts in with `textContent`, never as
markup: tooltips too are lines of text, drawn by the page for the item under the pointer (vis-network's own tooltip
is not used). Events and articles are listed once, with dates written one way and in time order, and links point
into those lists; pinyin for search is computed here, so the page needs nothing but itself.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.resources import files
from importlib.util import find_spec
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.files import write_atomic_chunks
from kgraph.heap import cycles_freed
from kgraph.network import LinkEvidence
from kgraph.pinyin import lazy_pinyin
from kgraph.regex import compiled
from kgraph.render.layout import SEED, compute_layout
from kgraph.render.style import (
    CONTEXT_EDGE,
    FALLBACK_STYLE,
    KIND_NAMES,
    ROLE_NAMES,
    SCHEMES,
    STYLES,
    colour_schemes,
    count_of,
    edge_width,
    font_size,
    node_size,
    split_list,
    style_key,
)

VIS_VERSION = "9.1.2"
_DATA_MARK = "\x00kgraph-page-data\x00"  # never in a template: where the page's data is streamed in
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # json.dumps makes one a call
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_FIRST_TWO = itemgetter(0, 1)
_FIRST = itemgetter(0)
_LETTERS = compiled(r"[A-Za-z0-9]+")  # what a search key keeps of text pinyin has no reading for
_SYLLABLE = compiled(r"[a-z0-9]+")
LARGE = 300  # above this many nodes the layout is computed here and physics is off: the browser would crawl
MAX_CONTEXT_REPORTS = 50  # articles listed on a person's link to an organisation or place
LABEL_THRESHOLD = 8  # pixels: a label drawn smaller than this is left out
LABEL_LARGEST = 26  # pixels: a label is never drawn larger, however far one zooms in
LEADS = ((15, 15), (50, 10))  # the 15 busiest people named in 15-pixel letters when a large network opens, 50 in 10
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

    colours, legends, items = colour_schemes(net)
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
        for name in {*split_list(data.get("organizations")), *split_list(data.get("organization"))}:
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
    pieces = template.generate(
        title=title,
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        data_json=Markup(_DATA_MARK),  # where the data goes, streamed in by `_spliced`
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
        min_weight=max(count_of(net.graph.get("min_weight")), 1),
    )
    return _spliced(pieces, _DATA_MARK, _script_json_chunks(page_data))


def _spliced(pieces: Iterable[str], mark: str, insert: Iterable[str]) -> Iterator[str]:
    """`pieces` with `insert` in place of `mark` (which a piece holds whole: the template puts it in as one value)."""
    found = False
    for piece in pieces:
        if not found and mark in piece:
            before, after = piece.split(mark, 1)
            found = True
            yield before
            yield from insert
            yield after
        else:
            yield piece
    if not found:
        raise RuntimeError("the page template has no place for its data")


def _left_out_note(net: nx.Graph, people: int) -> str:
    """Why the page has fewer people than the graph file: the numbers `build_network` recorded."""
    total = count_of(net.graph.get("people_in_graph"))
    if total <= people or "focus" in net.graph or count_of(net.graph.get("min_weight")) > 1:
        return f"图谱共 {total} 人" if total > people else ""
    parts = []
    if bylines := count_of(net.graph.get("left_out_bylines")):
        parts.append(f"只署名的通讯员、记者和摄影 {bylines} 人")
    if mentioned := count_of(net.graph.get("left_out_mentioned")):
        parts.append(f"仅被提及 {mentioned} 人")
    return f"图谱共 {total} 人，未画出：" + "、".join(parts) if parts else f"图谱共 {total} 人"


def _selection_note(net: nx.Graph) -> str:
    parts = []
    if (focus := net.graph.get("focus")) in net:
        depth = count_of(net.graph.get("depth"))
        parts.append(f"以 {net.nodes[focus].get('label') or focus} 为中心，{depth} 度以内")
    if (weight := count_of(net.graph.get("min_weight"))) > 1:
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
) -> tuple[Iterator[dict[str, Any]], _JsonTexts, dict[str, Any], dict[str, Any]]:
    """Nodes, edges (each made as it is read) and options as vis-network takes them (as pyvis makes them), and the
    tables they point into.

    No node or edge carries a vis `title`: the page draws its own tooltip from `tip` (lines of text) for the item
    the pointer is on, so a tooltip is never markup and never another item's. Events and articles are listed once,
    in date order, and links name them by number: the panel, the timeline and the date filter read the same table.
    """
    large = net.number_of_nodes() > LARGE
    positions = {}
    if large:
        with cycles_freed():  # the layout's graph of the people
            positions = compute_layout(net)
    ids = _page_ids(net)
    links = _edge_ends(net)  # sorted once, for the tables and the links' texts
    tables = _Tables.of(net, links)
    fonts = _lead_fonts(net, positions)
    edges = _JsonTexts(_vis_edge_texts(net, ids, tables, large, links))
    return (_vis_nodes(net, colours, items, ids, positions, fonts), edges, json.loads(json.dumps(_options(large))),
            tables.page_data())


def _vis_nodes(net: nx.Graph, colours: dict[Any, dict[str, str]], items: dict[Any, dict[str, int]],
               ids: dict[Any, str], positions: dict[Any, tuple[float, float]], fonts: dict[Any, int]
               ) -> Iterator[dict[str, Any]]:
    """The page's nodes one by one, as they are written out (a large network's are never all held as dicts)."""
    for node in sorted(net.nodes, key=str):
        data = net.nodes[node]
        _, shape, _ = STYLES.get(style_key(data), FALLBACK_STYLE)
        extra: dict[str, Any] = {}
        if node in positions:
            extra["x"], extra["y"] = positions[node]
        label = str(data.get("label") or node)
        aliases = str(data.get("aliases", ""))
        full, initials = pinyin_keys(label, *split_list(aliases))
        yield _vis_node(
            ids[node],
            label,
            shape,
            colours[node]["community"],
            iri=str(node),
            tip=_node_tip(node, data),
            colors=colours[node],
            lg=items.get(node, {}),
            size=node_size(data),
            font={"size": fonts.get(node, font_size(data))},
            kind=str(data.get("kind", "")),
            role=str(data.get("role", "")),
            aliases=aliases,
            titles=split_list(data.get("titles")),
            organizations=split_list(data.get("organizations")),
            organization=str(data.get("organization", "")),
            events=count_of(data.get("events")),
            py=full,
            pi=initials,
            **extra,
        )


def _vis_edges(net: nx.Graph, ids: dict[Any, str], tables: _Tables, large: bool) -> Iterator[dict[str, Any]]:
    """The page's edges one by one, as vis-network takes them (the page writes their JSON, `_vis_edge_texts`)."""
    widths: dict[int, float] = {}  # a width for each weight, as `edge_width` gives it
    for number, (_, _, u, v, data) in enumerate(_edge_ends(net)):
        kind = str(data.get("kind", "works_with"))
        weight = count_of(data.get("weight"))
        link = tables.link(data)
        width = widths.get(weight)
        if width is None:
            width = widths[weight] = edge_width(data)
        yield {  # what pyvis's Edge makes: the options, then the ends
            "id": f"e{number}",
            "width": width,
            # Dashed lines cost a canvas ten times as much: a large network draws its tens of thousands of links
            # to organisations and places solid, in their own light colour (`contextEdge`, set by the page).
            "dashes": kind != "works_with" and not large,
            "kind": kind,
            "weight": weight,
            "titles": str(data.get("titles", "")),
            "ev": tables.events_of(link),
            "ar": tables.articles_of(link)[: MAX_REPORTS if kind == "works_with" else MAX_CONTEXT_REPORTS],
            "na": link.articles,
            "from": ids[u],
            "to": ids[v],
        }


def _vis_edge_texts(net: nx.Graph, ids: dict[Any, str], tables: _Tables, large: bool,
                    links: list[tuple[str, str, Any, Any, dict[str, Any]]] | None = None) -> Iterator[str]:
    """`_script_json` of each of `_vis_edges`, written directly: a network's links are most of its page, and their
    records were made only for the encoder to sort their keys and look each value's type up again. The values
    that recur (ends, kinds, titles, widths) are encoded once, and so is what the links of the same events and
    reports share (their kind, events, articles and their count: most links are one event's, and an event has
    several), looked up by their `LinkEvidence` (`tests/test_render.py` holds the texts equal)."""
    strings: dict[str, str] = {}
    widths: dict[int, str] = {}
    shared: dict[tuple[str, int], tuple[str, str]] = {}  # (kind, id of the link's evidence) -> parts
    ends = {node: _script_json(number) for node, number in ids.items()}

    def string(value: str) -> str:
        known = strings.get(value)
        if known is None:
            known = strings[value] = _script_json(value)
        return known

    def parts(link: LinkEvidence, kind: str) -> tuple[str, str]:
        """What comes before `from` (articles, dashes, events) and between `id` and `titles` (kind, count)."""
        ar = _numbers(tables.articles_of(link)[:MAX_REPORTS if kind == "works_with" else MAX_CONTEXT_REPORTS])
        dashes = "true" if kind != "works_with" and not large else "false"
        return (f'{{"ar":{ar},"dashes":{dashes},"ev":{_numbers(tables.events_of(link))},"from":',
                f',"kind":{string(kind)},"na":{link.articles},"titles":')

    for number, (_, _, u, v, data) in enumerate(links if links is not None else _edge_ends(net)):
        get = data.get
        kind, link = str(get("kind", "works_with")), tables.link(data)
        key = (kind, id(link))  # the tables hold the link's evidence: its id is not another's while they live
        made = shared.get(key)
        if made is None:
            made = shared[key] = parts(link, kind)
        raw = get("weight")
        weight = (raw if raw > 0 else 0) if type(raw) is int else count_of(raw)
        width = widths.get(weight)
        if width is None:
            width = widths[weight] = _script_json(edge_width(data))
        titles = str(get("titles", ""))
        yield (f'{made[0]}{ends[u]},"id":"e{number}"{made[1]}{strings.get(titles) or string(titles)},'
               f'"to":{ends[v]},"weight":{weight},"width":{width}}}')


def _numbers(items: list[int]) -> str:
    """The JSON of a list of numbers: their text."""
    return "[" + ",".join(map(str, items)) + "]"


def _edge_ends(net: nx.Graph) -> list[tuple[str, str, Any, Any, dict[str, Any]]]:
    """Each link's ends by their text, and the link's data with them (not looked up again), in the page's order."""
    ends = []
    for u, v, data in net.edges(data=True):
        first, second = str(u), str(v)
        ends.append((first, second, u, v, data) if first <= second else (second, first, v, u, data))
    ends.sort(key=_FIRST_TWO)
    return ends


def _vis_node(node_id: str, label: str, shape: str, color: str, **options: Any) -> dict[str, Any]:
    """What pyvis's `Network.add_node(node_id, label=label, shape=shape, color=color, **options)` adds."""
    return {"color": color, **options, "id": node_id, "label": label or node_id, "shape": shape}


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
    lines.append(["", f"活动 {count_of(data.get('events'))} 次 · 报道 {count_of(data.get('articles'))} 篇"])
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
                    key=lambda node: (-count_of(net.nodes[node].get("events")), str(node)))  # fmt: skip
    fonts: dict[Any, int] = {}
    start = 0
    for end, pixels in LEADS:
        for node in people[start:end]:
            fonts[node] = max(font_size(net.nodes[node]), round(pixels / scale))
        start = end
    return fonts


def pinyin_keys(*names: str) -> tuple[str, str]:
    """Toneless pinyin of each name and its initials, names apart by spaces: found by `zhou` and by `zyd`.

    >>> pinyin_keys("周远栋", "周远东")
    ('zhouyuandong zhouyuandong', 'zyd zyd')
    """
    full, initials = [], []
    for name in names:
        syllables = [part.lower() for part in lazy_pinyin(name, errors=_LETTERS.findall) if part.strip()]
        syllables = [part for part in syllables if _SYLLABLE.fullmatch(part)]
        if syllables:
            full.append("".join(syllables))
            initials.append("".join(part[0] for part in syllables))
    return " ".join(full), " ".join(initials)


_DATE = compiled(r"^(?:(\d{4})\s*[-./年]\s*)?(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")


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


# `parse_date` of the texts of a page's dates, each read once: thousands of articles and events share a day
_date_of = lru_cache(maxsize=1 << 12)(parse_date)


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
        self.line_keys: dict[str, tuple[str, str, str]] = {}  # a report line as a link holds it -> its article
        self.line_index: dict[str, int] = {}  # a report line -> its article's number
        self.read: dict[tuple[str, str, str, str], LinkEvidence] = {}  # a link's four texts -> what they say
        self.links: dict[int, LinkEvidence] = {}  # the links' evidence read, by id (kept alive here)
        self.event_numbers: dict[int, list[int]] = {}  # a link's evidence, by id -> its events' numbers
        self.report_numbers: dict[int, list[int]] = {}  # a link's evidence, by id -> its articles' numbers
        self.rows: tuple[list[list[Any]], list[list[Any]], list[str]] = ([], [], [])

    @classmethod
    def of(cls, net: nx.Graph, links: list[tuple[str, str, Any, Any, dict[str, Any]]] | None = None) -> _Tables:
        """The tables of the links of `net`, read in the page's order (`links`: `_edge_ends(net)`, if made)."""
        tables = cls()
        events, articles, line_keys, read = tables.events, tables.articles, tables.line_keys, tables.links
        for *_, data in links if links is not None else _edge_ends(net):
            link = tables.link(data)
            if id(link) in read:  # the links of one event share their evidence: read once
                continue
            read[id(link)] = link
            for iri, line in link.events:
                if line is not None and iri not in events:  # an event behind many links is read once
                    head, _, rest = line.partition(" ")
                    date = _date_of(head)
                    events[iri] = (date, rest if date else line)
            for line in link.reports:
                if line not in line_keys:  # an article's line is read once too
                    date, headline, source = key = tuple((line.split("\t") + ["", "", ""])[:3])
                    line_keys[line] = key
                    if key not in articles:
                        articles[key] = _date_of(date)
        tables._order()
        return tables

    def link(self, data: dict[str, Any]) -> LinkEvidence:
        """A link's `LinkEvidence`: its own (`build_corpus_network` without texts), or what its four texts say (those
        of `build_network`), read once however many links have them."""
        link = data.get("link")
        if link is not None:
            return link
        texts = (str(data.get("events", "")), str(data.get("evidence", "")), str(data.get("reports", "")),
                 str(data.get("articles", "")))
        known = self.read.get(texts)
        if known is None:
            iris, lines = texts[0].split(), [line for line in texts[1].split("\n") if line]
            known = self.read[texts] = LinkEvidence(
                tuple(zip(iris, lines + [None] * (len(iris) - len(lines)), strict=False)),
                tuple(filter(None, texts[2].split("\n"))), len(texts[3].split()))
        return known

    def _order(self) -> None:
        by_source: dict[str, set[int]] = defaultdict(set)
        by_day: dict[tuple[int, int], set[int]] = defaultdict(set)
        for (_, _, source), date in self.articles.items():
            if date and date[0]:
                by_source[source].add(date[0])
        for date in {*self.articles.values(), *(date for date, _ in self.events.values())}:  # each date once
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

        # each item with its sort key first: an event's IRI and an article's three parts are its own, so the
        # dates after them are never compared
        event_dates = [full(date) for date, _ in self.events.values()]
        article_dates = [full(date, raw[2]) for raw, date in self.articles.items()]
        dates = {*event_dates, *article_dates}
        keys = {date: key(date) for date in dates}
        events = sorted(zip(map(keys.__getitem__, event_dates), (text for _, text in self.events.values()),
                            self.events, event_dates, strict=True))
        articles = sorted((keys[date], raw[1], raw[2], raw[0], date, raw)
                          for date, raw in zip(article_dates, self.articles, strict=True))
        months = sorted({f"{d[0]:04d}-{d[1]:02d}" for d in dates if d and d[0]})
        month_index = {month: number for number, month in enumerate(months)}

        def shown(date: tuple[int | None, int, int] | None) -> tuple[str, int]:
            if date is None:
                return "", -1
            if date[0] is None:
                return f"{date[1]:02d}-{date[2]:02d}", -1
            return f"{date[0]:04d}-{date[1]:02d}-{date[2]:02d}", month_index[f"{date[0]:04d}-{date[1]:02d}"]

        shows = {date: shown(date) for date in dates}
        self.event_index = {item[2]: number for number, item in enumerate(events)}
        self.article_index = {item[5]: number for number, item in enumerate(articles)}
        self.line_index = {line: self.article_index[raw] for line, raw in self.line_keys.items()}
        self.rows = (
            [[*shows[item[3]], item[1]] for item in events],
            [[*shows[item[4]], item[1], item[2]] for item in articles],
            months,
        )

    def events_of(self, link: LinkEvidence) -> list[int]:
        """The numbers of a link's events (a list shared with the links of the same evidence: not to be changed)."""
        known = self.event_numbers.get(id(link))
        if known is None:
            numbers = set(map(self.event_index.get, map(_FIRST, link.events)))  # one number an event: a set of them
            numbers.discard(None)
            known = self.event_numbers[id(link)] = sorted(numbers)
            self.links[id(link)] = link
        return known

    def articles_of(self, link: LinkEvidence) -> list[int]:
        """The numbers of a link's reports; a line (one article) is read once however many links show it."""
        known = self.report_numbers.get(id(link))
        if known is None:
            known = self.report_numbers[id(link)] = self._articles_of(link.reports)
            self.links[id(link)] = link
        return known

    def _articles_of(self, lines: tuple[str, ...]) -> list[int]:
        try:  # the lines of the links `of` read, each numbered already
            found = set(map(self.line_index.__getitem__, lines))
        except KeyError:
            found = set()
            for line in lines:
                number = self.line_index.get(line)
                if number is None:
                    date, headline, source = (line.split("\t") + ["", "", ""])[:3]
                    number = self.line_index[line] = self.article_index[date, headline, source]
                found.add(number)
        return sorted(found)

    def page_data(self) -> dict[str, Any]:
        """`events` as [date, month, text], `articles` as [date, month, headline, source], and the `months`
        (`YYYY-MM`) that occur; a month of -1 is an unknown one."""
        events, articles, months = self.rows
        return {"events": events, "articles": articles, "months": months}


class _JsonTexts:
    """Items of a list already as `_script_json` texts, for `_script_json_chunks` to write as they come."""

    __slots__ = ("texts",)

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = texts

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)


def _script_json(value: Any) -> str:
    """JSON that is safe inside <script>: no `</script>` or `<!--` can close or bend the element."""
    text = _ENCODER.encode(value)
    for char, escaped in _SCRIPT_ESCAPES:
        text = text.replace(char, escaped)
    return text


def _script_json_chunks(value: dict[str, Any], batch: int = 256) -> Iterator[str]:
    """`_script_json(value)` in pieces: a list or iterator among its values goes `batch` items at a time, so the
    page's data is never one string (JSON with these separators is the JSON of its parts, joined)."""
    yield "{"
    for number, key in enumerate(sorted(value)):
        item = value[key]
        head = ("," if number else "") + _script_json(key) + ":"
        if isinstance(item, _JsonTexts):
            yield head + "["
            texts = iter(item)
            first = True
            while part := list(islice(texts, batch)):
                yield ("" if first else ",") + ",".join(part)
                first = False
            yield "]"
            continue
        if not isinstance(item, list | Iterator):
            yield head + _script_json(item)
            continue
        yield head + "["
        items = iter(item)
        first = True
        while part := list(islice(items, batch)):  # one encoding a batch: "[a,b]" is the JSON of a and b
            yield ("" if first else ",") + _script_json(part)[1:-1]
            first = False
        yield "]"
    yield "}"


@lru_cache(maxsize=1)
def _read_template() -> str:
    return files("kgraph").joinpath("templates/network.html").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _read_vis_assets() -> tuple[str, str]:
    """vis-network's script and style as the installed pyvis ships them, checked safe to inline."""
    spec = find_spec("pyvis")  # its folder only: importing pyvis would import IPython
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: it ships the vis-network script the page inlines")
    lib = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib" / f"vis-{VIS_VERSION}"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if re.search(r"</script", js, re.IGNORECASE) or re.search(r"</style", css, re.IGNORECASE):
        raise RuntimeError(f"pyvis's vis-network {VIS_VERSION} cannot be inlined: it closes its own element")
    return js, css
