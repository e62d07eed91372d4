"""Repairs for text extracted from PDF newspaper pages, each a small pure function, composed by `clean_text`.

PDF extraction breaks lines inside words and names, prints bold headlines twice (`推进…改造推进…改造`), spreads
characters with spaces, mixes ASCII punctuation into Chinese and splits paragraphs at column breaks. Every repair
here needs strong evidence: real text (王芸芸, 天天, 幸福福) must come out unchanged.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache, partial
from itertools import accumulate, compress, repeat
from operator import add, itemgetter
from typing import NamedTuple

from kgraph.regex import compiled

IDEO = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～"
IDEOGRAPH = compiled(f"[{IDEO}]")
SPACES = " \t\u3000\xa0"

# a sentence ends with 。！？… possibly followed by closing quotes or brackets
SENTENCE_END = compiled(r"[。！？!?…][”’」』）)]*$")
SENTENCE_PUNCT = compiled(r"[，。；！？：,;!?:]")
# `（王芸 摄）`, `(肖博 摄)`, `（记者 张三 摄）` at the end of a caption, or `…。 王芸 摄` without brackets
_CREDIT_ROLE = r"(?:(?:本报)?(?:特约|见习|实习)?(?:摄影)?(?:记者|通讯员)\s*)?"
_CREDIT_NAMES = rf"[{IDEO}·]{{2,4}}(?:[\s、，,]+[{IDEO}·]{{2,4}})*"
CREDIT = compiled(
    rf"(?:[（(]\s*{_CREDIT_ROLE}(?P<names>{_CREDIT_NAMES})\s*/?\s*摄影?\s*[）)]"
    rf"|(?:^|(?<=[。！？”\s])){_CREDIT_ROLE}(?P<bare>{_CREDIT_NAMES})(?:\s+|\s*/)摄影?)\s*$"
)
# `本报讯`, `本报5月26日讯`, `荆州日报讯`, `新华社北京5月1日电`, optionally with a bracketed byline; a web
# outlet's `某某新闻10月15日讯`, `某某网某地讯`, `某某融媒体讯 `, `某地讯（张三）`, `某某报道（记者 张三）`: a media
# word, a date or a byline tells it from a word ending in 讯 (喜讯, 资讯)
_MEDIA = r"(?:网|报|台|新闻|媒体|融媒|在线|客户端|频道|APP|app)"
OPENING = compiled(
    rf"^(?:(?:本报|本刊|本台|本网|新华社|中新社|[{IDEO}]{{2,8}}(?:日报|晚报|早报|时报|网))"
    rf"(?:[{IDEO}]{{0,4}}\d{{1,2}}月\d{{1,2}}日)?[讯电]"
    rf"|[{IDEO}A-Za-z]{{1,12}}?(?:{_MEDIA}[{IDEO}]{{0,4}}|\d{{1,2}}月\d{{1,2}}日)讯(?=[\s（(，,：:]|\d)"
    rf"|[{IDEO}]{{2,6}}讯(?=\s*[（(][^（()）]{{0,40}}[）)])"
    rf"|(?!据)[{IDEO}]{{2,10}}报道(?=\s*[（(][^（()）]{{0,10}}(?:记者|通讯员)))"
    r"\s*(?:[（(](?P<byline>[^（()）]{0,40})[）)])?\s*[，,：:]?\s*"
)
# `□ 通讯员 王学峰`, `本报记者 张三 李四`
BYLINE_LINE = compiled(
    rf"^[□■◆◇●○▲△]?\s*(?:本报)?(?:特约|见习|实习|首席)?(?:记者|通讯员)\s*"
    rf"(?P<names>[{IDEO}·]{{2,4}}(?:[\s、，,]+(?:(?:本报)?(?:特约|见习|实习)?(?:记者|通讯员)\s*)?[{IDEO}·]{{2,4}})*)\s*$"
)
# labelled lines of a web page: source, time, staff credits, tags; `[责任编辑:X]` in brackets too
META_LINE = compiled(
    r"^[\[【]?(?:来源|稿源|出处|发布时间|更新时间|发稿时间|时间|日期|作者|撰稿|责任编辑|责编|编辑|审核|[一二三终]审|校对"
    r"|图文|文/图|点击|标签|关键词|原标题)\s*[：:/]"
)
# a web page's publication line: `2021-05-14 19:25:06 某某融媒`, `某某日报 2021-03-19 06:42`, `2019年12月13日 第05版`
PUBLISHED = compiled(
    rf"^(?P<site>[{IDEO}A-Za-z]{{2,12}}\s*)?"
    r"(?P<year>(?:19|20)\d{2})\s*(?P<sep>[-/.年])\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})日?"
    r"(?P<clock>\s*\d{1,2}:\d{2}(?::\d{2})?)?(?P<rest>.*)$"
)
MAX_DATELINE_REST = 30
EMPTY_LABEL = compiled(META_LINE.pattern + r"\s*$")
MAX_LABEL_VALUE = 20
# the notice under a reprinted web article: `本文为某站原创文章，转载请…`, `原标题：…`
BOILERPLATE = compiled(r"^(?:本文(?:为|系|来源|转自|来自)|版权所有|未经(?:授权|许可)|转载请)")
SYMBOLS_ONLY = compiled(r"^[|｜丨/\\\-—–_=*~#+\s]+$")  # a rule or separator, not a stray wrapped sign
_PROSE_PUNCT = compiled("[，。；！？,;!?]")
BULLET = compiled(r"^[•・]+")
# a name's parts joined by a look-alike of the middle dot (吐尔洪•阿不拉): the middle dot itself
_DOTS = frozenset("•・‧･∙⋅")
NAME_DOT = compiled(rf"(?<=[{IDEO}])\s?[{''.join(sorted(_DOTS))}]\s?(?=[{IDEO}])")
BRACKETED_TITLE = compiled(r"^(【[^【】]{2,40}】)(.+)$")
TITLE_COLON = compiled(rf"^([{IDEO}]{{2,10}})[：:](?=.)")
ZERO_WIDTH = compiled("[\u200b-\u200f\u2060\ufeff]")
MAX_HEADING_WIDTH = 50
INDENT = 2  # a paragraph's first line is indented by two characters, which extraction drops
# a paragraph that starts afresh: a quotation or an early dateline, as leads and captions do
FRESH_START = compiled(r"^(?:[“「]|.{0,25}?(?:\d{1,2}月\d{1,2}日|近日|日前|近期|连日来|前不久))")
HEADING, BYLINE, TEXT = "heading", "byline", "text"


_NOT_IDEOGRAPHS = compiled(f"[^{IDEO}]+")


def ideographs(text: str) -> int:
    """How many CJK ideographs the text holds: what is left when all else is cut out (a list of every match, as
    findall makes, costs several times more)."""
    return len(_NOT_IDEOGRAPHS.sub("", text))


# below U+2E80 (CJK), all but — … “ ” ‘ ’ ·, which print one column wide
_NARROW = compiled("[\x00-\xb6\xb8-\u2013\u2015-\u2017\u201a\u201b\u201e-\u2025\u2027-\u2e7f]")


@lru_cache(maxsize=1 << 13)  # a page's lines are measured three or four times each (blocks, headings, reflow)
def width(text: str) -> float:
    """Printed width: a CJK character or full-width sign is one column, an ASCII character half of one."""
    return len(text) - 0.5 * len(_NARROW.findall(text))


def dateline(text: str) -> re.Match[str] | None:
    """A web page's publication line: a full date, maybe a clock time and a short site name or labels, no sentence.

    A date written with 年月日 counts only alone or before a blank (`2019年12月13日 第05版`), and a site name
    only before a date written with digits, so that a wrapped line of prose ending in a date is no dateline.
    """
    found = PUBLISHED.match(text)
    if found is None:
        return None
    rest, numeric = found.group("rest"), found.group("sep") != "年"
    if _PROSE_PUNCT.search(rest) or width(rest) > MAX_DATELINE_REST or (found.group("site") and not numeric):
        return None
    closed = not rest.strip() or rest[:1] in SPACES + "|｜" or rest.lstrip(SPACES).startswith(("星期", "周"))
    return found if found.group("clock") or numeric or closed else None


# labels, a notice or a rule: one pattern, tried once per line (meta_line is asked of every line several times)
_META_START = compiled("|".join(f"(?:{p.pattern})" for p in (META_LINE, BOILERPLATE, SYMBOLS_ONLY)))


@lru_cache(maxsize=1 << 13)  # asked of each line two to four times (blocks, headings, sentence ends)
def meta_line(text: str) -> bool:
    """A line about the page, not part of any article's text: labels, a publication line, a notice, a rule."""
    return bool(_META_START.match(text) or (("19" in text or "20" in text) and dateline(text)))


@lru_cache(maxsize=1 << 13)  # a line or paragraph is asked whether it opens an article three to five times
def opening(text: str) -> re.Match[str] | None:
    """`OPENING.match(text)`, the dateline that opens an article (`本报讯`). Every opening holds 讯, 电 or 报道:
    a text without them (most) is not matched, which tries the pattern's outlet names at length."""
    if "讯" not in text and "电" not in text and "报道" not in text:
        return None
    return OPENING.match(text)


def without_opening(text: str) -> str:
    """The text after its opening (as `OPENING.sub("", text, count=1)`: the pattern is anchored at the start)."""
    return after_opening(text, opening(text))


def after_opening(text: str, found: re.Match[str] | None) -> str:
    """`without_opening` of a text whose `opening` is known already."""
    return text[found.end() :] if found else text


def find_credit(text: str) -> re.Match[str] | None:
    """`CREDIT.search(text)`: a photo credit at the end of the text. Every credit prints 摄, so text without it is
    not searched (the search tries every position of a long paragraph)."""
    return CREDIT.search(text) if "摄" in text else None


def without_credit(text: str) -> str:
    """The text with its photo credit cut out (`CREDIT.sub("", text)`), searched for only where 摄 is."""
    return CREDIT.sub("", text) if "摄" in text else text


# what a line is besides text, each bit one pattern's answer: every pass over the lines of a page (blocks, headings,
# sentence ends, the page's openings) asks them of every line, and `marks` asks each pattern once
OPENS, BYLINED, META, CREDITED = 1, 2, 4, 8


@lru_cache(maxsize=1 << 13)
def marks(text: str) -> int:
    """Whether `text` is an opening (`OPENS`), a byline line (`BYLINED`), a meta line (`META`) or ends in a photo
    credit (`CREDITED`), as bits."""
    bylined = ("记者" in text or "通讯员" in text) and BYLINE_LINE.match(text) is not None  # its role words
    return ((opening(text) is not None) | bylined << 1 | meta_line(text) << 2
            | (find_credit(text) is not None) << 3)


# ---------------------------------------------------------------- line repairs


def strip_noise(line: str) -> str:
    """Blanks around a line, zero-width marks and a leading bullet are layout (` 本报讯` starts a text box)."""
    # `BULLET.sub("", …)` as `lstrip`: the match is anchored at the start, but a search tries every position
    line = ZERO_WIDTH.sub("", line).replace("\xa0", " ").strip(SPACES).lstrip(_BULLETS).lstrip(SPACES)
    return NAME_DOT.sub("·", line) if _HAS_DOT.search(line) else line  # `isdisjoint` made a string per character


_BULLETS = "•・"  # `BULLET`'s class
_HAS_DOT = compiled(f"[{''.join(sorted(_DOTS))}]")


def _doubled_options(text: str, i: int) -> Iterator[tuple[int, str]]:
    """Ways to read a chunk at `i`, shortest first: a run of blanks once, or `XX` read as `X`; (end, chunk) pairs."""
    if text[i] in SPACES:
        j = i
        while j < len(text) and text[j] in SPACES:
            j += 1
        yield j, text[i:j]
        return
    end = i + (len(text) - i) // 2 + 1  # a chunk and its copy fit in the rest of the line
    j = text.find(text[i], i + 1, end)  # where the copy starts: the next occurrence of the chunk's first sign
    while j >= 0:
        if text[i:j] == text[j : 2 * j - i]:
            yield 2 * j - i, text[i:j]
        j = text.find(text[i], j + 1, end)


def _starts_doubled(text: str) -> bool:
    """Whether `_doubled_options(text, 0)` has an option: the text opens with blanks or a chunk printed twice."""
    first = text[0]
    if first in SPACES:
        return True
    end = len(text) // 2 + 1
    j = text.find(first, 1, end)
    while j >= 0:
        if text.startswith(text[:j], j):
            return True
        j = text.find(first, j + 1, end)
    return False


def _doubled_chunks(text: str) -> list[str] | None:
    """Cut `text` into chunks each printed twice in a row (`77 月月` -> 7, 月), blanks once; None if impossible.

    A depth-first search without recursion: long lines of one repeated sign (`————`) must not exhaust the stack.
    """
    if len(text) < 2 or not _starts_doubled(text):
        return None  # the search's first step, which most lines fail: no chunk of theirs opens them twice
    if any(text.count(char) % 2 for char in (text[0], text[-1]) if char not in SPACES):
        return None  # a doubled line holds every sign twice: its ends tell most of the rest at once
    if any(count % 2 for char, count in Counter(text).items() if char not in SPACES):
        return None
    failed: set[int] = set()
    chunks: list[str] = []
    stack = [(0, _doubled_options(text, 0))]
    while stack:
        position, options = stack[-1]
        if position == len(text):
            return chunks
        for end, chunk in options:
            if end not in failed:
                chunks.append(chunk)
                stack.append((end, _doubled_options(text, end) if end < len(text) else iter(())))
                break
        else:
            failed.add(position)
            stack.pop()
            if chunks:
                chunks.pop()
    return None


def undouble(line: str) -> str:
    """Undo bold overlay: a line made entirely of doubled runs with at least 4 characters of evidence.

    `推进雨污分流改造推进雨污分流改造` -> `推进雨污分流改造`; `（（王思奇王思奇 摄摄））` -> `（王思奇 摄）`. A real
    repeated character (王芸芸, 天天向上) cannot make a whole line parse as doubled runs, so it is left alone.
    """
    core = line.strip(SPACES)
    if len(core) < 2 or core.find(core[0], 1, len(core) // 2 + 1) < 0:  # most lines: their first sign does not recur
        return line  # in their first half, where a doubled chunk's copy starts
    halved = _halved(core)
    return line if halved is None else halved


@lru_cache(maxsize=1 << 12)  # a doubled headline or sentence recurs on many pages; the search costs a Counter and more
def _halved(core: str) -> str | None:
    """`core` read once if it is all doubled runs with enough evidence (see `undouble`), else None."""
    chunks = _doubled_chunks(core)
    if not chunks:
        return None
    visible = [c for c in chunks if c.strip(SPACES)]
    if sum(map(len, visible)) < 4 or max(map(len, visible)) < 2:
        return None
    return "".join(chunks)


# a token of a spread-out run: one ideograph, possibly with CJK punctuation stuck to it (`设“`, `，点`)
_SPREAD_TOKEN = compiled(f"[{PUNCT}]*[{IDEO}][{PUNCT}]*")
_SPACE_RUN = compiled(f"([{SPACES}]+)")


def _spread_token(token: str) -> bool:
    """Whether `token` is one ideograph, maybe with CJK punctuation stuck to it: one match, no loop per character."""
    return _SPREAD_TOKEN.fullmatch(token) is not None


def join_spread_chars(line: str) -> str:
    """Close up characters spread with spaces (`通 会 桥 社 区` -> `通会桥社区`) once three or more stand in a row."""
    if not _HAS_SPACE.search(line):
        return line
    parts = _SPACE_RUN.split(line)
    words, seps = parts[0::2], parts[1::2]
    single = list(map(_spread_token, words))
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and single[j]:
            j += 1
        if j - i >= 3:
            for k in range(max(i - 1, 0), min(j, len(seps))):
                seps[k] = ""
        i = max(j, i + 1)
    return "".join(w + (seps[k] if k < len(seps) else "") for k, w in enumerate(words))


_HAS_SPACE = compiled(f"[{SPACES}]")
_SPACE_AROUND_NUMBER = compiled(rf"(?<=[{IDEO}{PUNCT}])[{SPACES}]+(?=\d)|(?<=[\d%])[{SPACES}]+(?=[{IDEO}{PUNCT}])")
_SPACE_AROUND_PUNCT = compiled(
    rf"(?<=[{PUNCT}])[{SPACES}]+(?=[{IDEO}\d{PUNCT}])|(?<=[{IDEO}\d])[{SPACES}]+(?=[{PUNCT}])"
)


def tighten_spaces(line: str) -> str:
    """Drop stray blanks between Chinese and digits or CJK punctuation (`7月 14日`, `建设“ 新引`)."""
    if not _HAS_SPACE.search(line):
        return line
    return _SPACE_AROUND_PUNCT.sub("", _SPACE_AROUND_NUMBER.sub("", line))


_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_HALF_PUNCT = compiled(rf"(?<=[{IDEO}{PUNCT}])[{SPACES}]*([,;:!?])|([,;:!?])[{SPACES}]*(?=[{IDEO}{PUNCT}])")
_HAS_HALF_PUNCT = compiled("[,;:!?]")
_HALF_PARENS = compiled(rf"\(([^()\n]*[{IDEO}][^()\n]*)\)")
_FULL_ALNUM = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05]}
_HAS_FULL_ALNUM = compiled("[" + "".join(map(chr, _FULL_ALNUM)) + "]")
_FULL_ALNUM_RUN = compiled(_HAS_FULL_ALNUM.pattern + "+")


def _narrowed(run: re.Match[str]) -> str:
    return run.group().translate(_FULL_ALNUM)


def fullwidth_punct(line: str) -> str:
    """ASCII `, ; : ! ? ( )` inside Chinese text become full-width; decimals (6.72) and 102.1% are untouched."""
    if _HAS_FULL_ALNUM.search(line):  # only its runs translated: `str.translate` looks up every character
        line = _FULL_ALNUM_RUN.sub(_narrowed, line)
    if "(" in line:
        line = _HALF_PARENS.sub(r"（\1）", line)
    if not _HAS_HALF_PUNCT.search(line):  # most lines: the patterns above test every position
        return line
    return _HALF_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], line)


# the signs some repair other than `undouble` acts on (bullets are among the dots): a line without any (most
# lines) is left as it is by them
_REPAIRED = compiled(
    "["
    + re.escape(SPACES + "".join(sorted(_DOTS)) + "(" + "".join(_HALF_TO_FULL) + "".join(map(chr, _FULL_ALNUM)))
    + ZERO_WIDTH.pattern.strip("[]")
    + "]"
)


@lru_cache(maxsize=1 << 12)  # bylines (`□ 通讯员 X`) and spread headlines recur from page to page
def clean_line(line: str) -> str:
    """All repairs that need only one printed line."""
    if not _REPAIRED.search(line):
        return undouble(line)
    return fullwidth_punct(tighten_spaces(join_spread_chars(undouble(strip_noise(line)))))


# ---------------------------------------------------------------- paragraphs


class Line(NamedTuple):
    """A printed line. Lines and paragraphs are named tuples, not frozen dataclasses: a page makes hundreds, and a
    frozen dataclass sets each field through `object.__setattr__`, several times slower."""

    text: str  # cleaned
    start: int  # span of the raw line in the source, newline excluded
    end: int
    indented: bool


_TEXT = itemgetter(0)  # a line's text


class Para(NamedTuple):
    """A paragraph of body text, a heading line or a byline line, with its span in the source."""

    kind: str
    text: str
    start: int
    end: int


_para = partial(tuple.__new__, Para)  # no Python-level `__new__` (nor `_make`): a page makes hundreds


def split_lines(text: str) -> list[Line]:
    """Printed lines, cleaned, each with the span of its visible text (blanks around it are layout).

    A line is indented when it starts further in than the page's margin: most lines of some pages start a few
    blanks in, and only the lines set in deeper than those open a paragraph.
    """
    raws = text.split("\n")
    sizes = list(map(len, raws))
    starts = list(accumulate(map(_NEXT_LINE, sizes), initial=0))  # one more: the end of the text, plus one
    # most lines hold no sign a repair acts on (no blank either: they are all visible, not indented): `clean_line`
    # is `undouble`, tried only where the line's first sign recurs in its first half
    texts = [_undoubled(raw) if size > 1 and not size & 1 and raw.find(raw[0], 1, size // 2 + 1) >= 0 else raw
             for raw, size in zip(raws, sizes, strict=True)]  # a doubled line without blanks is of even length
    lines = list(map(_line, zip(texts, starts, map(add, starts, sizes), repeat(False))))
    repaired = _repaired_lines(text, starts)
    if repaired:
        leads = {k: sizes[k] - len(raws[k].lstrip(SPACES)) for k in repaired}
        margin = _page_margin(leads, sizes, len(raws) - raws.count(""))
        for k, lead in leads.items():
            raw, offset = raws[k], starts[k]
            end = offset + len(raw.rstrip(SPACES))
            lines[k] = _line((clean_line(raw), min(offset + lead, end), end, margin < lead < sizes[k]))
    return lines


_NEXT_LINE = (1).__add__  # a line's size and its newline
_line = partial(tuple.__new__, Line)  # no Python-level `__new__` per line


def _undoubled(raw: str) -> str:
    """`undouble(raw)` for a line without blanks around it."""
    halved = _halved(raw)
    return raw if halved is None else halved


def _repaired_lines(text: str, starts: list[int]) -> list[int]:
    """The lines holding a sign some repair acts on, in order: one search of the page per such line."""
    found: list[int] = []
    search = _REPAIRED.search
    hit = search(text)
    while hit is not None:
        k = bisect_right(starts, hit.start()) - 1
        found.append(k)
        hit = search(text, starts[k + 1])
    return found


def _page_margin(leads: dict[int, int], sizes: list[int], filled: int) -> int:
    """`_margin` of the blanks before every line not all blanks, the lines other than `leads` (those with a
    repair to do) having none; `filled`: the page's lines that are not empty."""
    visible = [lead for k, lead in leads.items() if lead < sizes[k]]
    zeros = filled - len(leads) + visible.count(0)  # the lines of `leads` are none of them empty
    if 2 * zeros > filled - len(leads) + len(visible):  # most pages: most lines start at the margin
        return 0
    return _margin(visible + [0] * (filled - len(leads)))


def _join_label_values(lines: list[Line]) -> list[Line]:
    """A label printed alone (`作者：`) takes its value from the next printed line (`张三`), as some pages lay out."""
    if not any(map(EMPTY_LABEL.match, map(_TEXT, lines))):  # most pages: no label printed alone
        return lines
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if EMPTY_LABEL.match(line.text):
            j = next((j for j in range(k + 1, len(lines)) if lines[j].text), len(lines))
            value = lines[j] if j < len(lines) else None
            if value is not None and width(value.text) <= MAX_LABEL_VALUE and not meta_line(value.text):
                out.append(Line(line.text + value.text, line.start, value.end, line.indented))
                k = j + 1
                continue
        out.append(line)
        k += 1
    return out


def _may_label(page: str) -> bool:
    """Whether a line of the page may be a label printed alone: it ends in `：`, `:` or `/`, which no repair makes
    (`：` is made of `:`), so a page without them (many) has none."""
    return "：" in page or ":" in page or "/" in page


def _margin(leads: list[int]) -> int:
    """The blanks before most printed lines (more than half of them), else none."""
    if not leads:
        return 0
    lead, count = Counter(leads).most_common(1)[0]
    return lead if 2 * count > len(leads) else 0


@lru_cache(maxsize=1 << 13)  # asked of a line three or four times (headings cut, blocks judged, lines reflowed)
def sentence_closed(text: str) -> bool:
    """Whether a paragraph ends a sentence, a photo credit or a labelled meta line (`来源：…`): nothing continues it."""
    return bool(text[-1:] in _LAST_OF_END and ends_sentence(text) or marks(text) & (CREDITED | META))


def ends_sentence(text: str) -> bool:
    """`SENTENCE_END.search(text)`: a stop and closing signs end the text. A search would try every stop of a long
    paragraph; the text without its closing signs is asked for its last character instead."""
    if text[-1:] == "\n":  # `$` matches before a newline ending the text too
        return SENTENCE_END.search(text) is not None
    return text.rstrip(_CLOSERS)[-1:] in _STOPS


_STOPS, _CLOSERS = frozenset("。！？!?…"), "”’」』）)"  # `SENTENCE_END`'s two classes
# the last character of a text `SENTENCE_END` finds: a stop, a closing sign, or a newline (`$` matches before one)
_LAST_OF_END = frozenset("。！？!?…”’」』）)\n")


@lru_cache(maxsize=1 << 13)  # asked of a line two or three times (headings cut, then blocks judged)
def heading_shaped(text: str) -> bool:
    """A short line with no sentence punctuation: a headline, sub-headline or section label if it stands alone.

    One colon after a short lead-in is allowed (`荆州区：以“共同缔造”推进城市更新`).
    """
    return (  # the cheapest test that most lines of text fail first
        not SENTENCE_PUNCT.search(TITLE_COLON.sub(r"\1", text, count=1) if "：" in text or ":" in text else text)
        and width(text) <= MAX_HEADING_WIDTH
        and two_ideographs(text)
        and not marks(text)
    )


_TWO_IDEOGRAPHS = compiled(f"[{IDEO}][^{IDEO}]*[{IDEO}]")


def two_ideographs(text: str) -> bool:
    """`ideographs(text) >= 2`, without counting them all."""
    return _TWO_IDEOGRAPHS.search(text) is not None


_STARTS, _ENDS = OPENS | BYLINED | META, CREDITED | BYLINED | META


def _starts_block(line: Line) -> bool:
    return line.indented or bool(marks(line.text) & _STARTS)


def _ends_block(line: Line) -> bool:
    return bool(marks(line.text) & _ENDS)


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of printed lines between blank lines, also cut before openings and indents, around meta lines and after
    credits (`_starts_block`, `_ends_block`, each line's marks asked once)."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    ended = False  # the last line of `current` ends its block
    for line in lines:
        text = line.text
        if not text:
            if current:
                blocks.append(current)
            current = []
            continue
        found = marks(text)
        if current and (ended or line.indented or found & _STARTS):
            blocks.append(current)
            current = []
        current.append(line)
        ended = bool(found & _ENDS)
    if current:
        blocks.append(current)
    pieces: list[list[Line]] = []
    for block in blocks:
        if len(block) < 2:  # most blocks: one paragraph on one line, nothing to cut
            pieces.append(block)
        else:
            pieces.extend(_cut_headings(block))
    return pieces


def _fills_column(line: Line, column: float) -> bool:
    """A body line fills its column, less the two-character indent of a paragraph's first line."""
    return column - INDENT - 0.5 <= width(line.text) <= column + 0.5


def _cut_headings(block: list[Line]) -> list[list[Line]]:
    """Cut heading lines out of a block when no blank line sets them apart.

    They follow a sentence end, are narrower or wider than the column, and the text after them starts afresh;
    lines ending the block are cut off too, for `_is_heading_block` to judge against the next block.
    """
    if len(block) < 2:
        return [block]
    shaped = list(map(heading_shaped, map(_TEXT, block)))
    if not any(shaped):  # most blocks: no line can start a run of headings, so none is cut
        return [block]
    if not any(map(SENTENCE_PUNCT.search, map(_TEXT, block))):
        return [block]
    column = -1.0  # the median width of the lines with sentence punctuation, measured when first asked
    pieces, start = [], 0
    for k in compress(range(len(block)), shaped):  # a run of heading lines may start at a heading-shaped line
        if k < start or (k > 0 and not sentence_closed(block[k - 1].text)):  # within a run cut off, or not after
            continue  # a sentence end
        j = k + 1
        while j < len(block) and j - k < 6 and shaped[j]:
            j += 1
        after = block[j] if j < len(block) else None
        if after is not None and column < 0 and FRESH_START.match(after.text):
            column = statistics.median(width(line.text) for line in block if SENTENCE_PUNCT.search(line.text))
        if (k > 0 or after is not None) and (
            after is None or FRESH_START.match(after.text) and not _fills_column(block[k], column)
        ):
            pieces.extend(piece for piece in (block[start:k], block[k:j]) if piece)
            start = j
    return [*pieces, block[start:]] if start < len(block) else pieces


def _join(left: str, right: str) -> str:
    """Glue a wrapped line to the previous one; only two Latin words keep a blank between them."""
    if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return f"{left} {right}"
    return left + right


def _reflow(block: list[Line]) -> list[Para]:
    """Join the wrapped lines of a text block; a sentence end on a short line closes a paragraph."""
    if len(block) == 1:  # most blocks: one paragraph on one line
        text, start, end, _ = block[0]
        return [_para((TEXT, text, start, end))]
    texts = list(map(_TEXT, block))
    last = len(block) - 1
    closed = list(compress(range(last), map(sentence_closed, texts[:last])))  # where a paragraph may end, and the last
    if not closed:  # many blocks: one paragraph, whatever the widths
        return [_para((TEXT, _joined(texts), block[0].start, block[last].end))]
    widths = list(map(width, texts))
    full = max(widths)
    paras: list[Para] = []
    first = 0
    for k in closed:
        if widths[k] < full - 1:
            paras.append(_para((TEXT, _joined(texts[first:k + 1]), block[first].start, block[k].end)))
            first = k + 1
    paras.append(_para((TEXT, _joined(texts[first:]), block[first].start, block[last].end)))
    return paras


_LATIN = compiled("[A-Za-z]")


def _joined(texts: list[str]) -> str:
    """The wrapped lines `_join`ed one after another: only where two Latin letters meet is a blank put between."""
    text = "".join(texts)
    if len(texts) > 1 and _LATIN.search(text):
        text = texts[0]
        for following in texts[1:]:
            text = _join(text, following)
    return text


def _is_heading_block(block: list[Line], prev: Para | None, nxt: list[Line] | None) -> bool:
    """Heading lines stand alone after a closed paragraph; a column break inside a sentence is not a heading.

    The first line of a paragraph cut off by a column break looks like a heading too, but it fills the column
    less its two-character indent, and the text after the break does not start afresh (dateline, quotation).
    """
    if len(block) == 1:  # most blocks, most of them a line of text: no heading
        if not heading_shaped(block[0].text):
            return False
    elif len(block) > 6 or not all(map(heading_shaped, map(_TEXT, block))):
        return False
    if prev is not None and prev.kind == TEXT and not sentence_closed(prev.text):
        return False
    if len(block) > 1 or nxt is None or _starts_block(nxt[0]) or all(map(heading_shaped, map(_TEXT, nxt))):
        return True
    column = statistics.median(width(line.text) for line in nxt[:-1] or nxt)
    return not _fills_column(block[0], column) or bool(FRESH_START.match(nxt[0].text))


def _is_title(line: Line, following: Line | None) -> bool:
    """The first line of a web article is its title (a colon or comma allowed) if the article starts afresh after it."""
    text = line.text
    return (
        width(text) <= MAX_HEADING_WIDTH
        and ideographs(text) >= 2
        and "。" not in text
        and not ends_sentence(text)
        and not opening(text)
        and not BYLINE_LINE.match(text)
        and not meta_line(text)
        and (following is None or _fresh(following.text))
    )


def _fresh(text: str) -> bool:
    """Text that cannot continue a title line: a fresh start, a meta line, or a whole paragraph printed on one line
    (wider than any headline, as web text is: a wrapped line of a page is no wider than its column)."""
    return bool(FRESH_START.match(text)) or meta_line(text) or width(text) > MAX_HEADING_WIDTH


def _cut_bracketed_title(lines: list[Line], source: str) -> list[Line]:
    """A page opening `【标题】正文…` prints its title in brackets on the line of its first sentence: cut it off."""
    k = next((k for k, line in enumerate(lines) if line.text), None)
    found = BRACKETED_TITLE.match(lines[k].text) if k is not None else None
    if found is None or heading_shaped(found.group(2)):
        return lines
    line = lines[k]
    cut = source.find("】", line.start, line.end) + 1
    if cut <= 0:
        return lines
    title = Line(found.group(1), line.start, cut, line.indented)
    rest = Line(found.group(2), cut, line.end, False)
    return [*lines[:k], title, Line("", cut, cut, False), rest, *lines[k + 1 :]]


def _split_title(blocks: list[list[Line]]) -> tuple[list[list[Line]], bool]:
    """On a page without openings (a web article) the first line is the title, cut off its block if need be."""
    if not blocks or (len(blocks) == 1 and len(blocks[0]) == 1):
        return blocks, False
    first = blocks[0]
    if not _is_title(first[0], first[1] if len(first) > 1 else None):
        return blocks, False
    return [first[:1], *([first[1:]] if len(first) > 1 else []), *blocks[1:]], True


def paragraphs(text: str) -> list[Para]:
    """The page as paragraphs (one per joined text paragraph), heading lines and byline lines, in print order."""
    lines = _cut_bracketed_title(split_lines(text), text)
    if _may_label(text):
        lines = _join_label_values(lines)
    blocks = _blocks(lines)
    title = False
    if not any(marks(line.text) & (OPENS | BYLINED) for block in blocks for line in block):
        blocks, title = _split_title(blocks)
    paras: list[Para] = []
    for b, block in enumerate(blocks):
        prev = paras[-1] if paras else None
        nxt = blocks[b + 1] if b + 1 < len(blocks) else None
        if len(block) == 1 and marks(block[0].text) & BYLINED:
            paras.append(Para(BYLINE, block[0].text, block[0].start, block[0].end))
        elif (b == 0 and title) or _is_heading_block(block, prev, nxt):
            paras.extend(_para((HEADING, text, start, end)) for text, start, end, _ in block)
        else:
            new = _reflow(block)
            if prev and prev.kind == TEXT and not sentence_closed(prev.text) and not _starts_block(block[0]):
                head = new.pop(0)
                paras[-1] = Para(TEXT, _join(prev.text, head.text), prev.start, head.end)
            paras.extend(new)
    return [_para((p.kind, _tidy(p.text), p.start, p.end)) if _UNTIDY.search(p.text) else p for p in paras]


# the signs `tighten_spaces` and `fullwidth_punct` act on: joined lines without any are left as they are
_UNTIDY = compiled("[" + re.escape(SPACES + "(" + "".join(_HALF_TO_FULL) + "".join(map(chr, _FULL_ALNUM))) + "]")


def _tidy(text: str) -> str:
    """Blanks and half-width punctuation where joined lines meet."""
    return fullwidth_punct(tighten_spaces(text))


def clean_text(text: str) -> str:
    """Readable text of a page: one paragraph, heading or byline per line, every repair applied."""
    return "\n".join(p.text for p in paragraphs(text))
