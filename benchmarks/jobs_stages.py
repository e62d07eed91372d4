"""Where a build's cores go, stage by stage, with one job and with more (issue 17's `--jobs 2` goal).

    python benchmarks/jobs_stages.py /tmp/corpus-10k --jobs 1,2 --repeat 2
    python benchmarks/jobs_stages.py /tmp/corpus-60k --jobs 1,2

Each run is a fresh process that runs `kgraph build FOLDER --no-cache --quiet --jobs N` in itself (the CLI's own
code) and marks where each stage ends: start-up (imports, lexicons, up to pass 1), pass 1 (reading the pages),
pass 2 (extraction), the pool closed (its workers reaped, the cache pruned), resolution, and writing graph.ttl and
graph.html. For each stage it reports wall seconds; the CPU seconds of this process and of the others (the pool's
workers and the processes forked beside it: read from /proc while they live, from their rusage once reaped); the
core-seconds left idle (min(N, CPUs) x wall - CPU); and minor page faults, which with more than one process are
mostly the copies a write into a page of memory they share makes (and reading a Python object writes its
reference count). Runs alternate between job counts; each count's fastest run is shown. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_MEASURES = ("wall", "here", "others", "faults")


def _live_children() -> tuple[float, int]:
    """CPU seconds and minor faults of this process's children that have not been reaped yet."""
    ticks = os.sysconf("SC_CLK_TCK")
    cpu, faults = 0.0, 0
    for thread in os.listdir(f"/proc/{os.getpid()}/task"):
        try:
            children = Path(f"/proc/{os.getpid()}/task/{thread}/children").read_text().split()
        except OSError:
            continue
        for child in children:
            try:
                fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended a moment ago
            cpu += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
            faults += int(fields[7])  # minflt
    return cpu, faults


def _usage() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    live_cpu, live_faults = _live_children()
    return {"here": own.ru_utime + own.ru_stime,
            "others": reaped.ru_utime + reaped.ru_stime + live_cpu,
            "faults": own.ru_minflt + reaped.ru_minflt + live_faults}


def child(folder: str, jobs: int, out: str) -> None:
    """One build, in this process, printing each stage's end as JSON."""
    started = time.perf_counter()
    marks: list[dict[str, float | str]] = []

    def mark(stage: str) -> None:
        marks.append({"stage": stage, "wall": time.perf_counter() - started, **_usage()})

    import kgraph.cli as cli
    import kgraph.driver as driver
    import kgraph.result as result

    run_phase, resolve, write = driver.run_phase, driver.Pipeline.resolve, result.BuildResult.write
    close = driver.LocalEngine.close

    def marked_run_phase(engine, store, kind, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        mark("start-up" if kind == "pages" else "pass 1")
        return run_phase(engine, store, kind, *args, **kwargs)

    def marked_close(self, *, abort: bool) -> None:  # noqa: ANN001
        mark("pass 2")
        close(self, abort=abort)

    def marked_resolve(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        mark("pool closed")
        corpus = resolve(self, *args, **kwargs)
        mark("resolution")
        return corpus

    def marked_write(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        written = write(self, *args, **kwargs)
        mark("writing")
        return written

    driver.run_phase, driver.LocalEngine.close = marked_run_phase, marked_close
    driver.Pipeline.resolve, result.BuildResult.write = marked_resolve, marked_write
    try:
        cli.cli.main(["build", folder, "--out", out, "--no-cache", "--quiet", "--jobs", str(jobs)],
                     prog_name="kgraph")
    except SystemExit as end:
        if end.code:
            raise
    print(json.dumps(marks))


def measure(folder: Path, jobs: int) -> list[dict]:
    """The stages of one build of `folder` with `jobs`, each with its wall, CPU and faults (not cumulative)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as out:
        answer = subprocess.run([sys.executable, __file__, "--child", str(folder), str(jobs), out],
                                capture_output=True, text=True, env=env)
    if answer.returncode:
        raise SystemExit(f"the build with --jobs {jobs} failed:\n{answer.stderr}")
    marks = json.loads(answer.stdout.splitlines()[-1])
    before: dict = dict.fromkeys(_MEASURES, 0)
    stages = []
    for now in marks:
        stages.append({"stage": now["stage"], **{key: now[key] - before[key] for key in _MEASURES}})
        before = now
    return stages


def table(jobs: int, stages: list[dict]) -> str:
    cores = min(jobs, os.cpu_count() or 1)
    rows = [f"`--jobs {jobs}` | wall s | CPU s here | CPU s others | idle core-s | minor faults",
            "---|---:|---:|---:|---:|---:"]
    for stage in [*stages, {"stage": "**whole build**", **{key: sum(s[key] for s in stages)
                                                            for key in _MEASURES}}]:
        idle = max(cores * stage["wall"] - stage["here"] - stage["others"], 0.0)
        rows.append(f"{stage['stage']} | {stage['wall']:.2f} | {stage['here']:.2f} | {stage['others']:.2f} | "
                    f"{idle:.2f} | {stage['faults']:,}")
    return "\n".join(f"| {row} |" for row in rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", default="1,2", help="job counts to compare, the first the baseline")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each count; the fastest is shown")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        raise SystemExit(f"Error: {args.folder} is not a folder")
    counts = [int(n) for n in args.jobs.split(",")]
    best: dict[int, list[dict]] = {}
    for _ in range(args.repeat):
        for jobs in counts:
            stages = measure(args.folder, jobs)
            if jobs not in best or sum(s["wall"] for s in stages) < sum(s["wall"] for s in best[jobs]):
                best[jobs] = stages
    for jobs in counts:
        print(table(jobs, best[jobs]), end="\n\n")
    base = sum(s["wall"] for s in best[counts[0]])
    base_cpu = sum(s["here"] + s["others"] for s in best[counts[0]])
    for jobs in counts[1:]:
        wall = sum(s["wall"] for s in best[jobs])
        cpu = sum(s["here"] + s["others"] for s in best[jobs])
        print(f"`--jobs {jobs}` against `--jobs {counts[0]}`: wall {base / wall:.2f}x, CPU {cpu / base_cpu:.2f}x")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        main()
