"""jieba tokens with their character offsets: the shared input of the organisation and place extractors."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Container
from typing import NamedTuple

from kgraph.lexicon import CJK, Lexicon
from kgraph.regex import compiled

# parts of speech that never sit inside an organisation or place name
CUT_TAGS = frozenset({"p", "c", "r", "u", "ul", "uj", "uz", "ug", "uv", "ud", "y", "e", "d", "m", "t", "f", "s", "q",
                      "v", "l", "i", "a", "ad", "an"})
# one-character function words: never part of an organisation or place name
FUNCTION_CHARS = frozenset("的了和与及或在对为等把被从向将以到由给让是也都就还又而并其之这那各该本每全个"
                           "年月日号次届进入")


class Tokens(NamedTuple):
    """jieba's words of a text and their spans, as three lists: an article has thousands of words, and a tuple made
    for each (most never looked at alone) cost more than the cut; the finders read the lists by index, and scan
    them whole in C (`indices_in`, `indices_ending_in`)."""

    words: list[str]
    starts: list[int]
    ends: list[int]


def tokenize(text: str, lex: Lexicon) -> Tokens:
    """Dictionary words only (no HMM guesses): unknown names come as single characters, which is safer to rejoin.

    >>> from kgraph.lexicon import load_lexicon
    >>> tokenize("区委书记调研", load_lexicon())
    Tokens(words=['区委', '书记', '调研'], starts=[0, 2, 4], ends=[2, 4, 6])
    """
    words = _split_heads(lex.tokenizer.lcut(text, HMM=False), lex)
    ends = list(itertools.accumulate(map(len, words)))
    return Tokens(words, [0, *ends][:-1], ends)


def indices_in(tokens: Tokens, words: Container[str]) -> list[int]:
    """The indices of the tokens that are one of `words`, found in C: a Python loop over an article's thousands of
    tokens costs more than the few lookups that follow it."""
    return list(itertools.compress(itertools.count(), map(words.__contains__, tokens.words)))


def indices_ending_in(text: str, tokens: Tokens, chars: frozenset[str]) -> list[int]:
    """The indices of the tokens of `text` (`tokenize`) whose last character is one of `chars`: the text is
    searched for those characters, then the tokens are picked by their ends, both in C. Taking each token's last
    character instead made a string of it for every token."""
    ends = {match.end() for match in _any_of(chars).finditer(text)}
    return list(itertools.compress(itertools.count(), map(ends.__contains__, tokens.ends))) if ends else []


@functools.cache
def _any_of(chars: frozenset[str]) -> re.Pattern[str]:
    return compiled("[" + "".join(sorted(map(re.escape, chars))) + "]")


def _split_heads(words: list[str], lex: Lexicon) -> list[str]:
    """jieba's 区委书记 as 区委 + 书记 (the organisation must stay visible), and its 小组会议 as 小组 + 会议 (the
    meeting of 领导小组). Only words of three or more characters that end like a title head or in 会议 are looked
    at: a handful per article."""
    heads = lex.title_heads
    ends = heads.last_chars
    split = [i for i, word in enumerate(words) if len(word) > 2 and (word[-1] in ends or word[-1] == "议")]
    if not split:
        return words
    head_of, org_suffix_of = heads.suffix_of, lex.org_suffixes.suffix_of
    out: list[str] = []
    done = 0
    for i in split:
        word = words[i]
        head = head_of(word)
        if word.endswith("会议") and org_suffix_of(word[:-2]):
            head = "会议"
        if head and head != word:
            out += words[done:i]
            out += (word[:len(word) - len(head)], head)
            done = i + 1
    return out + words[done:] if done else words


def is_name_part(word: str, lex: Lexicon) -> bool:
    """Whether a word may sit inside a proper name: Chinese, not a stop word, not a function word."""
    if not CJK.match(word) or word in lex.scope_stops:
        return False
    if len(word) == 1:  # jieba's tags for lone characters say little: only function words cut
        return word not in FUNCTION_CHARS
    tag = lex.tag(word)
    return tag is None or tag not in CUT_TAGS
