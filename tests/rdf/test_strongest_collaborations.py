"""strongest-collaborations reads the works-with weights: the same 20 pairs as recounting events, ties included."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kgraph.rdf.named_queries import named_query
from kgraph.rdf.query import run_query
from kgraph.rdf.read import ENGINES, read_query_graph
from kgraph.rdf.results import format_csv
from kgraph.rdf.vocab import KG_NS

KG = KG_NS
RECOUNT = """
SELECT ?person1 ?person2 (COUNT(DISTINCT ?event) AS ?events)
WHERE {
  ?event a schema:Event ; schema:organizer|schema:attendee ?a, ?b .
  FILTER (STR(?a) < STR(?b))
  ?a schema:name ?person1 .
  ?b schema:name ?person2 .
}
GROUP BY ?person1 ?person2
ORDER BY DESC(?events) ?person1 ?person2
LIMIT 20
"""


def _graph(tmp_path: Path, weights: list[int]) -> Path:
    """People p0..pN and one collaboration per weight between two of them, with as many events as its weight."""
    rng = random.Random(len(weights))
    lines = [f"@prefix kg: <{KG}> .", "@prefix schema: <https://schema.org/> .", "@prefix ex: <http://example.org/> ."]
    lines += [f'ex:p{k} a schema:Person ; schema:name "人{k:03d}"@zh .' for k in range(30)]
    pairs = rng.sample([(a, b) for a in range(30) for b in range(a + 1, 30)], len(weights))
    for k, ((a, b), weight) in enumerate(zip(pairs, weights, strict=True)):
        lines.append(f"ex:c{k} a kg:Collaboration ; kg:participant ex:p{a}, ex:p{b} ; kg:weight {weight} .")
        lines += [f"ex:e{k}-{n} a schema:Event ; schema:organizer ex:p{a} ; schema:attendee ex:p{b} ."
                  for n in range(weight)]
    path = tmp_path / "graph.ttl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("weights", [
    [1, 2, 3],  # fewer than 20 pairs
    [9, 8, 7] + [5] * 30 + [1] * 5,  # 30 pairs tie at the 20th place: the names decide, as in a recount
    list(range(1, 41)),
])
def test_strongest_collaborations_as_recounted(tmp_path: Path, engine: str, weights: list[int]) -> None:
    graph = read_query_graph(_graph(tmp_path, weights), engine=engine)
    answer = format_csv(run_query(graph, named_query("strongest-collaborations").text))
    assert answer == format_csv(run_query(graph, RECOUNT))
    assert answer.count("\n") == min(len(weights), 20)


@pytest.mark.parametrize("engine", ENGINES)
def test_strongest_collaborations_of_no_pairs(tmp_path: Path, engine: str) -> None:
    graph = read_query_graph(_graph(tmp_path, []), engine=engine)
    assert format_csv(run_query(graph, named_query("strongest-collaborations").text)) == "person1,person2,events"
