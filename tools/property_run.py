"""Run the pipeline's property test (tests/test_property_pipeline.py) for a long time: batches of examples, each
with a new seed, until the time is up; prints each batch and the total, exits 1 if any batch failed.

    python tools/property_run.py --minutes 20 --batch 200
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--batch", type=int, default=200, help="examples per pytest run")
    args = parser.parse_args()
    stop = time.monotonic() + 60 * args.minutes
    env = os.environ | {"KGRAPH_PROPERTY_EXAMPLES": str(args.batch)}
    batches = failed = 0
    start = time.monotonic()
    while time.monotonic() < stop:
        seed = batches + 1
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                               "tests/test_property_pipeline.py", f"--hypothesis-seed={seed}"],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        batches += 1
        failed += done.returncode != 0
        last = (done.stdout.strip().splitlines() or ["?"])[-1]
        print(f"batch {batches} seed {seed}: {last}", flush=True)
        if done.returncode != 0:
            print(done.stdout[-3000:], flush=True)
    minutes = (time.monotonic() - start) / 60
    print(f"{batches} batches of {args.batch} examples in {minutes:.1f} min, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
