"""Places by suffix grammar and jieba's place-name tags, outside organisation names.

A place is a proper name followed by a place suffix: `八岭山镇铜岭村` gives 八岭山镇 and 铜岭村, `荆北路75号`
gives 荆北路. Where the name begins is decided like a title's scope: at a delimiter, a function word, a stop
word or the end of the place before it, and only where jieba starts a word. A stem that is a common word
(思路, 助力市) is no place unless an address number follows; `荆州区委` is an organisation, so places inside
organisation names are left to the organisation.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Container, Iterable

from kgraph.extract.names import starts_token
from kgraph.extract.titles import DELIMITERS
from kgraph.extract.tokens import FUNCTION_CHARS, Tokens, indices_in, tokenize
from kgraph.gazetteer import LEVELS, Division, load_gazetteer, place_level, short_name
from kgraph.lexicon import CJK, Affixes, Lexicon
from kgraph.model import Mention
from kgraph.regex import compiled

# suffixes that make a place after any proper stem; the others (路, 河, 山, 区 ...) need a stem jieba does not
# know as a common word
_STRONG = frozenset({"省", "市", "县", "镇", "乡", "街道", "村", "社区", "片区", "自治区", "自治州", "自治县",
                     "工业园区", "产业园区", "湿地公园", "林场", "新城", "高新区", "开发区", "新区", "居委会",
                     "嘎查", "苏木", "行政村", "自然村"})  # 嘎查 and 苏木: village and township in Inner Mongolia
_FUNCTION_CHARS = FUNCTION_CHARS | set("赴至跟使于往自随着")  # and the verbs that lead to a place, the particle 着
# venues and named regions: their names are built like an organisation's (a proper name, then words of any kind:
# 某某文化生态园, “某某之光”陈列馆, 长江中游城市群), so they are read by `_venues`, not by the suffix grammar
_VENUES = ("广场", "公园", "产业园", "故居", "祖居", "纪念馆", "遗址", "旧址", "博物馆", "规划馆", "展览馆", "科技馆",
           "村史馆", "主题馆", "科普馆", "美术馆", "工业园", "物流园", "示范园", "生态园", "科技园", "创业园", "经济圈",
           "经济带", "城市群", "集聚区", "活力区", "示范区", "合作区", "项目区", "综合体", "高速公路", "路口", "园区",
           "苑")
# as words: no ending is the start or the end of another, so at most one starts and one ends at any place, and
# the text is searched for the endings themselves, not for their last characters (区 ends most words that end one)
_VENUE_WORDS = Affixes(_VENUES)
_MAX_VENUE_STEM = 12
_VENUE_LEADS = frozenset("去来回游逛抵经过建像")  # lone verbs that lead to a venue, not part of its name
_LOCAL_SCOPES = frozenset("县市区旗")  # 县商贸集聚区: the paper's own county names it
_TRANSCRIBED = ("苏木", "嘎查")  # Mongolian names, written with characters for their sound
_TOWNS = ("镇", "乡", "村", "街道", "社区", "嘎查", "苏木")
_BODIES = ("委会", "委员会", "政府", "党委", "支部", "委")  # 村委会广场: the square of a body, no named one
_DOCUMENT = compiled(r"《[^《》]*》")
_AND = ("和", "与", "及", "、")
# 22个省级试点村: a kind of village, counted. Both end at the stem, so they are searched in the last 3 (2)
# characters before it (`$` also matches before a final newline): the answer of the whole text before it, in
# constant time.
_COUNTED = compiled(r"(?:\d+个|[省市区县]级)$")
_SEVERAL = compiled(r"[两二三四五六七八九十几多数]$")  # 两省, 六县: places counted, not named
_VISIT = ("调研", "考察", "走进", "来到", "前往", "走访", "察看", "查看", "视察", "参观", "深入")
_ADDRESS = compiled(r"\d+号")  # matched at the end of a suffix
_COMMON = 50  # a dictionary word this frequent is a common word, not a place name
_MAX_STEM = 6
_BOUNDARY = Affixes((*(s for s in _STRONG if len(s) > 1), *"镇乡村县省"))  # not 市/区: 弥市镇, 沙市区


def document_spans(text: str) -> list[tuple[int, int]]:
    """Where document titles stand (《…》): the names inside them are not the article's. Most texts have none, told
    by a look for 《 faster than the pattern's search."""
    return [m.span() for m in _DOCUMENT.finditer(text)] if "《" in text else []


def is_common(word: str, lex: Lexicon) -> bool:
    """A dictionary word frequent enough to be a common word, unless jieba calls it a place or proper noun (城区 is
    a district of 阳泉 too, but in a name it is the common word)."""
    entry = lex.words.get(word)
    return entry is not None and entry[0] >= _COMMON and entry[1] not in ("ns", "nz")


def _stem_start(text: str, start: int, lex: Lexicon, inside: Container[int] = frozenset(), suffix: str = "") -> int:
    """The leftmost position a place name ending at `start` may begin at; a function character inside a word
    (和 of 和平镇, positions in `inside`) does not stop it. The runs of characters that stop nothing are passed
    over in C (`_free_run`): only the few that might stop it are asked about here."""
    floor = max(0, start - _MAX_STEM)
    run = _free_run(lex.scope_stops.last_chars).search
    begin = run(text, floor, start).start()
    while begin > floor and not _stops(text, begin, lex, inside, suffix):
        begin = run(text, floor, begin - 1).start()
    return begin


def _stops(text: str, begin: int, lex: Lexicon, inside: Container[int], suffix: str) -> bool:
    """Whether the character before `begin` ends the stem that runs left from a suffix."""
    char = text[begin - 1]
    if char in DELIMITERS or not char.strip() or char.isdigit():
        return True
    if char in _FUNCTION_CHARS and begin - 1 not in inside and not (
            char == "日" and suffix in _TRANSCRIBED and not text[begin - 2:begin - 1].isdigit()):
        return True  # 宝日乌拉苏木: a Mongolian name may hold 日
    if char in _BOUNDARY.last_chars and _BOUNDARY.ending_at(text, begin):
        return True  # 八岭山镇 | 铜岭村
    return char in lex.scope_stops.last_chars and lex.scope_stops.ending_at(text, begin, min_len=2) is not None


@functools.cache
def _free_run(stop_ends: frozenset[str]) -> re.Pattern[str]:
    """The Chinese characters right before the end of the searched stretch that stop no stem (`_stops`): none is
    a delimiter, a function character, nor the last character of a boundary (镇, 村) or a stop word (`stop_ends`,
    the lexicon's); it always matches, empty if the last character may stop. Most characters stop nothing."""
    stops = sorted({ord(c) for c in DELIMITERS | _FUNCTION_CHARS | _BOUNDARY.last_chars | stop_ends})
    ranges, low = [], 0x3400  # the block of `CJK`, less the stops: the ranges between them
    for code in [*(c for c in stops if 0x3400 <= c <= 0x9FFF), 0xA000]:
        if code > low:
            ranges.append(f"{chr(low)}-{chr(code - 1)}")
        low = code + 1
    return compiled("[" + "".join(ranges) + "]*\\Z")


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


# what may stand right before a suffix that has no stem (`_stem_start` stops at once): the start of the text
# (`text[-1:0]` is empty), a delimiter, a space or a digit; a third of the suffixes of news text stand there
_NO_STEM = frozenset({"", *DELIMITERS, *" \t\n\r\u3000", *"0123456789"})

_LEVELS_BY_LAST: dict[str, tuple[tuple[str, int], ...]] = {}  # LEVELS by last character, in LEVELS order
for _suffix, _level in LEVELS:
    _LEVELS_BY_LAST[_suffix[-1]] = (*_LEVELS_BY_LAST.get(_suffix[-1], ()), (_suffix, _level))


def _suffix_level(word: str) -> int:
    """The level of the first suffix of LEVELS that `word` ends with after a stem (0 for none): only those ending
    in its last character are tried, as every stem a place suffix ends is asked about."""
    for suffix, level in _LEVELS_BY_LAST.get(word[-1:], ()):
        if word.endswith(suffix) and len(word) > len(suffix):
            return level
    return 0


def _stem_ok(text: str, begin: int, end: int, suffix_end: int, strong: bool, lex: Lexicon) -> bool:
    """A stem holds no complete place (荆州区八岭山), starts with no verb and is no mere adjective (补齐老旧小区,
    老旧小区), and holds no common word, except that a place listed on its own may be named by a common noun
    (`、红旗林场`), and one among places of its kind, right after the town it is in or visited by the sentence
    by common words of any kind but adjectives (`东城街道解放社区`, `河套片区、御河片区`, `调研拍马工业园区`)."""
    stem = text[begin:end]
    tokens = lex.cut(stem, hmm=False)
    words = [w for w in tokens if len(w) > 1]
    common = [w for w in words if is_common(w, lex)]  # (each word looked up once: the table's lookup is Python's)
    if any(_suffix_level(w) for w in words if w not in common) or _COUNTED.search(text, max(0, begin - 3), begin):
        return False
    # what the text around the stem says is asked only where the answer depends on it (most stems hold no common
    # word and start with no verb), as each place suffix asks about several stems
    if not common:
        verb = (lex.tag(tokens[0]) or "")[:1] == "v" and not _among_or_visited(text, begin, suffix_end, lex)
        return not verb and not (stem not in lex.words and all((lex.tag(c) or "")[:1] == "a" for c in stem))
    if strong and len(stem) >= 2 and _among_or_visited(text, begin, suffix_end, lex):
        return not any((lex.tag(w) or "")[:1] in "pcdrua" for w in common)
    noun = (lex.tag(common[0]) or "")[:1] == "n"
    one_noun = strong and len(words) == 1 and words[0] == stem and noun
    return one_noun and (begin == 0 or text[begin - 1] in DELIMITERS or _chained(text, begin, suffix_end))


def _chained(text: str, begin: int, suffix_end: int) -> bool:
    """Whether the stem right after a place of a higher level than its own (东城街道 | 解放社区). Only a place of a
    county or higher (level 3 and up) ends in one of `_HIGH_ENDS`: told first, as most stems follow none."""
    return text[begin - 1:begin] in _HIGH_ENDS and \
        _suffix_level(text[max(0, begin - 4):begin]) > max(2, _suffix_level(text[begin:suffix_end]))


_HIGH_ENDS = frozenset(suffix[-1] for suffix, level in LEVELS if level > 2)  # 省, 区, 市, 县, 州, 盟, 旗


def _among_or_visited(text: str, begin: int, suffix_end: int, lex: Lexicon) -> bool:
    """Whether a place starting at `begin` is named right after the town it is in, among places of its kind, or
    visited by the sentence (调研, 赴)."""
    return (text.endswith(_VISIT, 0, begin) or text[begin - 1:begin] in ("赴", "到")
            or _chained(text, begin, suffix_end) or _sibling(text, begin, suffix_end, lex))


def _sibling(text: str, begin: int, suffix_end: int, lex: Lexicon) -> bool:
    """Whether a place of the same kind comes right before or after, joined by 、 or 和 (天鹅村和沿江村)."""
    suffix = text[suffix_end - 1]
    before = text[begin - 1:begin] in _AND and text[max(0, begin - 6):begin - 1].endswith(lex.place_suffixes)
    after = text[suffix_end:suffix_end + 1] in _AND and suffix in text[suffix_end + 2:suffix_end + 9].split("，")[0]
    return before or after


def _place_ending(text: str, start: int, suffix: str, lex: Lexicon, inside: Container[int] = frozenset()
                  ) -> int | None:
    """Where the place whose suffix starts at `start` begins, or None when it is no place (nor when places are
    counted: 两省, 六县)."""
    end = start + len(suffix)
    limit = _stem_start(text, start, lex, inside, suffix)
    if limit >= start - 1:
        return None  # no stem of two characters: asked first, as it tells most suffixes (区 of 社区, 市场) at once
    if lex.title_ranks.ending_at(text, start) and lex.title_heads.starting_at(text[start:start + 8]):
        return None  # 常务副市长: a rank before a title, no place
    address = bool(_ADDRESS.match(text, end))
    if _inside_word(text, start, end, lex) and not address and suffix not in _TRANSCRIBED:
        return None  # but 嘎查 of 某某嘎查实地走访, which jieba reads as 嘎 | 查实
    if suffix in ("省", "市", "县", "区", "州", "旗", "盟") and _SEVERAL.search(text, max(0, start - 2), start):
        return None
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


_MATCH_END = re.Match.end


def _in_gazetteer(text: str, tokens: Tokens, lex: Lexicon, leads: list[int] | None = None
                  ) -> list[tuple[int, int]]:
    """Administrative divisions by name: a full name (荆州市, 红安县) that starts a word, or a short form
    (河南, 郑州) that jieba reads as a place name of its own. `leads`: `_lead_tokens`, when the caller has them."""
    gazetteer = load_gazetteer()
    names, full_names = gazetteer.by_name, gazetteer.full_names
    spans = []
    leads = _lead_tokens(tokens) if leads is None else leads
    words = tokens.words
    for i in [i for i in leads if words[i] in names]:  # a few per article
        word = words[i]
        entry = lex.words.get(word)
        full = word in full_names
        glued = len(word) == 2 and word[0] in _FUNCTION_CHARS  # 和县 of 情和县经开区
        if len(word) >= 2 and not glued and ((full and not is_common(word, lex)) or (entry and entry[1] == "ns")):
            spans.append((tokens.starts[i], tokens.ends[i]))
    sizes: dict[int, list[int]] = {}  # full names jieba splits (红安县 as 红安 + 县); 和县 only as one token
    tails = gazetteer.full_name_tails
    for end in map(_MATCH_END, gazetteer.full_name_ending.finditer(text)):
        for size in tails.get(text[end - 3:end], ()) if end >= 3 else ():
            if end >= size and text[end - size:end] in full_names:
                sizes.setdefault(end - size, []).append(size)
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


_FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "d", "r", "y", "e", "m", "q"})


class _InsideWords:
    """Positions inside a noun of two or more characters (向阳, not 以及 or 作为, nor 和县 of 某某和县某某, a
    conjunction glued to 县): a function character there is part of a name. Answered when asked, by the token
    at the position: only function characters before a place suffix are asked about, a few per article."""

    def __init__(self, tokens: Tokens, lex: Lexicon) -> None:
        self._tokens, self._lex = tokens, lex

    def __contains__(self, pos: object) -> bool:
        if not isinstance(pos, int):
            return False
        k = bisect.bisect_right(self._tokens.starts, pos) - 1
        if k < 0 or pos >= self._tokens.ends[k]:
            return False
        word = self._tokens.words[k]
        return len(word) > 1 and (self._lex.tag(word) or "n")[0] == "n" and not (
            len(word) == 2 and word[1] in "省市县区镇乡村")


def _venues(text: str, tokens: Tokens, lex: Lexicon) -> list[tuple[int, int]]:
    """Venues and named regions (`_VENUES`): the name runs left from the ending over words of any kind but verbs and
    function words, and takes quoted or bracketed parts in; it needs a proper part (see `_named_stem`), so 市民广场
    and 文化公园 alone are kinds of places, not places."""
    spans = []
    starts, ends = tokens.starts, tokens.ends
    # each venue's ending, by where it ends (the search gives them by where they start): a few per article
    for end, venue in sorted((start + len(venue), venue) for start, venue in _VENUE_WORDS.occurrences(text)):
        k = bisect.bisect_left(ends, end)
        if k == len(ends) or ends[k] != end:
            continue  # the ending ends inside a word
        if len(lex.place_suffixes.ending_at(text, end) or "") > len(venue):
            continue  # 湿地公园, 产业园区: the suffix grammar reads those
        head = end - len(venue)
        j = k
        while j > 0 and starts[j] > head:
            j -= 1  # the token the ending starts in; its head (文化 of 文化公园) is part of the name
        first = _venue_first(tokens, j, lex)
        if starts[first] < head and _named_stem(text, tokens, first, j + 1, head, lex):
            spans.append((starts[first], end))
    return spans


def _venue_first(tokens: Tokens, first: int, lex: Lexicon) -> int:
    """The first token of a venue's name whose stem ends before token `first`."""
    words, starts = tokens.words, tokens.starts
    end = starts[first]
    while first > 0 and end - starts[first - 1] <= _MAX_VENUE_STEM:
        prev = words[first - 1]
        if prev in ("”", "）", ")"):
            opening = {"”": "“", "）": "（", ")": "("}[prev]
            back = next((i for i in range(first - 2, max(-1, first - 10), -1) if words[i] == opening), None)
            if back is None:
                break
            first = back  # “某某之光”陈列馆, 某某（苏州）科技产业园
        elif _venue_part(prev, lex):
            first -= 1
        else:
            break
    while first < len(words) - 1 and (words[first] in _VENUE_LEADS or lex.tag(words[first]) == "vn"):
        first += 1  # 建设 | 某某活力区
    return first


def _venue_part(word: str, lex: Lexicon) -> bool:
    """A word inside a venue's name: Chinese, no function word, verb, title or organisation (村委会广场 is the
    square of the committee, not a named one)."""
    if word == "会议":
        return True  # 某某会议旧址
    if not all(CJK.match(c) for c in word) or word in lex.title_heads or word in lex.scope_stops:
        return False
    if len(word) == 1:
        return word not in _FUNCTION_CHARS and word not in _VENUE_LEADS
    if len(word) == 2 and word[0] in _FUNCTION_CHARS and word in load_gazetteer().full_names:
        return False  # 和县 of 各乡镇和县商贸集聚区
    if word.endswith(_BODIES) or word in _VISIT:
        return False  # 参观 | 某某公园, which jieba calls a noun
    if word.endswith(_TOWNS):
        return False  # 某某镇 | 某某生态园: the town is a place of its own
    return (lex.tag(word) or "n") not in _FUNCTION_TAGS | {"v"}


_PROPER = frozenset({"ns", "nr", "nrt", "nz", "nt", "nrfg"})
# kinds of place, which jieba may tag as place names (城市, 山区): they name no venue
_GENERIC_PLACES = frozenset({"城市", "山区", "城区", "乡镇", "城镇", "市区", "县城", "郊区", "农村", "乡村"})


def _named_stem(text: str, tokens: Tokens, first: int, last: int, head: int, lex: Lexicon) -> bool:
    """Whether the words before a venue's ending (tokens `first` to `last`, not included) name it: a quoted or
    bracketed name, a proper noun or a place's name, a character jieba knows no word for (月牙湾, 鑫运), or the
    paper's own county (县商贸集聚区)."""
    stem = text[tokens.starts[first]:head]
    if len(stem) < 2:
        return False
    if any(c in stem for c in "“（("):
        return True
    if tokens.words[first] in _LOCAL_SCOPES:
        return True
    names = load_gazetteer().by_name
    for start, end in zip(tokens.starts[first:last], tokens.ends[first:last], strict=True):
        word = text[start:min(end, head)]
        tag = lex.tag(word) or ""
        if len(word) == 1 and word not in _LOCAL_SCOPES and word not in "村镇乡":
            return True
        if word in _GENERIC_PLACES:
            continue
        if len(word) > 1 and tag in _PROPER and not (tag == "nr" and len(word) == 2 and is_common(word, lex)):
            return True  # not 田园, which jieba tags as a given name
        if len(word) > 1 and word in names and not is_common(word, lex):
            return True
    return False


def _short_forms(text: str, tokens: Tokens, lex: Lexicon, leads: list[int] | None = None
                 ) -> list[tuple[int, int]]:
    """Divisions by a short name jieba does not call a place (灵寿, 高邑: full name minus 市, 县): where a function
    word, a delimiter or the province it lies in comes before it (来高邑考察, 为灵寿的, 河北保定). A short name
    followed by 州 is the autonomous prefecture's usual name (恩施州). `leads`: as for `_in_gazetteer`."""
    shorts, openings = _short_names(), _short_openings()
    spans = []
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    count = len(words)
    for i in _lead_tokens(tokens) if leads is None else leads:
        word = words[i]  # the name of one token, the text it spans
        if word in shorts or word[:-1] in shorts:  # most leads: nothing to look up
            if word.endswith("州") and _prefecture(word[:-1]):
                spans.append((starts[i], ends[i]))  # 恩施州, one word to jieba
            elif (span := _short_form(text, tokens, i, 1, lex)) is not None:
                spans.append(span)
        if len(word) > 1 or i + 1 == count or len(words[i + 1]) > 1 or text[starts[i]:starts[i] + 2] not in openings:
            continue  # a name of two or three characters jieba leaves alone is as many tokens of one
        for size in (2, 3):
            if i + size > len(words) or len(words[i + size - 1]) > 1:
                break  # (the middle one was the last at the smaller size)
            if text[starts[i]:ends[i + size - 1]] in shorts and (span := _short_form(text, tokens, i, size, lex)):
                spans.append(span)
    return spans


def _short_form(text: str, tokens: Tokens, i: int, size: int, lex: Lexicon) -> tuple[int, int] | None:
    """The span of the division named by `size` tokens from token `i` (a name `_short_forms` may look up), if they
    name one there."""
    gazetteer = load_gazetteer()
    start, end = tokens.starts[i], tokens.ends[i + size - 1]
    name = text[start:end]
    divisions = gazetteer.by_name.get(name, ()) or _district_short(name, lex)
    if len(name) < 2 or not divisions or name in gazetteer.full_names:
        return None
    prefecture = text[end:end + 1] == "州" and _prefecture(name)
    chained = _ancestor_before(text, start, divisions)
    if not chained and not _cued(text, start):
        return None
    if text[start - 1:start] == "、" and not _item_ends(text, end):
        return None  # 狮子头、东坡肘子: an item of a list is a place only as a whole (宁乡、浏阳两地)
    if not chained and is_common(name, lex) and not any(d.name in text for d in divisions):
        return None  # 日照 is sunshine, unless the article names 日照市 too
    if prefecture or chained or _word_boundary(text, end, tokens, i + size):
        return start, end + prefecture
    return None


@functools.cache
def _short_names() -> frozenset[str]:
    """Every string `_short_forms` may look up: the gazetteer's names and short names, and districts' short names."""
    return frozenset(load_gazetteer().by_name) | frozenset(_district_shorts())


@functools.cache
def _short_openings() -> frozenset[str]:
    """The first two characters of the short names of two or three characters: two lone characters that open none
    (most of the leads that are a lone character) open no name `_short_forms` reads from lone characters."""
    return frozenset(name[:2] for name in _short_names() if len(name) in (2, 3))


def _lead_tokens(tokens: Tokens) -> list[int]:
    """The indices of the tokens `_short_forms` looks at (`_short_leads`), among them every division's name that
    `_in_gazetteer` looks at: the article's tokens are gone through once for both (a tenth of them are leads)."""
    return indices_in(tokens, _short_leads())


@functools.cache
def _short_leads() -> frozenset[str]:
    """The tokens `_short_forms` looks at: a short form (`_short_names`), one with 州 (恩施州), and the first
    character of one of two or three characters, which may be lone characters to jieba."""
    shorts = _short_names()
    return shorts | {name + "州" for name in shorts} | {name[0] for name in shorts if len(name) in (2, 3)}


def _prefecture(short: str) -> bool:
    return any(d.name.endswith("自治州") for d in load_gazetteer().by_name.get(short, ()))


_KINDS_OF_DISTRICT = ("新区", "矿区", "郊区", "林区", "城区", "特区", "自治区", "行政区")  # 某某新区 is not 某某新


@functools.cache
def _district_shorts() -> dict[str, tuple]:
    """尧都 of 尧都区, 赛罕 of 赛罕区: a district's name without 区; the gazetteer does not shorten districts, since
    most of their short forms are common words (朝阳, 江北), which `_district_short` leaves out."""
    shorts: dict[str, list] = {}
    gazetteer = load_gazetteer()
    for division in gazetteer.by_code.values():
        short = division.name[:-1]
        if division.name.endswith("区") and not division.name.endswith(_KINDS_OF_DISTRICT) and len(short) >= 2 \
                and short not in gazetteer.by_name:
            shorts.setdefault(short, []).append(division)
    return {name: tuple(items) for name, items in shorts.items()}


def _district_short(name: str, lex: Lexicon) -> tuple:
    """The districts `name` is the short form of, unless it is a word jieba knows (朝阳 is a word first)."""
    return () if name in lex.words else _district_shorts().get(name, ())


def _cued(text: str, start: int) -> bool:
    before = text[start - 1:start]
    return not before or before in DELIMITERS or before in _FUNCTION_CHARS or before in "来去回" or not before.strip()


def _item_ends(text: str, end: int) -> bool:
    """Whether an item of a list ends at `end`: a delimiter, a conjunction, or a count of the places listed."""
    after = text[end:end + 1]
    return not after or after in DELIMITERS or after in "等及和与两二三四五六七八九十各" or not after.strip()


def _word_boundary(text: str, end: int, tokens: Tokens, k: int) -> bool:
    """Whether a name ending at `end` is followed by a delimiter, a function word or a word of two characters."""
    after = text[end:end + 1]
    if not after or after in DELIMITERS or after in _FUNCTION_CHARS or not after.strip():
        return True
    return k < len(tokens.words) and len(tokens.words[k]) > 1


def _ancestor_before(text: str, start: int, divisions: tuple) -> bool:
    """河北保定: the short name follows the name of the province or city it lies in."""
    return any(text.endswith(_ancestor_names(division), 0, start) for division in divisions)


@functools.cache
def _ancestor_names(division: Division) -> tuple[str, ...]:
    """The names and short names of the divisions `division` lies in, parent first: asked about each time a short
    form is read, so made once per division."""
    names = []
    for parent in load_gazetteer().ancestors(division):
        names += [name for name in (parent.name, short_name(parent.name)) if name]
    return tuple(names)


def place_containments(places: tuple[Mention, ...]) -> tuple[tuple[str, str], ...]:
    """(inner, outer) for places printed one right after the other from larger to smaller: 八岭山镇铜岭村."""
    pairs = []
    for outer, inner in zip(places, places[1:], strict=False):
        if inner.start == outer.end and place_level(outer.text) > place_level(inner.text) > 0:
            pairs.append((inner.text, outer.text))
    return tuple(dict.fromkeys(pairs))


def extract_places(text: str, lex: Lexicon, tokens: Tokens | None = None,
                   orgs: tuple[Mention, ...] = (), people: tuple[tuple[int, int], ...] = ()) -> tuple[Mention, ...]:
    """Place mentions in reading order, leaving out those inside an organisation's name or a document title, and
    any that overlap a person's name (路明 is no road)."""
    tokens = tokens if tokens is not None else tokenize(text, lex)
    inside = _InsideWords(tokens, lex)
    spans: list[tuple[int, int]] = []
    longer = lex.place_suffixes.longer
    for start, suffix in lex.place_suffixes.occurrences(text):  # overlapping: 湖北省 after 湖
        if text[start - 1:start] in _NO_STEM:
            continue  # at the start or after a delimiter (，区委): no stem, told before any call
        end = start + len(suffix)
        if text.endswith(longer[suffix], 0, end) or suffix in _VENUES:
            continue  # 社区, not 区: the longest suffix ending here decides
        begin = _place_ending(text, start, suffix, lex, inside)
        if begin is not None:
            spans.append((_gazetteer_start(text, begin, end), end))
    spans += _venues(text, tokens, lex)
    leads = _lead_tokens(tokens)
    # (each index made only where it is asked: many articles have no place of one kind or another)
    if divisions := _in_gazetteer(text, tokens, lex, leads):
        known = SpanIndex(spans)
        spans += [s for s in divisions if not known.contain(*s)]
    if shorts := _short_forms(text, tokens, lex, leads):
        known = SpanIndex(spans)
        spans += [s for s in shorts if not known.overlap(*s)]
    if not spans:
        return ()
    blocked = SpanIndex([(o.start, o.end) for o in orgs] + document_spans(text))
    named, known = SpanIndex(people), SpanIndex(spans)
    found = []
    for start, end in sorted(set(spans)):
        if blocked.contain(start, end) or named.overlap(start, end):
            continue
        if known.contain(start, end, strictly=True):
            continue  # 太湖 inside 太湖国家湿地公园
        found.append(Mention("place", text[start:end], start, end))
    return tuple(found)


_first, _second = operator.itemgetter(0), operator.itemgetter(1)


class SpanIndex:
    """Spans answering "does one hold or overlap (start, end)?" in log time, where a scan of all would make a long
    article quadratic: sorted by start, with the furthest end reached by the spans up to each. A few spans (up to
    `scan_up_to`, as in most articles) are scanned instead: an index is asked once or twice on average, and making
    one cost more than the scans it saved."""

    scan_up_to = 8

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = tuple(spans)
        self._sorted = len(self._spans) > self.scan_up_to
        if self._sorted:
            ordered = self._ordered = sorted(self._spans)
            self.starts = list(map(_first, ordered))
            self.reach = list(itertools.accumulate(map(_second, ordered), max))
        self._longest: dict[int, int] | None = None

    @property
    def longest(self) -> dict[int, int]:
        """The furthest end of the spans starting at each position: the last of them in sorted order (in C, made
        only for `contain(strictly=True)`, as an article makes several indices)."""
        if self._longest is None:
            self._longest = dict(self._ordered)
        return self._longest

    def _reach(self, count: int) -> int:
        """The furthest end of the first `count` spans (by start)."""
        return self.reach[count - 1] if count else -1

    def contain(self, start: int, end: int, *, strictly: bool = False) -> bool:
        """Whether a span holds (start, end): b <= start and end <= e; `strictly`: and is not (start, end) itself."""
        if not self._sorted:
            return any(b <= start and end <= e and not (strictly and b == start and e == end) for b, e in self._spans)
        if not strictly:
            return self._reach(bisect.bisect_right(self.starts, start)) >= end
        return self._reach(bisect.bisect_left(self.starts, start)) >= end or self.longest.get(start, -1) > end

    def overlap(self, start: int, end: int) -> bool:
        """Whether a span shares a character with (start, end): b < end and start < e."""
        if not self._sorted:
            return any(b < end and start < e for b, e in self._spans)
        return self._reach(bisect.bisect_left(self.starts, end)) > start
