"""How long `kgraph build` takes on a synthetic archive, with one and two jobs, and how fast it re-builds.

For each size, `corpus.py` writes the pages; then `kgraph build --no-cache` runs as a subprocess with `--jobs 1` and
`--jobs 2`. Wall seconds are measured around the subprocess; peak RSS is `ru_maxrss` of RUSAGE_CHILDREN, read in
a fresh wrapper process per run (the largest single process of the build, workers included). The baseline is bare
`jieba.lcut` over the same decoded page texts in this process (dictionary load included), so the ratio says how
much work kgraph does per character beyond segmenting it. With `--rebuild`, 10 pages are added to the corpus of
that size and `kgraph build --jobs 2` runs again over the cache the timed runs left.

    python benchmarks/build_bench.py --sizes 1000,10000 --rebuild 10000 --work /tmp/kgraph-bench

Prints a Markdown table; nothing here is committed output.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402


def measure(command: list[str]) -> dict[str, object]:
    """Run `command` from a fresh wrapper process: wall seconds, peak RSS in MB and its stdout."""
    wrapper = ("import json, resource, subprocess, sys, time\n"
               "t = time.perf_counter()\n"
               "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
               "wall = time.perf_counter() - t\n"
               "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
               "print(json.dumps({'wall': wall, 'rss': rss, 'code': p.returncode, 'out': p.stdout + p.stderr}))\n")
    result = json.loads(subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True,
                                       check=True).stdout)
    if result["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result['out']}")
    return result


def jieba_seconds(folder: Path) -> float:
    import jieba

    from kgraph.text.read import read_text

    texts = [read_text(path) for path in sorted(folder.glob("*.txt"))]
    start = time.perf_counter()
    tokenizer = jieba.Tokenizer()
    for text in texts:
        tokenizer.lcut(text)
    return time.perf_counter() - start


def kgraph_build(folder: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "kgraph", "build", str(folder), "--out", str(out), *extra]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,60000")
    parser.add_argument("--rebuild", type=int, default=10000, help="size to add 10 pages to and build again (0: no)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kgraph-bench"))
    args = parser.parse_args(argv)
    print("| articles | files | triples | jieba.lcut s | --jobs 1 s | --jobs 2 s | jobs 1 / jobs 2 "
          "| peak RSS MB (1 / 2) | build / jieba (jobs 1) |", flush=True)
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |", flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        folder, out = args.work / f"corpus-{size}", args.work / f"out-{size}"
        for stale in folder.glob("*.txt"):  # the pages a --rebuild of an earlier run added
            stale.unlink()
        files = write_corpus(folder, size)
        baseline = jieba_seconds(folder)
        runs = {jobs: measure(kgraph_build(folder, out, "--no-cache", "--jobs", str(jobs))) for jobs in (1, 2)}
        match = re.search(r"articles (\d+),.* triples (\d+)", str(runs[1]["out"]))
        articles, triples = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        print(f"| {articles:,} | {len(files):,} | {triples:,} | {baseline:.1f} | {runs[1]['wall']:.1f} "
              f"| {runs[2]['wall']:.1f} | {runs[1]['wall'] / runs[2]['wall']:.2f} "
              f"| {runs[1]['rss']:.0f} / {runs[2]['rss']:.0f} | {runs[1]['wall'] / baseline:.1f} |", flush=True)
        if size == args.rebuild:
            write_corpus(folder, size, extra=10)
            rebuild = measure(kgraph_build(folder, out, "--jobs", "2"))
            again = re.search(r"extracted (\d+) of (\d+) files again", str(rebuild["out"]))
            print(f"\nrebuild after adding 10 pages to {size:,} articles: {rebuild['wall']:.1f} s, "
                  f"{again.group(1) if again else 'all'} of {again.group(2) if again else '?'} files extracted again, "
                  f"peak RSS {rebuild['rss']:.0f} MB\n", flush=True)
            print(json.dumps({"rebuild_out": rebuild["out"]}, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
