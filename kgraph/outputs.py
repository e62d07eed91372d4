"""What `kgraph build` writes from a resolved corpus: graph.ttl and graph.html, without holding the whole graph.

The page is the one `kgraph render` draws: people, with the organisation and place layers off until switched on.

The triples go to the Turtle file as `iter_written_blocks` makes them, a node with its pairs at a time (the mention
spans and collaborations, half the triples and none that the page reads, already as Turtle text). None is kept for
the page: its network is read from the corpus itself (`kgraph.network.build_corpus_network`, the network
`build_network` reads of the same graph), so memory grows with people, events and articles, not with the mention
spans and article texts that are most of the graph. At 10,000 articles the whole graph held in rdflib took about
1 GB and its Turtle serializer more than 15 minutes; a store of the fifth of the triples the page reads, filled as
they were written and read back through rdflib, was a sixth of the writing's time. With more than one job, a forked
process draws the page from the corpus it shares while this one writes the Turtle.

The page draws at most `MAX_PAGE_LINKS` works-with links: a decade of a paper links thousands of people by more
than 100,000 links, a page of 60 MB that a browser draws in tens of seconds. Above that, it draws the links of at
least as many shared events as keeps it under the limit, says so, and `kgraph render --min-weight 1` draws all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kgraph.beside import available, beside
from kgraph.files import write_atomic
from kgraph.heap import heap_frozen
from kgraph.model import Corpus
from kgraph.rdf.build import iter_written_blocks, prefixes
from kgraph.rdf.vocab import DEFAULT_BASE

__all__ = ["MAX_PAGE_LINKS", "Written", "page_min_weight", "write_outputs"]

MAX_PAGE_LINKS = 20_000  # 14,000 links make a 21 MB page that Chromium draws in 3 s (see the README)
# Fewer articles are written in one process even with more jobs: a second process costs more than drawing a small
# page beside the Turtle saves (a one-page build took twice the CPU, when that process minted every IRI again).
BESIDE_MIN_ARTICLES = 200


@dataclass(frozen=True, slots=True)
class Written:
    triples: int  # in graph.ttl
    min_weight: int  # the page draws the links of at least this many shared events: 1 is all of them


def page_min_weight(net: nx.Graph, most: int = MAX_PAGE_LINKS) -> int:
    """The fewest shared events a link must stand for so that at most `most` works-with links are drawn."""
    return _min_weight([int(data.get("weight") or 0) for _, _, data in net.edges(data=True)
                        if data.get("kind") == "works_with"], most)


def _min_weight(weights: list[int], most: int) -> int:
    """`page_min_weight` of works-with links of these weights."""
    weights = sorted(weights, reverse=True)
    return 1 if len(weights) <= most else max(weights[most] + 1, 1)


def write_outputs(corpus: Corpus, ttl: Path, html: Path, *, base: str = DEFAULT_BASE, title: str = "kgraph",
                  max_links: int = MAX_PAGE_LINKS, jobs: int = 1) -> Written:
    """Stream the corpus's graph to `ttl` and draw its who-works-with page to `html`, with at most `max_links`
    links (the strongest). With `jobs` above 1 and at least `BESIDE_MIN_ARTICLES` articles, the page is drawn in
    a second process while this one writes the Turtle (on Linux, where forking shares the corpus with it); the
    files are the same either way.

    Each file is written to a temporary file and moved into place, so a failed build leaves the old one."""
    with heap_frozen():  # the corpus out of the collector's passes (kgraph.heap)
        return _write_outputs(corpus, ttl, html, base=base, title=title, max_links=max_links, jobs=jobs)


def _write_outputs(corpus: Corpus, ttl: Path, html: Path, *, base: str, title: str, max_links: int, jobs: int
                   ) -> Written:
    from kgraph.rdf.turtle import write_blocks

    if jobs > 1 and len(corpus.articles) >= BESIDE_MIN_ARTICLES and available():
        def write_turtle() -> int:
            return write_blocks(iter_written_blocks(corpus, base=base), ttl, prefixes(base))

        count, (page, weight) = beside(write_turtle, lambda: _draw(corpus, base, title, max_links),
                                       doing="drawing the page")
        write_atomic(html, page)
        return Written(count, weight)
    from kgraph.render import write_html

    count = write_blocks(iter_written_blocks(corpus, base=base), ttl, prefixes(base))
    net, weight = _page_network(corpus, base, max_links)
    write_html(net, html, title=title)  # streamed: never the whole page as one string, nor its bytes
    return Written(count, weight)


def _page_network(corpus: Corpus, base: str, max_links: int) -> tuple[nx.Graph, int]:
    """The network the page draws of the corpus's graph, and the fewest shared events of a link it draws; the
    whole network is dropped as soon as the links to draw are chosen."""
    from kgraph.network import build_corpus_network, select_network

    chosen: list[int] = []

    def fewest(weights: list[int]) -> int:
        chosen.append(_min_weight(weights, max_links))
        return chosen[-1]

    def strongest(net: nx.Graph) -> nx.Graph:  # its works-with links are the strong ones already (`fewest`)
        return select_network(net, min_weight=chosen[-1], copy=False) if chosen[-1] > 1 else net

    # layers the reader switches on, as in render; select_network notes the weight it kept; the page reads each
    # link's evidence, not its texts joined
    net = build_corpus_network(corpus, base=base, include_orgs=True, include_places=True, keep=strongest,
                               min_weight=fewest, texts=False)
    return net, int(net.graph.get("min_weight", 1))


def _draw(corpus: Corpus, base: str, title: str, max_links: int) -> tuple[str, int]:
    """The page of the corpus's network, and the fewest shared events of a link it draws."""
    from kgraph.render import render_html

    net, weight = _page_network(corpus, base, max_links)
    return render_html(net, title=title), weight

