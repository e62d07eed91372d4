"""Titles by grammar: scope + optional rank + head, read leftwards from where a name starts.

`区委常委、常务副区长周远栋`: the head 区长 ends right before the name; its rank 常务副 and any scope (荆州区委,
区人大常委会党组) extend to the left until a delimiter, a verb or a stop word; titles chain over `、` and `兼`
(and `，` when the piece before is itself a title: `荆州区委常委、副区长，荆州高新区党工委委员、副主任王厚强`).
"""

from __future__ import annotations

import re

from kgraph.lexicon import Lexicon
from kgraph.model import Mention

DELIMITERS = set("，。、；：！？“”‘’（）()《》【】「」\n\t ,.;:!?\"'—·…□■●兼")
_MAX_TITLE = 24
# prepositions, conjunctions, particles and pronouns end a scope; verbs do not (全面依法治区委员会 has verbs)
_CUT_TAGS = {"p", "c", "r", "ul", "uj", "uz", "ug", "y", "e"}


def _scope_start(text: str, head_start: int, lex: Lexicon) -> int:
    """Where the title's scope begins: after the last delimiter, verb or stop word before the head."""
    begin = head_start
    while begin > 0 and text[begin - 1] not in DELIMITERS and head_start - begin < _MAX_TITLE:
        begin -= 1
    if begin == head_start:
        return begin
    tokens = lex.cut(text[begin:head_start], hmm=False)
    offset, start = begin, begin
    for i, token in enumerate(tokens):
        offset += len(token)
        tag = lex.tag(token) or ""
        if (token in lex.scope_stops or tag in _CUT_TAGS or token.isdigit()) and not _joins_fields(tokens, i, lex):
            start = offset
    return start


_JOINS = frozenset(("和", "与", "及"))
_FIELD_TAGS = frozenset(("n", "vn", "l", "nz"))


def _joins_fields(tokens: tuple[str, ...], i: int, lex: Lexicon) -> bool:
    """Whether token i joins two fields of one department's name (县林业和草原局局长, 财经事务及库务局局长): nouns
    of two or more characters on both sides, no title before it and no jurisdiction after it."""
    if tokens[i] not in _JOINS or i == 0 or i + 1 >= len(tokens):
        return False
    before, after = tokens[i - 1], tokens[i + 1]
    return (len(before) >= 2 and len(after) >= 2 and after[0] not in "省市区县镇乡村州旗盟"
            and lex.tag(before) in _FIELD_TAGS and lex.tag(after) in _FIELD_TAGS
            and not lex.title_heads.suffix_of(before))


def title_before(text: str, end: int, lex: Lexicon) -> Mention | None:
    """The single title that ends exactly at `end`, or None."""
    head = lex.title_heads.ending_at(text, end)
    if head is None:
        return None
    start = _scope_start(text, end - len(head), lex)
    title = text[start:end]
    if title in lex.scope_stops:
        return None
    return Mention("title", title, start, end)


def title_chain_before(text: str, end: int, lex: Lexicon) -> tuple[Mention, ...]:
    """All titles of a chain that ends at `end`, in reading order."""
    chain: list[Mention] = []
    pos = end
    while True:
        title = title_before(text, pos, lex) or _shared_head_title(text, pos, chain, lex)
        if title is None:
            break
        chain.append(title)
        if title.start == 0 or text[title.start - 1] not in "、，,兼":
            break
        pos = title.start - 1
    return tuple(reversed(chain))


def _shared_head_title(text: str, end: int, chain: list[Mention], lex: Lexicon) -> Mention | None:
    """`A中心、B公司负责人姚军`: an organisation before `、` shares the head of the title after it."""
    if not chain or text[end:end + 1] != "、":
        return None
    head = lex.title_heads.suffix_of(chain[-1].text)
    if head is None or not lex.org_suffixes.ending_at(text, end, min_len=2):
        return None
    start = _scope_start(text, end, lex)
    if end - start < 3:
        return None
    return Mention("title", text[start:end] + head, start, end)


def split_title_list(text: str, start: int, lex: Lexicon) -> tuple[Mention, ...]:
    """Titles written as `区委常委、区政府党组成员` inside brackets after a name: split on 、 and keep real ones."""
    out = []
    for match in re.finditer(r"[^、，,]+", text):
        piece = match.group()
        if lex.title_heads.suffix_of(piece):
            out.append(Mention("title", piece, start + match.start(), start + match.end()))
    return tuple(out)


def group_label_before(text: str, end: int, lex: Lexicon) -> Mention | None:
    """`两区领导路明、胡庆海`: a generic label (with its scope) that introduces names without giving a title."""
    for label in lex.group_labels:
        if text.startswith(label, end - len(label)):
            start = _scope_start(text, end - len(label), lex)
            return Mention("label", text[start:end], start, end)
    return None
