"""Which SPARQL engine should `kgraph query` use? Measure both on the seeds and on synthetic graphs.

For each graph and engine, a fresh Python process loads the graph the way `kgraph query` does
(`kgraph.rdf.read.read_query_graph`), then runs every named query with the parameters below: one warm-up run,
then timed runs (up to 10, within about 20 s), and reports the median. Peak memory is the process's peak resident
size while loading, less its resident size before (Linux). The answers of each query, as CSV, must be the same
for every engine; the table says when they are not.

    python benchmarks/engines.py                          # seeds, 100k and 1M synthetic triples
    python benchmarks/engines.py --sizes 1000000 --engines oxigraph,rdflib,oxrdflib

`oxrdflib` (rdflib's Graph API over an Oxigraph store) is measured when it is installed; kgraph does not use it.
Synthetic graphs (benchmarks/synthetic.py) are written to a temporary folder and deleted afterwards.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS_GRAPH = ROOT / "output" / "graph.ttl"

# Names that exist in the seeds and are planted in every synthetic graph.
PARAMS: dict[str, dict[str, str]] = {
    "who-works-with": {"name": "万玲玲"},
    "people-by-title": {"title": "书记"},
    "org-members": {"org": "荆州区委"},
    "place-people": {"place": "荆州区"},
    "strongest-collaborations": {},
    "career": {"name": "万玲玲"},
    "common-members": {"org1": "荆州区委", "org2": "荆州高新区党工委"},
}
MAX_RUNS, BUDGET_SECONDS = 10, 20.0
TIMEOUT_SECONDS = 60  # one run of one query; past it the table says "> 60,000"


def _status_mb(field: str) -> float:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith(field + ":")).split()[1]) / 1024


def _reset_peak() -> None:
    """Forget the peak so far (imports), so the next peak is the loading's: Linux's clear_refs."""
    Path("/proc/self/clear_refs").write_text("5")


def measure(engine: str, path: Path) -> dict:
    """Load `path` with `engine` and time each named query; runs in the process that measures."""
    from rdflib import Literal

    from kgraph.rdf.named_queries import named_query
    from kgraph.rdf.query import run_query
    from kgraph.rdf.read import read_query_graph
    from kgraph.rdf.results import format_csv
    from kgraph.rdf.vocab import PREFIXES

    _reset_peak()
    before = _status_mb("VmRSS")
    started = time.perf_counter()
    if engine == "oxrdflib":
        from rdflib import Graph

        graph = Graph(store="Oxigraph")
        graph.parse(path, format="ox-turtle")

        def run(text: str, params: dict[str, str]):
            bindings = {k: Literal(v, lang="zh") for k, v in params.items()}
            result = graph.query(text, initNs=PREFIXES, initBindings=bindings)
            result.bindings = list(result.bindings)
            return result
    else:
        graph = read_query_graph(path, engine=engine)

        def run(text: str, params: dict[str, str]):
            return run_query(graph, text, bindings=params)

    load_seconds = time.perf_counter() - started
    report = {"engine": engine, "triples": len(graph), "load_s": load_seconds, "peak_mb": _status_mb("VmHWM") - before,
              "queries": {}}
    for name, params in PARAMS.items():
        text = named_query(name).text
        started = time.perf_counter()
        try:
            answer = format_csv(_within(TIMEOUT_SECONDS, lambda: run(text, params)))  # noqa: B023
        except TimeoutError:
            report["queries"][name] = {"median_ms": None, "runs": 0, "rows": None, "answer": None}
            continue
        times = [time.perf_counter() - started]
        while len(times) < MAX_RUNS and sum(times) < BUDGET_SECONDS:
            started = time.perf_counter()
            run(text, params)
            times.append(time.perf_counter() - started)
        timed = times[1:] or times  # the first run warms caches (rdflib compiles its grammar once)
        report["queries"][name] = {"median_ms": statistics.median(timed) * 1000, "runs": len(timed),
                                   "rows": answer.count("\n"), "answer": hashlib.sha1(answer.encode()).hexdigest()}
    return report


def _within(seconds: int, action):  # noqa: ANN202
    """Run `action`, raising TimeoutError after `seconds` (a signal: it interrupts Python code such as rdflib's)."""

    def expire(*_: object) -> None:
        raise TimeoutError

    from kgraph.errors import QueryError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        return action()
    except QueryError as exc:  # run_query wraps whatever stops the engine, the alarm included
        if isinstance(exc.__cause__, TimeoutError):
            raise TimeoutError from exc
        raise
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _child(engine: str, path: Path) -> dict:
    command = [sys.executable, __file__, "--child", engine, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{engine} on {path} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def table(results: list[tuple[str, dict]]) -> str:
    """Markdown: one row per graph and engine."""
    names = list(PARAMS)
    lines = ["| graph | engine | triples | load s | peak MB | " + " | ".join(f"{n} ms" for n in names) + " |",
             "| --- | --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in names) + " |"]
    for label, report in results:
        cells = [_ms(report["queries"][n]["median_ms"]) for n in names]
        lines.append(f"| {label} | {report['engine']} | {report['triples']:,} | {report['load_s']:.2f} | "
                     f"{report['peak_mb']:.1f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    return f"> {TIMEOUT_SECONDS * 1000:,}" if value is None else f"{value:,.1f}"


def agreement(results: list[tuple[str, dict]]) -> list[str]:
    """One line per graph: do all engines give the same answers (same CSV) to every query?"""
    lines = []
    for label in dict.fromkeys(label for label, _ in results):
        reports = [r for graph, r in results if graph == label]
        answered = [n for n in PARAMS if all(r["queries"][n]["answer"] for r in reports)]
        differing = [n for n in answered if len({r["queries"][n]["answer"] for r in reports}) > 1]
        rows = ", ".join(f"{n} {reports[0]['queries'][n]['rows']}" for n in PARAMS)
        if len(answered) < len(PARAMS):
            rows += f"; compared {len(answered)} of {len(PARAMS)} queries, the others timed out"
        verdict = "same answers" if not differing else "DIFFERENT answers for " + ", ".join(differing)
        lines.append(f"- {label}: {verdict} from {', '.join(r['engine'] for r in reports)} (rows: {rows})")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="100000,1000000", help="synthetic graph sizes in triples, comma-separated")
    parser.add_argument("--engines", default="oxigraph,rdflib", help="engines to compare, comma-separated")
    parser.add_argument("--seeds", type=Path, default=SEEDS_GRAPH, help="the seeds' graph (kgraph build writes it)")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child[0], Path(args.child[1]))))
        return 0

    sys.path.insert(0, str(Path(__file__).parent))
    from synthetic import write_synthetic

    engines = [e for e in args.engines.split(",") if e]
    results: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as folder:
        seeds = Path(folder) / "seeds.ttl"
        shutil.copyfile(args.seeds, seeds)  # a snapshot: output/graph.ttl may be rebuilt while this runs
        graphs = [("seeds", seeds)]
        for size in (int(s) for s in args.sizes.split(",") if s):
            path = Path(folder) / f"synthetic-{size}.ttl"
            stats = write_synthetic(path, size)
            print(f"synthetic {size}: {stats.triples} triples, {path.stat().st_size / 1e6:.0f} MB of Turtle",
                  file=sys.stderr)
            graphs.append((f"synthetic {size // 1000}k", path))
        for label, path in graphs:
            for engine in engines:
                print(f"measuring {engine} on {label} ...", file=sys.stderr)
                results.append((label, _child(engine, path)))
                print(json.dumps(results[-1][1]), file=sys.stderr)  # kept in the log if a later run fails
    print(table(results))
    print()
    print("\n".join(agreement(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
