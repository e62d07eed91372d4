"""GEXF export: read back with networkx, the same nodes, labels, edges and weights; the same file every time."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest

from kgraph.export.gexf import to_gexf, write_gexf


def test_gexf_round_trips_the_seed_network(seed_net: nx.Graph, tmp_path: Path):
    path = tmp_path / "people.gexf"
    write_gexf(seed_net, path)
    back = nx.read_gexf(path)
    assert set(back.nodes) == set(seed_net.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in seed_net.edges}
    for a, b, data in seed_net.edges(data=True):
        assert back.edges[a, b]["weight"] == data["weight"]
        assert back.edges[a, b]["evidence_count"] == data["evidence_count"]
        assert back.edges[a, b]["evidence"] == data["evidence"]
    for node, data in seed_net.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert {k: back.nodes[node][k] for k in ("kind", "role", "titles", "events")} == \
               {k: data[k] for k in ("kind", "role", "titles", "events")}


def test_gexf_is_utf8_and_the_same_every_time(seed_net: nx.Graph):
    text = to_gexf(seed_net)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n') and "万玲玲" in text
    assert "lastmodifieddate" not in text
    assert to_gexf(seed_net) == text


def test_gexf_weight_is_the_gexf_weight():
    net = nx.Graph()
    net.add_node("urn:p1", label="万玲玲")
    net.add_edge("urn:p1", "urn:p2", weight=3)
    assert 'weight="3"' in to_gexf(net) and 'label="万玲玲"' in to_gexf(net)


XSD = Path(__file__).resolve().parents[1] / "data" / "gexf-1.2draft" / "gexf.xsd"


def _schema_errors(text: str) -> list[str]:
    etree = pytest.importorskip("lxml.etree", reason="validating against the XSD needs lxml (kgraph-news[test])")
    schema = etree.XMLSchema(etree.parse(str(XSD)))  # reads the schema's includes beside it; nothing is fetched
    ok = schema.validate(etree.fromstring(text.encode("utf-8")))
    return [] if ok else [f"{e.line}: {e.message}" for e in schema.error_log]


def test_gexf_seed_network_validates_against_the_gexf_12draft_schema(seed_net: nx.Graph):
    assert _schema_errors(to_gexf(seed_net)) == []


def test_gexf_names_and_empty_networks_validate_against_the_schema():
    named = nx.Graph(name="荆州")
    named.add_node("urn:p1", label="甲", events=2, share=0.5, active=True)
    named.add_edge("urn:p1", "urn:p2", weight=1)
    text = to_gexf(named)
    assert _schema_errors(text) == [] and "<description>荆州</description>" in text
    assert nx.read_gexf(io.StringIO(text)).nodes["urn:p1"]["label"] == "甲"
    assert _schema_errors(to_gexf(nx.Graph())) == []


def test_gexf_schema_check_can_fail():
    """The check itself rejects what networkx writes unchanged: `<graph name="">`."""
    from networkx.readwrite.gexf import generate_gexf

    assert any("'name' is not allowed" in error
               for error in _schema_errors("\n".join(generate_gexf(nx.path_graph(2), version="1.2draft"))))
