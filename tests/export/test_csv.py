"""Neo4j CSV export: headers in neo4j-admin's import header format, every value of its declared type, every
relationship between imported nodes, and the network read back from the two files."""

from __future__ import annotations

import csv
import re

import networkx as nx
import pytest

from kgraph.export.csv import generate_csv, write_csv

# neo4j-admin database import: `<name>:<field_type>`; special fields, then property types, arrays as `type[]`.
SPECIAL = {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}
PROPERTY_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
                  "localtime", "time", "localdatetime", "datetime", "duration"}
FIELD = re.compile(r"(?P<name>[^:]*)(?::(?P<type>[A-Za-z_]+)(?:\((?P<group>\w+)\))?(?P<array>\[\])?)?")
NEO4J_COMMAND = "neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j"


def parse_header(header: list[str]) -> list[tuple[str, str, bool]]:
    """(name, type, is_array) for each field, as neo4j-admin reads it; raise on anything it would reject."""
    fields = []
    for field in header:
        match = FIELD.fullmatch(field)
        assert match, f"not a header field: {field!r}"
        kind = match.group("type") or "string"
        assert kind in SPECIAL or kind in PROPERTY_TYPES, f"unknown field type in {field!r}"
        assert not (kind in SPECIAL and match.group("array")), field
        assert kind in SPECIAL or match.group("name"), f"a property needs a name: {field!r}"
        fields.append((match.group("name"), kind, bool(match.group("array"))))
    return fields


def read_rows(text: str) -> tuple[list[tuple[str, str, bool]], list[dict[str, object]]]:
    """The header and typed rows, converted the way neo4j-admin converts them (default `;` array delimiter; an
    empty field is no property, None here)."""
    reader = csv.reader(text.splitlines())
    fields = parse_header(next(reader))
    rows = []
    for values in reader:
        assert len(values) == len(fields)
        row: dict[str, object] = {}
        for (name, kind, array), value in zip(fields, values, strict=True):
            if value == "" and kind not in SPECIAL:
                row[name] = None
                continue
            items: list = value.split(";") if array else [value]
            if kind == "int":
                assert all(re.fullmatch(r"-?\d+", item) for item in items), (name, value)
                items = [int(item) for item in items]
            row[name or f":{kind}"] = items if array else items[0]
        rows.append(row)
    return fields, rows


@pytest.fixture(scope="module")
def files(seed_net: nx.Graph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("neo4j")
    write_csv(seed_net, folder)
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())}


def test_csv_writes_the_two_files_the_documented_command_imports(files: dict[str, str]):
    assert sorted(files) == ["nodes.csv", "relationships.csv"]
    import kgraph.export.csv as module

    assert NEO4J_COMMAND in module.__doc__


def test_csv_node_header_and_values(files: dict[str, str], seed_net: nx.Graph):
    fields, rows = read_rows(files["nodes.csv"])
    kinds = [kind for _, kind, _ in fields]
    assert kinds.count("ID") == 1 and kinds.count("LABEL") == 1
    assert fields[:3] == [("id", "ID", False), ("name", "string", False), ("", "LABEL", False)]
    assert ("titles", "string", True) in fields and ("events", "int", False) in fields
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)) == seed_net.number_of_nodes()
    assert {row[":LABEL"] for row in rows} == {"Person", "Organization", "Place"}
    wan = next(row for row in rows if row["name"] == "万玲玲")
    assert wan[":LABEL"] == "Person" and any("书记" in title for title in wan["titles"])
    assert wan["titles"] == seed_net.nodes[wan["id"]]["titles"].split("、")


def test_csv_relationships_connect_imported_nodes(files: dict[str, str], seed_net: nx.Graph):
    fields, rows = read_rows(files["relationships.csv"])
    assert [kind for _, kind, _ in fields[:3]] == ["START_ID", "END_ID", "TYPE"]
    assert ("weight", "int", False) in fields and ("evidence_count", "int", False) in fields
    _, nodes = read_rows(files["nodes.csv"])
    ids = {row["id"] for row in nodes}
    assert all(row[":START_ID"] in ids and row[":END_ID"] in ids for row in rows)
    assert {row[":TYPE"] for row in rows} <= {"WORKS_WITH", "POST", "EVENT"}


def test_csv_reads_back_as_the_same_network(files: dict[str, str], seed_net: nx.Graph):
    _, nodes = read_rows(files["nodes.csv"])
    _, rows = read_rows(files["relationships.csv"])
    back = nx.Graph()
    back.add_nodes_from((row["id"], {"label": row["name"]}) for row in nodes)
    back.add_edges_from((row[":START_ID"], row[":END_ID"], {"weight": row["weight"]}) for row in rows)
    assert set(back.nodes) == set(seed_net.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in seed_net.edges}
    for a, b, weight in seed_net.edges(data="weight"):
        assert back.edges[a, b]["weight"] == weight
    for row in rows:
        events = seed_net.edges[row[":START_ID"], row[":END_ID"]]["events"].split()
        assert (row["events"] or []) == events and row["evidence_count"] == len(events)


def test_csv_arrays_and_escaping():
    net = nx.Graph()
    net.add_node("urn:p1", label="万玲玲", kind="person", titles="区委书记、区长", events=2)
    net.add_node("urn:p2", label='周"远栋', kind="person", titles="", events=1)
    net.add_edge("urn:p1", "urn:p2", kind="works_with", weight=2, evidence="05-26 会议《甲;乙》\n05-27 调研",
                 note="two\nlines")
    text = generate_csv(net)
    assert text["nodes.csv"].splitlines()[2] == 'urn:p2,"周""远栋",Person,,1'
    _, rows = read_rows(text["relationships.csv"])
    assert rows[0]["evidence"] == ["05-26 会议《甲；乙》", "05-27 调研"]
    assert rows[0]["note"] == "two lines" and rows[0][":TYPE"] == "WORKS_WITH"
