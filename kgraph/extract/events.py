"""The event an article reports, and each person's part in it.

Two people "work together" when they organise or attend the same event, so the parts decide the network:
reporters and photographers are never attendees, and a leader whose speech is only studied (`传达学习…王蒙徽…
讲话精神`) is mentioned, not present.
"""

from __future__ import annotations

import re

from kgraph.model import CREDITED, Article, Event, Mention, Part, PersonMention
from kgraph.regex import compiled

# the parts as module constants: a member of an Enum looked up on its class (`Part.ATTENDEE`) costs ten times
# a global in Python 3.11, and each mention's part is made and asked for
_MENTIONED, _ORGANIZER, _ATTENDEE = Part.MENTIONED, Part.ORGANIZER, Part.ATTENDEE

# (type, words that signal it), in order of precedence when a headline names several
EVENT_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("座谈", ("座谈会", "座谈", "协商会", "协商")),
    ("调研", ("调研",)),
    ("考察", ("考察",)),
    ("督办", ("督办", "督导", "督查", "暗访", "检查")),
    ("走访", ("走访", "约访", "接访", "看望", "慰问")),
    ("学习", ("集体学习", "学习会", "辅导", "宣讲", "党课")),
    ("会议", ("会议", "常务会", "大会", "部署会", "推进会", "培训会", "现场会", "反馈会", "研讨会", "会")),
    ("活动", ("活动", "仪式", "启动")),
)
_ORGANIZE = compiled(r"[^，。；！？\n]{0,3}?(主持召开|主持|带队|率队|率|召集)")
# (the patterns of the words after a name are matched at its end: `.match(text, end)`)
# `张远重专题调研…`, `万玲玲到川店镇调研`: the subject of a visit leads it
_NOT_SUBJECT = compiled(r"在|到|陪同|参加|随同|和|与|及|对|向|由|请|邀请")
_LEADS = compiled(r"(?![^，。；！？\n]{0,4}?(参加|出席|陪同|随同|列席))[^，。；！？、\n]{0,6}?"
                    r"(调研|考察|视察|督办|暗访|走访|慰问|看望|约访|检查)")
_STUDIED_BEFORE = compiled(r"(学习|传达|贯彻|领会|研读|落实)[^，。；！？\n]*$")
_STUDIED_AFTER = compiled(r"[^。；！？\n]{0,40}?(讲话|精神|指示|批示|思想|论述|理念)")
# a leader's thought or speech named right after the name is studied, not attended: 习近平法治思想
_STUDIED_NAMED = compiled(
    r"(?!同志?在|作|做|发表)[^，。；！？\n]{0,14}?(思想|讲话精神|重要指示|重要批示|重要论述|新理念)"
)
# `“…成长。”荆州区马山中学校长陈建军说`: a source quoted after the quotation is heard, not met
_QUOTE_BEFORE = compiled(r"”[^，。；！？“”\n]{0,30}$")
_QUOTE_AFTER = compiled(r"(说|表示|介绍|告诉记者|坦言)")
_SPEAK = compiled(r"[^，。；！？\n]{0,3}?(强调|指出|要求|讲话|表示|介绍|发言|说|提出|希望)")  # at a name's end
_VENUE = compiled(r"(在|到|赴|于|来到|走进|前往)$")
_SENTENCE_START = compiled(r"[。；！？\n]")


def _first_sentence(body: str) -> str:
    """The body up to its first sentence's end: what splitting it there gives first, without copying the rest."""
    end = _SENTENCE_START.search(body)
    return body if end is None else body[:end.start()]


def event_type(article: Article, first: str | None = None) -> str:
    """The kind of activity, read from the headline first, then the body's first sentence (`first`, when the caller
    has it): the kind of highest precedence that a word found there signals."""
    first = _first_sentence(article.body) if first is None else first
    for text in (article.headline + article.subheadline, first):
        ranks = [_RANK[match[0] + match[match.lastindex]] for match in _KIND_WORD.finditer(text)]
        if ranks:
            return EVENT_TYPES[min(ranks)][0]
    return "活动"


# each word of EVENT_TYPES by the rank of its kind, and the words as one pattern: each position where one starts
# gives the one of highest rank starting there (the rest of the words of each first character in rank order,
# looked for ahead so that matches may overlap), so the least rank found is the first kind whose words the text
# holds, in one search instead of one per word
_RANK: dict[str, int] = {}
for _rank, (_, _words) in enumerate(EVENT_TYPES):
    for _word in _words:
        _RANK.setdefault(_word, _rank)
_RESTS: dict[str, list[str]] = {}
for _word in sorted(_RANK, key=_RANK.__getitem__):
    _RESTS.setdefault(_word[0], []).append(re.escape(_word[1:]))
_KIND_WORD = compiled("|".join(re.escape(first) + "(?=(" + "|".join(rests) + "))" for first, rests in _RESTS.items()))


_CLAUSE_END = compiled(r"[，。；！？\n]")


def part_of(text: str, mention: PersonMention, backwards: str | None = None, *, studied: bool = True,
            quoted: bool = True) -> Part:
    """Organizer, attendee or merely mentioned, from the words around one mention. `backwards`: the text reversed
    (`text[::-1]`), when the caller has it: the clause end before the name is then the first one searched for
    from the name back, in C (a search back for each of the clause ends runs past the clause to the one found
    last, and a list of all the text's clause ends cost more than the mentions asked about them). `studied` and
    `quoted` False: the text holds no word of a speech studied (`_STUDY_WORDS`), no closing quotation mark, and
    the tests that need one are not made."""
    if mention.role in CREDITED:
        return _MENTIONED
    end = mention.end  # the words after the name are matched in place: a copy of the rest of the text per mention
    before = None
    if studied:
        before = _clause_before(text, mention.start, backwards)
        if (_STUDIED_BEFORE.search(before) and _STUDIED_AFTER.match(text, end)) or _STUDIED_NAMED.match(text, end):
            return _MENTIONED
    if quoted and _QUOTE_BEFORE.search(text[max(0, mention.start - 31):mention.start]) and \
            _QUOTE_AFTER.match(text, end):
        return _MENTIONED
    if _ORGANIZE.match(text, end):
        return _ORGANIZER
    if _LEADS.match(text, end) and not _NOT_SUBJECT.search(
            _clause_before(text, mention.start, backwards) if before is None else before):
        return _ORGANIZER
    return _ATTENDEE


def _clause_before(text: str, start: int, backwards: str | None) -> str:
    """The text of the clause before `start`, from the last clause end before it (see `part_of`)."""
    if backwards is None:
        clause_start = max(text.rfind(c, 0, start) for c in "，。；！？\n") + 1
    else:  # after the last clause end before the name
        last = _CLAUSE_END.search(backwards, len(text) - start)
        clause_start = len(text) - last.start() if last else 0
    return text[clause_start:start]


# every word `_STUDIED_AFTER` or `_STUDIED_NAMED` needs holds one of these: a text without them studies no speech
_STUDY_WORDS = compiled("讲话|精神|指示|批示|思想|论述|理念")


def assign_parts(article: Article, people: tuple[PersonMention, ...], text: str | None = None
                 ) -> tuple[PersonMention, ...]:
    """Each mention with its part; a person is an organizer if any of their mentions says so. `text`: the
    article's text, when the caller has it (`Article.text` joins it anew at each call)."""
    if not people:
        return ()
    text = article.text if text is None else text
    backwards = text[::-1]
    studied, quoted = _STUDY_WORDS.search(text) is not None, "”" in text
    parts = [part_of(text, m, backwards, studied=studied, quoted=quoted) for m in people]
    # a mention whose part is already the one found is kept as it is (reporters' and photographers' always are)
    return tuple(m if m.part is part else m.with_part(part) for m, part in zip(people, parts, strict=True))


def event_place(article: Article, places: tuple[Mention, ...], text: str | None = None, first: str | None = None
                ) -> str | None:
    """Where it happened: a place after 在/到/赴 in the first sentence of the body, else the first place named
    there; None rather than a guess from further down. `text`: as for `assign_parts`; `first`: as for
    `event_type`."""
    text = article.text if text is None else text
    body_start = len(text) - len(article.body)
    first_end = body_start + len(_first_sentence(article.body) if first is None else first)
    early = [p for p in places if body_start <= p.start < first_end]
    for place in early:
        if _VENUE.search(text[max(0, place.start - 2):place.start]):
            return place.text
    return early[0].text if early else None


def extract_event(article: Article, people: tuple[PersonMention, ...], places: tuple[Mention, ...] = (),
                  text: str | None = None) -> Event | None:
    """The article's event, or None when nobody takes part in it. `text`: as for `assign_parts`."""
    organizers = sorted({m.name for m in people if m.part is _ORGANIZER})
    attendees = sorted({m.name for m in people if m.part is _ATTENDEE} - set(organizers))
    if not organizers and not attendees:
        return None
    text = article.text if text is None else text
    members = set(organizers) | set(attendees)
    speakers: set[str] = set()
    for m in people:  # the words after each mention of a member not yet heard speaking, matched in place
        if m.name in members and m.name not in speakers and _SPEAK.match(text, m.end, m.end + 8):
            speakers.add(m.name)
    first = _first_sentence(article.body)
    return Event(event_type(article, first), article.date, event_place(article, places, text, first),
                 tuple(organizers), tuple(attendees), tuple(sorted(speakers)))
