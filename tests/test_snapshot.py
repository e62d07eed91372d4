"""The committed output/graph.ttl is exactly what a fresh build of seeds/ gives (it never goes stale)."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.compare import graph_diff, to_isomorphic

from .conftest import ROOT


def test_snapshot_matches_a_fresh_build(seed_build: Path):
    committed = to_isomorphic(rdflib.Graph().parse(ROOT / "output" / "graph.ttl"))
    fresh = to_isomorphic(rdflib.Graph().parse(seed_build / "graph.ttl"))
    if committed != fresh:
        _, only_old, only_new = graph_diff(committed, fresh)
        lines = [f"- {t}" for t in sorted(only_old)[:10]] + [f"+ {t}" for t in sorted(only_new)[:10]]
        raise AssertionError("output/graph.ttl is stale; run `kgraph build` and commit it:\n" + "\n".join(lines))
