"""The people network as CSV for Neo4j's bulk importer: a folder with `nodes.csv` and `relationships.csv`.

The headers follow neo4j-admin's import header format (`name:type`, `:ID`, `:LABEL`, `:START_ID`, `:END_ID`,
`:TYPE`; arrays as `type[]` split on `;`), so the folder loads with

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j

(Neo4j 5; Neo4j 4 spells it `neo4j-admin import --nodes=nodes.csv --relationships=relationships.csv`).

- `nodes.csv`: `id:ID` (the IRI), `name`, `:LABEL` (Person, Organization or Place), then every node attribute.
- `relationships.csv`: `:START_ID`, `:END_ID`, `:TYPE` (WORKS_WITH, POST or EVENT: the edge's `kind`), then every
  edge attribute (`weight:int`, `evidence_count:int` ...).

Lists the network joins into one string (titles and aliases with 、, event and article IRIs with a space, evidence
lines with a newline) become `string[]` arrays. Lost: a `;` inside an array item becomes `；`, a newline inside a
single value a space, and the provenance offsets stay in the RDF.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

import networkx as nx

from kgraph.files import write_atomic

ARRAY_DELIMITER = ";"
LABELS = {"person": "Person", "organization": "Organization", "place": "Place"}
# Attributes the network joins into one string, and the separator that splits them back into lists.
LIST_SEPARATORS = {"titles": "、", "aliases": "、", "organizations": "、", "events": " ", "articles": " ",
                   "evidence": "\n", "reports": "\n"}
NODE_FILE, RELATIONSHIP_FILE = "nodes.csv", "relationships.csv"


def generate_csv(net: nx.Graph) -> dict[str, str]:
    """The two files as {file name: CSV text}.

    >>> net = nx.Graph()
    >>> net.add_node("urn:p1", label="万玲玲", kind="person", titles="区委书记、区长")
    >>> net.add_node("urn:p2", label="周远栋", kind="person", titles="")
    >>> net.add_edge("urn:p1", "urn:p2", kind="works_with", weight=2)
    >>> print(generate_csv(net)["nodes.csv"])
    id:ID,name,:LABEL,titles:string[]
    urn:p1,万玲玲,Person,区委书记;区长
    urn:p2,周远栋,Person,
    <BLANKLINE>
    >>> print(generate_csv(net)["relationships.csv"])
    :START_ID,:END_ID,:TYPE,weight:int
    urn:p1,urn:p2,WORKS_WITH,2
    <BLANKLINE>
    """
    nodes = [(str(node), dict(data)) for node, data in net.nodes(data=True)]
    columns = _columns((data for _, data in nodes), skip={"label", "kind"})
    node_rows = [[node, _scalar(data.get("label", node)), LABELS.get(str(data.get("kind", "")), "Node"),
                  *(_cell(name, data.get(name), kind) for name, kind in columns)] for node, data in nodes]
    node_header = ["id:ID", "name", ":LABEL", *(_header(name, kind) for name, kind in columns)]

    edges = [(str(a), str(b), dict(data)) for a, b, data in net.edges(data=True)]
    edge_columns = _columns((data for _, _, data in edges), skip={"kind"})
    edge_rows = [[a, b, str(data.get("kind", "related")).upper(),
                  *(_cell(name, data.get(name), kind) for name, kind in edge_columns)] for a, b, data in edges]
    edge_header = [":START_ID", ":END_ID", ":TYPE", *(_header(name, kind) for name, kind in edge_columns)]
    return {NODE_FILE: _csv_text(node_header, node_rows), RELATIONSHIP_FILE: _csv_text(edge_header, edge_rows)}


def write_csv(net: nx.Graph, path: Path) -> None:
    """Write `nodes.csv` and `relationships.csv` into the folder `path` (made if missing), each atomically."""
    folder = Path(path)
    for name, text in generate_csv(net).items():
        write_atomic(folder / name, text)


def _columns(rows: Iterable[Mapping[str, object]], *, skip: set[str]) -> list[tuple[str, str]]:
    """(attribute, neo4j type) for every attribute, in first-seen order: int, double, boolean, string[] or string."""
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for name, value in row.items():
            if name not in skip and value is not None:
                kinds.setdefault(name, set()).add(type(value))
    columns = []
    for name, types in kinds.items():
        if types <= {bool}:
            kind = "boolean"
        elif types <= {int}:
            kind = "int"
        elif types <= {int, float}:
            kind = "double"
        elif name in LIST_SEPARATORS and types <= {str}:
            kind = "string[]"
        else:
            kind = "string"
        columns.append((name, kind))
    return columns


def _header(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def _cell(name: str, value: object, kind: str) -> str:
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "string[]":
        items = (_scalar(item).replace(ARRAY_DELIMITER, "；") for item in str(value).split(LIST_SEPARATORS[name]))
        return ARRAY_DELIMITER.join(item for item in items if item)
    return _scalar(value)


def _scalar(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
