"""CPU seconds of writing a build's outputs (graph.ttl and graph.html) from a resolved corpus, by part.

A benchmark, not a test. The corpus is resolved once and pickled (`--corpus`), so the writing alone is timed, in
this process (`time.process_time`), least of `--runs`:

    python benchmarks/write_cpu.py /tmp/c1k --corpus /tmp/c1k.pickle --runs 3
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kgraph import build  # noqa: E402
from kgraph.outputs import write_outputs  # noqa: E402


def _corpus(folder: Path, pickled: Path | None):
    if pickled is not None and pickled.exists():
        return pickle.loads(pickled.read_bytes())
    corpus = build([folder], use_cache=False).corpus
    if pickled is not None:
        pickled.write_bytes(pickle.dumps(corpus, protocol=pickle.HIGHEST_PROTOCOL))
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--corpus", type=Path, help="the resolved corpus, pickled (made if missing)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    corpus = _corpus(args.folder, args.corpus)
    best = float("inf")
    with tempfile.TemporaryDirectory() as out:
        for _ in range(args.runs):
            start = time.process_time()
            write_outputs(corpus, Path(out) / "graph.ttl", Path(out) / "graph.html")
            best = min(best, time.process_time() - start)
    print(f"write_outputs: {best:.2f} s CPU (least of {args.runs})")


if __name__ == "__main__":
    main()
