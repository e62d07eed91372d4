"""The word table loaded by first character answers as the whole dictionary, and the word cut made from it as
the cut of the whole dictionary: on the seeds, the dev texts, random text and with added words."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kgraph import wordcut
from kgraph.lexicon import Lexicon
from kgraph.postag import PosCutter
from kgraph.wordcut import WordCutter, _jieba_dictionary, jieba_word_table, read_jieba_dictionary
from kgraph.wordtable import WordTable, parse_word_table

from .conftest import SEEDS, SHARED, seasoned_texts

DEV = SHARED / "gold" / "dev" / "raw"


@pytest.fixture(scope="module")
def whole() -> tuple[dict[str, tuple[int, str]], int]:
    return read_jieba_dictionary()


@pytest.fixture(scope="module")
def full_cutter(whole, lex: Lexicon) -> WordCutter:
    words, total = whole
    cutter = WordCutter(words, total, lex.tokenizer.added)
    if not cutter.fast:
        pytest.skip("rjieba is not installed: jieba cuts, from the whole dictionary")
    return cutter


def _texts(folder: Path) -> list[str]:
    return [path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.glob("*.txt"))]


def _windows(texts: list[str], seed: int) -> list[str]:
    """Short stretches, as the extractors ask about, and a few whole lines."""
    rng = random.Random(seed)
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    return [line[i:i + rng.randint(1, 12)] for line in lines for i in range(0, len(line), 9)] + lines[::7]


def _assert_lazy_cuts_as_whole(full: WordCutter, texts: list[str], *, per_table: int = 40) -> None:
    """Each run of `per_table` texts cut by a fresh lazy table's cutter: the same words as the whole dictionary's,
    with the HMM and without; most tables stay partial, so the lazy path is what is tested."""
    partial = 0
    for start in range(0, len(texts), per_table):
        table = jieba_word_table()
        lazy = WordCutter(table, table.total, full.added)
        for text in texts[start:start + per_table]:
            for hmm in (False, True):
                assert lazy.lcut(text, HMM=hmm) == full.lcut(text, HMM=hmm), (text[:40], hmm)
        partial += table.pending
    assert partial, "every table was loaded whole: the lazy path was not tested"


def test_word_table_answers_as_the_whole_dictionary(whole) -> None:
    words, total = whole
    table = jieba_word_table()
    assert table.total == total and table.longest == max(map(len, words)) and table.size == len(words)
    rng = random.Random(1)
    rare = sorted(w for w in words if w[0] > "\u9e00")  # few words start with these: the table stays partial
    asked = rng.sample(rare, 30) + ["".join(rng.sample(rare, 2)) for _ in range(30)]
    asked += ["", "x", " ", "\U00020001", "区委书记调研", "中华人民共和国"]
    for word in asked:
        assert table.get(word) == words.get(word) and (word in table) == (word in words), word
        if word in words:
            assert table[word] == words[word]
        else:
            with pytest.raises(KeyError):
                table[word]
    assert table.pending and len(table) < len(words)
    table.load_all()
    assert not table.pending and dict(table) == words
    assert type(table).get is dict.get and isinstance(table, WordTable)  # whole: the dict's own look-ups
    for word in asked:
        assert table.get(word) == words.get(word) and (word in table) == (word in words), word
        assert table.get(word, 0) == words.get(word, 0)


def test_word_table_searched_then_loaded_answers_as_the_whole_dictionary(whole) -> None:
    """A bucket answers its first words by a search of the stored words, then is loaded (`SEARCHES_PER_WORD`):
    every word of the seeds' and dev texts' windows, real words and not, with newlines and odd characters, gets
    the whole dictionary's answer either way, by `get`, `in` and `[]`."""
    words, _ = whole
    texts = _texts(SEEDS) + (_texts(DEV) if DEV.is_dir() else [])
    odd = [*"abc019 \t\r\n\u3000，。", "\n区", "区\n委", "\U00020001", "\ud800"]
    asked = _windows(texts, 8) + seasoned_texts("".join(texts), odd, 300, seed=9)
    asked += [w[:k] for w in asked for k in (2, 3, 4)] + [w for w in words if w[0] in "鼹鼾"]
    table = jieba_word_table()
    for word in asked:
        known = words.get(word)
        assert table.get(word) == known and (word in table) == (known is not None), word
        if known is None:
            with pytest.raises(KeyError):
                table[word]
        else:
            assert table[word] == known
    searched = {c for c, n in table._searched.items() if c not in table._asked}
    assert searched and table._asked & set(table._searched) and table.pending  # both ways were taken


def test_word_table_of_a_small_dictionary(tmp_path: Path) -> None:
    """The last line of a word wins, the total counts every line, words are found under their first character."""
    source = tmp_path / "dict.txt"
    source.write_text("区委 30 n\n书记 20 n\n区委 40 nt\n书 5 n\nA股 3 n\n", encoding="utf-8")
    table = WordTable(parse_word_table(source))
    assert (table.total, table.longest, table.size) == (98, 2, 4)
    assert table.get("区委") == (40, "nt") and "书" in table and table.get("股") is None and "A股" in table
    table.ensure("书")
    assert set(table) == {"书记", "书", "区委", "A股"}
    table.load_all()
    assert dict(table) == {"区委": (40, "nt"), "书记": (20, "n"), "书": (5, "n"), "A股": (3, "n")}


def test_lazy_cut_seeds_as_whole_dictionary(full_cutter: WordCutter) -> None:
    _assert_lazy_cuts_as_whole(full_cutter, _windows(_texts(SEEDS), 3))


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/gold/dev is not beside this checkout")
def test_lazy_cut_dev_texts_as_whole_dictionary(full_cutter: WordCutter) -> None:
    _assert_lazy_cuts_as_whole(full_cutter, _windows(_texts(DEV), 4))


def test_lazy_cut_random_text_as_whole_dictionary(full_cutter: WordCutter) -> None:
    odd = [*"abcXYZ0129+-#&_%.@/ \t\r\n\u3000，。：１２Ａ", "\r\n", "\u3400", "\u9fd8", "\uf900", "\U00020001"]
    texts = seasoned_texts("".join(_texts(SEEDS)), odd, 400, seed=6)
    _assert_lazy_cuts_as_whole(full_cutter, texts, per_table=20)


@pytest.mark.parametrize("own", [True, False], ids=["jieba-rs's own dictionary", "every word given"])
def test_lazy_cut_loaded_whole_cuts_as_whole_dictionary(full_cutter: WordCutter, own: bool, monkeypatch) -> None:
    """Past a quarter of the dictionary jieba-rs gets the rest (its own dictionary when that is jieba's, else every
    word); the cut after that is still the same, and Python's table has loaded only what Python asked about."""
    if not own:
        monkeypatch.setattr(wordcut, "_own_dictionary_is_jiebas", lambda engine, table: False)
    table = jieba_word_table()
    lazy = WordCutter(table, table.total, full_cutter.added)
    pages = _texts(SEEDS)
    texts = _windows(pages, 5)[:200] + pages
    for text in texts:
        assert lazy.lcut(text, HMM=False) == full_cutter.lcut(text, HMM=False), text[:40]
    assert lazy.whole and table.pending


def test_jieba_rs_own_dictionary_is_jiebas_and_no_other(tmp_path: Path) -> None:
    """jieba-rs's own dictionary is taken for jieba's `dict.txt` (rjieba 0.2.2 carries the same words and
    frequencies), never for another dictionary, nor for a table of no known file."""
    engine = wordcut._fast_engine()
    if engine is None:
        pytest.skip("rjieba is not installed")
    assert wordcut._own_dictionary_is_jiebas(engine, jieba_word_table())
    source = tmp_path / "dict.txt"
    source.write_text("区委 30 n\n书记 20 n\n", encoding="utf-8")
    assert not wordcut._own_dictionary_is_jiebas(engine, WordTable(parse_word_table(source), source))
    assert not wordcut._own_dictionary_is_jiebas(engine, WordTable(parse_word_table(_jieba_dictionary())))


def test_lazy_cut_with_added_words(whole) -> None:
    """Added words keep their added frequency whichever comes first, their bucket or the word, and the total is
    jieba's (an added word known to the dictionary adds its full frequency again)."""
    words, total = whole
    known = next(w for w, (freq, _) in words.items() if len(w) == 2 and freq > 1000)
    added = [("书记调", 10**6), ("调研", 5), ("调研", 7), *[(known, 2000)] * 2000, ("区委书记", 3)]
    full = WordCutter(words, total, added)
    if not full.fast:
        pytest.skip("rjieba is not installed")
    texts = ["区委书记调研", "书记调研组", "调研书记调", f"{known}区委书记调研{known}"]
    texts += _windows(_texts(SEEDS), 7)[:60]
    table = jieba_word_table()
    table.ensure("调书")  # Python's table loading on its own is no matter to the cut
    lazy = WordCutter(table, table.total, added)
    for text in texts:
        assert lazy.lcut(text, HMM=False) == full.lcut(text, HMM=False) == full.reference.lcut(text, HMM=False), text
    assert full.lcut("区委书记调研", HMM=False)[1] == "书记调"
    assert not lazy.whole
    lazy.take_whole()  # the added words over jieba-rs's own dictionary, or over every word given
    for text in texts:
        assert lazy.lcut(text, HMM=False) == full.lcut(text, HMM=False), text


def test_lazy_postag_as_whole_dictionary(whole, lex: Lexicon) -> None:
    words, total = whole
    clauses = [piece for text in _texts(SEEDS) for line in text.splitlines() for piece in line.split("，")][:300]
    table = jieba_word_table()
    lazy, full = PosCutter(table, total, lex.tokenizer.added), PosCutter(words, total, lex.tokenizer.added)
    for clause in clauses:
        assert lazy.lcut(clause) == full.lcut(clause), clause[:40]

