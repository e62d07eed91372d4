"""The name recogniser's CRF decoded with numpy: the labels crfsuite gives, for every sentence of a page at once.

Tagging with crfsuite means building ten attribute strings per character in Python, which cost more than the
tagging itself (benchmarks/README.md, "The name recogniser per character"). Here the attributes are never
spelt out: each is a table lookup on code points (`features` in ner.py names them: the characters at -2..+2,
the four adjacent pairs, the pair around the character, the surname flags S and T), the emission scores of all
characters come from a few array operations, and Viterbi runs over all sentences together, one step per
character position. The scores are summed in crfsuite's order in float64, and ties go to the lower label as in
crfsuite, so the labels are crfsuite's exactly (tests/extract/test_crf.py). The tables are the shipped model's
weights, exported by tools/export_crf.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

UNIGRAMS = "abcde"  # the character at offset -2..+2
PAIRS = "fghi"  # the pairs at offsets (-2, -1) .. (+1, +2)
SKIP = "j"  # the pair (-1, +1)
PAIR = 0x110000  # a pair's key: first code point * PAIR + second


class Tagger:
    """The model's tables, arranged for lookups: a row per known character (or pair) and a zero row for the rest."""

    def __init__(self, tables: Mapping[str, np.ndarray], surnames: frozenset[str]) -> None:
        import numpy as np

        self.labels = np.array([str(label) for label in tables["labels"]], dtype=object)
        self.transitions = np.asarray(tables["transitions"], dtype=np.float64)
        size = len(self.labels)
        weights = {kind: _dense(tables, kind, size) for kind in UNIGRAMS + PAIRS + SKIP}
        self.chars, self.unigrams = _merged(weights, UNIGRAMS, size)
        self.pairs, self.bigrams = _merged(weights, PAIRS, size)
        (self.skips, (self.skip,)) = _merged(weights, SKIP, size)
        self.flags = np.stack([tables["S"], tables["T"]]).astype(np.float64)
        self.surnames = np.array(sorted(ord(s) for s in surnames if len(s) == 1), dtype=np.uint32)

    def tag(self, pieces: Sequence[str]) -> list[list[str]]:
        """The labels of each piece of text (folded as `features` folds it), as crfsuite would tag it alone."""
        import numpy as np

        lengths = np.array([len(piece) for piece in pieces], dtype=np.int64)
        if not lengths.any():
            return [[] for _ in pieces]
        labels = self.labels[self._viterbi(self._emissions(pieces, lengths), lengths)].tolist()
        ends = np.cumsum(lengths).tolist()
        return [labels[end - length:end] for end, length in zip(ends, lengths.tolist(), strict=True)]

    def _emissions(self, pieces: Sequence[str], lengths: np.ndarray) -> np.ndarray:
        """The state score of every label at every character of the pieces, one row per character in text order,
        summed attribute by attribute in the order crfsuite adds them."""
        import numpy as np

        text = "".join(f"\x02\x02{piece}\x03\x03" for piece in pieces)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        # where each character sits in `text`: after its own piece's two marks and the four of every piece before
        at = np.arange(int(lengths.sum())) + np.repeat(np.arange(2, 4 * len(pieces) + 2, 4), lengths)
        char = _rows(self.chars, codes)
        wide = codes.astype(np.int64)
        pair = _rows(self.pairs, wide[:-1] * PAIR + wide[1:])
        skip = _rows(self.skips, wide[:-2] * PAIR + wide[2:])
        scores = self.unigrams[0][char[at - 2]]
        for table, offset in zip(self.unigrams[1:], (-1, 0, 1, 2), strict=True):
            scores += table[char[at + offset]]
        for table, offset in zip(self.bigrams, (-2, -1, 0, 1), strict=True):
            scores += table[pair[at + offset]]
        scores += self.skip[skip[at - 1]]
        surname = np.isin(codes, self.surnames)
        scores += surname[at, None] * self.flags[0]
        scores += surname[at - 1, None] * self.flags[1]
        return scores

    def _viterbi(self, scores: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The best label of every character (rows of `scores` in text order): crfsuite's first-order Viterbi
        without start or end weights, for all pieces at once, the longest first so those still running at a step
        are a prefix."""
        import numpy as np

        order = np.argsort(-lengths, kind="stable")
        count = lengths[order]
        first = (np.cumsum(lengths) - lengths)[order]
        steps = int(count[0])
        running = np.searchsorted(-count, -np.arange(steps), side="left")  # pieces longer than each step
        # the scores reordered step by step: at step t, the rows of character t of each piece still running
        starts = np.concatenate([[0], np.cumsum(running)])
        step = np.arange(steps)
        at = (first[:, None] + step).T[(step < count[:, None]).T]
        by_step = scores[at]
        alpha = by_step[: running[0]]
        last = np.empty(len(lengths), dtype=np.intp)
        back = []
        for t in range(1, steps):
            n = running[t]
            total = alpha[:n, :, None] + self.transitions
            best = total.argmax(axis=1)
            back.append(best)
            last[n:running[t - 1]] = alpha[n:].argmax(axis=1)  # pieces that ended at t - 1
            alpha = total.max(axis=1) + by_step[starts[t]:starts[t] + n]
        last[: len(alpha)] = alpha.argmax(axis=1)
        path = [last[: running[-1]]]
        for t in range(steps - 1, 0, -1):
            n, was = running[t], running[t - 1]
            path.append(np.concatenate([back[t - 1][np.arange(n), path[-1]], last[n:was]]))
        labels = np.empty(len(scores), dtype=np.intp)
        labels[at] = np.concatenate(path[::-1])
        return labels


def _dense(tables: Mapping[str, np.ndarray], kind: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    """A kind's keys and its weight matrix, a row per key (the file keeps only the weights there are)."""
    import numpy as np

    keys, mask = tables[f"{kind}_keys"], tables[f"{kind}_mask"].astype(np.int64)
    matrix = np.zeros((len(keys), size))
    matrix[(mask[:, None] >> np.arange(size)) & 1 == 1] = tables[f"{kind}_weights"]
    return keys, matrix


def _merged(weights: dict[str, tuple[np.ndarray, np.ndarray]], kinds: str, size: int
            ) -> tuple[np.ndarray, list[np.ndarray]]:
    """The keys of all `kinds` together, and each kind's matrix over them, with a last row of zeros for a key
    the model does not know: one lookup then serves the kinds that read the same characters."""
    import numpy as np

    keys = np.unique(np.concatenate([weights[kind][0] for kind in kinds]))
    matrices = []
    for kind in kinds:
        own, matrix = weights[kind]
        full = np.zeros((len(keys) + 1, size))
        full[np.searchsorted(keys, own)] = matrix
        matrices.append(full)
    return keys, matrices


def _rows(keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The row of each value in tables over sorted `keys`: its index, or len(keys) (the zero row) if not a key."""
    import numpy as np

    found = np.searchsorted(keys, values)
    found[found == len(keys)] = 0
    return np.where(keys[found] == values, found, len(keys))
