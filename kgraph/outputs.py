"""What `kgraph build` writes from a resolved corpus: graph.ttl and graph.html, without holding the whole graph.

The triples go to the Turtle file as `iter_triples` makes them. Only the ones the network page reads
(`kgraph.network.network_reads`, about a fifth) are kept, in an rdflib Graph over a compact store
(`kgraph.rdf.compact`), so memory grows with people, events and articles, not with the mention spans and article
texts that are most of the graph. At 10,000 articles the whole graph held in rdflib took about 1 GB and its Turtle
serializer more than 15 minutes.

The page draws at most `MAX_PAGE_LINKS` works-with links: a decade of a paper links thousands of people by more
than 100,000 links, a page of 60 MB that a browser draws in tens of seconds. Above that, it draws the links of at
least as many shared events as keeps it under the limit, says so, and `kgraph render --min-weight 1` draws all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kgraph.model import Corpus
from kgraph.rdf.build import Triple, iter_triples, prefixes
from kgraph.rdf.vocab import DEFAULT_BASE

__all__ = ["MAX_PAGE_LINKS", "Written", "page_min_weight", "write_outputs"]

MAX_PAGE_LINKS = 20_000  # 14,000 links make a 21 MB page that Chromium draws in 3 s (see the README)


@dataclass(frozen=True, slots=True)
class Written:
    triples: int  # in graph.ttl
    min_weight: int  # the page draws the links of at least this many shared events: 1 is all of them


def page_min_weight(net: nx.Graph, most: int = MAX_PAGE_LINKS) -> int:
    """The fewest shared events a link must stand for so that at most `most` works-with links are drawn."""
    weights = sorted((int(data.get("weight") or 0) for _, _, data in net.edges(data=True)
                      if data.get("kind") == "works_with"), reverse=True)
    return 1 if len(weights) <= most else max(weights[most] + 1, 1)


def write_outputs(corpus: Corpus, ttl: Path, html: Path, *, base: str = DEFAULT_BASE, title: str = "kgraph",
                  max_links: int = MAX_PAGE_LINKS) -> Written:
    """Stream the corpus's graph to `ttl` and draw its who-works-with page to `html`, with at most `max_links`
    links (the strongest).

    Each file is written to a temporary file and moved into place, so a failed build leaves the old one."""
    from kgraph.network import build_network, network_reads, select_network
    from kgraph.rdf.compact import CompactStore
    from kgraph.rdf.turtle import write_triples
    from kgraph.render import write_html

    part = Graph(store=CompactStore())

    def keep(triples: Iterable[Triple]) -> Iterator[Triple]:
        for triple in triples:
            if network_reads(triple):
                part.add(triple)
            yield triple

    count = write_triples(keep(iter_triples(corpus, base=base)), ttl, prefixes(base))
    net = build_network(part)
    weight = page_min_weight(net, max_links)
    write_html(select_network(net, min_weight=weight) if weight > 1 else net, html, title=title)
    return Written(count, weight)
