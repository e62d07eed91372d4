"""What share of a `kgraph build`'s CPU time goes to resolution (stage 3, `kgraph/resolve/`), and its peak memory.

Issue 16 asks that resolution stay under 5% of the build at 60,000 articles. Each run is one
`kgraph build DIR --no-cache --jobs N` in a fresh process whose `Pipeline.resolve` is wrapped to read the process's
CPU clock before and after (resolution runs once, in the main process). The build's CPU is user + system time of
that process and every process it started (RUSAGE_CHILDREN of a wrapper), so the share does not depend on the
number of jobs nor on the load of a shared machine as much as wall seconds do. Peak RSS is the largest single
process of the build. `--checkout DIR` measures the kgraph of another source tree (e.g. `git archive` of an older
commit), put first on PYTHONPATH.

    python benchmarks/corpus.py /tmp/corpus-10k --articles 10000
    python benchmarks/resolve_share.py /tmp/corpus-10k /tmp/corpus-60k --runs 2
    python benchmarks/resolve_share.py /tmp/corpus-10k --checkout /tmp/kgraph-before --label before

Prints each run and a Markdown row per corpus (the least of the runs); nothing here is committed output.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# The build, with Pipeline.resolve timed; its figures go to the file named by KGRAPH_BENCH_OUT when the CLI exits.
CHILD = """
import atexit, json, os, sys, time
from kgraph.pipeline import Pipeline
timed = {"cpu": 0.0, "wall": 0.0}
resolve = Pipeline.resolve
def timed_resolve(self, *args, **kwargs):
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        return resolve(self, *args, **kwargs)
    finally:
        timed["cpu"] += time.process_time() - cpu
        timed["wall"] += time.perf_counter() - wall
Pipeline.resolve = timed_resolve
atexit.register(lambda: open(os.environ["KGRAPH_BENCH_OUT"], "w").write(json.dumps(timed)))
from kgraph.cli import cli
cli(sys.argv[1:], prog_name="kgraph")
"""

WRAPPER = ("import json, resource, subprocess, sys, time\n"
           "t = time.perf_counter()\n"
           "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
           "wall = time.perf_counter() - t\n"
           "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
           "print(json.dumps({'wall': wall, 'cpu': usage.ru_utime + usage.ru_stime, 'rss': usage.ru_maxrss / 1024,\n"
           "                  'code': p.returncode, 'out': p.stdout + p.stderr}))\n")


def measure(folder: Path, out: Path, jobs: int, env: dict[str, str]) -> dict[str, float | str]:
    """One build of `folder` into `out`: its CPU and wall seconds, resolution's, peak RSS in MB and its output."""
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.NamedTemporaryFile(suffix=".json") as figures:
        command = [sys.executable, "-c", CHILD, "build", str(folder), "--out", str(out), "--no-cache",
                   "--jobs", str(jobs)]
        done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True,
                              env={**env, "KGRAPH_BENCH_OUT": figures.name})
        result = json.loads(done.stdout)
        if result["code"] != 0:
            raise SystemExit(f"{' '.join(command[3:])} failed:\n{result['out']}")
        timed = json.loads(Path(figures.name).read_text())
    return {**result, "resolve_cpu": timed["cpu"], "resolve_wall": timed["wall"]}


def count(output: str, word: str) -> str:
    found = re.search(rf"\b{word} (\d+)", output)
    return f"{int(found.group(1)):,}" if found else "?"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="folders of pages (corpus.py's)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--checkout", type=Path, help="a kgraph source tree to measure instead of the installed one")
    parser.add_argument("--label", default="", help="name of the version measured, for the table")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kgraph-resolve-share")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if args.checkout:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(args.checkout.resolve()), env.get("PYTHONPATH")]))
    rows = []
    for folder in args.corpora:
        runs = []
        for number in range(1, args.runs + 1):
            run = measure(folder, args.work / folder.name, args.jobs, env)
            runs.append(run)
            print(f"{folder} run {number}: build CPU {run['cpu']:.1f} s, wall {run['wall']:.1f} s; resolution CPU "
                  f"{run['resolve_cpu']:.2f} s ({100 * run['resolve_cpu'] / run['cpu']:.1f} %), wall "
                  f"{run['resolve_wall']:.2f} s; peak RSS {run['rss']:.0f} MB", file=sys.stderr, flush=True)
        output = str(runs[-1]["out"])
        build, resolution = min(r["cpu"] for r in runs), min(r["resolve_cpu"] for r in runs)
        rows.append(f"| {args.label} | {folder.name} | {count(output, 'articles')} | {count(output, 'people')} "
                    f"| {count(output, 'triples')} | {len(runs)} | {build:.1f} | {resolution:.2f} "
                    f"| {100 * resolution / build:.1f} | {min(r['rss'] for r in runs):.0f} |")
    print("| version | corpus | articles | people | triples | runs | build CPU s | resolution CPU s | share % "
          "| peak RSS MB |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows), flush=True)


if __name__ == "__main__":
    main()
