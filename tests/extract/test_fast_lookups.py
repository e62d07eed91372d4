"""The fast paths of the lexicon's and the token extractors' lookups equal the plain ones they replace, on the seed
pages' text and on random text made of the entries' own characters (where lookups hit most)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from kgraph.extract.places import _InsideWords
from kgraph.extract.tokens import Tokens, tokenize
from kgraph.lexicon import Affixes, Lexicon

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

AFFIXES = ("title_heads", "title_ranks", "scope_stops", "org_suffixes", "place_suffixes", "org_false_endings",
           "name_follow", "person_nouns")


def _seed_text() -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))[:20])


def _texts(affixes: Affixes, seed: int) -> list[str]:
    """Seed text in pieces, and random strings of the entries' characters and a few others."""
    rng = random.Random(seed)
    text = _seed_text()
    pieces = [text[i:i + rng.randint(0, 40)] for i in range(0, len(text), 37)]
    chars = sorted({c for entry in affixes for c in entry}) + list("的了张明，。 1")
    return pieces + ["".join(rng.choice(chars) for _ in range(rng.randint(0, 12))) for _ in range(1000)]


class _Plain:
    """The plain lookups: every entry length in turn."""

    def __init__(self, affixes: Affixes) -> None:
        self.entries, self.lengths = set(affixes), sorted({len(s) for s in affixes}, reverse=True)

    def ending_at(self, text: str, end: int, min_len: int = 1) -> str | None:
        for size in self.lengths:
            if size < min_len:
                break
            if size <= end and text[end - size:end] in self.entries:
                return text[end - size:end]
        return None

    def starting_at(self, text: str, pos: int) -> str | None:
        for size in self.lengths:
            if pos + size <= len(text) and text[pos:pos + size] in self.entries:
                return text[pos:pos + size]
        return None


@pytest.mark.parametrize("name", AFFIXES)
def test_affixes_lookups_equal_the_plain_ones(lex: Lexicon, name: str) -> None:
    affixes: Affixes = getattr(lex, name)
    plain = _Plain(affixes)
    for text in _texts(affixes, len(name)):
        assert affixes.suffix_of(text) == plain.ending_at(text, len(text))
        for end in range(-1, len(text) + 2):
            for min_len in (1, 3):
                assert affixes.ending_at(text, end, min_len) == plain.ending_at(text, end, min_len), (text, end)
            assert affixes.starting_at(text, end) == plain.starting_at(text, end), (text, end)


@pytest.mark.parametrize("name", AFFIXES)
def test_occurrences_equal_an_overlapping_search(lex: Lexicon, name: str) -> None:
    affixes: Affixes = getattr(lex, name)
    pattern = re.compile("(?=(" + "|".join(re.escape(s) for s in affixes) + "))")  # the longest first
    for text in _texts(affixes, 7):
        assert list(affixes.occurrences(text)) == [(m.start(), m.group(1)) for m in pattern.finditer(text)]
    assert list(Affixes().occurrences("湖北省")) == []


@pytest.mark.parametrize("name", AFFIXES)
def test_longer_tells_whether_an_entry_is_the_longest_ending_there(lex: Lexicon, name: str) -> None:
    affixes: Affixes = getattr(lex, name)
    plain = _Plain(affixes)
    hits = 0
    for text in _texts(affixes, 5):
        for start, entry in affixes.occurrences(text):
            end = start + len(entry)
            longest = plain.ending_at(text, end)
            hits += longest != entry
            assert text.endswith(affixes.longer[entry], 0, end) == (longest != entry), (text, start)
    if name == "place_suffixes":
        assert hits  # the random texts hold longer entries over shorter ones (社区 over 区)


def _tokenize(text: str, lex: Lexicon) -> list[tuple[str, int, int]]:
    """tokenize as a plain loop over jieba's words: each word, start and end."""
    tokens, offset = [], 0
    for word in lex.tokenizer.lcut(text, HMM=False):
        end = offset + len(word)
        if len(word) > 2:
            head = lex.title_heads.suffix_of(word)
            if word.endswith("会议") and lex.org_suffixes.suffix_of(word[:-2]):
                head = "会议"
            if head and head != word:
                cut = end - len(head)
                tokens += [(word[: cut - offset], offset, cut), (head, cut, end)]
                offset = end
                continue
        tokens.append((word, offset, end))
        offset = end
    return tokens


def test_tokenize_equals_a_plain_loop(lex: Lexicon) -> None:
    text = _seed_text()
    for piece in [text[i:i + 500] for i in range(0, len(text), 500)] + ["", "区委书记", "领导小组会议", "书记"]:
        tokens = tokenize(piece, lex)
        assert list(zip(*tokens, strict=True)) == _tokenize(piece, lex)
        assert type(tokens) is Tokens and all(type(column) is list for column in tokens)


def test_inside_words_equal_the_marked_positions(lex: Lexicon) -> None:
    text = _seed_text()[:20000]
    tokens = tokenize(text, lex)
    marked = set()
    for word, start, end in zip(*tokens, strict=True):
        if len(word) > 1 and (lex.tag(word) or "n")[0] == "n" and not (len(word) == 2 and word[1] in "省市县区镇乡村"):
            marked.update(range(start, end))
    inside = _InsideWords(tokens, lex)
    assert [pos for pos in range(-2, len(text) + 2) if pos in inside] == sorted(marked)
