"""Start-up of `kgraph build`: CPU of a one-article page, end to end and by phase (issue 17).

    python benchmarks/startup.py --repeat 7                                    # this checkout
    python benchmarks/startup.py --repeat 7 --checkout before=/tmp/base-src    # and another one, alternating
    python benchmarks/startup.py --phases                                      # where this checkout's CPU goes

End to end: `python -m kgraph build PAGE --out DIR --no-cache --quiet`, with the default jobs and with `--jobs 1`,
each checkout in turn (its folder first on PYTHONPATH), user + system CPU of the process and its children; the
median of `--repeat` runs. The derived-data cache (`kgraph.derived`) is warm: the first run of a checkout fills it.
`--phases` runs one build in this process and prints the CPU of each phase: imports, `load` (lexicons, jieba's
dictionary, jieba-rs), reading and extraction, pinyin, and writing the Turtle and the page.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGE = "本报讯 区长张三主持会议。\n"


def _cpu_of(command: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _environment(folder: str | None) -> dict[str, str]:
    """This environment with `folder` first on the path and bytecode written and read, as an installed kgraph has
    it: with PYTHONDONTWRITEBYTECODE set, every start would compile kgraph's modules from source (0.1 to 0.2 s)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    if folder:  # and the current folder not before it (`-m` puts it first): it may hold a kgraph too
        env.update(PYTHONPATH=folder, PYTHONSAFEPATH="1")
    return env


def end_to_end(checkouts: dict[str, str | None], repeat: int, page: Path, out: Path) -> None:
    runs: dict[tuple[str, str], list[float]] = {}
    for _ in range(repeat + 1):  # the first round warms the caches and is not counted
        for name, folder in checkouts.items():
            env = _environment(folder)
            for jobs in ([], ["--jobs", "1"]):
                command = [sys.executable, "-m", "kgraph", "build", str(page), "--out", str(out / name),
                           "--no-cache", "--quiet", *jobs]
                runs.setdefault((name, " ".join(jobs) or "default jobs"), []).append(_cpu_of(command, env))
    for (name, jobs), cpu in runs.items():
        counted = cpu[1:]
        print(f"{name:10s} {jobs:14s} median {statistics.median(counted):.2f} s CPU  "
              f"({', '.join(f'{c:.2f}' for c in counted)})")


def phases(page: Path, out: Path) -> None:
    marks: list[tuple[str, float]] = []

    def mark(name: str) -> None:
        marks.append((name, time.process_time()))

    import compileall
    import importlib.util

    spec = importlib.util.find_spec("kgraph")  # bytecode written first, as an installed kgraph has it
    compileall.compile_dir(next(iter(spec.submodule_search_locations)), quiet=1)
    mark("start")
    import click  # noqa: F401

    mark("click")
    import kgraph.cli  # noqa: F401

    mark("import kgraph.cli")
    from kgraph.driver import run
    from kgraph.files import collect_files
    from kgraph.pipeline import load

    mark("import driver, pipeline")
    pipeline = load()
    mark("load (lexicons, dictionaries)")
    result = run(pipeline, collect_files([page]), jobs=1, use_cache=False)
    mark("read, extract, resolve")
    from kgraph.pinyin import lazy_pinyin

    lazy_pinyin("张三")
    mark("pinyin table")
    result.write(out, jobs=1)
    mark("write graph.ttl, graph.html")
    first = previous = marks[0][1]
    for name, at in marks[1:]:
        print(f"{name:32s} {at - previous:.3f} s")
        previous = at
    print(f"{'total (after the interpreter)':32s} {previous - first:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--checkout", action="append", default=[], metavar="NAME=FOLDER",
                        help="another checkout to measure, by the folder that holds its kgraph package")
    parser.add_argument("--phases", action="store_true", help="the CPU of each phase, in this process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "one.txt"
        page.write_text(PAGE, encoding="utf-8")
        if args.phases:
            phases(page, Path(tmp) / "out")
            return
        checkouts: dict[str, str | None] = {"this": None}
        checkouts.update(dict(item.split("=", 1) for item in args.checkout))
        end_to_end(checkouts, args.repeat, page, Path(tmp))


if __name__ == "__main__":
    main()
