"""Build time and memory for ONE input file of growing size: work per character must stay flat (issue 20).

Two shapes of page, each one file: `seeds` (the seed pages' text repeated) and `random` (random lines made of the
seeds' characters, seeded, so a run is repeatable). For each size, a fresh `kgraph build FILE --no-cache --jobs 1`
runs in its own process; the table gives wall seconds, seconds per MB and the process's peak resident memory.

    python benchmarks/page_size.py                       # 0.1, 1, 4, 16 MB (about 10 minutes)
    python benchmarks/page_size.py --sizes 0.1,1,4,16,50 --shapes seeds
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def seed_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def make_page(shape: str, size_mb: float, path: Path, seed: int = 7) -> int:
    """Write one UTF-8 file of about `size_mb` MB; its size in bytes."""
    text = seed_text()
    target = int(size_mb * MB)
    rng = random.Random(seed)
    chars = sorted(set(text) - {"\n"})
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < target:
            if shape == "seeds":
                chunk = text + "\n"
            else:
                chunk = "\n".join("".join(rng.choices(chars, k=rng.randint(5, 120))) for _ in range(200)) + "\n"
            data = chunk.encode("utf-8")[: target - written]
            chunk = data.decode("utf-8", "ignore")
            handle.write(chunk)
            written += len(chunk.encode("utf-8"))
    return path.stat().st_size


def measure(page: Path, out: Path) -> tuple[float, float, int]:
    """(seconds, peak MB of the build process, exit status) of one build."""
    command = [sys.executable, "-m", "kgraph", "build", str(page), "--out", str(out), "--no-cache", "--jobs", "1"]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            err.seek(0)
            print(err.read().decode("utf-8", "replace").strip().splitlines()[-1:], file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,1,4,16", help="MB, comma-separated")
    parser.add_argument("--shapes", default="seeds,random")
    args = parser.parse_args()
    print("| shape | MB | seconds | s per MB | x of 0.1 MB | peak MB | status |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for shape in args.shapes.split(","):
            first = None
            for size in (float(s) for s in args.sizes.split(",")):
                page = Path(folder) / f"{shape}-{size}.txt"
                bytes_ = make_page(shape, size, page)
                seconds, peak, status = measure(page, Path(folder) / "out")
                per_mb = seconds / (bytes_ / MB)
                first = first or per_mb
                print(f"| {shape} | {bytes_ / MB:.1f} | {seconds:.1f} | {per_mb:.1f} | {per_mb / first:.2f} | "
                      f"{peak:.0f} | {status} |", flush=True)
                page.unlink()


if __name__ == "__main__":
    main()
