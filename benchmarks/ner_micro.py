"""CPU per character of the name recogniser's steps, on the articles of a folder of pages.

`ner_cost.py` measures what the recogniser adds to a whole build; this splits its cost per character of article
text: making the attributes (`features`), crfsuite's tagging, turning labels into names (`spans`), and
`Recogniser.entities` as the pipeline calls it. Runs alternate between the steps, and each figure is the least CPU
time (user + system of this process) of `--runs` runs, so a busy shared machine blurs it less. `--model` and
`--features module:function` time another model with the attribute function it was trained with (a module on
`sys.path`, e.g. a variant of `kgraph.extract.ner.features` written for an experiment):

    python benchmarks/ner_micro.py seeds
    python benchmarks/ner_micro.py ../shared/gold/dev/raw --model /tmp/v7.crfsuite --features variants:features_v7

Prints a Markdown row; nothing here is committed output.
"""

from __future__ import annotations

import argparse
import importlib
import time
from collections.abc import Callable
from pathlib import Path


def least_cpu(step: Callable[[], object], runs: int) -> float:
    """The least CPU seconds of `runs` calls of `step`."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        step()
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of .txt pages")
    parser.add_argument("--model", type=Path, help="a crfsuite model (default: the shipped one)")
    parser.add_argument("--features", help="module:function making the model's attributes (default: kgraph's)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    import pycrfsuite

    import kgraph
    from kgraph.extract import ner

    nlp = kgraph.load()
    pages = [(str(path), path.read_text(encoding="utf-8")) for path in sorted(args.folder.rglob("*.txt"))]
    texts = [article.text for article in nlp.read(pages)]
    pieces = [piece for text in texts for _, piece in ner.chunks(text)]
    size = sum(map(len, pieces))
    features = ner.features
    if args.features:
        module, _, name = args.features.partition(":")
        features = getattr(importlib.import_module(module), name)
        ner.features = features  # what Recogniser.entities calls, in this process only
    surnames = nlp.lex.surnames
    if args.model:
        recogniser, model = ner.Recogniser(str(args.model), surnames), str(args.model)
    else:
        recogniser = ner.recogniser(surnames)
        model = str(Path(ner.__file__).parents[1] / "models" / ner.MODEL)
    tagger = pycrfsuite.Tagger()
    tagger.open(model)
    rows = [features(piece, surnames) for piece in pieces]
    labels = [tagger.tag(row) for row in rows]
    del rows
    steps: dict[str, Callable[[], object]] = {
        "features": lambda: [features(piece, surnames) for piece in pieces],
        "tag": lambda: [tagger.tag(features(piece, surnames)) for piece in pieces],  # less features, below
        "spans": lambda: [ner.spans(label, piece) for label, piece in zip(labels, pieces, strict=True)],
        "entities": lambda: [recogniser.entities(text) for text in texts],
    }
    best = dict.fromkeys(steps, float("inf"))
    for _ in range(args.runs):  # the steps in turn, so a busy minute of the machine falls on all of them
        for name, step in steps.items():
            best[name] = min(best[name], least_cpu(step, 1))
    cost = {**best, "tag": best["tag"] - best["features"]}
    micro = {name: seconds / size * 1e6 for name, seconds in cost.items()}
    print("| input | articles | characters | features µs | tag µs | spans µs | entities µs (per character) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| {args.folder} | {len(texts):,} | {size:,} | {micro['features']:.2f} | {micro['tag']:.2f} "
          f"| {micro['spans']:.2f} | {micro['entities']:.2f} |")


if __name__ == "__main__":
    main()
