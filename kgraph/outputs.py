"""What `kgraph build` writes from a resolved corpus: graph.ttl and graph.html, without holding the whole graph.

The triples go to the Turtle file as `iter_triples` makes them. Only the ones the network page reads
(`kgraph.network.network_reads`, about a fifth) are kept, in an rdflib Graph over a compact store
(`kgraph.rdf.compact`), so memory grows with people, events and articles, not with the mention spans and article
texts that are most of the graph. At 10,000 articles the whole graph held in rdflib took about 1 GB and its Turtle
serializer more than 15 minutes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import Graph

from kgraph.model import Corpus
from kgraph.rdf.build import Triple, iter_triples, prefixes
from kgraph.rdf.vocab import DEFAULT_BASE

__all__ = ["write_outputs"]


def write_outputs(corpus: Corpus, ttl: Path, html: Path, *, base: str = DEFAULT_BASE, title: str = "kgraph") -> int:
    """Stream the corpus's graph to `ttl` and draw its who-works-with page to `html`; returns the number of triples.

    Each file is written to a temporary file and moved into place, so a failed build leaves the old one."""
    from kgraph.network import build_network, network_reads
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
    write_html(build_network(part), html, title=title)
    return count
