"""The examples in docstrings run and give what they show: every module of the package that has one."""

from __future__ import annotations

import doctest
import importlib

import pytest

from .conftest import ROOT

MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in (ROOT / "kgraph").rglob("*.py")
    if ">>> " in path.read_text(encoding="utf-8")
)


def test_doctests_are_found_in_every_stage():
    assert {"kgraph", "kgraph.pipeline", "kgraph.rdf.named_queries", "kgraph.render.page",
            "kgraph.resolve.variants"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_doctests_pass(name: str):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
