"""The seeds' graph and people network (with organisations and places), read once for every export test."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kgraph.export import people_network
from kgraph.rdf.read import read_graph


@pytest.fixture(scope="session")
def seed_graph(seed_build: Path) -> Graph:
    return read_graph(seed_build / "graph.ttl")


@pytest.fixture(scope="session")
def seed_net(seed_graph: Graph) -> nx.Graph:
    return people_network(seed_graph, include_orgs=True, include_places=True)
