"""Places by suffix grammar and jieba's place-name tags, outside organisation names.

`八岭山镇铜岭村` gives 八岭山镇 and 铜岭村; `荆北路75号` gives 荆北路. A word that merely ends like a place
(城区, 思路, 社区 alone) is not a place: the part before the suffix must be a proper name (not a common
word) unless an address number follows. `荆州区委` is an organisation: places inside organisation names are
left to the organisation.
"""

from __future__ import annotations

import re

from kgraph.extract.lexicon import Lexicon
from kgraph.extract.tokens import Token, is_name_part, longest_suffix, tokenize
from kgraph.model import Mention

# suffixes that make a place on their own; the others (路, 河, 山, 区 ...) need a proper name before them
_STRONG = frozenset({"省", "市", "县", "镇", "乡", "街道", "村", "社区", "片区", "自治区", "自治州", "自治县",
                     "工业园区", "产业园区", "湿地公园", "林场", "高新区", "开发区", "新区"})
_DOCUMENT = re.compile(r"《[^《》]*》")
_ADDRESS = re.compile(r"^\d+号")
_COMMON = 300  # a dictionary word this frequent before a weak suffix is a common word (思路, 道路)
_MIN_NS = 5
_MAX_STEM = 6


def _proper(text: str, lex: Lexicon) -> bool:
    """Whether a name part is a proper name: unknown to jieba, rare, or a known place name."""
    entry = lex.words.get(text)
    return entry is None or entry[1] in ("ns", "nr", "nz") or entry[0] < _COMMON


def _place_at(tokens: list[Token], i: int, text: str, lex: Lexicon) -> tuple[int, int] | None:
    token = tokens[i]
    suffix = longest_suffix(token.text, lex.place_suffixes)
    entry = lex.words.get(token.text)
    if suffix is None:
        if entry and entry[1] == "ns" and entry[0] >= _MIN_NS and len(token.text) >= 2:
            return token.start, token.end
        return None
    if token.text != suffix and entry and entry[1] == "ns":
        return token.start, token.end  # 荆州区, 红安县: a place name jieba knows
    first = i
    while first > 0 and is_name_part(tokens[first - 1], lex) and token.start - tokens[first - 1].start <= _MAX_STEM:
        prev = tokens[first - 1]
        if longest_suffix(prev.text, lex.place_suffixes) or (len(prev.text) > 1 and not _proper(prev.text, lex)):
            break  # 八岭山镇 | 铜岭村: one place ends where the next begins
        first -= 1
    stem = text[tokens[first].start:token.end - len(suffix)]
    if len(stem) < 2:
        return None
    whole = text[tokens[first].start:token.end]
    if whole != token.text and not _proper(stem, lex) and not _ADDRESS.match(text[token.end:]):
        return None
    if whole == token.text and entry and entry[0] >= _COMMON and not _ADDRESS.match(text[token.end:]):
        return None  # 城区, 思路, 社区: common words that end like a place
    if suffix not in _STRONG and not _proper(stem, lex) and not _ADDRESS.match(text[token.end:]):
        return None
    return tokens[first].start, token.end


def extract_places(text: str, lex: Lexicon, tokens: list[Token] | None = None,
                   orgs: tuple[Mention, ...] = ()) -> tuple[Mention, ...]:
    """Place mentions in reading order, leaving out those inside an organisation's name."""
    tokens = tokens if tokens is not None else tokenize(text, lex)
    found: list[Mention] = []
    quoted = [(m.start(), m.end()) for m in _DOCUMENT.finditer(text)]
    for i in range(len(tokens)):
        span = _place_at(tokens, i, text, lex)
        if span is None:
            continue
        start, end = span
        if any(o.start <= start and end <= o.end for o in orgs) or any(s <= start < e for s, e in quoted):
            continue
        if i + 1 < len(tokens) and longest_suffix(tokens[i + 1].text, lex.place_suffixes) and \
                tokens[i + 1].text in lex.place_suffixes:
            continue  # 小丰 + 山村: the place goes on in the next token
        found.append(Mention("place", text[start:end], start, end))
    return tuple(found)
