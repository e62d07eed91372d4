"""Reading a Chinese personal name at a position: surname + one or two given characters.

Chinese text has no spaces, so where a name ends is decided by what follows it: a name must end right before
punctuation, a word that typically follows names (主持, 强调, 、), or another real word. When several lengths fit,
jieba's own segmentation breaks the tie.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

from kgraph.lexicon import Lexicon
from kgraph.regex import compiled

# characters that never end or sit inside a given name in running news text
NOT_IN_NAME = frozenset("的了和与及或在是对为从把被将也都就还又而并等之其这那个们年月日时号第摄")
# in prose a date or a function word, in given names common (李延年, 于是之, 何其昌): a name of a list or one between
# a department and its title may hold them
GIVEN_IN_LISTS = frozenset("年之其")
# surnames that are far more often function words: 和中国, 向记者 are no names
_FUNCTION_SURNAMES = set("和向于同及与以将但也都")
_DIVISION_ENDS = frozenset("省市区县")  # no given name ends with these, a place name often does
_COMMON_WORD = 100  # a dictionary word this frequent is a word, not a name, unless jieba tags it as a name
_VERY_COMMON_WORD = 1000
T = TypeVar("T")
_CJK_NAME = compiled(r"[\u3400-\u9fff]{2,4}")  # the characters of a name, as kgraph.lexicon.CJK reads them


def is_cjk(char: str) -> bool:
    """Whether one character is a Chinese one (kgraph.lexicon.CJK's range): compared, not matched, as it is asked
    of nearly every character the extractors look at."""
    return "\u3400" <= char <= "\u9fff"


def boundary_strength(text: str, end: int, lex: Lexicon) -> int:
    """How surely a name may end at `end`: 2 before punctuation, the end or a multi-character word that follows
    names (主持, 作了); 1 before a one-character one (在, 了) or another common word; 0 where it cannot end."""
    if end >= len(text) or not is_cjk(text[end]):
        return 2
    rest = text[end:end + 6]
    known = _BOUNDARIES.of(lex)
    strength = known.get(rest)
    if strength is None:
        strength = known[rest] = _strength_before(rest, lex)
    return strength


def _strength_before(rest: str, lex: Lexicon) -> int:
    """`boundary_strength` before `rest`, the six characters after the end, the first a Chinese one."""
    follow = lex.name_follow.starting_at(rest)
    if (follow and len(follow) > 1) or lex.title_heads.starting_at(rest):
        return 2
    if follow:
        return 1
    for size in (4, 3, 2):
        word = rest[:size]
        entry = lex.words.get(word)
        if len(word) == size and entry and entry[0] >= 20 and not entry[1].startswith("nr"):
            return 1
    return 0


def boundary_after(text: str, end: int, lex: Lexicon) -> bool:
    """True when a name may end at `end`: punctuation or the end, a name-follow word, or a common word."""
    return boundary_strength(text, end, lex) > 0


class _Answers(Generic[T]):
    """Answers about short strings for the lexicon last asked with (`plausible_name`'s, `boundary_strength`'s,
    `read_name_at`'s): the finders ask about the same few thousand strings (王书记, 李明强调) in article after
    article, each several times, and a look-up costs a tenth of the tests. Forgotten at once when they grow too
    many, as `Lexicon.cut`'s cuts are."""

    def __init__(self, limit: int = 100_000) -> None:
        self.limit = limit  # answers of each kind
        self.lex: Lexicon | None = None
        self.known: dict[Hashable, dict[str, T]] = {}

    def of(self, lex: Lexicon, kind: Hashable = None) -> dict[str, T]:
        """The answers for `lex` of one kind (the options asked with), by string."""
        if lex is not self.lex:
            self.lex, self.known = lex, {}
        known = self.known.get(kind)
        if known is None or len(known) >= self.limit:
            known = self.known[kind] = {}
        return known


_PLAUSIBLE: _Answers[bool] = _Answers()
_BOUNDARIES: _Answers[int] = _Answers()
_NAMES_AT: _Answers[str] = _Answers()  # "" for no name
_SHAPES: _Answers[tuple[str, ...]] = _Answers()  # _name_shapes's
MODEL_NAMES: _Answers[bool] = _Answers()  # kgraph.extract.people.model_name's
SUFFIX_TOKENS: _Answers[str | None] = _Answers()  # kgraph.extract.orgs._is_suffix_token's
SPECIFIC: _Answers[bool] = _Answers(1 << 14)  # kgraph.extract.orgs.is_specific's: a paper names the same bodies
LOOKS_LIKE: _Answers[bool] = _Answers()  # kgraph.extract.people._looks_like's
PLACES_IN: _Answers[tuple] = _Answers(20_000)  # kgraph.extract.orgs._places_in's: the places of short snippets


def forget_answers() -> None:
    """Drop the remembered answers (up to 100,000 of each kind): once extraction is over, nothing asks again."""
    for answers in (_PLAUSIBLE, _BOUNDARIES, _NAMES_AT, _SHAPES, MODEL_NAMES, SUFFIX_TOKENS, SPECIFIC, LOOKS_LIKE,
                    PLACES_IN):
        answers.lex, answers.known = None, {}


def plausible_name(name: str, lex: Lexicon, *, listed: bool = False, delimited: bool = False) -> bool:
    """A surname-led string that is not a common word, a title or a kinship term.

    `listed`: the string stands in an enumeration of names (`陈振文、于建春、文英雄`), where a given name that is
    also a common word (英雄) is still a given name, and 年, 之, 其 may stand in a given name of two. `delimited`:
    separators stand on both sides of it (`、韦新和、`), so 和 in it is no conjunction."""
    if name[:1] not in lex.surnames and name[:2] not in lex.compound_surnames:
        return False  # most strings asked about open with no surname: the cheapest test first
    known = _PLAUSIBLE.of(lex, (listed, delimited))
    answer = known.get(name)
    if answer is None:
        answer = known[name] = _plausible(name, lex, listed=listed, delimited=delimited)
    return answer


def _plausible(name: str, lex: Lexicon, *, listed: bool, delimited: bool) -> bool:
    """`plausible_name` of a string that opens with a surname, worked out."""
    if _CJK_NAME.fullmatch(name) is None:
        return False
    surname = name[:2] if name[:2] in lex.compound_surnames and len(name) >= 3 else name[:1]
    if surname not in lex.surnames and surname not in lex.compound_surnames:
        return False
    given = name[len(surname):]
    if not given or len(given) > 2 or not _given_characters(given, listed=listed, delimited=delimited):
        return False
    if lex.not_given_names.starting_at(given) or lex.title_heads.starting_at(given) or lex.title_heads.suffix_of(name):
        return False
    if given in lex.org_suffixes or given in lex.place_suffixes:
        return False
    if surname in _FUNCTION_SURNAMES and len(given) < 2:
        return False
    if len(name) == 3 and name[-1] in _DIVISION_ENDS and not delimited:
        return False  # 罗湖区财政局: a district, not a name
    given_entry = lex.words.get(given)
    if not listed and len(given) == 2 and given_entry and not given_entry[1].startswith("nr") and (
            given_entry[0] >= 5000 or (surname in _FUNCTION_SURNAMES and given_entry[0] >= 50)):
        return False
    entry = lex.words.get(name)
    # jieba files some frequent words under nr (光荣, 卫星), never a three-character name that opens with a surname
    known_name = entry is not None and entry[1].startswith("nr") and len(name) == 3
    if entry and not known_name and (entry[0] >= _VERY_COMMON_WORD
                                      or (entry[0] >= _COMMON_WORD and not entry[1].startswith("nr"))):
        return False
    if len(given) == 2 and len(surname) == 1:
        head = lex.words.get(name[:2])  # 区委办: 区委 is a word, so this is no name
        if head and head[0] >= _COMMON_WORD and not head[1].startswith("nr"):
            return False
    return True


def _given_characters(given: str, *, listed: bool, delimited: bool) -> bool:
    """Whether no character of a given name is one that never stands in one (see `plausible_name` for `listed` and
    `delimited`); most given names hold none, which one set test tells."""
    return NOT_IN_NAME.isdisjoint(given) or not any(
        c in NOT_IN_NAME and not (delimited and c == "和") and not (listed and len(given) == 2 and c in GIVEN_IN_LISTS)
        for c in given)


def read_name_at(text: str, pos: int, lex: Lexicon, *, listed: bool = False) -> str | None:
    """The personal name that starts at `pos`, or None; the surest boundary wins, then jieba, then length."""
    if text[pos:pos + 1] not in lex.surnames and text[pos:pos + 2] not in lex.compound_surnames:
        return None  # no name opens there (plausible_name's first test), as at most places asked about
    # all the reading depends on: four characters of name, six after it (boundary_strength), jieba's cut of eight
    window = text[pos:pos + 10]
    known = _NAMES_AT.of(lex, listed)
    name = known.get(window)
    if name is None:
        name = known[window] = _read_name(window, lex, listed=listed) or ""
    return name or None


def _read_name(text: str, lex: Lexicon, *, listed: bool) -> str | None:
    """`read_name_at` position 0 of `text`, worked out."""
    candidates: list[tuple[int, str]] = []
    for name in _name_shapes(text, lex, listed=listed):
        strength = boundary_strength(text, len(name), lex)
        if strength:
            candidates.append((strength, name))
    if not candidates:
        return None
    best = max(strength for strength, _ in candidates)
    names = [name for strength, name in candidates if strength == best]
    if len(names) == 1:
        return names[0]
    tokens = lex.cut(text[:8])
    first = tokens[0] if tokens else ""
    return first if first in names else max(names, key=len)


def _name_shapes(text: str, lex: Lexicon, *, listed: bool) -> tuple[str, ...]:
    """The names `_read_name` weighs at position 0 of `text`, in its order: plausible, and no dictionary word runs
    on past them. They depend on the name's characters and the two after them, five characters (six after a
    compound surname), which recur far more often than `read_name_at`'s ten: remembered by those."""
    head = text[:6] if text[:2] in lex.compound_surnames else text[:5]
    known = _SHAPES.of(lex, listed)
    shapes = known.get(head)
    if shapes is None:
        shapes = known[head] = _shapes(head, lex, listed=listed)
    return shapes


def _shapes(text: str, lex: Lexicon, *, listed: bool) -> tuple[str, ...]:
    """`_name_shapes`, worked out."""
    shapes = []
    # a name of a two-character surname is read only after one: past any other first character, its three or four
    # characters are a surname of one and a given name of two (read below) or three (no name)
    for surname_len in (2, 1) if text[:2] in lex.compound_surnames else (1,):
        for given_len in (2, 1):
            name = text[:surname_len + given_len]
            if len(name) != surname_len + given_len or not plausible_name(name, lex, listed=listed):
                continue
            if not _word_runs_on(text, 0, len(name), lex):
                shapes.append(name)
    return tuple(shapes)


def _word_runs_on(text: str, pos: int, size: int, lex: Lexicon) -> bool:
    """Whether a dictionary word other than a name starts with the name and runs past it (满怀信心 for 满怀)."""
    for longer in range(size + 2, size, -1):
        entry = lex.words.get(text[pos:pos + longer])
        if entry and len(text[pos:pos + longer]) == longer and not entry[1].startswith("nr"):
            return True
    return False


def starts_token(text: str, pos: int, lex: Lexicon, *, hmm: bool = True) -> bool:
    """Whether jieba, reading the few characters around `pos`, starts a word at `pos` (`hmm`: with its guesses
    at unknown words, which helps names and hurts place names: 到川 of 到川店镇)."""
    begin = max(0, pos - 4)
    offset = begin
    for token in lex.cut(text[begin:pos + 4], hmm=hmm):
        if offset == pos:
            return True
        if offset > pos:
            return False
        offset += len(token)
    return offset == pos


def read_name_before(text: str, end: int, lex: Lexicon) -> str | None:
    """The personal name that ends exactly at `end` (for `张盛勇（区人大常委会主任）`), or None."""
    for size in (3, 2, 4):
        start = end - size
        if start < 0:
            continue
        if start > 0 and is_cjk(text[start - 1]) and (size == 2 or not starts_token(text, start, lex)):
            continue  # a name glued to the text before it must at least start a word there (书法跟着老师)
        name = read_name_at(text[start:end], 0, lex)  # what it reads in text[:end] at start, without the copy
        if name and len(name) == size:
            return name
    return None
