"""CPU per character of the name recogniser's steps, on the articles of a folder of pages.

`ner_cost.py` measures what the recogniser adds to a whole build; this splits its cost per character of article
text. The crfsuite way (the model's own tagger, as kgraph ran it until December 2026): making the attributes
(`features`), crfsuite's tagging, turning labels into names (`spans`), and all three per sentence (`crfsuite`). The
numpy decoder kgraph runs (`kgraph/extract/crf.py`): its labels for the sentences of each page (`decode`: emission
scores and Viterbi), and `Recogniser.entities_of` over the articles of each page as the pipeline calls it
(`entities`: cutting sentences, folding, decoding and `spans`). Runs alternate between the steps, and each figure
is the least CPU time (user + system of this process) of `--runs` runs, so a busy shared machine blurs it less.
`--model` and `--features module:function` time another crfsuite model with the attribute function it was trained
with (a module on `sys.path`, e.g. a variant of `kgraph.extract.ner.features` written for an experiment); the numpy
steps are then left out:

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
    import numpy as np
    import pycrfsuite

    import kgraph
    from kgraph.extract import ner

    nlp = kgraph.load()
    pages = [(str(path), path.read_text(encoding="utf-8")) for path in sorted(args.folder.rglob("*.txt"))]
    by_page = [[article.text for article in nlp.read([page])] for page in pages]
    texts = [text for page in by_page for text in page]
    pieces = [piece for text in texts for _, piece in ner.chunks(text)]
    size = sum(map(len, pieces))
    features = ner.features
    if args.features:
        module, _, name = args.features.partition(":")
        features = getattr(importlib.import_module(module), name)
    surnames = nlp.lex.surnames
    model = str(args.model or Path(ner.__file__).parents[1] / "models" / ner.MODEL)
    tagger = pycrfsuite.Tagger()
    tagger.open(model)
    rows = [features(piece, surnames) for piece in pieces]
    labels = [tagger.tag(row) for row in rows]
    del rows

    def crfsuite(text: str) -> list[ner.Entity]:
        return [e for start, piece in ner.chunks(text) for e in ner.spans(tagger.tag(features(piece, surnames)),
                                                                          piece, start)]

    steps: dict[str, Callable[[], object]] = {
        "features": lambda: [features(piece, surnames) for piece in pieces],
        "tag": lambda: [tagger.tag(features(piece, surnames)) for piece in pieces],  # less features, below
        "spans": lambda: [ner.spans(label, piece) for label, piece in zip(labels, pieces, strict=True)],
        "crfsuite": lambda: [crfsuite(text) for text in texts],
    }
    if not args.model:
        recogniser = ner.recogniser(surnames)
        numpy = recogniser._tagger
        folded = [[piece.translate(ner._FOLD) for text in page for _, piece in ner.chunks(text)] for page in by_page]
        batches = [(page, np.array([len(piece) for piece in page], dtype=np.int64)) for page in folded if page]
        steps |= {
            "decode": lambda: [numpy.decode(page, lengths) for page, lengths in batches],
            "entities": lambda: [recogniser.entities_of(page) for page in by_page],
        }
    best = dict.fromkeys(steps, float("inf"))
    for _ in range(args.runs):  # the steps in turn, so a busy minute of the machine falls on all of them
        for name, step in steps.items():
            best[name] = min(best[name], least_cpu(step, 1))
    cost = {**best, "tag": best["tag"] - best["features"]}
    micro = {name: f"{seconds / size * 1e6:.2f}" for name, seconds in cost.items()}
    names = ["features", "tag", "spans", "crfsuite", "decode", "entities"]
    print("| input | articles | characters | " + " | ".join(f"{name} µs" for name in names)
          + " | (per character) |")
    print("| --- | ---: | ---: | " + " | ".join("---:" for _ in names) + " | |")
    print(f"| {args.folder} | {len(texts):,} | {size:,} | " + " | ".join(micro.get(name, "") for name in names)
          + " | |")

if __name__ == "__main__":
    main()
