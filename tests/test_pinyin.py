"""kgraph's `lazy_pinyin` gives pypinyin's answer: on every character and phrase pypinyin knows, and random text."""

from __future__ import annotations

import random
import re

import pytest
from pypinyin import lazy_pinyin as reference
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

from kgraph.pinyin import lazy_pinyin


def _alnum(text: str) -> list[str]:  # what the page's search keys pass as `errors`
    return re.findall(r"[A-Za-z0-9]+", text)


def _assert_same(texts: list[str]) -> None:
    for text in texts:
        assert lazy_pinyin(text) == reference(text), text
        assert lazy_pinyin(text, errors=_alnum) == reference(text, errors=_alnum), text


def test_pinyin_every_character() -> None:
    han = [chr(n) for n in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00), 0x3007)]
    _assert_same(sorted(set(han) | {chr(n) for n in PINYIN_DICT}))


def test_pinyin_every_phrase() -> None:
    _assert_same(sorted(PHRASES_DICT))


def test_pinyin_random_text() -> None:
    rng = random.Random(17)
    phrases = sorted(PHRASES_DICT)
    chars = [chr(n) for n in sorted(PINYIN_DICT)]
    pieces = [" ", "A1", "x", "3", "，", "·", "\n", "-", "_", "\U00020000", "\u9fff", "ü", "ā", "〇"]
    texts = []
    for _ in range(2000):
        parts = [rng.choice((rng.choice(phrases), rng.choice(phrases)[:-1], rng.choice(chars), rng.choice(pieces)))
                 for _ in range(rng.randint(1, 6))]
        texts.append("".join(parts))
    _assert_same(texts)


@pytest.mark.parametrize("text", ["", "万玲玲", "重庆市长", "单田芳", "2021年", "page1_c7a8", "乐乐", "曾", "女"])
def test_pinyin_short_texts(text: str) -> None:
    _assert_same([text])


def test_pinyin_loads_the_buckets_of_its_characters() -> None:
    """A name needs the entries of its own characters: a fresh table loads only their buckets, and answers as
    pypinyin after them (`test_pinyin_every_phrase` goes on to load every bucket)."""
    from kgraph.pinyin import _table

    fresh = _table.__wrapped__()  # a table of its own, from the derived data
    buckets = len(fresh._buckets)
    fresh.ensure("张三")
    assert buckets - 2 <= len(fresh._buckets) < buckets
    assert "张" in fresh.chars and len(fresh.phrases) < 5000
    assert lazy_pinyin("张三重庆") == reference("张三重庆")


def test_pinyin_remembered_runs_still_ask_errors() -> None:
    """A Han run is read once (`_han_syllables`, for an IRI's slug and the page's keys alike); a run with a
    character pypinyin has no reading for is not remembered as syllables, and each call's `errors` decides it."""
    from kgraph.pinyin import _han_syllables

    for text in ("王\u3402芸", "王芸"):
        for errors in (None, lambda word: ["?"], None, _alnum):
            assert lazy_pinyin(text, errors=errors) == reference(text, errors=errors or "default"), (text, errors)
    assert _han_syllables("王芸") == ("wang", "yun") and _han_syllables("王\u3402芸") is None
