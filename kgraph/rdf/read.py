"""Read graph files for a query: into an rdflib `Graph` (what `build_network` and the exporters need, and rdflib's
SPARQL engine) or into an in-memory Oxigraph store (`OxigraphGraph`: it loads and answers far faster, see
`benchmarks/README.md`). `read_query_graph` picks one by engine name. Nothing reaches the network unless
`allow_remote`; a missing or broken file is a one-line `GraphError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.util import guess_format

from kgraph.errors import GraphError, KgraphError
from kgraph.rdf.offline import RemoteRefused, check_jsonld, offline
from kgraph.rdf.vocab import PREFIXES
from kgraph.regex import compiled

ENGINES: tuple[str, ...] = ("oxigraph", "rdflib")
DEFAULT_ENGINE = "oxigraph"  # chosen by measurement: benchmarks/README.md
_QUAD_FORMATS = {"trig", "nquads", "trix"}  # a plain Graph silently drops named graphs: read these into a Dataset
_BAD_SYNTAX = compiled(r"at line (\d+) of <[^>]*>:\s*Bad syntax \((.*)\) at \^ in:")
_MAX_MESSAGE = 200  # Oxigraph lists every character class it expected; a user needs the first words


@dataclass(frozen=True, slots=True)
class OxigraphGraph:
    """Graph files loaded into an in-memory Oxigraph store, with the prefixes they declare.

    `namespaces()` mirrors rdflib's `Graph.namespaces()`, so callers format results the same way for both engines.
    """

    store: ox.Store
    prefixes: dict[str, str] = field(default_factory=dict)

    def namespaces(self) -> Iterator[tuple[str, str]]:
        return iter(self.prefixes.items())

    def __len__(self) -> int:
        return len(self.store)


QueryGraph = Graph | OxigraphGraph


def read_graph(paths: str | Path | Sequence[str | Path], *, allow_remote: bool = False) -> Graph:
    """Parse one or more graph files into one rdflib graph, each by its extension (Turtle when unknown).

    Nothing is fetched (a JSON-LD context given by address is refused) unless `allow_remote`.

    TriG / N-Quads go into a `Dataset` whose default graph is the union of its named graphs, so queries see
    every triple. The standard prefixes override the files' own for the same prefix name: `schema:` always
    means https://schema.org/ as the contract says.
    """
    checked = _check_paths(paths)
    formats = [guess_format(str(path)) or "turtle" for path in checked]
    quads = any(fmt in _QUAD_FORMATS for fmt in formats)
    graph: Graph = Dataset(default_union=True) if quads else Graph(bind_namespaces="core")
    for path, fmt in zip(checked, formats, strict=True):
        if fmt == "json-ld":
            check_jsonld(path, allow_remote=allow_remote)
        try:
            with offline(allow_remote=allow_remote):
                graph.parse(path, format=fmt)
        except RemoteRefused:
            raise
        except OSError as exc:
            raise GraphError(f"cannot read graph file {path}: {exc.strerror or exc}") from exc
        except Exception as exc:  # parsers raise anything from SyntaxError to JSONDecodeError; all mean "bad file"
            raise GraphError(f"cannot parse {path} as {fmt}: {_parser_complaint(exc)}") from exc
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def read_store(paths: str | Path | Sequence[str | Path], *, allow_remote: bool = False) -> OxigraphGraph:
    """Load one or more graph files into an in-memory Oxigraph store, each by its extension (Turtle when unknown).

    Triples of TriG / N-Quads keep their named graphs; queries see the union of all graphs, as with `read_graph`.
    Blank nodes of different files stay apart. The prefixes are those each file declares before its first
    triple, then the standard ones.
    """
    store = ox.Store()
    prefixes: dict[str, str] = {}
    for path in _check_paths(paths):
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) or ox.RdfFormat.TURTLE
        if fmt == ox.RdfFormat.JSON_LD:
            check_jsonld(path, allow_remote=allow_remote)
        try:
            store.load(path=path, format=fmt)
            header = ox.parse(path=path, format=fmt)
            next(header, None)  # the prefixes declared before the first triple: the header of any usual file
            prefixes.update(header.prefixes)
        except OSError as exc:
            raise GraphError(f"cannot read graph file {path}: {exc.strerror or exc}") from exc
        except (SyntaxError, ValueError) as exc:
            raise GraphError(f"cannot parse {path} as {fmt.name}: {_oxigraph_complaint(exc)}") from exc
    return OxigraphGraph(store, prefixes | PREFIXES)


_READERS: dict[str, Callable[..., QueryGraph]] = {"oxigraph": read_store, "rdflib": read_graph}


def read_query_graph(paths: str | Path | Sequence[str | Path], *, engine: str = DEFAULT_ENGINE,
                     allow_remote: bool = False) -> QueryGraph:
    """Load graph files for the named engine: an `OxigraphGraph` for "oxigraph", a `Graph` for "rdflib"."""
    try:
        reader = _READERS[engine]
    except KeyError:
        raise KgraphError(f"unknown engine {engine!r}; known engines: {', '.join(ENGINES)}") from None
    return reader(paths, allow_remote=allow_remote)


def _check_paths(paths: str | Path | Sequence[str | Path]) -> list[Path]:
    checked = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    if not checked:
        raise GraphError("no graph file given")
    for path in checked:
        if not path.exists():
            raise GraphError(f"no such graph file: {path}")
        if not path.is_file():
            raise GraphError(f"not a graph file: {path}")
    return checked


def _parser_complaint(exc: Exception) -> str:
    """The parser's message on one line; Turtle's BadSyntax spreads line number and reason over several."""
    text = str(exc)
    match = _BAD_SYNTAX.search(text)
    if match:
        return f"line {match.group(1)}: bad syntax ({match.group(2)})"
    return _first_line(text) or type(exc).__name__


def _oxigraph_complaint(exc: Exception) -> str:
    """Oxigraph's message without the file name it repeats: `Parser error at line 3 column 24: ...`."""
    text = re.sub(r"\s*\([^()]*, line \d+\)$", "", _first_line(str(exc)))
    return shorten_message(text) or type(exc).__name__


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def shorten_message(text: str) -> str:
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1].rstrip() + "…"
