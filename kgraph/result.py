"""What a build gives back: the resolved corpus, with its RDF graph and network made when first asked for.

A notebook wants the rdflib Graph and the networkx network in memory; `kgraph build` of a decade of pages wants
neither whole, so `write` streams the Turtle and draws the page from a fifth of the triples (`kgraph.outputs`).
Both come from the same corpus, so the files are the same either way.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.model import Article, Corpus, Person
from kgraph.rdf.vocab import DEFAULT_BASE

if TYPE_CHECKING:  # networkx only when the network is asked for or the page written (0.13 s to import)
    import networkx as nx
    from rdflib import Graph

    from kgraph.outputs import Written

__all__ = ["BuildResult", "BuildStats"]


@dataclass(frozen=True, slots=True)
class BuildStats:
    """How many pages a build read, and how many of them each phase computed rather than took from the cache."""

    files: int
    read: int
    extracted: int


@dataclass(frozen=True, eq=False)
class BuildResult:
    """The corpus of a build (`kgraph.build`, `kgraph.run`) and what can be made of it."""

    corpus: Corpus
    stats: BuildStats
    base: str = DEFAULT_BASE

    def __repr__(self) -> str:  # a notebook shows this: the counts, not every article's text
        c = self.corpus
        counts = ", ".join(_count(len(items), noun) for items, noun in (
            (c.articles, "article"), (c.people, "person"), (c.organizations, "organisation"), (c.places, "place")))
        return f"<BuildResult: {counts}, home {c.home or 'not known'}>"

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.corpus.articles

    @property
    def people(self) -> tuple[Person, ...]:
        return self.corpus.people

    @functools.cached_property
    def graph(self) -> Graph:
        """The whole RDF graph, in memory."""
        from kgraph.rdf.build import build_graph

        return build_graph(self.corpus, base=self.base)

    @functools.cached_property
    def network(self) -> nx.Graph:
        """Who works with whom (networkx), with the organisation and place nodes `kgraph render` can show."""
        from kgraph.network import build_network

        return build_network(self.graph, include_orgs=True, include_places=True)

    def people_rows(self) -> list[dict[str, str | int]]:
        """Every person as a row (name, role, titles, events, other spellings), the most active first."""
        from kgraph.profile import list_people

        return list_people(self.graph)

    def query(self, query: str, **params: str) -> list[dict[str, str]]:
        """The rows of a SELECT query, or of a named query (`kgraph query --list`), with `params` bound as values
        (never pasted into the text); each value as a plain string, a missing one as ''."""
        from kgraph.rdf.named_queries import check_params, find_query
        from kgraph.rdf.query import run_query

        text, named = find_query(query)
        if named is not None:
            check_params(named, params)
        result = run_query(self.graph, text, bindings=params)
        names = [str(v) for v in result.vars or ()]
        return [{name: "" if row[i] is None else str(row[i]) for i, name in enumerate(names)} for row in result]

    def write(self, out: str | os.PathLike, *, title: str = "kgraph", max_links: int | None = None,
              jobs: int = 1) -> Written:
        """Write `graph.ttl` and `graph.html` into the folder `out`, as `kgraph build` does (each file moved into
        place when complete); the triples written and the fewest shared events of a link the page draws."""
        from kgraph.outputs import MAX_PAGE_LINKS, write_outputs

        folder = Path(out)
        return write_outputs(self.corpus, folder / "graph.ttl", folder / "graph.html", base=self.base, title=title,
                             max_links=MAX_PAGE_LINKS if max_links is None else max_links, jobs=jobs)

    def write_turtle(self, path: str | os.PathLike) -> int:
        """Write the graph as Turtle (what `kgraph build` writes), without holding it whole; the triples written."""
        from kgraph.rdf.build import iter_written_blocks, prefixes
        from kgraph.rdf.turtle import write_blocks

        return write_blocks(iter_written_blocks(self.corpus, base=self.base), Path(path), prefixes(self.base))

    def write_html(self, path: str | os.PathLike, *, title: str = "kgraph", show_orgs: bool = False,
                   show_places: bool = False) -> None:
        """Write the network as one offline HTML page (what `kgraph render` draws)."""
        from kgraph.render import write_html

        write_html(self.network, Path(path), title=title, show_orgs=show_orgs, show_places=show_places)

    def export(self, fmt: str, path: str | os.PathLike, *, include_orgs: bool = False,
               include_places: bool = False) -> Path:
        """Write the graph for another tool (`graphml`, `gexf`, `json`, `csv`, `jsonld`, `nt`); the path written."""
        from kgraph.export import export_graph

        return export_graph(self.graph, fmt, Path(path), include_orgs=include_orgs,
                            include_places=include_places).path


def _count(n: int, noun: str) -> str:
    """`1 article`, `2 articles`, `1 person`, `3 people`."""
    plural = "people" if noun == "person" else noun + "s"
    return f"{n} {noun if n == 1 else plural}"
