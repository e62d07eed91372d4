"""kgraph: a knowledge graph of people, titles, organisations and places from Chinese news.

The public API, imported lazily so that `kgraph --help` stays quick:

    >>> import kgraph
    >>> result = kgraph.build(["本报讯（通讯员王明）区委书记李建国主持会议，副区长张华参加。"])
    >>> [p.name for p in result.people], len(result.graph) > 100
    (['张华', '李建国', '王明'], True)

`kgraph.load(...)` makes a `Pipeline` once (lexicon, home jurisdiction, options) and `kgraph.run(pipeline,
inputs)` builds with it; `kgraph.build(inputs, ...)` is both in one call. Inputs are texts, (name, text) pairs and
`pathlib.Path`s of files and folders. Bad input raises a `KgraphError` with the command's one-line message.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "build": "kgraph.driver",
    "run": "kgraph.driver",
    "load": "kgraph.pipeline",
    "Pipeline": "kgraph.pipeline",
    "BuildResult": "kgraph.result",
    "read_articles": "kgraph.pipeline",
    "extract_corpus": "kgraph.pipeline",
    "split_articles": "kgraph.text",
    "clean_text": "kgraph.text",
    "read_text": "kgraph.text",
    "extract_article": "kgraph.extract",
    "build_graph": "kgraph.rdf.build",
    "iter_triples": "kgraph.rdf.build",
    "write_triples": "kgraph.rdf.turtle",
    "build_network": "kgraph.network",
    "render_html": "kgraph.render",
    "Article": "kgraph.model",
    "Mention": "kgraph.model",
    "PersonMention": "kgraph.model",
    "Event": "kgraph.model",
    "Extraction": "kgraph.model",
    "Person": "kgraph.model",
    "Post": "kgraph.model",
    "Organization": "kgraph.model",
    "Place": "kgraph.model",
    "Corpus": "kgraph.model",
    "KgraphError": "kgraph.errors",
    "InputError": "kgraph.errors",
    "EmptyInputError": "kgraph.errors",
    "LexiconError": "kgraph.errors",
    "QueryError": "kgraph.errors",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
