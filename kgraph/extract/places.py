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
from kgraph.extract.tokens import FUNCTION_CHARS, Token, tokenize
from kgraph.gazetteer import load_gazetteer
from kgraph.lexicon import Lexicon
from kgraph.model import Mention

# suffixes that make a place after any proper stem; the others (路, 河, 山, 区 ...) need a stem jieba does not
# know as a common word
_STRONG = frozenset({"省", "市", "县", "镇", "乡", "街道", "村", "社区", "片区", "自治区", "自治州", "自治县",
                     "工业园区", "产业园区", "湿地公园", "林场", "新城", "高新区", "开发区", "新区", "居委会"})
_FUNCTION_CHARS = FUNCTION_CHARS | set("赴至跟使于往自随")  # and the verbs that lead to a place
_DOCUMENT = re.compile(r"《[^《》]*》")
_AND = ("和", "与", "及", "、")
_COUNTED = re.compile(r"(?:\d+个|[省市区县]级)$")  # 22个省级试点村: a kind of village, counted
_VISIT = ("调研", "考察", "走进", "来到", "前往", "走访", "察看", "查看", "视察", "参观", "深入")
_ADDRESS = re.compile(r"^\d+号")
_COMMON = 50  # a dictionary word this frequent is a common word, not a place name
_MAX_STEM = 6
_BOUNDARY = tuple(s for s in _STRONG if len(s) > 1) + tuple("镇乡村县省")  # not 市/区: 弥市镇, 沙市区


@functools.cache
def _suffix_pattern(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("(?=(" + "|".join(re.escape(s) for s in suffixes) + "))")  # overlapping: 湖北省 after 湖


def is_common(word: str, lex: Lexicon) -> bool:
    """A dictionary word frequent enough to be a common word, unless jieba calls it a place or proper noun (城区 is
    a district of 阳泉 too, but in a name it is the common word)."""
    entry = lex.words.get(word)
    return entry is not None and entry[0] >= _COMMON and entry[1] not in ("ns", "nz")


def _stem_start(text: str, start: int, lex: Lexicon) -> int:
    """The leftmost position a place name ending at `start` may begin at."""
    begin = start
    while begin > 0 and start - begin < _MAX_STEM:
        char = text[begin - 1]
        if char in DELIMITERS or char in _FUNCTION_CHARS or not char.strip() or char.isdigit():
            break
        if any(text.startswith(s, begin - len(s)) for s in _BOUNDARY):
            break  # 八岭山镇 | 铜岭村
        if lex.scope_stops.ending_at(text, begin, min_len=2):
            break
        begin -= 1
    return begin


def _inside_word(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the suffix at `start` is the tail of another word (农村, 搭桥, 跨省, 分区): then it ends no place,
    unless jieba tags that word as a place (荆州区, and 山镇 of 马山镇)."""
    begin = max(0, start - 4)
    offset = begin
    for token in lex.cut(text[begin:end + 4], hmm=False):
        inside = offset < start < offset + len(token) or offset < end < offset + len(token)  # 农村 | 市域
        if inside and offset + len(token) == end and len(token) > len(text[start:end]) + 1:
            return (lex.tag(token) or "ns")[:2] not in ("ns", "nr", "nz")  # 古城村: a village jieba knows
        if inside:
            return (lex.tag(token) or "ns")[:2] != "ns"  # 山镇, 城镇 (郢城镇) are jieba place words: go on
        offset += len(token)
    return False


def _suffix_level(word: str) -> int:
    return next((level for suffix, level in LEVELS if word.endswith(suffix) and len(word) > len(suffix)), 0)


def _stem_ok(text: str, begin: int, end: int, suffix_end: int, strong: bool, lex: Lexicon) -> bool:
    """A stem holds no complete place (荆州区八岭山), starts with no verb and is no mere adjective (补齐老旧小区,
    老旧小区), and holds no common word, except that a place listed on its own may be named by a common noun
    (`、红旗林场`), and one among places of its kind, right after the town it is in or visited by the sentence
    by common words of any kind but adjectives (`东城街道解放社区`, `河套片区、御河片区`, `调研拍马工业园区`)."""
    stem = text[begin:end]
    tokens = lex.cut(stem, hmm=False)
    words = [w for w in tokens if len(w) > 1]
    if any(_suffix_level(w) and not is_common(w, lex) for w in words) or _COUNTED.search(text, 0, begin):
        return False
    chained = _suffix_level(text[max(0, begin - 4):begin]) >= 2
    listed = begin == 0 or text[begin - 1] in DELIMITERS or chained
    siblings = chained or _sibling(text, begin, suffix_end, lex)
    visited = any(text.endswith(verb, 0, begin) for verb in _VISIT) or text[begin - 1:begin] in ("赴", "到")
    common = [w for w in words if is_common(w, lex)]
    if not common:
        verb = (lex.tag(tokens[0]) or "")[:1] == "v" and not (siblings or visited)
        return not verb and not (stem not in lex.words and all((lex.tag(c) or "")[:1] == "a" for c in stem))
    if strong and (siblings or visited) and len(stem) >= 2:
        return not any((lex.tag(w) or "")[:1] in "pcdrua" for w in common)
    noun = (lex.tag(common[0]) or "")[:1] == "n"
    return strong and listed and len(words) == 1 and words[0] == stem and noun


def _sibling(text: str, begin: int, suffix_end: int, lex: Lexicon) -> bool:
    """Whether a place of the same kind comes right before or after, joined by 、 or 和 (天鹅村和沿江村)."""
    suffix = text[suffix_end - 1]
    before = text[begin - 1:begin] in _AND and text[max(0, begin - 6):begin - 1].endswith(lex.place_suffixes)
    after = text[suffix_end:suffix_end + 1] in _AND and suffix in text[suffix_end + 2:suffix_end + 9].split("，")[0]
    return before or after


def _place_ending(text: str, start: int, suffix: str, lex: Lexicon) -> int | None:
    """Where the place whose suffix starts at `start` begins, or None when it is no place."""
    end = start + len(suffix)
    address = bool(_ADDRESS.match(text[end:]))
    if _inside_word(text, start, end, lex) and not address:
        return None
    limit = _stem_start(text, start, lex)
    for begin in range(limit, start - 1):  # the longest stem that starts a word and holds no common word
        stem = text[begin:start]
        if not starts_token(text, begin, lex, hmm=False):
            continue
        if not address and not _stem_ok(text, begin, start, end, suffix in _STRONG, lex):
            continue
        if is_common(text[begin:end], lex):
            return None  # 城区, 道路: the whole is a common word
        if suffix not in _STRONG and not address and lex.words.get(stem) is not None and \
                lex.words[stem][1] not in ("ns", "nr", "nz"):
            continue
        return begin
    return None


def _in_gazetteer(text: str, tokens: list[Token], lex: Lexicon) -> list[tuple[int, int]]:
    """Administrative divisions by name: a full name (荆州市, 红安县) that starts a word, or a short form
    (河南, 郑州) that jieba reads as a place name of its own."""
    gazetteer = load_gazetteer()
    names, full_names = gazetteer.by_name, gazetteer.full_names
    spans = []
    for token in tokens:
        entry = lex.words.get(token.text)
        full = token.text in full_names
        glued = len(token.text) == 2 and token.text[0] in _FUNCTION_CHARS  # 和县 of 情和县经开区
        if token.text in names and len(token.text) >= 2 and not glued and (
                (full and not is_common(token.text, lex)) or (entry and entry[1] == "ns")):
            spans.append((token.start, token.end))
    sizes: dict[int, list[int]] = {}  # full names jieba splits (红安县 as 红安 + 县); 和县 only as one token
    for match in gazetteer.full_name_ending.finditer(text):
        for size in (3, 4, 5):
            if match.end() >= size and text[match.end() - size:match.end()] in full_names:
                sizes.setdefault(match.end() - size, []).append(size)
    for start in sorted(sizes):  # at each start, the longest name that starts a word and is no common word
        for size in sorted(sizes[start], reverse=True):
            if starts_token(text, start, lex, hmm=False) and not is_common(text[start:start + size], lex):
                spans.append((start, start + size))
                break
    return spans


def _gazetteer_start(text: str, begin: int, end: int) -> int:
    """来泸县 -> 泸县, 争创湖北省 -> 湖北省: a place that ends with a division's full name is that division."""
    names = load_gazetteer().by_name
    if text[begin:end] in names:
        return begin
    for start in range(begin + 1, end - 1):
        if any(d.name == text[start:end] for d in names.get(text[start:end], ())):
            return start
    return begin


LEVELS = (("省", 5), ("自治区", 5), ("特别行政区", 5), ("市", 4), ("自治州", 4), ("地区", 4), ("区", 3), ("县", 3),
          ("旗", 3), ("镇", 2), ("乡", 2), ("街道", 2), ("村", 1), ("社区", 1), ("居委会", 1), ("片区", 1), ("大队", 1))


def place_level(name: str) -> int:
    """5 province, 4 city, 3 county, 2 town, 1 village or community, 0 anything else (roads, parks)."""
    for suffix, level in LEVELS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return level
    divisions = load_gazetteer().by_name.get(name, ())
    return {"province": 5, "city": 4, "county": 3}[divisions[0].level] if divisions else 0


def place_containments(places: tuple[Mention, ...]) -> tuple[tuple[str, str], ...]:
    """(inner, outer) for places printed one right after the other from larger to smaller: 八岭山镇铜岭村."""
    pairs = []
    for outer, inner in zip(places, places[1:], strict=False):
        if inner.start == outer.end and place_level(outer.text) > place_level(inner.text) > 0:
            pairs.append((inner.text, outer.text))
    return tuple(dict.fromkeys(pairs))


def extract_places(text: str, lex: Lexicon, tokens: list[Token] | None = None,
                   orgs: tuple[Mention, ...] = (), people: tuple[tuple[int, int], ...] = ()) -> tuple[Mention, ...]:
    """Place mentions in reading order, leaving out those inside an organisation's name or a document title, and
    any that overlap a person's name (路明 is no road)."""
    tokens = tokens if tokens is not None else tokenize(text, lex)
    spans: list[tuple[int, int]] = []
    for match in _suffix_pattern(lex.place_suffixes).finditer(text):
        end = match.start() + len(match.group(1))
        if len(lex.place_suffixes.ending_at(text, end) or "") > len(match.group(1)):
            continue  # 社区, not 区: the longest suffix ending here decides
        begin = _place_ending(text, match.start(), match.group(1), lex)
        if begin is not None:
            spans.append((_gazetteer_start(text, begin, end), end))
    spans += [s for s in _in_gazetteer(text, tokens, lex) if not any(b <= s[0] and s[1] <= e for b, e in spans)]
    blocked = [(o.start, o.end) for o in orgs] + [(m.start(), m.end()) for m in _DOCUMENT.finditer(text)]
    found = []
    for start, end in sorted(set(spans)):
        if any(b <= start and end <= e for b, e in blocked) or any(b < end and start < e for b, e in people):
            continue
        if any(b <= start and end <= e and (b, e) != (start, end) for b, e in spans):
            continue  # 太湖 inside 太湖国家湿地公园
        found.append(Mention("place", text[start:end], start, end))
    return tuple(found)
