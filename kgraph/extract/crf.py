"""The name recogniser's CRF decoded with numpy: the labels crfsuite gives, for every sentence of a page at once.

Tagging with crfsuite means building ten attribute strings per character in Python, which cost more than the
tagging itself (benchmarks/README.md, "The name recogniser per character"). Here the attributes are never
spelt out: each is a table lookup on code points (`features` in ner.py names them: the characters at -2..+2,
the four adjacent pairs, the pair around the character, the surname flags S and T), a float32 bound of what
each character can add to a name proves most sentences all O (`_bounds`, `_open`), the emission scores of the
rest come from a few array operations, and Viterbi runs over all of those sentences together, one step per
character position. The scores are summed in crfsuite's order in float64, and ties go to the lower label as in
crfsuite, so the labels are crfsuite's exactly (tests/extract/test_crf.py). The tables are the shipped model's
weights, exported by tools/export_crf.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from kgraph.extract.crf_small import Mapped

UNIGRAMS = "abcde"  # the character at offset -2..+2
PAIRS = "fghi"  # the pairs at offsets (-2, -1) .. (+1, +2)
SKIP = "j"  # the pair (-1, +1)
PAIR = 0x110000  # a pair's key: first code point * PAIR + second
_WIDE = 6  # characters per step from which the Viterbi across pieces costs less: measured on pieces of 20 to 300
# characters, 1 to 64 of them, since its max down one contiguous block (40 before that)
_MARGIN = 1e-3  # by which a run of names must lose to O to be left undecoded: far above the sums' rounding
_FEW_COLUMNS = 800  # up to which numpy's argmax finds the best row of each column faster than `_first_best`'s sums


class Tagger:
    """The model's tables, arranged for lookups: a row of weights per known character (or pair of characters) and
    a zero row for the rest; characters are found through a table by code point, pairs through a hash table."""

    def __init__(self, tables: Mapping[str, np.ndarray], surnames: frozenset[str],
                 fold: Mapping[int, int] | None = None) -> None:
        """`fold` maps code points to those `features` reads instead (ner._FOLD): the index of characters folds
        them, so the text need not be translated first."""
        import numpy as np

        self.labels = np.array([str(label) for label in tables["labels"]], dtype=object)
        self._outside = self.labels.tolist().index("O")
        self._read_labels()
        size = len(self.labels)
        self._set_transitions(np.asarray(tables["transitions"], dtype=np.float64))
        weights = {kind: _dense(tables, kind, size) for kind in UNIGRAMS + PAIRS + SKIP}
        named = np.array([ord(s) for s in surnames if len(s) == 1], dtype=np.int64)
        # every character the model or the surnames know; the pairs' are among the model's, but need not be
        points = np.unique(np.concatenate([named, *(weights[kind][0] for kind in UNIGRAMS),
                                           *(weights[kind][0] // PAIR for kind in PAIRS + SKIP),
                                           *(weights[kind][0] % PAIR for kind in PAIRS + SKIP)]))
        self._known = len(points) + 1  # a character's index: its place in `points`, or len(points) if unknown
        folded = list((fold or {}).items())
        self._index = np.full(max(int(points[-1]), 0, *(source for source, _ in folded)) + 2, len(points),
                              dtype=np.int64)
        self._index[points] = np.arange(len(points))
        for source, target in folded:  # a character `features` folds has the index of what it folds to
            self._index[source] = self._index[target]
        self.unigrams = [_rows_over(points, *weights[kind], size) for kind in UNIGRAMS]
        pairs = np.unique(np.concatenate([weights[kind][0] for kind in PAIRS]))
        self._pairs = _Hash(self._pair_keys(pairs))
        self.bigrams = [_rows_over(pairs, *weights[kind], size) for kind in PAIRS]
        skips = weights[SKIP][0]
        self._skips = _Hash(self._pair_keys(skips))
        self.skip = _rows_over(skips, *weights[SKIP], size)
        self.flags = np.stack([tables["S"], tables["T"]]).astype(np.float64)
        self._surname = np.zeros(len(points) + 1, dtype=bool)
        self._surname[self._indices(named)] = True
        self._set_gains()

    @classmethod
    def mapped(cls, mapped: Mapped) -> Tagger:
        """The tagger whose tables `crf_small.save` wrote, read where they are mapped (no parsing, no copy)."""
        import numpy as np

        tagger = cls.__new__(cls)
        arrays = {name: np.asarray(view).reshape(mapped.shapes[name]) for name, view in mapped.views.items()}
        header = mapped.header
        tagger.labels = np.array(header["labels"], dtype=object)
        tagger._outside = header["labels"].index("O")
        tagger._read_labels()
        tagger._set_transitions(arrays["transitions"])
        tagger._known = header["known"]
        tagger._index = arrays["index"]
        tagger.unigrams = list(arrays["unigrams"])
        tagger.bigrams = list(arrays["bigrams"])
        tagger.skip = arrays["skip"]
        tagger._pairs = _Hash.mapped(arrays["pair_keys"], arrays["pair_rows"], *header["pairs"])
        tagger._skips = _Hash.mapped(arrays["skip_keys"], arrays["skip_rows"], *header["skips"])
        tagger.flags = arrays["flags"]
        tagger._surname = arrays["surname"].astype(bool)
        tagger.gains = (arrays["unigram_gains"], arrays["bigram_gains"], arrays["skip_gains"])
        tagger._slack = header["slack"]
        return tagger

    def _set_gains(self) -> None:
        """The weight tables as each label's gain over O, in float32, for `_bounds`: the surname flags S and T added
        to a surname's rows of the tables of the character and of the one before it, and each of the four pair
        tables with the table of the pair's first character folded in (rows for the pairs the model knows, then one
        per first character for the pairs it does not: `_codes` gives those rows), so a character's bound takes six
        lookups, not ten; the last character's table holds the gain of the transition into the label too. The
        slack covers the rounding of their sums: float32 rounds the six gains, their five sums, and for a run's or
        a piece's first character one more gain and its sum, each by at most half a unit (eps / 2) of the total
        of the tables' and transitions' greatest gains, so a character's bound is within 7 units of that total of
        its float64 value (the max adds nothing)."""
        import numpy as np

        outside = self._outside
        tables = [*self.unigrams, *self.bigrams, self.skip, self.flags]
        gains = [np.delete(table, outside, axis=1) - table[:, outside:outside + 1] for table in tables]
        surname = self._surname[:, None]
        gains[2] = gains[2] + surname * gains[10][0]  # S: the character itself is a surname
        gains[1] = gains[1] + surname * gains[10][1]  # T: the one before it is
        first = self._pair_first()
        folded = [np.concatenate([pair[:-1] + char[first], char]) for pair, char in zip(gains[5:9], gains[:4],
                                                                                          strict=True)]
        # a place's sum is then its bound as a character inside a run, label by label
        self.gains = ((gains[4] + self._inside_gain.T).astype(np.float32), np.stack(folded).astype(np.float32),
                      gains[9].astype(np.float32))
        greatest = sum(float(np.abs(gain).max(initial=0.0)) for gain in gains[:10])
        greatest += float(np.abs(self._inside_gain).max()) + float(np.abs(self._enter_gain).max())
        self._slack = 32 * float(np.finfo(np.float32).eps) * greatest  # 32 units where 7 would do

    def _pair_first(self) -> np.ndarray:
        """The character index of each known pair's first character, by its row."""
        import numpy as np

        keys, rows = self._pairs._keys, self._pairs._rows
        used = keys >= 0
        first = np.empty(self._pairs._missing, dtype=np.int64)
        first[rows[used]] = keys[used] // self._known
        return first

    def _set_transitions(self, transitions: np.ndarray) -> None:
        """The transition scores [from, to], and the two layouts Viterbi reads them in."""
        import numpy as np

        self.transitions = transitions
        self._into = np.ascontiguousarray(transitions.T)  # [to, from]
        self._from = transitions[:, :, None]  # [from, to, 1]
        # what a run of names gains at most over O by its transitions (`_open`), for each label but O
        outside = self._outside
        stay = transitions[outside, outside]
        names = np.delete(transitions, outside, axis=0)
        self._inside_gain = (np.delete(names.max(axis=0), outside) - stay)[:, None]  # into the label from one not O
        self._enter_gain = (np.delete(transitions[outside], outside) - stay)[:, None]  # into the label from O
        # `_bounds`' sums hold the inside gains: what it adds for a run's first character, and takes for a piece's
        self._opening_gain = (self._enter_gain - self._inside_gain).astype(np.float32)
        self._inside_gain32 = self._inside_gain.astype(np.float32)
        self._leave_gain = float(np.delete(transitions[:, outside], outside).max() - stay)  # out of a name into O

    def _read_labels(self) -> None:
        """Each label's kind (a number, the same for PER1 to PER4) and position in its name (0 for O)."""
        import numpy as np

        labels = self.labels.tolist()
        names = sorted({label[:-1] for label in labels if label != "O"})
        self._kind_names = np.array(["", *names], dtype=object)
        self._kind = np.array([0 if label == "O" else 1 + names.index(label[:-1]) for label in labels])
        self._position = np.array([0 if label == "O" else int(label[-1]) for label in labels])

    def _indices(self, points: np.ndarray) -> np.ndarray:
        """Each code point's character index (one past the table's is unknown: clip). `take`, as indexing with
        unsigned code points costs eight times as much."""
        return self._index.take(points, mode="clip")

    def _pair_keys(self, keys: np.ndarray) -> np.ndarray:
        """Pairs of code points as pairs of character indices (a smaller number to hash)."""
        return self._indices(keys // PAIR) * self._known + self._indices(keys % PAIR)

    def tag(self, pieces: Sequence[str]) -> list[list[str]]:
        """The labels of each piece of text, as crfsuite would tag it alone; the index of characters folds what
        `features` folds, so the text may come folded or not."""
        import numpy as np

        lengths = np.array([len(piece) for piece in pieces], dtype=np.int64)
        if not lengths.any():
            return [[] for _ in pieces]
        labels = self.labels[self.decode(pieces, lengths)].tolist()
        ends = np.cumsum(lengths).tolist()
        return [labels[end - length:end] for end, length in zip(ends, lengths.tolist(), strict=True)]

    def named(self, pieces: Sequence[str]) -> list[dict[int, str]]:
        """The labels other than O of each piece, by position (`tag` without the O): most characters are in no
        name, and making a string label of each costs more than finding the few that are not O in numpy."""
        import numpy as np

        lengths = np.array([len(piece) for piece in pieces], dtype=np.int64)
        found: list[dict[int, str]] = [{} for _ in pieces]
        if not lengths.any():
            return found
        numbers = self.decode(pieces, lengths)
        at = np.flatnonzero(numbers != self._outside)
        starts = np.cumsum(lengths) - lengths
        piece = np.searchsorted(starts, at, side="right") - 1  # the last piece starting at or before: not an empty one
        for number, position, label in zip(piece.tolist(), (at - starts[piece]).tolist(),
                                           self.labels[numbers[at]].tolist(), strict=True):
            found[number][position] = label
        return found

    def spans(self, pieces: Sequence[str]) -> list[tuple[int, int, int, str]]:
        """The names the labels make, as ner.named_spans reads them from `named`: (piece, start, end, kind), in
        text order, found in numpy for all pieces at once. A name opens at a label of position 1 (PER1) and runs
        while the next character's label is of its kind and counts on (or stays at 4); a run that opens at a later
        position is no name."""
        import numpy as np

        lengths = np.array([len(piece) for piece in pieces], dtype=np.int64)
        if not lengths.any():
            return []
        numbers = self.decode(pieces, lengths)
        at = np.flatnonzero(numbers != self._outside)
        if not len(at):
            return []
        starts = np.cumsum(lengths) - lengths
        piece = np.searchsorted(starts, at, side="right") - 1  # the last piece starting at or before: not an empty one
        kind, position = self._kind[numbers[at]], self._position[numbers[at]]
        goes_on = np.zeros(len(at), dtype=bool)
        goes_on[1:] = ((at[1:] == at[:-1] + 1) & (piece[1:] == piece[:-1]) & (kind[1:] == kind[:-1])
                       & ((position[1:] == position[:-1] + 1) | ((position[1:] == 4) & (position[:-1] == 4))))
        first = np.flatnonzero(~goes_on)  # each run's first label, then its last one
        last = np.append(first[1:], len(at)) - 1
        name = position[first] == 1
        first, last = first[name], last[name]
        piece = piece[first]
        return list(zip(piece.tolist(), (at[first] - starts[piece]).tolist(), (at[last] + 1 - starts[piece]).tolist(),
                        self._kind_names[kind[first]].tolist(), strict=True))

    def decode(self, pieces: Sequence[str], lengths: np.ndarray, *, wide: bool | None = None) -> np.ndarray:
        """The label numbers of all characters of the pieces, in text order. Only each piece's `_open` stretch is
        decoded: outside it the labels are O, proven so from `_bounds`; the stretch's characters get their full
        state scores, made in the order Viterbi reads them, and those before it only their O score (`_entered`).
        `wide` chooses the Viterbi for many pieces at a step (labels down the rows, pieces across) or for few (a
        row per piece and label); by default, the one that costs less for these pieces."""
        import numpy as np

        labels = np.full(int(lengths.sum()), self._outside, dtype=np.intp)
        codes = self._codes(pieces)
        piece = np.repeat(np.arange(len(pieces)), lengths)
        # each character's place among the marks: after the two before it and the four of every piece before
        rows = np.arange(len(labels)) + 4 * piece
        begin, end = self._open(*self._bounds(codes, rows, lengths), lengths, piece)
        keep = np.flatnonzero(end > begin)
        if not len(keep):
            return labels
        # the stretches as pieces of their own: the longest first, so those still running at a step are a prefix
        sizes = end[keep] - begin[keep]
        order = keep[np.argsort(-sizes, kind="stable")]
        begin, end, length = begin[order], end[order], lengths[order]
        first = (np.cumsum(lengths) - lengths)[order] + begin  # each stretch's first character in the text
        count = end - begin
        steps = int(count[0])
        running = np.searchsorted(-count, -np.arange(steps), side="left")  # stretches longer than each step
        step = np.arange(steps)
        # every decoded character, step by step: at step t, character t of each stretch running
        at = (first[:, None] + step).T[(step < count[:, None]).T]
        states = self._entered(self._emissions(codes, rows.take(at)), codes, rows, first, begin)
        # a stretch that stops before its piece's end is followed by an O: its last label is the best way into it
        closing = np.where((end < length)[:, None], self.transitions[:, self._outside], 0.0)
        wide = len(at) >= _WIDE * steps if wide is None else wide
        labels[at] = (self._viterbi(states, running, closing) if wide
                      else self._narrow(np.ascontiguousarray(states.T), running, closing))
        return labels

    def _codes(self, pieces: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The pieces between marks (two before each, two after), as the rows the attributes read: each
        character's, each adjacent pair's, each skip pair's (the characters two apart), and the surname flags."""
        import numpy as np

        text = "\x02\x02" + "\x03\x03\x02\x02".join(pieces) + "\x03\x03" if pieces else ""  # one join: half the cost
        char = self._indices(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
        # a pair the model lacks gets a row of its own first character in the bound's tables (`_set_gains`); the
        # weight tables' rows end at the zero row, which `take(mode="clip")` reads for all of those
        pair = self._pairs.rows(char[:-1] * self._known + char[1:], self._pairs._missing + char[:-1])
        skip = self._skips.rows(char[:-2] * self._known + char[2:])
        return char, pair, skip, self._surname.take(char)

    def _emissions(self, codes: tuple[np.ndarray, ...], at: np.ndarray, column: int | None = None) -> np.ndarray:
        """The state scores of the characters at `at` (places among the marks, `decode`'s rows) as columns of
        labels, summed attribute by attribute in the order crfsuite adds them; with `column`, only that label's
        (each the same sum), read from the same tables."""
        import numpy as np

        char, pair, skip, surname = codes
        width = len(self.labels)

        def rows(table: np.ndarray, keys: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
            # mode="clip": the keys are in range (a pair the model lacks clips to the zero row: `_codes`; past the
            # flat table, to its last element, in that row), and with `out` numpy's default ("raise") takes into a
            # copy first
            if column is None:
                return np.take(table, keys, axis=0, out=out, mode="clip")
            return np.take(table.ravel(), keys * width + column, out=out, mode="clip")

        scores = rows(self.unigrams[0], char.take(at))
        part = np.empty_like(scores)
        for table, offset in zip(self.unigrams[1:], (1, 2, 3, 4), strict=True):
            scores += rows(table, char.take(at + offset), part)
        for table, offset in zip(self.bigrams, (0, 1, 2, 3), strict=True):
            scores += rows(table, pair.take(at + offset), part)
        skips = skip.take(at + 1)
        known = np.flatnonzero(skips != self._skips._missing)  # most skip pairs are not: they add zeros
        scores[known] += rows(self.skip, skips[known])
        flag_rows = self.flags if column is None else self.flags[:, column]
        for flags, offset in zip(flag_rows, (2, 1), strict=True):  # the rest would add zeros: only surnames
            named = np.flatnonzero(surname.take(at + offset))
            scores[named] = np.take(scores, named, axis=0) + flags  # a take and a put: half the cost of +=
        return np.ascontiguousarray(scores.T)

    def _bounds(self, codes: tuple[np.ndarray, ...], rows: np.ndarray, lengths: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
        """What each character may add to a run of names over O (`_open`): as a character after another of the
        run, and as a run's first character. Each label's gain over O is summed from `gains`, in float32 and for
        every place among the marks at once (a third of the cost of the state scores), plus the slack that covers
        the rounding, so the bounds are at least those the state scores in float64 would give."""
        import numpy as np

        char, pair, skip, _ = codes
        last, pairs, skips = self.gains
        size = len(char) - 4  # every place but the marks at the ends, each with the two before and after it
        gains = np.take(last, char[4:4 + size], axis=0, mode="clip")
        part = np.empty_like(gains)
        for table, offset in zip(pairs, (0, 1, 2, 3), strict=True):  # each with its first character's table
            gains += np.take(table, pair[offset:offset + size], axis=0, out=part, mode="clip")
        gains += np.take(skips, skip[1:1 + size], axis=0, out=part, mode="clip")  # a pair the model lacks adds 0
        gains = np.ascontiguousarray(gains.T)  # [label but O, place]: the best label of a place is a max down rows
        heads = (np.cumsum(lengths) - lengths)[lengths > 0]  # a piece's first character: no transition into it
        at_heads = np.maximum.reduce(gains.take(rows[heads], axis=1) - self._inside_gain32, axis=0)
        inside = np.maximum.reduce(gains, axis=0).take(rows)
        opening = np.maximum.reduce(np.add(gains, self._opening_gain, out=gains), axis=0).take(rows)
        opening[heads] = at_heads
        return np.add(inside, self._slack, dtype=np.float64), np.add(opening, self._slack, dtype=np.float64)

    def _open(self, inside: np.ndarray, opening: np.ndarray, lengths: np.ndarray, piece: np.ndarray | None = None
              ) -> tuple[np.ndarray, np.ndarray]:
        """For each piece, the stretch [begin, end) of its characters that a name could touch; every label outside
        it is O in crfsuite's best path (begin == end: the whole piece is O), so it need not be decoded. `inside`
        and `opening` bound what each character may add to a run of names (`_bounds`); `piece` is each
        character's piece, if the caller has it.

        Proof: a path differs from the all-O one by runs of names; putting O back over a run [i, j] changes the
        score by its emissions' differences to O, the transitions inside it (each at most the greatest into its
        label from a label not O) less O->O, and the two at its ends less O->O (none at a piece's ends). Bounding
        each character's part by its best label gives, for every run, a bound of its gain found for all runs at
        once with prefix sums; a character no run of gain above -_MARGIN touches is O in the best path, by a
        margin far above the rounding of the sums. Viterbi's scores up to such a stretch are those of the O path
        (`_entered`), and after it the path ends in O (`closing`): the labels are crfsuite's exactly."""
        import numpy as np

        ends = np.cumsum(lengths)
        starts = ends - lengths
        last_chars = ends[lengths > 0] - 1
        total = np.cumsum(inside)
        # a run [i, j] gains at most opening[i] - total[i] + total[j] + leaving[j], where leaving out of the
        # piece's last character costs nothing
        first = opening - total
        last = total + self._leave_gain
        last[last_chars] = total[last_chars]
        if piece is None:
            piece = np.repeat(np.arange(len(lengths)), lengths)
        # the best start of a run ending at each character, and the best end of a run from each one: running
        # maxima within each piece, each piece lifted above all before it (below, going back)
        lift = piece * (max(_spread(first), _spread(last)) + 1.0)
        best_first = np.maximum.accumulate(first + lift)
        best_first -= lift
        best_last = np.maximum.accumulate((last - lift)[::-1])[::-1]
        best_last += lift
        touched_end = np.flatnonzero(best_first + last > -_MARGIN)  # a run may end here
        touched_start = np.flatnonzero(first + best_last > -_MARGIN)  # a run may start here
        begin, end = starts.copy(), starts.copy()
        # the first possible start and the last possible end of each piece (both or neither exist)
        pieces = piece[touched_start]
        head = np.ones(len(pieces), dtype=bool)
        head[1:] = pieces[1:] != pieces[:-1]
        begin[pieces[head]] = touched_start[head]
        pieces = piece[touched_end]
        tail = np.ones(len(pieces), dtype=bool)
        tail[:-1] = pieces[1:] != pieces[:-1]
        end[pieces[tail]] = touched_end[tail] + 1
        return begin - starts, end - starts

    def _entered(self, states: np.ndarray, codes: tuple[np.ndarray, ...], rows: np.ndarray, first: np.ndarray,
                 begin: np.ndarray) -> np.ndarray:
        """The state scores with each stretch's first column (column k for stretch k: step 0) as Viterbi has it
        after the O path before it: crfsuite's alpha of O at the character before (the O emissions and O->O
        transitions summed in its order), plus the transition from O, plus the column's own emissions. `first` is
        each stretch's first character in the text, `begin` its place in its piece."""
        import numpy as np

        entered = np.flatnonzero(begin > 0)
        if not len(entered):
            return states
        outside = self._outside
        heads = begin[entered]
        width = int(heads.max())
        # per stretch: e0, OO, e1, OO, ... e(h-1), summed left to right (what lies past it is not read)
        chain = np.zeros((len(entered), 2 * width - 1))
        chain[:, 1::2] = self.transitions[outside, outside]
        ranks = np.repeat(np.arange(len(entered)), heads)
        places = np.arange(int(heads.sum())) - np.repeat(np.cumsum(heads) - heads, heads)
        before = np.repeat(first[entered] - heads, heads) + places  # the characters before each stretch
        chain[ranks, 2 * places] = self._emissions(codes, rows.take(before), outside)
        alpha = np.add.accumulate(chain, axis=1)[np.arange(len(entered)), 2 * heads - 2]
        states[:, entered] = (alpha + self.transitions[outside][:, None]) + np.take(states, entered, axis=1)
        return states

    def _viterbi(self, states: np.ndarray, running: np.ndarray, closing: np.ndarray) -> np.ndarray:
        """crfsuite's first-order Viterbi (no start or end weights; ties to the lower label) over all pieces at
        once: `states` holds a column per character, step by step, `running[t]` pieces at step t, `closing` what
        each piece adds to its last label's score (the transition into an O after it, or zeros). The forward pass
        keeps the best scores only; the way back finds each label's best predecessor from them, which is the
        pointer crfsuite stores, from the same sums."""
        import numpy as np

        begins = np.concatenate([[0], np.cumsum(running)])
        # each column's step and piece; a piece's last column is at a step after which fewer pieces run
        step = np.repeat(np.arange(len(running)), running)
        piece = np.arange(len(step)) - begins[step]
        ends = np.flatnonzero(piece >= np.append(running[1:], 0)[step])
        starts, running = begins.tolist(), running.tolist()
        alphas = states  # each step's scores overwrite its states, which are not needed again
        size = len(self.labels)
        room = np.empty(size * size * running[0])
        into = self._from
        for t in range(1, len(running)):
            n, before, now = running[t], starts[t - 1], starts[t]
            total = room[:size * size * n].reshape(size, size, n)  # [from, to, piece]: the max runs down `from`
            np.add(alphas[:, None, before:before + n], into, out=total)
            alphas[:, now:now + n] += np.maximum.reduce(total, axis=0)
        labels = np.empty(states.shape[1], dtype=np.intp)
        labels[ends] = _first_best(np.take(alphas, ends, axis=1) + closing[piece[ends]].T)
        alphas = np.ascontiguousarray(alphas.T)  # a row per character: the best label of a row is found along it
        for t in range(len(running) - 2, -1, -1):
            n = running[t + 1]
            after = self._into.take(labels[starts[t + 1]:starts[t + 1] + n], axis=0)
            after += alphas[starts[t]:starts[t] + n]
            labels[starts[t]:starts[t] + n] = after.argmax(axis=1)  # the first of equals, as crfsuite
        return labels


    def _narrow(self, states: np.ndarray, running: np.ndarray, closing: np.ndarray) -> np.ndarray:
        """The same Viterbi with a row per piece (`states`: a row per character, step by step), which takes fewer
        numpy calls per step: the better one where a page has a few long sentences and little else."""
        import numpy as np

        starts = np.concatenate([[0], np.cumsum(running)]).tolist()
        running = running.tolist()
        labels = np.empty(len(states), dtype=np.intp)
        alpha, total, back = states[:running[0]], np.empty((running[0], *self._into.shape)), [None]
        into = self._into
        for t in range(1, len(running)):
            n, was = running[t], running[t - 1]
            np.add(alpha[:n, None, :], into, out=total[:n])
            back.append(total[:n].argmax(axis=2))
            if n < was:  # the pieces that ended at t - 1
                labels[starts[t - 1] + n:starts[t]] = (alpha[n:] + closing[n:was]).argmax(axis=1)
            alpha = total[:n].max(axis=2)
            alpha += states[starts[t]:starts[t + 1]]
        labels[starts[-2]:starts[-1]] = (alpha + closing[:len(alpha)]).argmax(axis=1)
        rows = np.arange(running[0])
        for t in range(len(running) - 1, 0, -1):
            n = running[t]
            labels[starts[t - 1]:starts[t - 1] + n] = back[t][rows[:n], labels[starts[t]:starts[t + 1]]]
        return labels


def _spread(values: np.ndarray) -> float:
    """The greatest of the values less the least (0 for none)."""
    return float(values.max() - values.min()) if len(values) else 0.0


def _first_best(scores: np.ndarray) -> np.ndarray:
    """The row of the greatest score in each column, the first of equals (crfsuite keeps the first). numpy's argmax
    down the columns copies the array, which costs more than the arithmetic below for many columns, less (one call
    instead of six) for the hundred or two a page's sentences make."""
    import numpy as np

    if scores.shape[1] <= _FEW_COLUMNS:
        return scores.argmax(axis=0)
    best = scores.max(axis=0)
    weight = np.arange(len(scores), 0, -1, dtype=np.uint8)[:, None]
    return len(scores) - ((scores == best) * weight).max(axis=0).astype(np.intp)


class _Hash:
    """A hash table from non-negative keys to their row (or len(keys), the zero row): numpy's searchsorted costs
    four times as much on tables of this size."""

    _MULTIPLIER = 0x9E3779B97F4A7C15  # Fibonacci hashing: the top bits of key * 2^64 / golden ratio
    # slots per key, rounded up to a power of two: most keys looked up are no pair the model knows, and a miss
    # probes to the end of its cluster: a table at most an eighth full (a few MB) probes half as long as one half full
    _SLOTS = 8

    def __init__(self, keys: np.ndarray) -> None:
        import numpy as np

        bits = max(int(self._SLOTS * len(keys)).bit_length(), 4)
        self._shift, self._mask, self._missing = np.uint64(64 - bits), (1 << bits) - 1, len(keys)
        self._keys = np.full(1 << bits, -1, dtype=np.int64)
        self._rows = np.full(1 << bits, len(keys), dtype=np.int64)
        pending, slot = np.arange(len(keys)), self._slots(keys)
        while len(pending):  # linear probing, the keys inserted in order
            free = self._keys[slot] == -1
            _, first = np.unique(slot[free], return_index=True)
            placed = np.flatnonzero(free)[first]
            self._keys[slot[placed]], self._rows[slot[placed]] = keys[pending[placed]], pending[placed]
            wait = np.ones(len(pending), dtype=bool)
            wait[placed] = False
            pending, slot = pending[wait], np.where(self._keys[slot[wait]] == -1, slot[wait],
                                                    (slot[wait] + 1) & self._mask)

    @classmethod
    def mapped(cls, keys: np.ndarray, rows: np.ndarray, shift: int, mask: int, missing: int) -> _Hash:
        """The table as `crf_small.save` wrote it."""
        import numpy as np

        table = cls.__new__(cls)
        table._keys, table._rows = keys, rows
        table._shift, table._mask, table._missing = np.uint64(shift), mask, missing
        return table

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        import numpy as np

        slots = np.ascontiguousarray(keys, dtype=np.int64).view(np.uint64) * np.uint64(self._MULTIPLIER)
        slots >>= self._shift
        return slots.view(np.int64)  # below 2 ** 63 after the shift

    def rows(self, keys: np.ndarray, missing: np.ndarray | None = None) -> np.ndarray:
        """The row of each key, or for a key not in the table the missing row (or the key's own in `missing`)."""
        import numpy as np

        slot = self._slots(keys)
        stored = self._keys.take(slot)
        # most keys are found, or missing, at their first slot (an empty slot's row is the missing row)
        found = np.where(stored == keys, self._rows.take(slot), self._missing if missing is None else missing)
        pending = np.flatnonzero((stored != keys) & (stored != -1))  # a collision: probe on
        keys, slot = keys[pending], (slot[pending] + 1) & self._mask
        while len(pending):
            stored = self._keys.take(slot)
            hit = stored == keys
            found[pending[hit]] = self._rows.take(slot[hit])
            on = ~hit & (stored != -1)
            pending, keys, slot = pending[on], keys[on], (slot[on] + 1) & self._mask
        return found


def _dense(tables: Mapping[str, np.ndarray], kind: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    """A kind's keys and its weight matrix, a row per key (the file keeps only the weights there are)."""
    import numpy as np

    keys, mask = tables[f"{kind}_keys"], tables[f"{kind}_mask"].astype(np.int64)
    matrix = np.zeros((len(keys), size))
    matrix[(mask[:, None] >> np.arange(size)) & 1 == 1] = tables[f"{kind}_weights"]
    return keys.astype(np.int64), matrix


def _rows_over(keys: np.ndarray, own: np.ndarray, matrix: np.ndarray, size: int) -> np.ndarray:
    """A kind's weight matrix over `keys` (a superset of its own, sorted), with a last row of zeros for a key the
    model does not know: one lookup then serves the kinds that read the same characters."""
    import numpy as np

    full = np.zeros((len(keys) + 1, size))
    full[np.searchsorted(keys, own)] = matrix
    return full
