"""Stage 6: networkx graph -> one offline HTML page (`page`), laid out (`layout`) and coloured (`style`).

People are coloured by group of co-workers (`community`), by organisation or by role, as the reader picks;
organisations and places are layers the reader switches on. Public names are imported here; `kgraph.picture`
draws the same network as a PNG or SVG with them.
"""

from kgraph.render.layout import SEED, compute_layout
from kgraph.render.page import LARGE, parse_date, pinyin_keys, render_html, write_html
from kgraph.render.style import (
    FALLBACK_STYLE,
    NO_GROUP,
    OTHER_GROUP,
    PALETTE,
    STYLES,
    assign_colours,
    count_of,
    edge_width,
    node_size,
)

__all__ = ["FALLBACK_STYLE", "LARGE", "NO_GROUP", "OTHER_GROUP", "PALETTE", "SEED", "STYLES", "assign_colours",
           "compute_layout", "count_of", "edge_width", "node_size", "parse_date", "pinyin_keys", "render_html",
           "write_html"]
