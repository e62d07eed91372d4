"""CPU time of `kgraph build --jobs 1 --no-cache` against bare `jieba.lcut` on the same text (issue 17's measure).

Both run as fresh processes and are charged their whole CPU time, user + system, children included: interpreter
start-up, imports, the dictionary load (jieba's cache, or kgraph's dictionary), reading the files and, for the
build, everything up to `graph.ttl` and `graph.html`. CPU time rather than wall time, since the project machine is
shared: a busy machine stretches wall seconds, hardly CPU seconds. The baseline decodes each file as kgraph does
(`kgraph.text.read.read_text`) and cuts the whole text with a fresh `jieba.Tokenizer` (HMM on, jieba's default).

    python benchmarks/cpu_ratio.py --sizes 1000,10000 --real seeds ../shared/gold/dev/raw ../shared/eval/msra/raw
    python benchmarks/cpu_ratio.py --sizes 1000 --checkout before=../main --checkout after=. --repeat 3

`--checkout LABEL=PATH` builds with the kgraph of another checkout (put first on PYTHONPATH), for a before/after
table; runs alternate between checkouts and `--repeat` keeps each one's least CPU time, which is the least
disturbed by other work on the machine. Synthetic archives come from `corpus.py` (seed 7) under `--work`. Prints
a Markdown table; nothing is committed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402

WRAPPER = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, "code": done.returncode,
                  "out": done.stdout + done.stderr}))
"""
JIEBA = """
import logging, sys
from pathlib import Path
import jieba
from kgraph.text.read import read_text
jieba.setLogLevel(logging.WARNING)
tokenizer = jieba.Tokenizer()
chars = 0
for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
    text = read_text(path)
    chars += len(text)
    tokenizer.lcut(text)
print(chars)
"""


def _environment(pythonpath: str | None) -> dict[str, str]:
    """This process's environment, with `pythonpath` first and bytecode written and read, as an installed kgraph
    has it (with PYTHONDONTWRITEBYTECODE set, every build would compile kgraph's modules from source: 0.1 to 0.2 s)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    if pythonpath:  # and the current folder not before it (`-m` and `-c` put it first): it may hold a kgraph too
        env.update(PYTHONPATH=pythonpath, PYTHONSAFEPATH="1")
    return env


def compile_checkout(pythonpath: str | None) -> None:
    """Write the bytecode of the kgraph that `pythonpath` (or this environment) imports, before anything is timed."""
    code = "import compileall, kgraph, pathlib; compileall.compile_dir(pathlib.Path(kgraph.__file__).parent, quiet=1)"
    subprocess.run([sys.executable, "-c", code], env=_environment(pythonpath), check=True)


def measure(command: list[str], pythonpath: str | None = None) -> dict:
    """CPU seconds (user + system) and peak RSS of `command`, run from a fresh wrapper process."""
    env = _environment(pythonpath)
    answer = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True,
                            env=env)
    result = json.loads(answer.stdout)
    if result["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result['out']}")
    return result


def compare(label: str, folder: Path, checkouts: dict[str, str | None], repeat: int) -> str:
    """One table row: the folder's characters, the CPU times (least of `repeat` runs each) and the ratios."""
    baseline: dict | None = None
    builds: dict[str, dict] = {}
    for _ in range(repeat):
        run = measure([sys.executable, "-c", JIEBA, str(folder)])
        baseline = run if baseline is None or run["cpu"] < baseline["cpu"] else baseline
        for name, path in checkouts.items():
            with tempfile.TemporaryDirectory() as out:
                run = measure([sys.executable, "-m", "kgraph", "build", str(folder), "--out", out, "--no-cache",
                               "--jobs", "1"], path)
            builds[name] = run if name not in builds or run["cpu"] < builds[name]["cpu"] else builds[name]
    chars = int(baseline["out"].split()[-1])
    runs = builds.values()
    cells = [label, f"{chars:,}", f"{baseline['cpu']:.2f}", *(f"{b['cpu']:.2f}" for b in runs),
             *(f"{b['cpu'] / baseline['cpu']:.2f}" for b in runs), *(f"{b['rss']:.0f}" for b in runs)]
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="synthetic archives, in articles (0 for none)")
    parser.add_argument("--real", nargs="*", type=Path, default=[], help="folders of real pages")
    parser.add_argument("--checkout", action="append", default=[], metavar="LABEL=PATH",
                        help="a kgraph checkout to build with (default: the installed kgraph)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the least CPU time is kept")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kgraph-bench"))
    args = parser.parse_args(argv)
    checkouts: dict[str, str | None] = {"kgraph": None}
    if args.checkout:
        checkouts = {label: str(Path(path).resolve()) for label, _, path in (c.partition("=") for c in args.checkout)}
    names = list(checkouts)
    for path in checkouts.values():
        compile_checkout(path)
    print("| text | characters | jieba.lcut CPU s | " + " | ".join(f"build CPU s ({n})" for n in names) + " | "
          + " | ".join(f"build / jieba ({n})" for n in names) + " | "
          + " | ".join(f"peak RSS MB ({n})" for n in names) + " |")
    print("| --- | " + " | ".join(["---:"] * (2 + 3 * len(names))) + " |", flush=True)
    for size in (int(s) for s in args.sizes.split(",") if int(s)):
        folder = args.work / f"corpus-{size}"
        for stale in folder.glob("*.txt"):  # pages a --rebuild of build_bench.py added
            stale.unlink()
        write_corpus(folder, size)
        print(compare(f"synthetic {size:,} articles", folder, checkouts, args.repeat), flush=True)
    for folder in args.real:
        if not folder.is_dir():
            raise SystemExit(f"Error: {folder} is not a folder")
        print(compare(str(folder), folder, checkouts, args.repeat), flush=True)


if __name__ == "__main__":
    main()
