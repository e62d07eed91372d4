"""What one `kgraph build --jobs 1` costs in CPU seconds and peak memory, to compare two versions of kgraph.

A change such as a statistical name recogniser is judged by what it adds to a build (at 10k articles: at most 25%
more CPU and 150 MB more peak RSS). On a shared machine wall time is noisy, so CPU seconds are the figure that
matters: user + system time of the build and every process it starts, from RUSAGE_CHILDREN. Each run happens
under a fresh wrapper process, so `ru_maxrss` of its children is the peak RSS of this build alone. One job keeps
the work in one process, so the CPU figure is not blurred by workers waiting on each other.

The corpus is `corpus.py`'s synthetic archive (`--size` articles, 12 to a page), written into `--work` once and
then reused, so both versions read the same pages; `--real DIR` builds a folder of real pages instead. The kgraph
measured is the `--kgraph` executable (default: the one beside this Python), e.g. a baseline installed in its
own venv:

    python benchmarks/ner_cost.py --kgraph /tmp/kg-base/.venv/bin/kgraph --work /tmp/kg-bench --label base
    python benchmarks/ner_cost.py --kgraph .venv/bin/kgraph --work /tmp/kg-bench --label ner
    python benchmarks/ner_cost.py --kgraph .venv/bin/kgraph --real /work/shared/eval/msra/raw --label ner

Prints each run and a Markdown row of medians; nothing here is committed output.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import ARTICLES_PER_PAGE, write_corpus  # noqa: E402

WRAPPER = ("import json, resource, subprocess, sys, time\n"
           "t = time.perf_counter()\n"
           "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
           "wall = time.perf_counter() - t\n"
           "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
           "print(json.dumps({'wall': wall, 'cpu': usage.ru_utime + usage.ru_stime, 'user': usage.ru_utime,\n"
           "                  'sys': usage.ru_stime, 'rss': usage.ru_maxrss / 1024, 'code': p.returncode,\n"
           "                  'out': p.stdout + p.stderr}))\n")


def measure(command: list[str]) -> dict[str, object]:
    """Run `command` from a fresh wrapper process: wall and CPU seconds, peak RSS in MB and its output."""
    result = json.loads(subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True,
                                       check=True).stdout)
    if result["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result['out']}")
    return result


def synthetic_corpus(work: Path, size: int) -> Path:
    """`work/corpus-SIZE`, written by `write_corpus` unless it already holds the pages of that size."""
    folder = work / f"corpus-{size}"
    pages = -(-size // ARTICLES_PER_PAGE)
    if len(list(folder.glob("*.txt"))) != pages:
        for stale in folder.glob("*.txt"):
            stale.unlink()
        write_corpus(folder, size)
        print(f"wrote {pages:,} pages ({size:,} articles) to {folder}", file=sys.stderr, flush=True)
    return folder


def counts(output: str) -> list[str]:
    """Articles, people and triples from the summary line `kgraph build` prints."""
    found = [re.search(rf"\b{word} (\d+)", output) for word in ("articles", "people", "triples")]
    return [f"{int(m.group(1)):,}" if m else "?" for m in found]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kgraph", type=Path, default=Path(sys.executable).parent / "kgraph",
                        help="the kgraph executable to measure (default: the one beside this Python)")
    parser.add_argument("--size", type=int, default=10000, help="articles in the synthetic corpus")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"), help="folder for the corpus and output")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--label", default="", help="name of the version measured, for the table (default: --kgraph)")
    parser.add_argument("--real", type=Path, help="build this folder of .txt pages instead of the synthetic corpus")
    args = parser.parse_args(argv)
    if not args.kgraph.exists():
        raise SystemExit(f"no kgraph executable at {args.kgraph}")
    if args.real:
        folder, name = args.real, f"{args.real} ({len(list(args.real.rglob('*.txt'))):,} files)"
        out = args.work / ("out-real-" + "-".join(args.real.resolve().parts[-2:]))  # msra/raw and dev/raw apart
    else:
        folder, name = synthetic_corpus(args.work, args.size), f"synthetic {args.size:,}"
        out = args.work / f"out-{args.size}"
    command = [str(args.kgraph), "build", str(folder), "--out", str(out), "--jobs", "1", "--no-cache"]
    print(" ".join(command), file=sys.stderr, flush=True)
    runs = []
    for number in range(1, args.runs + 1):
        shutil.rmtree(out, ignore_errors=True)
        run = measure(command)
        runs.append(run)
        print(f"run {number}: CPU {run['cpu']:.1f} s (user {run['user']:.1f}, sys {run['sys']:.1f}), "
              f"wall {run['wall']:.1f} s, peak RSS {run['rss']:.0f} MB", file=sys.stderr, flush=True)
    articles, people, triples = counts(str(runs[-1]["out"]))

    def median(key: str) -> float:
        return statistics.median(float(str(run[key])) for run in runs)

    print("| version | input | articles | people | triples | runs | CPU s | wall s | peak RSS MB |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| {args.label or args.kgraph} | {name} | {articles} | {people} | {triples} | {len(runs)} "
          f"| {median('cpu'):.1f} | {median('wall'):.1f} | {median('rss'):.0f} |", flush=True)


if __name__ == "__main__":
    main()
