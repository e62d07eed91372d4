"""People in an article: officials by title grammar, reporters and photographers by byline, known names anywhere.

Each pass is a different kind of evidence that a string is a person's name:
1. a title chain, a group label (区领导) or a byline right before it, a title right after it in brackets, or a
   role noun after it (钟文俊同学); an enumeration with `、` continues it (`副区长关勇、刘心波、阳宪生` gives all
   three the title);
2. a surname + title (`王书记`) that only one titled person of the article can be;
3. anywhere, a name already known from pass 1 of any article of the corpus (`万玲玲强调`, a headline
   `张远重调研…`), and names enumerated next to it; the caller collects the known names between the passes.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Container, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace

from kgraph.extract.name_roles import name_roles
from kgraph.extract.names import (
    GIVEN_IN_LISTS,
    LOOKS_LIKE,
    MODEL_NAMES,
    NOT_IN_NAME,
    boundary_after,
    boundary_strength,
    is_cjk,
    plausible_name,
    read_name_at,
    read_name_before,
    starts_token,
)
from kgraph.extract.ner import Entity, recogniser
from kgraph.extract.titles import group_label_before, split_title_list, title_chain_before
from kgraph.lexicon import Lexicon
from kgraph.model import CREDITED, Article, Mention, PersonMention, Role
from kgraph.regex import compiled

# the roles as module constants: `Role.OFFICIAL`, a member of an Enum looked up on its class, costs ten times a
# global (60 ns in Python 3.11), and the finders make or ask the role of each mention several times
_OFFICIAL, _OTHER = Role.OFFICIAL, Role.OTHER
_NAMED = (Role.OFFICIAL, Role.OTHER)  # a person the article names, who may be enumerated with others
_RANK = {Role.REPORTER: 0, Role.PHOTOGRAPHER: 0, Role.OFFICIAL: 1, Role.OTHER: 2}  # of readings of one span

_REPORTER = compiled(
    r"(特约记者|见习记者|首席记者|记者|通讯员|责任编辑|编辑|责编|审核|校对|一审|二审|三审|终审|撰稿|作者|文/图|文图|图文)"
    r"[：:\s|｜]*"
)
_PHOTO_AFTER = compiled(r"[（(]\s*([\u3400-\u9fff]{2,4}(?:\s+[\u3400-\u9fff]{2,4})*)\s*(?:摄影|摄)\s*[）)]")
_PHOTO_BEFORE = compiled(r"(?:摄影|图)[：:/]\s*")
# a byline of bare names in brackets closing an article: （张明提 弓芳芳）
_TAIL_BYLINE = compiled(
    r"[（(]\s*([\u3400-\u9fff]{2,4}(?:[ \u3000]+[\u3400-\u9fff]{2,4}){0,3})\s*[）)][ \u3000]*(?:\n|$)"
)
# ... or opening a line, where the next article's headline follows it on the same line: （张明）某某会议召开
# (after no character but a newline: told after the bracket, so the engine skims the text for brackets first; an
# assertion opening a pattern is tried at every character)
_HEAD_BYLINE = compiled(r"[（(](?<![^\n][（(])([\u3400-\u9fff]{2,3})[）)]")
# the author of a work cited by its title: 《论某某》（张明）
_AUTHOR_OF_WORK = compiled(r"》[（(]([\u3400-\u9fff]{2,3})[）)]")
# a transcribed name in a byline, ending where the byline or the name ends
_DOTTED_CREDIT = compiled(r"([\u3400-\u9fff]{1,8}(?:·[\u3400-\u9fff]{1,8}){1,3})(?=[）)、\s]|报道|$)")
# 记者X报道: the frame says what the name is, even where the name is also a word (a company's, a place's)
_REPORTED = compiled(r"([\u3400-\u9fff]{2,3})报道")
_BYLINE_NAMES = compiled(r"[\u3400-\u9fff]{4,6}(?=[）)]|[ \u3000]*(?:\n|$))")
# a photographer's credit on a line of its own: 张明摄影报道
_CREDIT_LINE = compiled(r"^[ \u3000]*([\u3400-\u9fff]{2,4})[ \u3000]*(?:摄影报道|摄影|摄)[ \u3000]*$", re.MULTILINE)
_BRACKETED = compiled(r"[（(]([^（）()]{2,40})[）)]")
_POST_NAME_HEADS = ("总书记", "书记")
_CJK_RUN = compiled(r"[\u3400-\u9fff]{6,}")
# (from the start of a stretch of characters only: tried at each character of a long one, the pattern reads on
# to its end every time, and a match can start nowhere else)
_DOTTED_RUN = compiled(r"(?<![\u3400-\u9fff])[\u3400-\u9fff]+(?:·[\u3400-\u9fff]+)+")
_OTHER_FOLLOW = ("同学", "老师", "先生", "女士", "教授", "医生", "师傅", "博士")
_CONJUNCTIONS = frozenset("和与及、")
_VERB_TAGS = frozenset(("v", "vn", "vd", "d", "c", "p", "u"))


@functools.cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `words`, the longest that starts at a place (as the plain alternation of words listed longest first,
    such as an `Affixes`, matches), written as a tree of their characters: the pattern engine then tries the words
    that share a first character together, not each word in turn at each character of a text."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return compiled(_alternatives(tree))


def _alternatives(node: dict[str, dict]) -> str:
    """The pattern of a tree of characters: the longer words first, then the word ending at `node`, if one does."""
    branches = [re.escape(char) + _alternatives(below) for char, below in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + "|".join(branches) + ")"
    return body + "?" if "" in node else body


def _matches(pattern: re.Pattern[str], text: str, *needles: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in `text`, each of which holds one of `needles`: a text with none of them (most
    texts have no credit for a photo, many no bracket) is not scanned, as the pattern engine tries each character
    where `in` skims."""
    for needle in needles:
        if needle in text:
            return pattern.finditer(text)
    return iter(())


def _title_heads(text: str, lex: Lexicon) -> list[re.Match[str]]:
    """The title heads in a text, the longest at each place: two finders go through them, the text is scanned once."""
    return list(_pattern(lex.title_heads).finditer(text))


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \u3000\t":
        pos += 1
    return pos


def _may_open_name(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether `_names_from` may find a name at `pos`: a surname there, or a space, after which one may be."""
    char = text[pos:pos + 1]
    return char in lex.surnames or char in " \u3000\t" or text[pos:pos + 2] in lex.compound_surnames


def _names_from(text: str, pos: int, lex: Lexicon, *, spaced: bool = False) -> list[tuple[str, int]]:
    """A name at `pos` and the names enumerated after it with `、` (or spaces, in bylines)."""
    out: list[tuple[str, int]] = []
    pos = _skip_space(text, pos)
    surnames, compound = lex.surnames, lex.compound_surnames
    while True:
        if text[pos:pos + 1] not in surnames and text[pos:pos + 2] not in compound:
            return out  # no name opens here, as both readings below would find first (most places asked about)
        name = _listed_item(text, pos, lex) or read_name_at(text, pos, lex, listed=bool(out))
        if name is None:
            return out
        out.append((name, pos))
        nxt = pos + len(name)
        if nxt < len(text) and text[nxt] == "、":
            pos = nxt + 1
        elif spaced and nxt < len(text) and text[nxt] in " \u3000" and is_cjk(text[_skip_space(text, nxt):][:1] or "a"):
            pos = _skip_space(text, nxt)
        else:
            return out


def _listed_item(text: str, pos: int, lex: Lexicon) -> str | None:
    """The item of an enumeration at `pos` when `、` ends it and it is a plausible name as a whole: the separator
    is a surer end than any word after the name (`韦新和、` is no 韦新 + 和)."""
    end = text.find("、", pos, pos + 5)
    item = text[pos:end] if end > pos else ""
    return item if len(item) >= 2 and plausible_name(item, lex, listed=True, delimited=True) else None


def _glued_byline(text: str, pos: int, lex: Lexicon) -> list[tuple[str, int]]:
    """Two names printed without a space in a byline closed by a bracket or the line's end (`（记者王强李红梅）`):
    both, where the characters tile into two names jieba does not take for words."""
    match = _BYLINE_NAMES.match(text, pos)
    if match is None:
        return []
    names = tile_names(match.group(), lex, listed=False)
    if len(names) != 2 or any(lex.words.get(name, (0, "nr"))[1][:2] != "nr" for _, name in names):
        return []
    return [(name, pos + offset) for offset, name in names]


def _dotted_byline(text: str, pos: int, lex: Lexicon) -> list[tuple[str, int]]:
    """A byline that opens with a transcribed name (`（记者 热依拉·艾买提 王海）`): it, and the names after it."""
    pos = _skip_space(text, pos)
    match = _DOTTED_CREDIT.match(text, pos)
    if match is None:
        return []
    end = match.end(1)
    if text[end:end + 1] not in ("、", " ", "\u3000"):
        return [(match.group(1), pos)]
    rest = end + (text[end] == "、")
    return [(match.group(1), pos), *(_dotted_byline(text, rest, lex) or _names_from(text, rest, lex, spaced=True))]


def _reporter_of(text: str, pos: int, lex: Lexicon) -> list[tuple[str, int]]:
    """`记者苏宁报道`: the name between 记者 and 报道, a surname first, where the rules for prose take it for a word."""
    match = _REPORTED.match(text, pos)
    if match is None or match.group(1)[0] not in lex.surnames or any(c in NOT_IN_NAME for c in match.group(1)):
        return []
    return [(match.group(1), pos)]


def find_bylines(text: str, lex: Lexicon, bylines: Iterable = ()) -> list[PersonMention]:
    """Reporters (通讯员X, 记者X, staff credits) and photographers (（X 摄）): never attendees of the event."""
    found: list[PersonMention] = []
    for match in _REPORTER.finditer(text):
        names = (_glued_byline(text, match.end(), lex) or _dotted_byline(text, match.end(), lex)
                 or _names_from(text, match.end(), lex, spaced=True) or _reporter_of(text, match.end(), lex))
        found.extend(PersonMention(name, pos, pos + len(name), Role.REPORTER) for name, pos in names)
    for match in _matches(_CREDIT_LINE, text, "摄"):
        if plausible_name(match.group(1), lex):
            found.append(PersonMention(match.group(1), match.start(1), match.end(1), Role.PHOTOGRAPHER))
    for match in _matches(_PHOTO_AFTER, text, "（", "("):
        for part in match.group(1).split():
            pos = text.find(part, match.start(1))
            found.append(PersonMention(part, pos, pos + len(part), Role.PHOTOGRAPHER))
    for tail in _matches(_TAIL_BYLINE, text, "（", "("):
        names = tail.group(1).split()
        if all(plausible_name(n, lex) for n in names):
            for name in names:
                pos = text.find(name, tail.start())
                found.append(PersonMention(name, pos, pos + len(name), Role.REPORTER))
    for pattern, role in ((_HEAD_BYLINE, Role.REPORTER), (_AUTHOR_OF_WORK, Role.OTHER)):
        for match in _matches(pattern, text, "（", "("):
            if plausible_name(match.group(1), lex, listed=True, delimited=True):
                found.append(PersonMention(match.group(1), match.start(1), match.end(1), role))
    for match in _matches(_PHOTO_BEFORE, text, "摄影", "图"):
        for name, pos in _names_from(text, match.end(), lex, spaced=True):
            found.append(PersonMention(name, pos, pos + len(name), Role.PHOTOGRAPHER))
    seen = {p.name for p in found}
    for byline in bylines:  # names the article reader took from a byline the patterns above missed
        if byline.name not in seen:
            pos = text.find(byline.name)  # a byline the reader took out of the text has no span: (0, 0)
            start, end = (pos, pos + len(byline.name)) if pos >= 0 else (0, 0)
            found.append(PersonMention(byline.name, start, end, byline.role))
            seen.add(byline.name)
    return found


def find_titled_people(text: str, lex: Lexicon, heads: Sequence[re.Match[str]] | None = None) -> list[PersonMention]:
    """Officials: a title chain or a group label before the name, or a title in brackets after it. `heads`: the
    title heads in the text (`_title_heads`), when the caller has them already."""
    found: list[PersonMention] = []
    for match in _title_heads(text, lex) if heads is None else heads:
        opens = _may_open_name(text, match.end(), lex)
        if not opens and match.group() not in _POST_NAME_HEADS:
            continue  # no name after it, and none before it is read
        longer = lex.words.get(text[match.start():match.end() + 1])
        if longer and not longer[1].startswith("nr"):
            continue  # the title is part of a longer word: 成员国认为, 代表团团长
        names = _names_from(text, match.end(), lex) if opens else []
        if names:
            titles = title_chain_before(text, match.end(), lex)
            found.extend(PersonMention(n, p, p + len(n), _OFFICIAL, titles) for n, p in names)
        elif match.group() in _POST_NAME_HEADS:
            name = read_name_before(text, match.start(), lex)
            if name and len(name) >= 3:
                title = Mention("title", match.group(), match.start(), match.end())
                start = match.start() - len(name)
                found.append(PersonMention(name, start, match.start(), _OFFICIAL, (title,)))
    for match in _pattern(lex.group_labels).finditer(text):
        if not _may_open_name(text, match.end(), lex):
            continue  # no name after it: `_names_from` would read none
        names = _names_from(text, match.end(), lex)  # mostly none: asked first, as it costs less than the label
        label = group_label_before(text, match.end(), lex) if names else None
        if not label:
            continue
        if len(names) == 1 and boundary_strength(text, names[0][1] + len(names[0][0]), lex) < 2:
            continue  # 县级领导包联重点项目: one "name" glued to a verb after a label is no name
        found.extend(PersonMention(n, p, p + len(n), _OFFICIAL, label=label) for n, p in names)
    for match in _matches(_BRACKETED, text, "（", "("):
        titles = split_title_list(match.group(1), match.start(1), lex)
        name = read_name_before(text, match.start(), lex) if titles else None
        if name:
            start = match.start() - len(name)
            found.append(PersonMention(name, start, match.start(), _OFFICIAL, titles))
    for match in _pattern(lex.person_nouns).finditer(text):
        if not _may_open_name(text, match.end(), lex):
            continue  # as above: most nouns for a person (群众, 村民) name no one after them
        names = _names_from(text, match.end(), lex)
        single = names[0] if len(names) == 1 else None
        if single and (len(single[0]) < 3 or boundary_strength(text, single[1] + len(single[0]), lex) < 2):
            continue  # without a title, one name needs three characters and a clear end (居民解忧 is no name)
        found.extend(PersonMention(n, p, p + len(n), _OTHER) for n, p in names)
    for match in _pattern(_OTHER_FOLLOW).finditer(text):
        name = read_name_before(text, match.start(), lex)
        if name and len(name) >= 3:
            found.append(PersonMention(name, match.start() - len(name), match.start(), _OTHER))
    return found


def find_known_people(text: str, known: dict[str, Role], taken: list[tuple[int, int]], lex: Lexicon
                      ) -> list[PersonMention]:
    """Bare mentions of names known from elsewhere in the corpus, outside spans already taken, longer names first.
    Work stays linear in a long text with many known names (a year of OCR in one file): occupied characters are
    marked, not compared with every span, and there each position is looked up instead of each name searched for."""
    found: list[PersonMention] = []
    occupied = bytearray(len(text))
    for s, e in taken:
        occupied[s:e] = b"\x01" * (e - s)
    groups = _KnownGroups.of(known)
    present: dict[int, list[int]] = {}  # where the names are in the text, by length, asked only where the first
    for first, names in groups.by_first.items():  # character is
        if first in text:
            for name in names:
                at = text.find(name)
                if at >= 0:
                    ats = present.setdefault(len(name), [])
                    while at >= 0:  # each occurrence, none overlapping the one before
                        ats.append(at)
                        at = text.find(name, at + len(name))
    for size, names in groups.by_length:
        if len(names) * len(text) > _SEARCH_LIMIT:
            at = groups.sets[size]
            starts: Iterable[int] = (i for i in range(len(text) - size + 1) if text[i:i + size] in at)
        elif size in present:
            starts = sorted(present[size])
        else:
            continue
        for start in starts:
            end = start + size
            if occupied.find(1, start, end) >= 0:
                continue
            left_free = start == 0 or not is_cjk(text[start - 1])
            right_free = boundary_after(text, end, lex)
            if (left_free and right_free) or (size >= 3 and (left_free or right_free)):
                found.append(PersonMention(text[start:end], start, end, known[text[start:end]]))
                occupied[start:end] = b"\x01" * size
                taken.append((start, end))
    return found


_SEARCH_LIMIT = 20_000_000  # names times characters beyond which positions are looked up instead


class _KnownGroups:
    """The known names `find_known_people` is given, grouped once for all the articles it is given them for (a
    page's articles share them): by length, longest first, and by first character, as most of the names are not in
    a given article and most first characters are not either."""

    last: _KnownGroups | None = None  # the groups of the names last asked about

    def __init__(self, known: dict[str, Role]) -> None:
        self.known = known  # held, so that no other dict takes its id while it is remembered
        self.names = frozenset(known)
        by_length: dict[int, list[str]] = {}
        self.by_first: dict[str, list[str]] = {}
        for name in known:
            by_length.setdefault(len(name), []).append(name)
            self.by_first.setdefault(name[:1], []).append(name)
        self.by_length = sorted(by_length.items(), reverse=True)
        self.sets = {size: frozenset(names) for size, names in self.by_length}

    @classmethod
    def of(cls, known: dict[str, Role]) -> _KnownGroups:
        """The groups of `known`, made anew unless they are those of the very names last asked about."""
        last = cls.last
        if last is None or last.known is not known or known.keys() != last.names:
            last = cls.last = cls(known)
        return last


def find_surname_titles(text: str, mentions: list[PersonMention], lex: Lexicon,
                        heads: Sequence[re.Match[str]] | None = None) -> list[PersonMention]:
    """`张书记强调`: a surname + title head is a person only when exactly one person of the article has that
    surname and a title with that head; otherwise it is no name at all. `heads`: as for `find_titled_people`."""
    found: list[PersonMention] = []
    for match in _title_heads(text, lex) if heads is None else heads:
        start = match.start() - 1
        if start < 0 or (start > 0 and is_cjk(text[start - 1]) and text[start - 1] not in "、"):
            continue
        surname = text[start]
        holders = {m.name for m in mentions
                   if m.name.startswith(surname) and any(t.text.endswith(match.group()) for t in m.titles)}
        if len(holders) == 1:
            found.append(PersonMention(holders.pop(), start, match.end(), _OFFICIAL))
    return found


def _is_dictionary_name(word: str, lex: Lexicon) -> bool:
    """A person's name in jieba's dictionary: tagged nr (nrt is mostly transcribed brands and places), rare (文明
    and 陆军 are tagged nr too) and with no place ending (薛城区)."""
    entry = lex.words.get(word)
    return (2 <= len(word) <= 4 and entry is not None and entry[1] == "nr" and entry[0] <= _RARE_WORD
            and all(map(is_cjk, word)) and not lex.place_suffixes.suffix_of(word))


_RARE_WORD = 200  # jieba's frequency of a word seldom used as anything else


def _dictionary_name(text: str, pos: int, lex: Lexicon) -> str | None:
    """A name jieba's dictionary knows (恽代英, a rare surname) starting at `pos` where a word ends."""
    tokens = lex.cut(text[pos:pos + 8], hmm=False)
    word = tokens[0] if tokens else ""
    return word if _is_dictionary_name(word, lex) and boundary_strength(text, pos + len(word), lex) else None


def _dictionary_name_before(text: str, end: int, lex: Lexicon) -> str | None:
    """A name jieba's dictionary knows ending at `end`, where a word starts."""
    tokens = lex.cut(text[max(0, end - 8):end], hmm=False)
    word = tokens[-1] if tokens else ""
    return word if _is_dictionary_name(word, lex) and starts_token(text, end - len(word), lex, hmm=False) else None


def extend_enumerations(text: str, mentions: list[PersonMention], lex: Lexicon) -> list[PersonMention]:
    """`王勇、袁青穗、黄惊华`: a plausible name enumerated with `、` next to a found person is a person too."""
    taken = {(m.start, m.end) for m in mentions}
    found: list[PersonMention] = []
    queue = list(mentions)
    while queue:
        m = queue.pop()
        if m.role not in _NAMED:
            continue
        candidates = []
        if text[m.end:m.end + 1] == "、":
            name = read_name_at(text, m.end + 1, lex) or _dictionary_name(text, m.end + 1, lex)
            if name:
                candidates.append((name, m.end + 1))
        if m.start > 0 and text[m.start - 1] == "、":
            name = read_name_before(text, m.start - 1, lex) or _dictionary_name_before(text, m.start - 1, lex)
            if name:
                candidates.append((name, m.start - 1 - len(name)))
        for name, start in candidates:
            span = (start, start + len(name))
            if span not in taken and not any(s < span[1] and span[0] < e for s, e in taken):
                new = PersonMention(name, start, span[1], m.role)
                taken.add(span)
                found.append(new)
                queue.append(new)
    return found


_PROSE = frozenset("的了在是与及或把被也都就还又而并等这那们着过")
# what only a list of names carries: a note of sex or nationality after a name (（女）, （藏族）, （女，壮族）), and
# the note on its order (按姓氏笔画排列, 以姓名拼音为序), whose paragraph is a list
_PERSON_NOTE = compiled(r"[（(](?:女|[\u4e00-\u9fff]{1,4}族)(?:[，,、](?:女|[\u4e00-\u9fff]{1,4}族))*[）)]")
_ORDER_NOTE = compiled(r"[按以依](?:姓氏|姓名)?(?:笔画|笔划|拼音|音序|首字母)(?:顺序)?(?:排列|排序|为序|排名)[^\n]*")
_BODY_END = frozenset("馆园场厂站院局所部处室科村镇乡县区市省路街")
_SETTLEMENT_END = frozenset("村寨庄屯堡城镇乡县湾铺埠集店坊营")
_NOT_IN_MODEL_NAME = frozenset("的了与及或在是把被也都就还又而并等这那们说摄")


# one to four parts of Chinese characters joined by `·`
_MODEL_NAME_CHARACTERS = compiled(r"[\u3400-\u9fff]+(?:·[\u3400-\u9fff]+){0,3}")


def model_name(name: str, lex: Lexicon, *, titled: bool = False) -> bool:
    """Whether a name the recogniser read may be a person: Chinese characters (parts joined by `·` in transcribed
    names, 吐尔洪·阿不拉), no function word inside, not a title, and not a dictionary word other than a name unless
    a title stands right before it (县长甘泉). The model's reading is the evidence, so names the bare rules
    distrust (何其宗, a transcribed 克林顿) are kept. Remembered: the finders ask about the same names in article
    after article, and more than once in one."""
    known = MODEL_NAMES.of(lex, titled)
    answer = known.get(name)
    if answer is None:
        answer = known[name] = _model_name(name, lex, titled=titled)
    return answer


def _model_name(name: str, lex: Lexicon, *, titled: bool) -> bool:
    """`model_name`, worked out."""
    if _MODEL_NAME_CHARACTERS.fullmatch(name) is None:
        return False
    parts = name.split("·")
    if len(parts) == 1 and not 2 <= len(name) <= 6:
        return False
    if (len(parts) == 1 and not _NOT_IN_MODEL_NAME.isdisjoint(name)) or lex.title_heads.suffix_of(name):
        return False
    if name[-1] in _BODY_END and len(name) > 2 and name[:-1] in lex.words:
        return False  # a word and an ending: 科普馆, 服务站
    if name[-1] in _SETTLEMENT_END and len(name) <= 3 and not titled:
        return False  # a village or a town named for a family: 刘寨, 贺村, 牛洼村, 薛城
    suffix = lex.place_suffixes.suffix_of(name)
    if suffix is not None and len(suffix) >= 2 and len(name) > len(suffix) + 1:
        return False  # a place with a two-character ending: 萨如拉嘎查, a Mongolian village
    entry = lex.words.get(name)
    if entry is None or entry[1].startswith("nr") or (titled and len(name) <= 4 and name[0] in lex.surnames):
        return True
    # jieba's dictionary holds many full names under other tags (刘澜涛 n, 周恩来 t, 基辛格 n): a surname and a
    # two-character given name, or a transcription, stays a name unless the word is no noun at all
    nominal = entry[1][:1] in ("n", "t")
    return nominal and (len(name) == 3 and name[0] in lex.surnames or all(c in _TRANSCRIPTION for c in name))


_ADDRESS_TERMS = frozenset(("大爷", "大妈", "大娘", "大叔", "大婶", "大姐", "大哥", "大嫂"))


def _fit(text: str, start: int, end: int, lex: Lexicon, name_starts: Container[int] = ()) -> int | None:
    """Where a name the recogniser read really ends, or None when its characters belong to something else: a
    dictionary word running into it from before (耳目一新 for 目一新), a place or organisation ending after it
    (张新场村), or, for a name with no surname, a common word inside it (科普馆). A word running out of it (汪明陪同
    read as 汪明陪) ends it where that word begins."""
    if text[end - 1:end + 1] in _ADDRESS_TERMS:
        return None  # 王大爷, 李大姐: a surname and a form of address, no name
    suffix = lex.place_suffixes.starting_at(text[end:end + 4]) or lex.org_suffixes.starting_at(text[end:end + 4])
    if suffix and (len(suffix) > 1 or end not in name_starts) and not lex.title_heads.starting_at(text[end:end + 8]):
        return None  # one character that opens the next name (关山月江泽民) or a title (郑国华委员) is no ending
    begin = max(0, start - 4)
    offset = begin
    # 鲍林先生, 严汉祥和: jieba's 林先生 and 祥和 must not run out of the name
    firm = text.startswith(_OTHER_FOLLOW, end) or text[end:end + 1] in _CONJUNCTIONS
    end_of_cut = end if firm else end + 4
    surnamed = (text[start] in lex.surnames or text[start:start + 2] in lex.compound_surnames
                or "·" in text[start:end] or all(c in _TRANSCRIPTION for c in text[start:end])
                or _of_elements(text[start:end], lex))
    for word in lex.cut(text[begin:end_of_cut], hmm=False):
        word_end = offset + len(word)
        if offset < start < word_end:
            return None
        if start <= offset and word_end <= end and len(word) > 1 and not surnamed:
            entry = lex.words.get(word)
            if entry and not entry[1].startswith("nr"):
                return None
        if start < offset < end < word_end and len(word) > 1:
            if word in lex.place_suffixes or word in lex.org_suffixes:
                return None  # 张槎街道 read as 张槎街: the word running out is a place's ending
            return offset if offset - start >= 2 and plausible_name(text[start:offset], lex, listed=True) else None
        offset = word_end
    return end


def tile_names(run: str, lex: Lexicon, *, listed: bool = True) -> list[tuple[int, str]]:
    """The fewest plausible names that cover `run` exactly, with their offsets; nothing if none do."""
    best: list[list[tuple[int, str]] | None] = [None] * (len(run) + 1)
    best[0] = []
    for end in range(2, len(run) + 1):
        for size in (3, 2, 4):
            start = end - size
            prev = best[start] if start >= 0 else None
            if prev is None or (best[end] is not None and len(prev) + 1 >= len(best[end])):
                continue
            if plausible_name(run[start:end], lex, listed=listed):
                best[end] = [*prev, (start, run[start:end])]
    return best[len(run)] or []


def split_run(name: str, lex: Lexicon) -> list[tuple[int, str]]:
    """A name the recogniser read too long (`黄明远刘芳`: names printed with no separator) as the names it tiles
    into; nothing unless it opens with a common surname (宝音满都呼 is one Mongolian name, not 宝音 + 满都呼)."""
    return tile_names(name, lex) if lex.surname_rank.get(name[:1], 0) else []


# a reading of a run: its cost, how many of its names jieba does not know as names, and the names with offsets
Reading = tuple[int, int, list[tuple[int, str]]]
# the names of a reading being built, last first, each cell sharing the cells before it: a run of thousands of
# characters (a page of random text) would otherwise copy its list of names at every character
Names = tuple[tuple[int, str], "Names"] | None
# ... and such a reading: cost, names jieba does not know, how many names, the names
_Partial = tuple[int, int, int, Names]


def _unroll(names: Names) -> list[tuple[int, str]]:
    out = []
    while names is not None:
        out.append(names[0])
        names = names[1]
    return out[::-1]


def _better(reading: _Partial, current: _Partial | None) -> bool:
    """Lower cost, then fewer names, then fewer names jieba does not know."""
    return current is None or (reading[0], reading[2], reading[1]) < (current[0], current[2], current[1])


def _rules_reading(run: str, offset: int, lex: Lexicon, read: set[tuple[int, int]], inside: Iterable[Entity],
                   near: Iterable[Entity], *, open_start: bool, open_end: bool) -> Reading | None:
    """`_read_run` of the run at `offset` of the text, given the recogniser's people `inside` it and its other names
    `near` it (those that look like a place or an organisation count, `_looks_like`); None, without reading it, where
    fewer than three names can start in it, as no reading of it is then a list (`_a_list`), nor where no name can
    open it or close it (a reading starts with a name unless `open_start`, ends with one unless `open_end`)."""
    if not (open_start or _name_opens(run, lex, read)) or not (open_end or _name_closes(run, lex, read)):
        return None  # most runs, told by a few look-ups where `_run_names` asks about every surname in them
    names = _run_names(run, lex, read)
    if len({start for at_end in names for start, _ in at_end}) < 3:
        return None
    cuts = {at - offset for e in inside for at in (e.start, e.end)}
    named_else = [False] * len(run)
    for e in near:
        if not _looks_like(e.text, lex):
            continue
        for i in range(max(e.start, offset), min(e.end, offset + len(run))):
            named_else[i - offset] = True
    return _read_run(run, lex, names, cuts, named_else, open_start=open_start, open_end=open_end)


def _run_names(run: str, lex: Lexicon, read: set[tuple[int, int]]) -> list[list[tuple[int, bool]]]:
    """Per end offset of `run`, the names `_read_run` may read ending there, as (start, whether the recogniser read
    it), starts in increasing order: the recogniser's names of two to six characters (`read`), else plausible names
    of two to four. Only a character that opens a surname is asked about, most are not."""
    found = {(start, end): True for start, end in read if 2 <= end - start <= 6}
    surnames, compound = lex.surnames, lex.compound_surnames
    for opener in _surname_openers(surnames, compound).finditer(run):
        start = opener.start()
        if opener.group() in surnames or run[start:start + 2] in compound:
            for end in range(start + 2, min(start + 4, len(run)) + 1):
                if (start, end) not in found and plausible_name(run[start:end], lex):
                    found[start, end] = False
    names: list[list[tuple[int, bool]]] = [[] for _ in range(len(run) + 1)]
    for (start, end), by_model in sorted(found.items()):
        names[end].append((start, by_model))
    return names


_OPENING_SPANS = tuple((0, end) for end in range(2, 7))  # the spans of a name of two to six characters at 0


def _name_opens(run: str, lex: Lexicon, read: AbstractSet[tuple[int, int]]) -> bool:
    """Whether `_run_names` finds a name starting at the run's first character."""
    if read and not read.isdisjoint(_OPENING_SPANS):  # (one call, where a loop asks for each span in turn)
        return True
    if run[0] not in lex.surnames and run[:2] not in lex.compound_surnames:
        return False
    return any(plausible_name(run[:end], lex) for end in range(2, min(4, len(run)) + 1))


def _name_closes(run: str, lex: Lexicon, read: AbstractSet[tuple[int, int]]) -> bool:
    """Whether `_run_names` finds a name ending at the run's last character."""
    end = len(run)
    if read and not read.isdisjoint([(end - size, end) for size in range(2, 7)]):
        return True
    surnames, compound = lex.surnames, lex.compound_surnames
    for start in range(max(0, end - 4), end - 1):
        if (run[start] in surnames or run[start:start + 2] in compound) and plausible_name(run[start:], lex):
            return True
    return False


@functools.cache
def _surname_openers(surnames: frozenset[str], compound: frozenset[str]) -> re.Pattern[str]:
    """The characters that open a surname, one or two characters long, as a pattern: a stretch is searched for them
    at once, not each of its characters looked up."""
    return compiled("[" + "".join(sorted({re.escape(s[0]) for s in surnames | compound})) + "]")


def _read_run(run: str, lex: Lexicon, names: Sequence[Sequence[tuple[int, bool]]], cuts: set[int],
              named_else: list[bool], *, open_start: bool = False, open_end: bool = False) -> Reading | None:
    """The best reading of `run` as names from its first character to its last: plausible names, the names the
    recogniser read there (by offsets: 多吉才让 has no surname), both in `names` (`_run_names`), and gaps of one to
    four characters between two names (a name neither knows). It costs one for each gap and for each place where a
    plausible name cuts through a boundary the recogniser drew (`cuts`) or overlaps a place or organisation it read
    there (`named_else`, per character: 从太行山到大别山); then fewer names are better, then names jieba knows
    (赵朴初 + 巴金, not 赵朴 + 初巴金). `open_start`, `open_end`: the run may begin or end with a gap, as where
    a note in brackets (`（女）`) or a transcribed name's `·` stands next to it."""
    before = list(itertools.accumulate((offset in cuts for offset in range(len(run) + 1)), initial=0))
    other = list(itertools.accumulate(named_else, initial=0))
    named: list[_Partial | None] = [None] * (len(run) + 1)  # the best reading of run[:i] that ends with a name
    gapped: list[_Partial | None] = [None] * (len(run) + 1)  # ... that ends with a gap (the start counts as one)
    gapped[0] = (0, 0, 0, None)
    for end in range(1, len(run) + 1):
        for start, by_model in names[end]:
            # the cuts strictly inside a plausible name
            cost = 0 if by_model else before[end] - before[start + 1] + (other[end] > other[start])
            name = run[start:end]
            entry = lex.words.get(name)
            unknown = not (entry and entry[1].startswith("nr"))
            for prev in (named[start], gapped[start]):
                if prev is not None:
                    reading = (prev[0] + cost, prev[1] + unknown, prev[2] + 1, ((start, name), prev[3]))
                    if _better(reading, named[end]):
                        named[end] = reading
        for size in range(1, 5):
            prev = named[end - size] if end > size else None
            if prev is None and open_start and end == size:
                prev = (0, 0, 0, None)
            if prev is not None and _better((prev[0] + 1, *prev[1:]), gapped[end]):
                gapped[end] = (prev[0] + 1, *prev[1:])
    last = named[len(run)]
    if open_end and gapped[len(run)] is not None and _better(gapped[len(run)], last):
        last = gapped[len(run)]
    return None if last is None else (last[0], last[1], _unroll(last[3]))


_ELEMENT = 2.0  # per character of a name of two elements in a list, as much as a common Chinese name gains
_GAP = 4.0  # a gap of one to four characters in a list costs as much as a name of modest odds gains


def _list_name(name: str, lex: Lexicon, score: float) -> bool:
    """A name in a list that the rules for prose turn down as a common word (万里, 万国权 after 万国, 于珍 after a
    function word, 李延年 for its 年): in a list, a surname and given-name characters with better odds than a gap
    has."""
    return (score > -_GAP / 2 and len(name) <= 3 and name[0] in lex.surnames and not lex.title_heads.suffix_of(name)
            and not any(c in NOT_IN_NAME and c not in GIVEN_IN_LISTS for c in name[1:]))


def _read_list(run: str, lex: Lexicon, read: set[tuple[int, int]], *, open_start: bool = False,
               open_end: bool = False) -> Reading | None:
    """The best reading of a run the recogniser reads as a list of names: the names whose characters most look like
    names (name_roles: 王占 + 王克 + 王涛, not the recogniser's 王占王 + 克王涛), with a gap where no name fits (a
    Tibetan name without surname). The recogniser's own names there count too, for what it reads with no surname
    (多吉才让), but gain nothing over the others: in a list its context is names on both sides and tells little.
    The reading's cost is its number of gaps."""
    roles, surnames = name_roles(), lex.surnames
    # per end: the best (value, gaps, names) ending with a name, and ending with a gap (the start counts as a name)
    named: list[tuple[float, int, Names] | None] = [None] * (len(run) + 1)
    gapped: list[tuple[float, int, Names] | None] = [None] * (len(run) + 1)
    named[0] = (0.0, 0, None)
    if open_start:
        gapped[0] = named[0]
    dots = [i for i, c in enumerate(run) if c == "·"]
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - 6), end - 1):
            name = run[start:end]
            if dots and "·" in name:
                continue
            score = roles.score(name, surnames)
            if (start, end) in read:
                value = max(score, 0.0) if score is not None else _GAP  # five or six characters: 乌云其木格
            elif len(name) == 4 and _of_elements(name, lex):
                value = _ELEMENT * len(name)  # a Tibetan or Mongolian name of two elements: 洛桑 + 次仁
            elif score is not None and (plausible_name(name, lex, listed=True) or _list_name(name, lex, score)):
                entry = lex.words.get(name)
                value = score + (entry is not None and entry[1].startswith("nr"))
            else:
                continue
            for prev in (named[start], gapped[start]) if start else (named[0],):
                if prev is not None and (named[end] is None or prev[0] + value > named[end][0]):
                    named[end] = (prev[0] + value, prev[1], ((start, name), prev[2]))
        for start, value in _dotted_in_list(run, end, dots):
            value += _READ_DOTTED if (start, end) in read else 0.0
            for prev in (named[start], gapped[start]) if start else (named[0],):
                if prev is not None and (named[end] is None or prev[0] + value > named[end][0]):
                    named[end] = (prev[0] + value, prev[1], ((start, run[start:end]), prev[2]))
        for size in range(1, 5):
            if dots and "·" in run[end - size:end]:
                continue  # a `·` joins the parts of one name; it never stands between two
            prev = named[end - size] if end - size > 0 or open_start else None
            if prev is not None and (gapped[end] is None or prev[0] - _GAP > gapped[end][0]):
                gapped[end] = (prev[0] - _GAP, prev[1] + 1, prev[2])
    last = named[len(run)] if len(run) else None
    if open_end and gapped[len(run)] is not None and (last is None or gapped[len(run)][0] > last[0]):
        last = gapped[len(run)]
    return None if last is None else (last[1], 0, _unroll(last[2]))


# what a part of a transcribed name in a list is worth by its length: a character each, less for an initial (格·)
# and for parts longer than most
_DOTTED_PART = {1: -2.0, 2: 2.0, 3: 3.0, 4: 4.0, 5: 3.0, 6: 2.0, 7: 1.0}
_READ_DOTTED = 2.0  # what a transcribed name gains where the rules read it too (its parts of transcription characters)


def _dotted_in_list(run: str, end: int, dots: list[int]) -> Iterator[tuple[int, float]]:
    """The transcribed names of a list that end at `end` (each start and value): one to three `·` inside, parts of
    one to seven characters, the last of two or more (格·阿·亚夫林斯基). Printed without separators, the list does
    not say where such a name begins or ends (陆载德 + 阿木冬·尼牙孜, 阿沛·阿旺晋美 + 赛福鼎·艾则孜): the names
    around it, the lengths of its parts and a first character of the transcriptions decide."""
    if not dots or end < 3 or run[end - 1] == "·" or run[end - 2] == "·":
        return
    last = bisect.bisect_left(dots, end) - 1  # the last `·` before the end
    tail = _DOTTED_PART.get(end - dots[last] - 1)
    if tail is None:
        return
    inner = 0.0  # the parts between the first `·` and the last
    for first in range(last, max(-1, last - 3), -1):
        if first < last:
            part = _DOTTED_PART.get(dots[first + 1] - dots[first] - 1)
            if part is None:
                return
            inner += part
        floor = dots[first - 1] + 1 if first > 0 else 0
        for size in range(1, 8):
            start = dots[first] - size
            if start < floor:
                break
            opening = 0.5 if run[start] in _TRANSCRIPTION else 0.0
            yield start, inner + tail + _DOTTED_PART[size] + opening


def _a_list(reading: Reading | None, run: str) -> bool:
    """Whether a reading makes a run a list of names: three or more names that tile it exactly, or four or more
    with at most one gap for every three names."""
    if reading is None:
        return False
    gaps, names = reading[0], len(reading[2])
    return (gaps == 0 and names >= 3) or (len(run) >= 12 and names >= 4 and 3 * gaps <= names)


def _runs(text: str, dotted: list[Entity]) -> Iterable[tuple[int, int]]:
    """Stretches of six or more Chinese characters, cut where a transcribed name joined by `·` lies in them."""
    if not dotted:
        return [match.span() for match in _CJK_RUN.finditer(text)]
    return _cut_runs(text, dotted)


def _unnoted_runs(text: str, starts: Sequence[int], surnames: frozenset[str], compound: frozenset[str]
                  ) -> list[tuple[int, int]]:
    """The stretches of `_runs` (none cut, as no transcribed name is read) that `find_name_runs` reads on where no
    note stands anywhere: those a name the recogniser read starts in (at `starts`), and those that open with a
    surname, hold no function word (`_prose`) and have three characters that open a surname (three names need
    three). Found by a pattern for the second kind and from the names for the first, as most stretches are
    neither: those are then not visited in Python."""
    at_start, after = _unprosaic_runs(surnames, compound)
    first = at_start.match(text)
    found = {first.span()} if first is not None else set()
    found.update(match.span(1) for match in after.finditer(text, first.end() if first is not None else 0))
    reverse, covered = None, 0
    for start in starts:
        if start < covered or not "\u3400" <= text[start:start + 1] <= "\u9fff":
            continue  # in the stretch of a name before it, or outside any
        if reverse is None:
            reverse = text[::-1]
        after = _NOT_CJK.search(text, start)
        before = _NOT_CJK.search(reverse, len(text) - start)  # the last character before `start` that is none
        span = (len(text) - before.start() if before else 0, after.start() if after else len(text))
        if span[1] - span[0] >= 6:
            found.add(span)
        covered = span[1]
    return sorted(found)


_NOT_CJK = compiled(r"[^\u3400-\u9fff]")


@functools.cache
def _unprosaic_runs(surnames: frozenset[str], compound: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Whole stretches of six or more Chinese characters that open with a surname, hold no function word and hold
    two more characters that open a surname (`_surname_openers`): a pattern that matches one at the start of a text,
    and one that finds each after a character that is no Chinese one (group 1). The second is tried only after such
    a character, which the engine tells by a range: a pattern that opens with the surname, a table of five hundred
    characters, was tried at each of them. Alone both scan as fast; among the other rules, where that table has
    left the processor's cache by the next article, this costs half (0.13 to 0.07 s a pass at 10k)."""
    prose = sorted(ord(c) for c in _PROSE)
    ranges, low = [], 0x3400
    for code in prose:
        if low < code:
            ranges.append(f"{chr(low)}-{chr(code - 1)}")
        low = code + 1
    ranges.append(f"{chr(low)}-\u9fff")
    body = "[" + "".join(ranges) + "]"
    opening = "".join(sorted(re.escape(c) for c in surnames if len(c) == 1 and c not in _PROSE and is_cjk(c)))
    opener = _surname_openers(surnames, compound).pattern
    stretch = f"[{opening}](?={body}*?{opener}{body}*?{opener}){body}{{5,}}"
    return compiled(f"{stretch}(?![\u3400-\u9fff])"), compiled(f"[^\u3400-\u9fff]({stretch})(?![\u3400-\u9fff])")


def _cut_runs(text: str, dotted: list[Entity]) -> Iterator[tuple[int, int]]:
    for match in _CJK_RUN.finditer(text):
        start = match.start()
        for entity in dotted:
            if entity.start < match.end() and start < entity.end:
                if entity.start - start >= 6:
                    yield start, entity.start
                start = max(start, entity.end)
        if match.end() - start >= 6:
            yield start, match.end()


class _PersonNotes:
    """The notes of sex or nationality in a text (（女）, （藏族）), found once: each stretch of the text asks whether
    one stands right before or after it. A note holds no bracket, so notes never overlap and the scan finds each
    one a match at its bracket would."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _PERSON_NOTE.finditer(text)] if "女" in text or "族" in text else []
        self.starts = {start for start, _ in spans}
        self.ends = {end: start for start, end in spans}

    def before(self, start: int) -> bool:
        """Whether a note (of twelve characters at most) ends at `start`, as after a name of a list
        (…秦玉琴（女）|袁伟民…)."""
        opening = self.ends.get(start)
        return opening is not None and opening >= start - 12

    def after(self, end: int) -> bool:
        """Whether a note starts at `end` (…秦玉琴|（女）袁伟民…)."""
        return end in self.starts

    def touch(self, start: int, end: int) -> bool:
        """Whether a run touches a note, as the names of a list do (…秦玉琴（女）袁伟民…)."""
        return self.after(end) or self.before(start)


_ORDER_WORDS = ("笔画", "笔划", "拼音", "音序", "首字母")  # one of them stands in every note on a list's order
_ORDER_WORD = compiled("|".join(_ORDER_WORDS))  # (one scan of the text, where each word searched for is one)


def _order_notes(text: str) -> list[tuple[int, int]]:
    """The spans of the notes on the order of a list (按姓氏笔画排列) and the rest of their line; a text without
    their key words (nearly all) is not scanned with the pattern, which costs more than a search for a word."""
    if _ORDER_WORD.search(text) is None:
        return []
    return [m.span() for m in _ORDER_NOTE.finditer(text)]


def _looks_like(name: str, lex: Lexicon) -> bool:
    """Whether a place or organisation the recogniser read has the form of one: a known ending, or a dictionary
    word of that kind. Remembered: the same places and organisations recur in article after article."""
    known = LOOKS_LIKE.of(lex)
    answer = known.get(name)
    if answer is None:
        answer = known[name] = _has_form(name, lex)
    return answer


def _has_form(name: str, lex: Lexicon) -> bool:
    """`_looks_like`, worked out."""
    entry = lex.words.get(name)
    return bool(lex.place_suffixes.suffix_of(name) or lex.org_suffixes.suffix_of(name)
                or (entry and entry[1] in ("ns", "nt")))


def find_name_runs(text: str, lex: Lexicon, entities: Sequence[Entity] = ()) -> list[PersonMention]:
    """A stretch of names printed without separators (a caption's `张明远李红王强`, a committee list, a list
    whose spaces the PDF lost): three or more names that tile it exactly, or four or more with at most one short
    gap for every three names. Prose is left alone, unless the recogniser reads most of the stretch as names
    (a list of two hundred names holds 于是之 and 和志强)."""
    found: list[PersonMention] = []
    dotted: list[Entity] = []  # the rules' reading of a transcribed name (first in `entities`) over the model's
    for e in entities:
        if e.kind == "PER" and "·" in e.text and not any(d.start < e.end and e.start < d.end for d in dotted):
            dotted.append(e)
    dotted.sort(key=lambda e: e.start)
    people = sorted((e for e in entities if e.kind == "PER"), key=lambda e: e.start)
    starts = [e.start for e in people]
    # the recogniser's places and organisations that look like one (太行山, 乌兹别克斯坦): not names run together
    # that it could not tell apart (胡富国钮茂生侯捷); which look like one is told where a stretch is read
    others = sorted((e for e in entities if e.kind != "PER" and len(e.text) <= 20), key=lambda e: e.start)
    other_starts = [e.start for e in others]
    ordered = _order_notes(text)
    notes = _PersonNotes(text)
    # a list with transcribed names in it is read whole, with the names' extents (…王兆国阿沛·阿旺晋美赛福鼎·艾则孜…)
    lists: list[tuple[int, int]] = []
    for match in _DOTTED_RUN.finditer(text) if "·" in text else ():
        start, end = match.span()
        if not (any(a <= start and end <= b for a, b in ordered) or notes.touch(start, end)):
            continue
        run = text[start:end]
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        read = {(e.start - start, e.end - start) for e in people[first:last]
                if e.end <= end and "·" not in e.text and len(e.text) <= 4 and model_name(e.text, lex)}
        read |= {(e.start - start, e.end - start) for e in dotted if start <= e.start and e.end <= end}
        reading = _read_list(run, lex, read, open_end=text[end:end + 1] in "（(")
        if reading is not None and 3 * reading[0] <= len(reading[2]):
            lists.append((start, end))
            found.extend(PersonMention(name, start + offset, start + offset + len(name), _OTHER)
                         for offset, name in _with_gaps(run, reading[2]))
    unnoted = not (ordered or notes.starts)  # no note anywhere: no stretch is noted
    surnames, compound = lex.surnames, lex.compound_surnames
    openers = _surname_openers(surnames, compound)
    if dotted or not unnoted:
        runs: Iterable[tuple[int, int]] = _runs(text, dotted)
    else:
        runs = _unnoted_runs(text, starts, surnames, compound)
    for start, end in runs:
        if lists and any(a <= start and end <= b for a, b in lists):
            continue
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        if first == last and unnoted and (text[start] not in surnames or not _PROSE.isdisjoint(text[start:end])):
            continue  # most stretches, told at once as below (`_prose`), without a call
        run = text[start:end]
        if unnoted:
            lead = trail = noted = False  # (what the notes would answer: nearly every text has none)
        else:
            lead, trail = notes.before(start), notes.after(end)
            noted = lead or trail or bool(ordered) and any(a <= start and end <= b for a, b in ordered)
        prose = not noted and _prose(run, lex)
        if prose and first == last:
            continue  # most stretches, told at once: no note, no name the recogniser read, and prose
        inside = [e for e in people[first:last] if e.end <= end and "·" not in e.text]
        listed = noted or 5 * sum(e.end - e.start for e in inside) >= 3 * len(run)
        if not listed and prose:
            continue
        # a run that starts where a transcribed name ends may begin with the rest of that name (…赛福鼎·艾|则孜洪学智)
        open_start = lead or text[start - 1:start] == "·" or bool(dotted) and any(d.end == start for d in dotted)
        open_end = text[end:end + 1] in "（(·"
        if not (listed or _may_bound(run, start, end, inside, lex, open_start=open_start, open_end=open_end)):
            continue  # no name can open it or none close it: the rules read no list (most stretches left, at 10k)
        if not listed and len(openers.findall(run)) + len(inside) < 3:
            continue  # three names need three starts, each a surname or a name the recogniser read: no list
        read = {(e.start - start, e.end - start) for e in inside
                if (len(e.text) <= 4 or not split_run(e.text, lex)) and model_name(e.text, lex)}
        if not listed:  # in a list the recogniser reads as names, its other readings are slips
            near = others[bisect.bisect_left(other_starts, start - 20):bisect.bisect_left(other_starts, end)]
            if not _a_list(_rules_reading(run, start, lex, read, inside, near, open_start=open_start,
                                          open_end=open_end), run):
                continue
        # a list, by the recogniser or by the rules: its names are told apart by their characters
        reading = _read_list(run, lex, read, open_start=open_start, open_end=open_end)
        if not (_a_list(reading, run) or (lead or trail) and _noted_list(reading)):
            continue
        assert reading is not None
        names = _with_gaps(run, reading[2], lead=lead, trail=trail) if noted else reading[2]
        found.extend(PersonMention(name, start + offset, start + offset + len(name), _OTHER)
                     for offset, name in names)
    return found


_NO_SPANS: frozenset[tuple[int, int]] = frozenset()


def _may_bound(run: str, start: int, end: int, inside: Iterable[Entity], lex: Lexicon, *, open_start: bool,
               open_end: bool) -> bool:
    """Whether a name may open the run at `start` in the text and one close it at `end`, as `_rules_reading` asks
    first, told before the recogniser's names in it are weighed (`model_name`): one of them starts (ends) there, or
    a plausible name does. Most stretches that reach the rules are told here."""
    return ((open_start or any(e.start == start for e in inside) or _name_opens(run, lex, _NO_SPANS))
            and (open_end or any(e.end == end for e in inside) or _name_closes(run, lex, _NO_SPANS)))


def _prose(run: str, lex: Lexicon) -> bool:
    """Whether a stretch is prose, where the rules read no list: it opens with no surname, or holds a function word
    that is never part of a name."""
    return run[0] not in lex.surnames or not _PROSE.isdisjoint(run)


def _noted_list(reading: Reading | None) -> bool:
    """Whether a reading of a run beside a note of sex or nationality (a sure list, however short: 陶大镛黄保尧（壮族）)
    holds names: one or more, and no more gaps than names."""
    return reading is not None and len(reading[2]) >= 1 and reading[0] <= len(reading[2])


_NEVER_IN_NAME = frozenset("的了们着过")  # in a sure list, a gap with one of these is no name (于是之 and 柳随年 are)


def _with_gaps(run: str, names: list[tuple[int, str]], *, lead: bool = False, trail: bool = False
               ) -> list[tuple[int, str]]:
    """The names of a run that is surely a list (its order or its people's notes say so), with each gap of two to
    four characters between two of them as a name too: there, a gap is a name without a surname (丹增, 热地) or one
    the rules for prose turn down. `lead`, `trail`: a note of sex or nationality stands before or after the run,
    so a gap that opens or closes it is a name too (…（藏族）费子文费孝通, 顾诵芬顿珠多吉（藏族）)."""
    out: list[tuple[int, str]] = []
    noted = lead or trail
    bounds = [(0, None), *((offset, name) for offset, name in names), (len(run), None)]
    for (offset, name), (following, after) in itertools.pairwise(bounds):
        if name is not None:
            out.append((offset, name))
        gap_start = offset + len(name) if name is not None else offset
        gap = run[gap_start:following]
        inner = name is not None and after is not None
        edge = (name is None and lead) or (after is None and trail)
        if not 2 <= len(gap) <= 4 or not (inner or edge):
            continue
        if (noted and _NEVER_IN_NAME.isdisjoint(gap)) or (_PROSE.isdisjoint(gap) and not any(c in NOT_IN_NAME
                                                                                               for c in gap)):
            out.append((gap_start, gap))
    return out


def _join_transcriptions(entities: Iterable[Entity], lex: Lexicon) -> list[Entity]:
    """The recogniser's person names, where two that touch and are both written in transcription characters
    without a common surname are one (乌力吉巴雅尔, a Mongolian name, read as 乌力吉 + 巴雅尔)."""
    out: list[Entity] = []
    for e in entities:
        if e.kind != "PER":
            continue
        last = out[-1] if out else None
        if (last is not None and last.end == e.start and "·" not in last.text + e.text
                and all(c in _TRANSCRIPTION for c in last.text + e.text)
                and not lex.surname_rank.get(last.text[0]) and not lex.surname_rank.get(e.text[0])):
            out[-1] = Entity("PER", last.start, e.end, last.text + e.text)
        else:
            out.append(e)
    return out


def _names_closing_bodies(text: str, entities: Iterable[Entity], lex: Lexicon) -> list[Entity]:
    """Names the recogniser read as the end of an organisation, where a title follows (`内科林皓平主任` read as
    the organisation 内科林皓平, or 骨科林 of 骨科林志远博士): the department before the name, the name, then its
    post."""
    found = []
    for entity in entities:
        if entity.kind == "PER" or len(entity.text) < 3 or _looks_like(entity.text, lex):
            continue
        if len(entity.text) >= 4 and (title_after(text, entity.end, lex) or text.startswith(_OTHER_FOLLOW,
                                                                                              entity.end)):
            name = read_name_before(text, entity.end, lex)
            if name is None:  # the characters after a department's ending: 妇产科 + 刘敏, 骨科 + 林志远
                name = next((entity.text[-size:] for size in (3, 2) if lex.org_suffixes.suffix_of(entity.text[:-size])
                             and plausible_name(entity.text[-size:], lex, listed=True)), None)
            if name and entity.end - len(name) >= entity.start + 2:
                found.append(Entity("PER", entity.end - len(name), entity.end, name))
        elif (named := _name_past_body(text, entity, lex)) is not None:
            found.append(named)
    return found


def _name_past_body(text: str, entity: Entity, lex: Lexicon) -> Entity | None:
    """A name the recogniser's organisation ends inside (`骨科林飞跃博士` read as 骨科林): after the department's
    ending, the name that runs on past the organisation up to a title or a word for a person."""
    for ending in range(len(entity.text) - 1, 1, -1):
        if not lex.org_suffixes.suffix_of(entity.text[:ending]):
            continue
        start = entity.start + ending
        for size in (3, 2):
            end = start + size
            if end <= entity.end or not plausible_name(text[start:end], lex, listed=True):
                continue
            if title_after(text, end, lex) or text.startswith(_OTHER_FOLLOW, end):
                return Entity("PER", start, end, text[start:end])
        return None
    return None


def _surnames_before_titles(text: str, entities: Iterable[Entity], lex: Lexicon) -> list[Entity]:
    """Names the recogniser began but ended after the surname (`落实好郑毅书记` read as 郑): where a title follows
    one or two characters later, the name runs up to the title."""
    found = []
    for entity in entities:
        if entity.kind != "PER" or len(entity.text) != 1 or entity.text not in lex.surnames:
            continue
        for size in (2, 1):
            end = entity.end + size
            name = text[entity.start:end]
            if len(name) == size + 1 and title_after(text, end, lex) and plausible_name(name, lex):
                found.append(Entity("PER", entity.start, end, name))
                break
    return found


def find_model_people(text: str, entities: Iterable[Entity], mentions: list[PersonMention], lex: Lexicon
                      ) -> list[PersonMention]:
    """Names the recogniser read that no rule found: people named without a title (`俞正声说`, a list before
    `等参加`). A rule's reading of the same place wins, except that a name the recogniser reads on past a `·`
    (艾则孜·木沙 for the rule's 艾则孜) lengthens it."""
    found: list[PersonMention] = []
    taken = bytearray(len(text))  # characters the rules' names hold, marked (a long text has many)
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    entities = [*_join_transcriptions(entities, lex), *_names_closing_bodies(text, entities, lex),
                *_surnames_before_titles(text, entities, lex)]
    name_starts = {e.start for e in entities}
    for entity in entities:
        splits = len(entity.text) > 4 and "·" not in entity.text
        if not splits and any(taken[entity.start:entity.start + 2]):
            continue  # its one name would start on a rule's name (and a name fitted has two characters or more)
        names = split_run(entity.text, lex) if splits else []
        names = [(offset, name) for offset, name in names if model_name(name, lex)]
        if not names and _model_name_here(text, entity, lex):
            names = [(0, entity.text)]
        for offset, name in names:
            start = entity.start + offset
            if any(taken[start:start + 2]):
                continue  # as above: taken, however `_fit` ends it
            end = _fit(text, start, start + len(name), lex, name_starts)
            if end is None or "·" in text[end - 1:end + 1] or (end - start < len(name)
                                                                 and not model_name(text[start:end], lex)):
                continue  # what is left of a name cut short must be a name too: not 李埠镇 of 李埠镇人大
            name = text[start:end]
            if not any(taken[start:end]):
                titles = title_chain_before(text, start, lex) or title_after(text, end, lex)
                found.append(PersonMention(name, start, end, _OFFICIAL if titles else _OTHER, titles,
                                           guessed=True))
                taken[start:end] = b"\x01" * (end - start)
    return found


def _model_name_here(text: str, entity: Entity, lex: Lexicon) -> bool:
    """`model_name` of what the recogniser read, `titled` where a title chain stands before it; the chain is looked
    for only where it would change the answer, as a title only ever makes a name of more (`model_name`)."""
    return model_name(entity.text, lex) or (model_name(entity.text, lex, titled=True)
                                            and bool(title_chain_before(text, entity.start, lex)))


def title_after(text: str, end: int, lex: Lexicon) -> tuple[Mention, ...]:
    """`内科张明主任`, `王红副院长`: a title head (with its rank) right after a name is the name's title; its scope,
    when written, stands before the name and the head alone still says the post."""
    pos = end
    while True:
        rank = lex.title_ranks.starting_at(text[pos:pos + 4])
        if not rank:
            break
        pos += len(rank)
    head = lex.title_heads.starting_at(text[pos:pos + 8])
    if not head or not boundary_after(text, pos + len(head), lex):
        return ()
    return (Mention("title", text[end:pos + len(head)], end, pos + len(head)),)


# characters of the standard transcriptions of Uyghur, Kazakh, Mongolian, Tibetan and foreign names (阿不都, 买买提,
# 吐尔逊, 古丽娜尔): a `·` between words made of them joins a name, between other words a heading (非遗·乡村)
_TRANSCRIPTION = frozenset(
    "阿艾埃安昂奥巴拜班邦贝本比彼宾波伯布不达代丹道德迪蒂丁都杜多厄恩尔法范菲芬弗福盖甘戈格古哈海罕汉豪赫合亨洪"
    "胡华霍吉加贾杰金卡凯坎康柯科克肯库拉莱赖兰朗劳勒雷里力利丽林琳留隆卢鲁伦罗洛玛马买迈麦曼梅门米明莫姆穆纳"
    "娜奈南内尼努诺帕潘佩皮普齐奇乔琴丘热如萨塞桑瑟森沙莎绍舍什斯松苏索塔泰坦汤唐特提铁托图吐瓦万威维韦温沃乌"
    "西希夏肖谢辛休逊雅亚扬耶伊依因英尤于约扎则泽詹兹孜佐木江买提吾衣甫再肉排赛撒坦帕地汗努洪"
    "基夫娃娅妮莉茨顿登涅捷珀奎夸圭廷缪纽锡钦琼默恰切舒"  # and of Western names (基辛格, 克瓦希涅夫斯基)
)


def dotted_names(text: str, lex: Lexicon) -> list[Entity]:
    """Transcribed names whose parts are joined by `·` (阿不都热依木·吐尔地): each part runs over the characters of
    transcriptions only, so 村民, 县长 or 向 before the name and 率, 等 after it stay out, and 中国·东盟 or
    新闻·视点 give nothing."""
    found: list[Entity] = []
    pos = text.find("·")
    while pos > 0:
        start = pos
        while start > 0 and text[start - 1] in _TRANSCRIPTION:
            start -= 1
        for given in (2, 1):  # 吴明德阿布都·热合曼: 明德 completes the common-surname name before it in a list
            if lex.title_heads.ending_at(text, start):
                break  # 主任古丽娜尔·…: the character before is a title's (任), not a surname
            if (pos - start - given >= 2 and lex.surname_rank.get(text[start - 1:start])
                    and plausible_name(text[start - 1:start + given], lex)):
                start += given
                break
        end = pos
        while end + 1 < len(text) and (text[end + 1] in _TRANSCRIPTION or (text[end + 1] == "·" and end > pos)):
            end += 1
        end += 1
        while end > pos and text[end - 1] == "·":
            end -= 1
        parts = text[start:end].split("·")
        if len(parts) >= 2 and all(len(part) >= 2 for part in parts):
            found.append(Entity("PER", start, end, text[start:end]))
        pos = text.find("·", max(end, pos + 1))
    return found


def element_names(text: str, lex: Lexicon) -> list[Entity]:
    """Tibetan and Mongolian names, which have no surname, read from their elements (扎西 + 次仁, 巴特尔) where the
    context says a person is named: a title or a noun for a person before (`乡党委书记格桑旺堆说`, `牧民其其格`),
    the names enumerated after it with `、`, and a clear end after each."""
    found: list[Entity] = []
    for match in _pattern(lex.name_elements).finditer(text):
        start = match.start()
        if found and start < found[-1].end:
            continue
        if not (title_chain_before(text, start, lex) or lex.person_nouns.ending_at(text, start, min_len=2)):
            continue
        while (name := _elements_at(text, start, lex)) is not None:
            found.append(Entity("PER", start, start + len(name), name))
            if text[start + len(name):start + len(name) + 1] != "、":
                break
            start += len(name) + 1
    return found


def _elements_at(text: str, start: int, lex: Lexicon) -> str | None:
    """The name of one or two elements at `start` with a clear end after it, the longer first."""
    first = lex.name_elements.starting_at(text[start:start + 8])
    if not first:
        return None
    second = lex.name_elements.starting_at(text[start + len(first):start + len(first) + 8])
    for name in ((first + second, first) if second else (first,)):
        end = start + len(name)
        if boundary_strength(text, end, lex) or text[end:end + 1] in _NAME_END or \
                text.startswith(_SAYS, end):
            return name
    return None


def _of_elements(name: str, lex: Lexicon) -> bool:
    """Whether a name is one or two elements of Tibetan or Mongolian names (格桑旺堆), whose words jieba may know."""
    first = lex.name_elements.starting_at(name)
    return first is not None and (first == name or name[len(first):] in lex.name_elements)


_NAME_END = frozenset("、，。；：:,;!?！？（(“”\n")
_SAYS = ("说", "表示", "介绍", "告诉", "家中", "家里", "等")


def lengthen_dotted(text: str, mentions: list[PersonMention], entities: Iterable[Entity]) -> list[PersonMention]:
    """A rule's name inside a transcribed name joined by `·` (艾则孜 of 艾则孜·木沙) takes the whole name."""
    if "·" not in text:
        return list(mentions)  # no transcribed name joined by `·` (the recogniser's names are the text's)
    dotted = [e for e in entities if e.kind == "PER" and "·" in e.text]
    out = []
    for m in mentions:
        whole = next((e for e in dotted if e.start <= m.start and m.end <= e.end and e.text != m.name), None)
        out.append(replace(m, name=whole.text, start=whole.start, end=whole.end) if whole else m)
    return out


def _merge(mentions: list[PersonMention]) -> list[PersonMention]:
    """One mention per span: a byline beats a title reading of the same span; more titles beat fewer."""
    best: dict[tuple[int, int, str], PersonMention] = {}
    for m in mentions:
        key = (m.start, m.end, m.name if m.start == m.end == 0 else "")
        old = best.get(key)
        if old is None or (_RANK[m.role], -len(m.titles)) < (_RANK[old.role], -len(old.titles)):
            best[key] = m
    return sorted(best.values(), key=lambda m: (m.start, m.end))


def extract_people(article: Article, lex: Lexicon, known: dict[str, Role] | None = None, *,
                   first: tuple[PersonMention, ...] | None = None, entities: Sequence[Entity] | None = None
                   ) -> tuple[PersonMention, ...]:
    """All person mentions of an article; `known` adds pass 3 (names known from the whole corpus) to passes 1 and 2,
    or to `first`, what they gave before (`extract_people(article, lex)`), which is then not read again.
    `entities` are the recogniser's names in the article's text, when the caller has them already."""
    text = article.text
    if first is not None:
        mentions = list(first)
    else:
        if entities is None:
            entities = recogniser(lex.surnames).entities(text)
        mentions = _titled_and_credited(article, lex, entities, text)
    if known is None:
        return tuple(mentions)
    credited = {m.name for m in mentions if m.role in CREDITED}
    taken = [(m.start, m.end) for m in mentions if not m.guessed]
    # the page's known names, copied only to leave out a credited one: most articles credit none of them
    rest = known if credited.isdisjoint(known) else {n: r for n, r in known.items() if n not in credited}
    guessed = {(m.start, m.end) for m in mentions if m.guessed}
    found = [k for k in find_known_people(text, rest, taken, lex) if (k.start, k.end) not in guessed]
    mentions = [m for m in mentions if not (m.guessed and any(k.start < m.end and m.start < k.end for k in found))]
    mentions = mentions + [k for k in found if not any(m.start < k.end and k.start < m.end for m in mentions)]
    mentions = mentions + extend_enumerations(text, mentions, lex)
    return tuple(sorted(titles_after(text, mentions, lex), key=lambda m: (m.start, m.end)))


def titles_after(text: str, mentions: Iterable[PersonMention], lex: Lexicon) -> list[PersonMention]:
    """A person named without a title before the name takes the one written after it (`李明副院长`), or the post
    an appointment gives (`李明任某区副区长、代理区长`); names enumerated with `、` before an appointment share it
    (`张三、李四为主席团常务主席`)."""
    people = sorted(mentions, key=lambda m: (m.start, m.end))
    found: list[tuple[Mention, ...]] = [()] * len(people)
    for i in range(len(people) - 1, -1, -1):
        m = people[i]
        if m.role not in _NAMED or m.titles:
            continue  # (a title found after a titled name would be used nowhere: not by it, nor by a name before it)
        nxt = people[i + 1] if i + 1 < len(people) else None
        if nxt is not None and text[m.end:nxt.start] == "、" and found[i + 1] and not nxt.titles:
            found[i] = found[i + 1]  # the appointment after the last name of the list
        else:
            found[i] = title_after(text, m.end, lex) or appointed_titles(text, m.end, lex)
    return [replace(m, titles=titles, role=_OFFICIAL) if titles and not m.titles else m
            for m, titles in zip(people, found, strict=True)]


_APPOINT = compiled(r"当选为|当选|担任|任|为")
_TITLE_END = compiled(r"[，。；：！？,;:!?\n（(]")


def appointed_titles(text: str, end: int, lex: Lexicon) -> tuple[Mention, ...]:
    """`任崇明区副区长、代理区长`, `为主席团常务主席`: the posts named between an appointment word and the end of the
    clause, each ending in a title head; nothing unless every piece is a title."""
    verb = _APPOINT.match(text, end)
    if verb is None:
        return ()
    stop = _TITLE_END.search(text, verb.end(), verb.end() + 60)
    if stop is None:
        return ()
    titles, pos = [], verb.end()
    for piece in text[verb.end():stop.start()].split("、"):
        if not 2 <= len(piece) <= 24 or not lex.title_heads.suffix_of(piece) or not all(is_cjk(c) for c in piece):
            return ()
        titles.append(Mention("title", piece, pos, pos + len(piece)))
        pos += len(piece) + 1
    return tuple(titles)


def _word_after_title(mention: PersonMention, people: Sequence[Entity], lex: Lexicon) -> bool:
    """A "name" after a title that is a surname character and a verb the recogniser does not read as a name
    either: 成员国承诺 (国 + 承诺), 委员能运用."""
    given = mention.name[1:]
    entry = lex.words.get(given) if len(given) == 2 else None
    if entry is None or entry[1] not in _VERB_TAGS:
        return False  # nouns make given names: 蔺红军, 李建国 (told first: most names' given names are no verb)
    return not any(e.start < mention.end and mention.start < e.end for e in people)


def _titled_and_credited(article: Article, lex: Lexicon, entities: Sequence[Entity], text: str
                         ) -> list[PersonMention]:
    """Passes 1 and 2: bylines, titled people and `王书记`, then the names the recogniser reads that no rule found;
    a name credited in a byline is no official too. `text` is the article's (`Article.text` joins it anew)."""
    entities = [*dotted_names(text, lex), *entities] if "·" in text else entities  # the whole name first
    entities = [*element_names(text, lex), *entities]
    people = [e for e in entities if e.kind == "PER"]
    heads = _title_heads(text, lex)
    titled = [m for m in find_titled_people(text, lex, heads) if not _word_after_title(m, people, lex)]
    mentions = _merge(find_bylines(text, lex, article.bylines) + titled)
    mentions = lengthen_dotted(text, mentions, entities)
    credited = {m.name for m in mentions if m.role in CREDITED}
    mentions = [m for m in mentions if m.name not in credited or m.role in CREDITED]
    taken = [(m.start, m.end) for m in mentions]
    mentions += [m for m in find_surname_titles(text, mentions, lex, heads) + find_name_runs(text, lex, entities)
                 if not any(s < m.end and m.start < e for s, e in taken)]
    mentions += [m for m in find_model_people(text, entities, mentions, lex) if m.name not in credited]
    return short_transcribed_names(mentions + numbered_options(text, mentions, entities, lex))


# the markers of numbered options (①, （１）, (1)): the answers of a quiz, the choices of a ballot
_OPTION = compiled(r"([①-⑩])|[（(]([1-9１-９])[）)]")
# ... tried only where one may start: the engine finds these characters fast, the alternation it tries everywhere;
# and no marker holds the opening of another, so the markers are those a scan with _OPTION finds
_OPTION_OPENING = compiled(r"[①-⑩（(]")
# the markers of option one, one of which every run opens with: the first of _OPTION's characters, or the number of
# its bracketed form with the bracket that closes it
_FIRST_OPTION = ("①", "1)", "1）", "１)", "１）")
_OPTION_ITEM = compiled(r"[\u3400-\u9fff]+(?:·[\u3400-\u9fff]+)*")


def _option_markers(text: str) -> list[tuple[int, int, int]]:
    """The markers of numbered options in `text`: each number, start and end."""
    markers = []
    for opening in _OPTION_OPENING.finditer(text):
        match = _OPTION.match(text, opening.start())
        if match is not None:
            number = "①②③④⑤⑥⑦⑧⑨⑩".find(match[1]) + 1 if match[1] else int(match[2])
            markers.append((number, match.start(), match.end()))
    return markers


def _option_groups(text: str) -> Iterator[list[tuple[int, int]]]:
    """Each run of three or more options numbered from one with nothing but a short item between two markers: the
    items' spans (the last one's end, where nothing marks it, is where its characters end)."""
    if not any(marker in text for marker in _FIRST_OPTION):
        return  # no option one, so no run (nearly every text): not scanned for the markers
    group: list[tuple[int, int, int]] = []
    for marker in [*_option_markers(text), (0, len(text) + 1, len(text) + 1)]:
        last = group[-1] if group else None
        if last is not None and marker[0] == last[0] + 1 and _OPTION_ITEM.fullmatch(text, last[2], marker[1]) \
                and marker[1] - last[2] <= 10:
            group.append(marker)
            continue
        if len(group) >= 3:
            spans = [(a[2], b[1]) for a, b in itertools.pairwise(group)]
            tail = _OPTION_ITEM.match(text, group[-1][2])
            if tail is not None:
                yield [*spans, (tail.start(), tail.end())]
        group = [marker] if marker[0] == 1 else []


def numbered_options(text: str, mentions: Sequence[PersonMention], entities: Sequence[Entity], lex: Lexicon
                     ) -> list[PersonMention]:
    """The other options of a numbered choice where one option is a person (`①霍华德②基廷③博尔格`): a quiz asks
    for one of a kind, so each option is a name too. The last option's end is not marked (`③库克人民日报`): the
    name there is the one the recogniser or the rules read, the whole item where it is short, or the transcription
    characters that open it."""
    starts = {m.start: m for m in mentions}
    found = []
    for items in _option_groups(text):
        people = [starts.get(start) for start, _ in items]
        # a person is an option whole, or opens the last one, whose end is not marked
        if not any(m is not None and (m.end == end or i == len(items) - 1)
                   for i, (m, (_, end)) in enumerate(zip(people, items, strict=True))):
            continue
        if any(e.kind != "PER" and e.start < items[-1][1] and items[0][0] < e.end and _looks_like(e.text, lex)
               for e in entities):
            continue  # a place or an organisation among them: a choice of other things
        names = []
        for i, ((start, end), m) in enumerate(zip(items, people, strict=True)):
            if m is not None:
                continue
            if i == len(items) - 1:
                read = next((e for e in entities if e.kind == "PER" and e.start == start and e.end <= end), None)
                if read is not None:
                    end = read.end
                elif end - start > 6:
                    end = start + _transcribed_length(text[start:end])
            name = text[start:end]
            if not (2 <= end - start <= 12 and model_name(name, lex, titled=True)):
                break
            names.append(PersonMention(name, start, end, _OTHER, guessed=True))
        else:
            found.extend(names)
    return found


def _transcribed_length(item: str) -> int:
    """How many of the characters that open `item` are transcription characters (库克 of 库克人民日报)."""
    length = 0
    while length < len(item) and item[length] in _TRANSCRIPTION:
        length += 1
    return length


def short_transcribed_names(mentions: list[PersonMention]) -> list[PersonMention]:
    """A transcribed name written whole once and then in short, in one article: the short form is the same person
    (杜邦 after 让·杜邦, 阿不都热合曼 after 阿不都热合曼·吐尔逊: the last part of a Western name, the first of a
    Uyghur one). Only where one whole name in the article has that part, and not for a short form with a title of
    its own (总统肯尼迪 is not 杰奎琳·肯尼迪)."""
    wholes: dict[str, set[str]] = {}
    for m in mentions:
        if "·" in m.name:
            parts = m.name.split("·")
            for part in {parts[0], parts[-1]}:
                wholes.setdefault(part, set()).add(m.name)
    if not wholes:
        return mentions
    out = []
    for m in mentions:
        whole = wholes.get(m.name, set())
        out.append(replace(m, name=next(iter(whole))) if len(whole) == 1 and len(m.name) >= 2 and not m.titles
                   else m)
    return out
