"""kgraph/extract/crf.py decodes the shipped name model with numpy: the labels are crfsuite's, character for
character, on the seed pages and on random mixes of the scripts news text holds; the numpy tables are the ones
tools/export_crf.py makes from the crfsuite model."""

from __future__ import annotations

import hashlib
import math
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from kgraph.extract import ner

ROOT = Path(__file__).resolve().parents[2]
SEEDS, MODELS = ROOT / "seeds", ROOT / "kgraph" / "models"
SHARED = ROOT.parent / "shared"  # the dev and MSRA texts, beside the checkout

pycrfsuite = pytest.importorskip("pycrfsuite", reason="the comparison needs crfsuite (pip install .[train])")

# characters of every kind the text of a page holds: common and rare CJK, surnames, digits of both widths,
# Latin of both widths, Chinese and ASCII punctuation, the marks `features` pads with, and a few oddities
ALPHABET = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
            "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐覃牙丑晋司徒欧阳·省市县区镇村局委会公司集团学院"
            "0123456789０１２３４５６７８９abcXYZａｂＺ，。、；：！？（）“”《》,.;:!?() \n\t—…-\x02\x03€🀄𠀀")


@pytest.fixture(scope="module")
def crfsuite():
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODELS / ner.MODEL))
    return tagger


def crfsuite_labels(tagger, pieces: list[str], surnames: frozenset[str]) -> list[list[str]]:
    return [tagger.tag(ner.features(piece, surnames)) for piece in pieces]


def numpy_labels(pieces: list[str], surnames: frozenset[str]) -> list[list[str]]:
    return ner.recogniser(surnames)._tagger.tag([piece.translate(ner._FOLD) for piece in pieces])


def test_crf_labels_are_crfsuites_on_the_seed_pages(crfsuite, lex):
    pieces = [piece for path in sorted(SEEDS.glob("*.txt"))
              for _, piece in ner.chunks(path.read_text(encoding="utf-8"))]
    assert len(pieces) > 1000
    assert numpy_labels(pieces, lex.surnames) == crfsuite_labels(crfsuite, pieces, lex.surnames)


@pytest.mark.parametrize("seed", range(5))
def test_crf_labels_are_crfsuites_on_random_text(crfsuite, lex, seed):
    rng = random.Random(seed)
    pieces = ["".join(rng.choices(ALPHABET, k=rng.choice([1, 2, 3, rng.randint(4, 400)]))) for _ in range(200)]
    assert numpy_labels(pieces, lex.surnames) == crfsuite_labels(crfsuite, pieces, lex.surnames)


@pytest.mark.parametrize("wide", [True, False])
def test_crf_both_viterbis_give_crfsuites_labels(crfsuite, lex, wide):
    rng = random.Random(7)
    pieces = [piece for path in sorted(SEEDS.glob("*.txt"))[:2]
              for _, piece in ner.chunks(path.read_text(encoding="utf-8"))]
    pieces += ["".join(rng.choices(ALPHABET, k=rng.randint(1, 300))) for _ in range(20)]
    tagger = ner.recogniser(lex.surnames)._tagger
    folded = [piece.translate(ner._FOLD) for piece in pieces]
    labels = tagger.labels[tagger.decode(folded, np.array([len(piece) for piece in pieces]), wide=wide)].tolist()
    assert labels == [label for row in crfsuite_labels(crfsuite, pieces, lex.surnames) for label in row]


def test_crf_folds_text_itself_and_names_the_labels_but_o(lex):
    """The tagger's index of characters folds what `features` folds, so the text need not be folded first; `named`
    gives `tag`'s labels other than O."""
    rng = random.Random(3)
    pieces = [piece for path in sorted(SEEDS.glob("*.txt"))[:3]
              for _, piece in ner.chunks(path.read_text(encoding="utf-8"))]
    pieces += ["".join(rng.choices(ALPHABET, k=rng.randint(0, 300))) for _ in range(50)] + ["", "王刚说", ""]
    tagger = ner.recogniser(lex.surnames)._tagger
    labels = numpy_labels(pieces, lex.surnames)
    assert tagger.tag(pieces) == labels
    assert tagger.named(pieces) == [{i: label for i, label in enumerate(row) if label != "O"} for row in labels]
    assert tagger.named([]) == [] and tagger.named(["", ""]) == [{}, {}]


def test_crf_labels_follow_the_surnames_given(crfsuite):
    pieces = ["覃志坚说", "会上牙志坚发言。", "丑晋明、晋丑明参加。"]
    for surnames in (frozenset(), frozenset({"覃", "牙", "丑", "司徒"})):
        assert numpy_labels(pieces, surnames) == crfsuite_labels(crfsuite, pieces, surnames)


def test_crf_tags_empty_input_and_pieces():
    tagger = ner.recogniser(frozenset())._tagger
    assert tagger.tag([]) == []
    assert tagger.tag(["", "王刚说", ""])[::2] == [[], []]


def test_recogniser_reads_each_text_of_a_batch_as_alone(lex):
    texts = ["王刚表示，要把惠民政策落到实处。", "", "会议在北京召开。" * 40, "据了解，欧阳春燕是种粮大户。"]
    recogniser = ner.recogniser(lex.surnames)
    assert recogniser.entities_of(texts) == [recogniser.entities(text) for text in texts]


def test_crf_tables_are_what_export_crf_makes_of_the_model(tmp_path):
    out = tmp_path / "ner.npz"
    subprocess.run([sys.executable, str(ROOT / "tools" / "export_crf.py"), "--out", str(out)], check=True,
                   capture_output=True)
    shipped = (MODELS / ner.TABLES).read_bytes()
    assert hashlib.sha256(out.read_bytes()).hexdigest() == hashlib.sha256(shipped).hexdigest()



@pytest.mark.parametrize("surnames", ["lexicon", "none"])
def test_mapped_tables_and_the_plain_decoder_give_the_numpy_labels(lex, tmp_path, surnames):
    """crf_small.py: the tables written to the cache and mapped back give the same tagger, and the plain Python
    decoder over them the same labels as numpy, on the seed pages and random text."""
    from kgraph.extract import crf_small
    from kgraph.extract.crf import Tagger

    names = lex.surnames if surnames == "lexicon" else frozenset()
    built = Tagger(ner._tables(), names, ner._FOLD)
    crf_small.save(built, tmp_path / "crf.bin")
    mapped = crf_small.load(tmp_path / "crf.bin")
    assert mapped is not None and crf_small.load(tmp_path / "missing.bin") is None
    rng = random.Random(11)
    pieces = [piece for path in sorted(SEEDS.glob("*.txt"))[:2] for _, piece in ner.chunks(path.read_text("utf-8"))]
    pieces += ["".join(rng.choices(ALPHABET, k=rng.randint(0, 200))) for _ in range(40)] + ["", "覃志坚说", "王刚"]
    expected = built.named(pieces)
    assert Tagger.mapped(mapped).named(pieces) == expected
    assert crf_small.SmallTagger(mapped).named(pieces) == expected


def test_recogniser_decodes_a_small_text_without_numpy(lex, monkeypatch):
    """While numpy is not imported, a small batch goes to the plain decoder, a large one to numpy: same names."""
    recogniser = ner.Recogniser(lex.surnames)
    texts = ["王刚表示，要把惠民政策落到实处。", "据了解，欧阳春燕是种粮大户。"]
    expected = ner.recogniser(lex.surnames).entities_of(texts)
    recogniser._tagger  # noqa: B018 -- the tables are kept in the cache folder
    monkeypatch.delitem(sys.modules, "numpy")
    assert type(recogniser._decoder(100)).__name__ == "SmallTagger"
    assert recogniser.entities_of(texts) == expected
    assert type(recogniser._decoder(ner._SMALL_CHARS + 1)).__name__ == "Tagger"


def test_crf_spans_are_the_names_named_spans_reads(lex):
    """Tagger.spans finds in numpy the spans ner.named_spans reads from `named`, on the seed pages and random text."""
    rng = random.Random(5)
    pieces = [piece for path in sorted(SEEDS.glob("*.txt")) for _, piece in ner.chunks(path.read_text("utf-8"))]
    pieces += ["".join(rng.choices(ALPHABET, k=rng.randint(0, 300))) for _ in range(200)] + ["", "王刚", ""]
    tagger = ner.recogniser(lex.surnames)._tagger
    named = list(enumerate(zip(pieces, tagger.named(pieces), strict=True)))
    expected = [(k, e.start, e.end, e.kind) for k, (piece, labels) in named
                for e in ner.named_spans(labels, piece) if e.kind != "PER"]
    spans = tagger.spans(pieces)
    assert [span for span in spans if span[3] != "PER"] == expected
    people = [(k, e.start, e.end) for k, (piece, labels) in named for e in ner.named_spans(labels, piece)
              if e.kind == "PER"]
    cut = [(k, e.start, e.end) for k, begin, end, kind in spans if kind == "PER"
           for e in ner._entities(kind, pieces[k], begin, end, 0)]
    assert cut == people and tagger.spans([]) == [] and tagger.spans(["", ""]) == []


@pytest.mark.parametrize("wide", [True, False])
def test_crf_decodes_only_where_a_name_can_be_and_gives_the_labels_of_the_whole(lex, monkeypatch, wide):
    """`Tagger._open` leaves out of Viterbi the characters no run of names can touch (whole sentences, heads and
    tails of others, on the seed pages all three); the labels are those of decoding every character, and O there."""
    from kgraph.extract import crf

    rng = random.Random(13)
    pieces = [piece for path in sorted(SEEDS.glob("*.txt")) for _, piece in ner.chunks(path.read_text("utf-8"))]
    pieces += ["".join(rng.choices(ALPHABET, k=rng.randint(1, 300))) for _ in range(100)] + ["王刚", "。"]
    folded = [piece.translate(ner._FOLD) for piece in pieces]
    lengths = np.array([len(piece) for piece in pieces])
    tagger = ner.recogniser(lex.surnames)._tagger
    begin, end = tagger._open(*tagger._bounds(tagger._codes(folded), places(lengths), lengths), lengths)
    assert (end == begin).sum() > 100 and ((begin > 0) & (end > begin)).sum() > 50
    assert ((end < lengths) & (end > begin)).sum() > 50
    labels = tagger.decode(folded, lengths, wide=wide)
    monkeypatch.setattr(crf, "_MARGIN", math.inf)  # every character may be in a name: all are decoded
    assert (tagger._open(*tagger._bounds(tagger._codes(folded), places(lengths), lengths), lengths)[1]
            == lengths).all()
    assert (tagger.decode(folded, lengths, wide=wide) == labels).all()
    starts = np.cumsum(lengths) - lengths
    outside = np.ones(len(labels), dtype=bool)
    for start, b, e in zip(starts, begin, end, strict=True):
        outside[start + b:start + e] = False
    assert (labels[outside] == tagger._outside).all()


def places(lengths: np.ndarray) -> np.ndarray:
    """Each character's place among the marks `Tagger._codes` puts around the pieces (two before, two after)."""
    return np.arange(int(lengths.sum())) + np.repeat(np.arange(0, 4 * len(lengths), 4), lengths)


def exact_bounds(tagger, scores: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """What each character may add to a run of names, from its full state scores in float64 (as `_open` read them
    before `_bounds`): the bounds `_bounds` must not fall below."""
    outside = tagger._outside
    names = np.delete(scores, outside, axis=0)
    inside = (names + tagger._inside_gain).max(axis=0) - scores[outside]
    opening = (names + tagger._enter_gain).max(axis=0) - scores[outside]
    heads = (np.cumsum(lengths) - lengths)[lengths > 0]
    opening[heads] = names[:, heads].max(axis=0) - scores[outside, heads]
    return inside, opening


def real_pieces() -> list[str]:
    """The sentences of the seed pages, the dev texts and the MSRA texts, as the recogniser cuts them."""
    folders = [SEEDS, SHARED / "gold" / "dev" / "raw", SHARED / "eval" / "msra" / "raw"]
    if not all(folder.is_dir() for folder in folders):
        pytest.skip("../shared's dev and MSRA texts are not beside this checkout")
    return [piece for folder in folders for path in sorted(folder.rglob("*.txt"))
            for _, piece in ner.chunks(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("surnames", ["lexicon", "none"])
def test_crf_float32_bounds_cover_the_float64_scores_and_clear_as_they_do(lex, surnames):
    """`_bounds` sums each label's gain over O in float32 with the surname flags folded in; with its slack it is
    never below the bound the float64 state scores give (on the seeds, dev and MSRA texts and on random text, where
    surnames and rare pairs abound), and it is within a hundredth of it, so it clears almost every piece the
    float64 bound clears."""
    names = lex.surnames if surnames == "lexicon" else frozenset()
    tagger = ner.recogniser(names)._tagger
    rng = random.Random(17)
    pieces = real_pieces() + ["".join(rng.choices(ALPHABET, k=rng.randint(1, 300))) for _ in range(300)]
    pieces = [piece.translate(ner._FOLD) for piece in pieces]
    lengths = np.array([len(piece) for piece in pieces])
    codes, rows = tagger._codes(pieces), places(lengths)
    bounds, exact = tagger._bounds(codes, rows, lengths), exact_bounds(tagger, tagger._emissions(codes, rows), lengths)
    for bound, score in zip(bounds, exact, strict=True):
        assert (bound >= score).all() and (bound - score).max() < 0.01
    assert 0 < tagger._slack < 1e-3
    begin, end = tagger._open(*bounds, lengths)
    tight_begin, tight_end = tagger._open(*exact, lengths)
    cleared, tight = end == begin, tight_end == tight_begin
    assert not (cleared & ~tight).any() and cleared.sum() > 0.99 * tight.sum() > 1000
    assert ((begin <= tight_begin) & (end >= tight_end) | tight).all()  # a stretch holds the float64 one


def test_crf_bound_tables_fold_each_pair_with_its_first_character(lex):
    """`_bounds` reads four tables of a pair's gain plus its first character's, the pairs the model lacks by their
    first character alone; the weight tables read those pairs as the zero row (`take` clips), as `rows` gives it
    without the first characters."""
    tagger = ner.recogniser(lex.surnames)._tagger
    rng = random.Random(29)
    pieces = [piece.translate(ner._FOLD) for piece in real_pieces()[:500]]
    pieces += ["".join(rng.choices(ALPHABET, k=rng.randint(1, 300))) for _ in range(100)]
    char, pair = tagger._codes(pieces)[:2]
    missing = tagger._pairs._missing
    plain = tagger._pairs.rows(char[:-1] * tagger._known + char[1:])
    lacking = plain == missing
    assert 0 < lacking.sum() < len(plain)
    assert (pair[~lacking] == plain[~lacking]).all() and (pair[lacking] == missing + char[:-1][lacking]).all()
    assert (tagger.bigrams[0][np.minimum(pair, missing)] == tagger.bigrams[0][plain]).all()
    unigrams, pairs = unfolded_gains(tagger)
    for table, first, own in zip(tagger.gains[1], unigrams[:4], pairs, strict=True):  # own: 0 for a pair it lacks
        assert np.abs(table[pair] - (first[char[:-1]] + own[plain])).max() < 1e-5


@pytest.mark.parametrize("mapped", [False, True])
def test_crf_o_scores_alone_are_the_o_row_of_the_state_scores(lex, tmp_path, mapped):
    """The characters before a stretch get their O score alone (`_entered`): bit for bit the O row of the full
    state scores, from the tables built here and from the mapped file."""
    from kgraph.extract import crf_small
    from kgraph.extract.crf import Tagger

    tagger = Tagger(ner._tables(), lex.surnames, ner._FOLD)
    if mapped:
        crf_small.save(tagger, tmp_path / "tables.bin")
        tagger = Tagger.mapped(crf_small.load(tmp_path / "tables.bin"))
    rng = random.Random(31)
    pieces = [piece.translate(ner._FOLD) for piece in real_pieces()[:300]]
    pieces += ["".join(rng.choices(ALPHABET, k=rng.randint(1, 300))) for _ in range(100)]
    lengths = np.array([len(piece) for piece in pieces])
    codes, rows = tagger._codes(pieces), places(lengths)
    outside = tagger._emissions(codes, rows, tagger._outside)
    assert outside.shape == rows.shape
    assert outside.tobytes() == np.ascontiguousarray(tagger._emissions(codes, rows)[tagger._outside]).tobytes()


def unfolded_gains(tagger) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Each table's gains over O in float64, the surname flags folded in as `_set_gains` does, unfolded."""
    outside = tagger._outside

    def gain(table: np.ndarray) -> np.ndarray:
        return np.delete(table, outside, axis=1) - table[:, outside:outside + 1]

    unigrams = [gain(table) for table in tagger.unigrams]
    flags = gain(tagger.flags)
    unigrams[2] = unigrams[2] + tagger._surname[:, None] * flags[0]
    unigrams[1] = unigrams[1] + tagger._surname[:, None] * flags[1]
    return unigrams, [gain(table) for table in tagger.bigrams]


def test_crf_labels_are_crfsuites_on_the_dev_and_msra_texts(crfsuite, lex):
    """The labels of decoding from the float32 bounds are crfsuite's on the real texts (seeds, dev, MSRA)."""
    pieces = real_pieces()
    assert len(pieces) > 4000
    assert numpy_labels(pieces, lex.surnames) == crfsuite_labels(crfsuite, pieces, lex.surnames)


def test_crf_bounds_hold_where_a_name_wins_by_a_hair(crfsuite, lex):
    """Near-ties: pieces made of the characters whose float32 gains round the most, and names whose run gain is
    close to zero; the labels stay crfsuite's and the bounds above the float64 ones."""
    tagger = ner.recogniser(lex.surnames)._tagger
    rng = random.Random(23)
    pieces = real_pieces()[:3000]
    folded = [piece.translate(ner._FOLD) for piece in pieces]
    lengths = np.array([len(piece) for piece in folded])
    codes, rows = tagger._codes(folded), places(lengths)
    inside, _ = exact_bounds(tagger, tagger._emissions(codes, rows), lengths)
    # the characters where a run of names loses or wins by the least: spliced together and into other text
    close = np.argsort(np.abs(inside))[:400]
    text = "".join(folded)
    hairs = ["".join(text[max(0, i - 2):i + 3] for i in rng.sample(close.tolist(), rng.randint(1, 12)))
             for _ in range(300)]
    assert numpy_labels(hairs, lex.surnames) == crfsuite_labels(crfsuite, hairs, lex.surnames)
    lengths = np.array([len(piece) for piece in hairs])
    codes, rows = tagger._codes(hairs), places(lengths)
    exact = exact_bounds(tagger, tagger._emissions(codes, rows), lengths)
    for bound, score in zip(tagger._bounds(codes, rows, lengths), exact, strict=True):
        assert (bound >= score).all()
