"""Members of a list whose kind the text states after it: `包括四机厂、四机赛瓦、与时塑业等15家企业` names three
companies, `建设铜铃岗森林水世界、浅山森林美术公园等19个乡村旅游园区` two places. The members need no suffix:
the list says what they are."""

from __future__ import annotations

import operator

from kgraph.lexicon import Lexicon
from kgraph.model import Mention
from kgraph.regex import compiled

_TAIL = r"等(?:在内的)?\s*(?:\d+|[一二三四五六七八九十百几多]+)?\s*[家个处]?"
_KIND_WORDS = {"org": r"(?:企业|公司|厂家|商家)", "place": r"[\u4e00-\u9fff]{0,4}(?:园区|景区|景点|基地|村|社区)"}
KINDS = {kind: compiled(r"((?:[\u4e00-\u9fff]{2,12}、)+[\u4e00-\u9fff]{2,10})" + _TAIL + words)
         for kind, words in _KIND_WORDS.items()}
# the last member of such a list with what follows it: found in a text that holds a list, as the list's last
# member follows a `、`. It opens with that character, which the engine finds fast, where a scan with the whole
# pattern tries a run of members at every character (a few percent of the extraction's time); few texts hold one.
_LAST_MEMBER = {kind: compiled(r"、[\u4e00-\u9fff]{2,10}" + _TAIL + words) for kind, words in _KIND_WORDS.items()}
_LEAD = compiled(r"包括|如|像|有|了|是|等")
_MAX_ITEM = 10


def list_members(text: str, kind: str, lex: Lexicon) -> list[Mention]:
    """The members of the lists of `kind` (org or place) in `text`; the first one without the words that lead
    to the list (包括, 建设)."""
    found: list[Mention] = []
    if not _LAST_MEMBER[kind].search(text):
        return found
    for match in KINDS[kind].finditer(text):
        items, offset = match.group(1).split("、"), match.start(1)
        lead = _lead(items[0], lex)
        items[0], offset = items[0][lead:], offset + lead
        for item in items:
            if 2 <= len(item) <= _MAX_ITEM:
                found.append(Mention(kind, item, offset, offset + len(item)))
            offset += len(item) + 1
    return found


def _lead(item: str, lex: Lexicon) -> int:
    """Where the first member starts: after the last verb before it (甄选了包括 | 四机厂, 重点建设 | 铜铃岗…)."""
    lead, offset = 0, 0
    for word in lex.cut(item, hmm=False)[:-1]:
        offset += len(word)
        if (lex.tag(word) or "")[:1] in ("v", "p", "u") or _LEAD.fullmatch(word):
            lead = offset
    return lead


def add_listed(text: str, mentions: tuple[Mention, ...], kind: str, lex: Lexicon) -> tuple[Mention, ...]:
    """`mentions` with the members of lists of `kind` that no mention overlaps yet, in reading order; a member
    that holds mentions (龙隐湖 of 龙隐湖滨水民宿园) replaces them."""
    members = list_members(text, kind, lex)
    if not members:  # most texts hold no list: the mentions in order, without a scan of no members per mention
        return tuple(sorted(mentions, key=_SPAN))
    kept = [m for m in mentions if not any(n.start <= m.start and m.end <= n.end and n != m for n in members)]
    new = [n for n in members if not any(o.start < n.end and n.start < o.end for o in kept)]
    return tuple(sorted((*kept, *new), key=_SPAN))


_SPAN = operator.attrgetter("start", "end")
