"""Places by suffix grammar and jieba's place-name tags, outside organisation names.

A place is a proper name followed by a place suffix: `八岭山镇铜岭村` gives 八岭山镇 and 铜岭村, `荆北路75号`
gives 荆北路. Where the name begins is decided like a title's scope: at a delimiter, a function word, a stop
word or the end of the place before it, and only where jieba starts a word. A stem that is a common word
(思路, 助力市) is no place unless an address number follows; `荆州区委` is an organisation, so places inside
organisation names are left to the organisation.
"""

from __future__ import annotations

import functools
import re

from kgraph.extract.names import starts_token
from kgraph.extract.titles import DELIMITERS
from kgraph.extract.tokens import Token, tokenize
from kgraph.lexicon import Lexicon
from kgraph.model import Mention

# suffixes that make a place after any proper stem; the others (路, 河, 山, 区 ...) need a stem jieba does not
# know as a common word
_STRONG = frozenset({"省", "市", "县", "镇", "乡", "街道", "村", "社区", "片区", "自治区", "自治州", "自治县",
                     "工业园区", "产业园区", "湿地公园", "林场", "高新区", "开发区", "新区", "居委会"})
_FUNCTION_CHARS = set("的了和与及或在对为等把被从将以到由给让是也都就还又而并其之这那各该本每全个年月日号次届赴至"
                      "跟使于往自随")
_DOCUMENT = re.compile(r"《[^《》]*》")
_ADDRESS = re.compile(r"^\d+号")
_COMMON = 50  # a dictionary word this frequent is a common word, not a place name
_WELL_KNOWN = 100  # a jieba place name (ns) this frequent is a place on its own (上海, 郑州)
_MAX_STEM = 6
_BOUNDARY = tuple(s for s in _STRONG if len(s) > 1) + tuple("镇乡村县省市区")


@functools.cache
def _suffix_pattern(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("(?=(" + "|".join(re.escape(s) for s in suffixes) + "))")  # overlapping: 湖北省 after 湖


def _common(word: str, lex: Lexicon) -> bool:
    entry = lex.words.get(word)
    return entry is not None and entry[0] >= _COMMON and entry[1] != "ns"


def _stem_start(text: str, start: int, lex: Lexicon) -> int:
    """The leftmost position a place name ending at `start` may begin at."""
    begin = start
    while begin > 0 and start - begin < _MAX_STEM:
        char = text[begin - 1]
        if char in DELIMITERS or char in _FUNCTION_CHARS or not char.strip() or char.isdigit():
            break
        if any(text.startswith(s, begin - len(s)) for s in _BOUNDARY):
            break  # 八岭山镇 | 铜岭村
        if any(text.startswith(w, begin - len(w)) for w in lex.scope_stops if len(w) > 1):
            break
        begin -= 1
    return begin


def _place_ending(text: str, start: int, suffix: str, lex: Lexicon) -> int | None:
    """Where the place whose suffix starts at `start` begins, or None when it is no place."""
    end = start + len(suffix)
    address = bool(_ADDRESS.match(text[end:]))
    limit = _stem_start(text, start, lex)
    for begin in range(limit, start - 1):  # the longest stem that starts a word and holds no common word
        stem = text[begin:start]
        if not starts_token(text, begin, lex):
            continue
        if not address and any(len(w) > 1 and _common(w, lex) for w in lex.tokenizer.lcut(stem, HMM=False)):
            continue
        if _common(text[begin:end], lex):
            return None  # 城区, 道路: the whole is a common word
        if suffix not in _STRONG and not address and lex.words.get(stem) is not None and \
                lex.words[stem][1] not in ("ns", "nr", "nz"):
            continue
        return begin
    return None


def _well_known(tokens: list[Token], lex: Lexicon) -> list[tuple[int, int]]:
    spans = []
    for token in tokens:
        entry = lex.words.get(token.text)
        if entry and entry[1] == "ns" and entry[0] >= _WELL_KNOWN and len(token.text) >= 2:
            spans.append((token.start, token.end))
    return spans


def extract_places(text: str, lex: Lexicon, tokens: list[Token] | None = None,
                   orgs: tuple[Mention, ...] = ()) -> tuple[Mention, ...]:
    """Place mentions in reading order, leaving out those inside an organisation's name or a document title."""
    tokens = tokens if tokens is not None else tokenize(text, lex)
    spans: list[tuple[int, int]] = []
    for match in _suffix_pattern(lex.place_suffixes).finditer(text):
        begin = _place_ending(text, match.start(), match.group(1), lex)
        if begin is not None:
            spans.append((begin, match.start() + len(match.group(1))))
    spans += [s for s in _well_known(tokens, lex) if not any(b <= s[0] and s[1] <= e for b, e in spans)]
    blocked = [(o.start, o.end) for o in orgs] + [(m.start(), m.end()) for m in _DOCUMENT.finditer(text)]
    found = []
    for start, end in sorted(set(spans)):
        if any(b <= start and end <= e for b, e in blocked):
            continue
        if any(b <= start and end <= e and (b, e) != (start, end) for b, e in spans):
            continue  # 太湖 inside 太湖国家湿地公园
        found.append(Mention("place", text[start:end], start, end))
    return tuple(found)
