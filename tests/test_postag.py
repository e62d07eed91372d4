"""kgraph's part-of-speech cut gives jieba.posseg's words and tags: on the seeds, the dev texts and random text."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kgraph.lexicon import Lexicon
from kgraph.postag import PosCutter
from kgraph.wordcut import read_jieba_dictionary

from .conftest import SEEDS, SHARED, seasoned_texts

DEV = SHARED / "gold" / "dev" / "raw"


@pytest.fixture(scope="module")
def jieba_tagger(lex: Lexicon):  # -> jieba.posseg.POSTokenizer over the same jieba and added words
    from jieba.posseg import POSTokenizer

    return POSTokenizer(lex.tokenizer.reference)


def _clauses(folder) -> list[str]:
    """Every clause of every page, as `lead_headline` cuts leads, and whole lines."""
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.glob("*.txt"))]
    return [piece for text in texts for line in text.splitlines() for piece in (line, *line.split("，"))]


def _assert_same(tagger: PosCutter, reference, texts: list[str]) -> None:
    for text in texts:
        assert tagger.lcut(text) == [(p.word, p.flag) for p in reference.cut(text)], text[:40]


def test_postag_seeds_as_jieba(lex: Lexicon, jieba_tagger) -> None:
    _assert_same(lex.tagger, jieba_tagger, _clauses(SEEDS))


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/gold/dev is not beside this checkout")
def test_postag_dev_texts_as_jieba(lex: Lexicon, jieba_tagger) -> None:
    _assert_same(lex.tagger, jieba_tagger, _clauses(DEV))


def test_postag_random_text_as_jieba(lex: Lexicon, jieba_tagger) -> None:
    """Seed text with letters, digits, signs, blanks and rare Han put in, and strings of its characters at random:
    unknown runs go to the HMM, letters and digits to jieba's own odd rules."""
    odd = [*"abcXYZ0129+-#&_%.@/ \t\r\n\u3000，。：１２Ａ", "\r\n", "\u3400", "\u9fd8", "\U00020001"]
    texts = seasoned_texts("".join(_clauses(SEEDS)), odd, 1500, seed=11)
    _assert_same(lex.tagger, jieba_tagger, texts)


def test_first_and_last_word_as_the_whole_cut(lex: Lexicon) -> None:
    """`first` and `last` give the ends of `lcut`, though `last` cuts only the last block and reads only its last
    run: on the seed clauses, on growing clauses as `lead_headline` makes them, and on seasoned and random text."""
    clauses = _clauses(SEEDS)
    grown = ["，".join(clauses[k:k + n]) for k in range(0, len(clauses), 7) for n in (2, 3)]
    odd = [*"abcXYZ0129+-#&_%.@/ \t\r\n\u3000，。：１２Ａ", "\r\n", "\u3400", "\u9fd8", "\U00020001"]
    texts = ["", " ", "，", *clauses, *grown, *seasoned_texts("".join(clauses), odd, 1500, seed=17)]
    tagger = lex.tagger
    for text in texts:
        words = tagger.lcut(text)
        assert tagger.first(text) == (words[0] if words else None), text[:40]
        assert tagger.last(text) == (words[-1] if words else None), text[:40]


def test_postag_added_words_weigh_as_in_jieba() -> None:
    """An added word takes its added frequency and the total grows by it, as jieba's `add_word` does."""
    import jieba
    from jieba.posseg import POSTokenizer

    words, total = read_jieba_dictionary()
    added = (("书记调", 10**9), ("调研", 5), ("调研", 7))
    tokenizer = jieba.Tokenizer()
    for word, freq in added:
        tokenizer.add_word(word, freq)
    reference = POSTokenizer(tokenizer)
    tagger = PosCutter(words, total, added)
    texts = ["区委书记调研", "书记调研组", "调研书记调"]
    _assert_same(tagger, reference, texts)
    assert tagger.lcut("区委书记调研")[1] == ("书记调", "x")  # a word added without a tag


def test_postag_does_not_load_jieba() -> None:
    """The point of it: a build that tags a lead never loads jieba (its dictionary costs a second)."""
    code = ("import sys; from kgraph.lexicon import load_lexicon; lex = load_lexicon(); "
            "tags = lex.tagger.lcut('区委书记张三主持会议'); print('jieba' in sys.modules, tags[1].flag)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "nr"]
