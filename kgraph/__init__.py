"""kgraph: a knowledge graph of people, titles, organisations and places from Chinese news.

The public API, imported lazily so that `kgraph --help` stays quick:

    >>> from kgraph import build
    >>> corpus, graph = build([("page.txt", "本报讯（通讯员王明）区委书记李建国主持会议，副区长张华参加。")])
    >>> [p.name for p in corpus.people]
    ['张华', '李建国', '王明']
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "build": "kgraph.pipeline",
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
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
