"""The fast word cut gives jieba's words: on the seeds, the dev texts and random text, with and without the HMM."""

from __future__ import annotations

import random

import pytest

from kgraph.lexicon import Lexicon
from kgraph.wordcut import WordCutter, read_jieba_dictionary

from .conftest import SEEDS, SHARED, seasoned_texts

DEV = SHARED / "gold" / "dev" / "raw"


def _texts(folder) -> list[str]:
    return [path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.glob("*.txt"))]


def _windows(text: str, rng: random.Random) -> list[str]:
    """Short stretches, as the extractors ask about: a few characters around a name or a suffix."""
    return [text[i:i + rng.randint(1, 12)] for i in range(0, len(text), 7)]


def _assert_same(cutter: WordCutter, texts: list[str]) -> None:
    reference = cutter.reference
    for hmm in (False, True):
        for text in texts:
            assert cutter.lcut(text, HMM=hmm) == reference.lcut(text, HMM=hmm), (text[:40], hmm)


@pytest.fixture(scope="module")
def fast(lex: Lexicon) -> WordCutter:
    if not lex.tokenizer.fast:
        pytest.skip("rjieba is not installed: jieba cuts, and is the reference")
    return lex.tokenizer


def test_wordcut_seeds_cut_as_jieba(fast: WordCutter) -> None:
    pages = _texts(SEEDS)
    rng = random.Random(3)
    _assert_same(fast, pages + [w for page in pages for w in _windows(page, rng)])


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/gold/dev is not beside this checkout")
def test_wordcut_dev_texts_cut_as_jieba(fast: WordCutter) -> None:
    pages = _texts(DEV)
    rng = random.Random(4)
    _assert_same(fast, pages + [w for page in pages for w in _windows(page, rng)])


def test_wordcut_random_text_cut_as_jieba(fast: WordCutter) -> None:
    """Seed text with letters, numbers, signs, blanks, rare Han (jieba-rs's Han, not jieba's) and emoji put in."""
    odd = [*"abcXYZ0129+-#&_%.@/ \t\r\n\u3000，。：１２Ａ", "\r\n", "\u3400", "\u4dbf", "\u9fd8", "\uf900",
           "\U00020001", "\U0002f800", "\ue000", "\U0001f600"]
    texts = seasoned_texts("".join(_texts(SEEDS)), odd, 4000, seed=5)
    _assert_same(fast, texts)


@pytest.mark.parametrize("text", ["项目总投资4.97亿元", "2021-10-09 08:00", "来源：A+1", "㐀城镇", "豐𠀁村"])
def test_wordcut_numbers_and_rare_han(fast: WordCutter, text: str) -> None:
    """Where jieba-rs reads otherwise (its HMM on `4.97C` and `2021-10`, its wider Han), jieba's words still come."""
    _assert_same(fast, [text])


def test_wordcut_total_counts_every_added_word(fast: WordCutter) -> None:
    """jieba adds the full frequency of a word it already knows to its total; the fast cut weighs paths alike."""
    words, total = read_jieba_dictionary()
    known = next(w for w, (freq, _) in words.items() if len(w) == 2 and freq > 1000)
    cutter = WordCutter(words, total, [(known, 2000)] * 20000)  # totals 40 million apart unless made equal
    assert cutter.fast
    _assert_same(cutter, _texts(SEEDS)[:2])


def test_wordcut_without_rjieba_is_jieba(lex: Lexicon) -> None:
    words, total = read_jieba_dictionary()
    cutter = WordCutter(words, total, lex.tokenizer.added, fast=False)
    assert not cutter.fast
    text = _texts(SEEDS)[0][:500]
    assert cutter.lcut(text, HMM=False) == lex.tokenizer.reference.lcut(text, HMM=False)


def test_wordcut_rjieba_imports_after_its_compiled_module(fast: WordCutter) -> None:
    """kgraph loads rjieba's compiled module alone (skipping the dictionary its package makes on import); a later
    `import rjieba` gets that module rather than initialising it a second time."""
    import rjieba

    assert type(fast._fast) is rjieba.Jieba
    assert rjieba.cut("区委书记调研", hmm=False)[-1] == "调研"
