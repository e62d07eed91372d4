"""CPU milliseconds of each named query on one graph with Oxigraph, as `kgraph query` runs it (issue 17's measure).

Loads the graph once (`read_query_graph`), runs each named query once to warm up, then `--runs` times, and prints
the median CPU time of `run_query` (the query and the conversion of its answer to rdflib terms) with the number of
rows and a hash of the answer as CSV, so two checkouts' answers can be compared. CPU time, since the project
machine is shared; the parameters are those of `engines.py`.

    python benchmarks/synthetic.py /tmp/syn1m.ttl --triples 1000000
    python benchmarks/query_cpu.py /tmp/syn1m.ttl
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from engines import PARAMS  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    from kgraph.rdf.named_queries import named_query
    from kgraph.rdf.query import run_query
    from kgraph.rdf.read import read_query_graph
    from kgraph.rdf.results import format_csv

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    graph = read_query_graph(args.graph, engine="oxigraph")
    print(f"{len(graph):,} triples\n")
    print("| query | CPU ms (median) | rows | answer |")
    print("| --- | ---: | ---: | --- |")
    for name, params in PARAMS.items():
        text = named_query(name).text
        answer = format_csv(run_query(graph, text, bindings=params))
        times = []
        for _ in range(args.runs):
            started = time.process_time()
            run_query(graph, text, bindings=params)
            times.append(time.process_time() - started)
        digest = hashlib.sha1(answer.encode()).hexdigest()[:8]
        print(f"| {name} | {statistics.median(times) * 1000:.1f} | {answer.count(chr(10))} | {digest} |", flush=True)


if __name__ == "__main__":
    main()
