"""The examples in docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kgraph", "kgraph.pipeline", "kgraph.inputs", "kgraph.network", "kgraph.render", "kgraph.rdf.named_queries",
           "kgraph.rdf.validate", "kgraph.export", "kgraph.export.csv", "kgraph.export.gexf",
           "kgraph.export.graphml", "kgraph.export.json", "kgraph.export.jsonld", "kgraph.export.nt",
           "kgraph.rdf.build", "kgraph.rdf.turtle", "kgraph.rdf.compact", "kgraph.resolve.variants", "kgraph.lexicon"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_pass(name: str):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
