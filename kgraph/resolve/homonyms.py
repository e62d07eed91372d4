"""People who share a name, told apart by evidence: one node per real person across many papers.

The mentions of a name on one page are one person. Pages are joined into people by what their mentions say:
- where they are (`kgraph.resolve.locale`): the divisions the mention's titles name (荆州区委书记), those its
  article names, and the page's own county (a district paper names its district on most pages);
- who they work with: co-participants of their events; when: the dates of their articles;
- how rare the name is: a two-character name with a common surname (王勇) is shared by thousands, a longer name
  (周远栋) rarely.
Two groups conflict when they lie in different provinces, or (for a common name) in different counties of one
province, and no co-participant links them. A rare name placed in two counties of one province is one person who
moved; in two provinces too when one group is only mentioned there (a leader quoted) or when all the dates of one
come before those of the other (an official who moved), not when both are officials at the same time. Mentions
placed nowhere join the person they share a co-participant with, else the one named most. A user's
decisions (`kgraph.resolve.decisions`) come first. Each split is kept with its reasons (`NameSplit`).

Every person of a split name gets a key `name@adcode` of the division it is placed in most, so its IRI does not
change when files that do not name it are added; a name that is not split keeps its plain IRI.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import NamedTuple

from kgraph.beside import available, beside
from kgraph.gazetteer import load_gazetteer
from kgraph.lexicon import Lexicon
from kgraph.model import MAX_PAIRED_PARTICIPANTS, Article, Extraction, Mention, NameMerge, NameSplit
from kgraph.regex import compiled
from kgraph.resolve.decisions import Decision
from kgraph.resolve.locale import (
    Locale,
    anchor_of,
    chain,
    count_divisions,
    describe,
    divisions_at_start,
    make_locale,
)

_TITLE_WEIGHT = 3  # a title that names its place says more than the places an article names
_SCOPE_CHARS = frozenset("省市区县州盟旗镇乡街村")  # 州委书记 speaks for a place; 总书记 does not
_COMMON_RANK = 100
_NONE: Counter[str] = Counter()
_NAME = attrgetter("name")
_MAX_REASONS = 10
BESIDE_MIN_ENTRIES = 20_000  # articles naming names (one per name an article names): below, no second process
_FULL_DATE = compiled(r"^\d{4}-\d{2}-\d{2}$")  # surnames ranked this high or higher make two-character names common


def is_common_name(name: str, lex: Lexicon) -> bool:
    """A name many people share: a surname among the most frequent and a one-character given name (王勇, 杨斌).

    A longer or rarer name placed in two counties is more likely one person who moved."""
    if len(name) != 2:
        return False
    rank = lex.surname_rank.get(name[0], 0)
    return 0 < rank <= _COMMON_RANK


_NO_NAMES: frozenset[str] = frozenset()


@dataclass(slots=True, eq=False)
class _Group:
    """The mentions of one name on one page (or several pages forced into one person).

    A corpus of 60,000 articles makes hundreds of thousands of groups, most of one page, with the same provinces and
    counties as the others of their paper: the sets a group only reads are shared (`_shared`, an event's
    participants), and a group copies them into its own `set` only when it absorbs another (`_grown`). Four empty
    sets a group cost more than the rest of it (a quarter of a gigabyte of resolution's peak at 60,000 articles)."""

    name: str
    sources: frozenset[str] | set[str]
    mentions: int = 0
    firm: bool = False  # a participant or the holder of a title with a place, not someone only mentioned
    first: str = ""  # the first and last dates of its articles whose year is known (ISO, so they sort)
    last: str = ""
    # the participants of its events, the group's own name among them where it took part (`_linked` leaves it out)
    partners: frozenset[str] | set[str] = _NO_NAMES
    parts: list[Counter[str]] = field(default_factory=list)  # division counts (shared, never changed), summed late
    provinces: frozenset[str] | set[str] = _NO_NAMES
    counties: frozenset[str] | set[str] = _NO_NAMES
    _locale: Locale | None = None
    _where: str | None = None

    def add(self, counts: Counter[str], spread: tuple[frozenset[str], frozenset[str]] | None = None) -> None:
        """Count the divisions of a title, an article or a page for this group (`spread`: `_spread(counts)`,
        when the caller has it)."""
        if counts:
            self.parts.append(counts)
            self._locale = self._where = None
            provinces, counties = spread or _spread(counts)
            self.provinces = _joined_sets(self.provinces, provinces)
            self.counties = _joined_sets(self.counties, counties)

    def take_part(self, members: frozenset[str]) -> None:
        """Take in the participants of an event of its article."""
        self.partners = _joined_sets(self.partners, members)

    @property
    def counts(self) -> Counter[str]:
        """The sum of the parts, each distinct one counted once times how often it is held: a group placed alike on
        thousands of pages holds the same few shared parts thousands of times."""
        parts = self.parts
        total: Counter[str] = Counter()
        if len(parts) == 1:
            total.update(parts[0])
            return total
        times: dict[int, list] = {}
        for part in parts:
            held = times.get(id(part))
            if held is None:
                times[id(part)] = [part, 1]
            else:
                held[1] += 1
        for part, n in times.values():
            for code, count in part.items():
                total[code] += count * n
        return total

    @property
    def locale(self) -> Locale:
        if self._locale is None:
            self._locale = _locale(tuple(self.counts.items()))
        return self._locale

    @property
    def where(self) -> str:
        """`describe(anchor(self.locale))`: where the group is placed most, as a reason names it."""
        if self._where is None:
            parts = self.parts
            self._where = describe(anchor_of(parts[0] if len(parts) == 1 else self.counts))  # read, not changed
        return self._where

    @property
    def placed(self) -> bool:
        return bool(self.parts)

    def absorb(self, other: _Group) -> None:
        self.sources = _grown(self.sources, other.sources)
        self.mentions += other.mentions
        self.firm |= other.firm
        self.dated(other.first)
        self.dated(other.last)
        self.partners = _grown(self.partners, other.partners)
        self.parts += other.parts
        self.provinces = _grown(self.provinces, other.provinces)
        self.counties = _grown(self.counties, other.counties)
        self._locale = self._where = None

    def absorb_all(self, others: list[_Group]) -> None:
        """`absorb` each of `others` in turn, at once: a unit takes in the thousands of pages placed alike of a busy
        name. A group's first date is never after its last, so the first is the least of the firsts and the last
        the greatest of the lasts."""
        self.sources = _grown_all(self.sources, [other.sources for other in others])
        self.mentions += sum([other.mentions for other in others])
        self.firm = self.firm or any([other.firm for other in others])
        if firsts := [other.first for other in others if other.first]:
            self.first = min(self.first, min(firsts)) if self.first else min(firsts)
            self.last = max(self.last, max(other.last for other in others))
        self.partners = _grown_all(self.partners, [other.partners for other in others])
        for other in others:
            self.parts += other.parts
        self.provinces = _grown_all(self.provinces, [other.provinces for other in others])
        self.counties = _grown_all(self.counties, [other.counties for other in others])
        self._locale = self._where = None

    def dated(self, date: str) -> None:
        """Take in a full date (2022-05-26)."""
        if date:
            self.first = min(self.first or date, date)
            self.last = max(self.last, date)

    def is_at(self, place: str) -> bool:
        """Whether a decision's place names this group: a division it is placed in, in any form the gazetteer
        knows (湖南省, 湖南, 楚雄州), or one of its source files (with or without `.txt`)."""
        if place in self.sources or any(s.rsplit(".", 1)[0] == place for s in self.sources):
            return True
        return any(d.code in self.locale.codes for d in divisions_at_start(place))


@functools.lru_cache(maxsize=1 << 12)
def _locale(counts: tuple[tuple[str, int], ...]) -> Locale:
    """`make_locale` of the counts (code, count) in order, once for equal ones: the groups of a paper's pages are
    mostly placed alike."""
    return make_locale(Counter(dict(counts)))


_SHARED: dict[frozenset[str], frozenset[str]] = {}  # filled while a `_NameIndex` is used (`_indexed`)


def _shared(names: frozenset[str]) -> frozenset[str]:
    """One frozenset for equal ones: the groups of a paper's pages mostly lie in the same provinces and counties."""
    return _SHARED.setdefault(names, names)


def _joined_sets(mine: frozenset[str] | set[str], more: frozenset[str]) -> frozenset[str] | set[str]:
    """`mine | more` for a group taking in an article: `more` itself where it adds to nothing or nothing to it, a
    shared frozenset where both are frozen, else `mine` grown in place (a group that absorbed others)."""
    if more <= mine:
        return mine
    if not mine:
        return more
    if isinstance(mine, set):
        mine |= more
        return mine
    return _shared(mine | more)


def _grown(mine: frozenset[str] | set[str], more: frozenset[str] | set[str]) -> set[str]:
    """`mine | more` as the group's own set, grown in place from now on: a unit absorbs thousands of pages."""
    if not isinstance(mine, set):
        mine = set(mine)
    mine |= more
    return mine


def _grown_all(mine: frozenset[str] | set[str], more: list[frozenset[str] | set[str]]) -> set[str]:
    """`_grown` with each of `more` in turn."""
    if not isinstance(mine, set):
        mine = set(mine)
    mine.update(*more)
    return mine


def _spread(counts: Counter[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The provinces and the counties the divisions of `counts` lie in."""
    found = [_province_county(code) for code in counts]
    return _shared(frozenset(p for p, _ in found)), _shared(frozenset(c for _, c in found if c))


@functools.lru_cache(maxsize=1 << 14)
def _province_county(code: str) -> tuple[str, str | None]:
    """The province a division lies in, and its county (None above county level)."""
    gazetteer = load_gazetteer()
    division = gazetteer.by_code[code]
    divisions = chain(division, gazetteer)
    return divisions[-1].code, next((d.code for d in divisions if d.level == "county"), None)


_Counts = tuple[Counter[str], tuple[frozenset[str], frozenset[str]]]  # division counts and their `_spread`


class _Article(NamedTuple):
    """What the names of one article read off it, once for all of them."""

    source: str
    article: Article  # its id is asked only of a page naming the name in several articles
    date: str  # its date if full (ISO), else ""
    members: frozenset[str]  # its event's organisers and attendees, empty without an event
    paired: bool  # few enough of them to be co-workers
    counts: _Counts | None  # the divisions the article names (`_Pages.counts`), None if none


_Entry = tuple[_Article, int, tuple[Mention, ...]]  # an article naming a name: its mentions and their titles in order


def _index(extraction: Extraction, names: set[str] | None, counts: _Counts | None,
           found: dict[str, list[_Entry]]) -> None:
    """Add the names of `names` (all if None) the extraction names to `found`, each with its article (one
    `_Article` for all of them), how often it names it and their titles."""
    named: dict[str, list] = {}
    for m in extraction.people:
        name = m.name
        if names is not None and name not in names:
            continue
        known = named.get(name)
        if known is None:
            named[name] = [1, m.titles]
        else:
            known[0] += 1
            known[1] += m.titles
    if not named:
        return
    article, event = extraction.article, extraction.event
    members = frozenset((*event.organizers, *event.attendees)) if event is not None else _NO_NAMES
    date = article.date
    read = _Article(article.source, article, date if date and _FULL_DATE.match(date) else "", members,
                    len(members) <= MAX_PAIRED_PARTICIPANTS, counts)
    for name, (count, titles) in named.items():
        found[name].append((read, count, titles))


class _Pages:
    """Division counts per article, with their spread, and, per page, the page's own county (the one it names most,
    when it leads). Equal counts (the same places in the same order) are one Counter, spread once: most articles of
    a paper name the same few divisions, and a Counter an article was a tenth of resolution's memory."""

    def __init__(self) -> None:
        self.gazetteer = load_gazetteer()
        self.alike: dict[tuple[tuple[str, int], ...], _Counts] = {}
        self.named: dict[tuple[str, ...], _Counts | None] = {}  # the same names in the same order count the same
        self.pages: dict[str, Counter[str]] = {}

    def counts(self, extraction: Extraction) -> _Counts | None:
        """The division counts of an article (None if it names none), counted for its page too."""
        if not extraction.places and not extraction.orgs:
            return None
        names = tuple([m.text for m in extraction.places] + [m.text for m in extraction.orgs if not m.refers])
        named = self.named
        if names in named:
            known = named[names]
        else:
            counts = count_divisions(names, self.gazetteer)
            key = tuple(counts.items())
            known = self.alike.get(key)
            if known is None and counts:
                known = self.alike[key] = (counts, _spread(counts))
            named[names] = known
        if known is not None:
            source = extraction.article.source
            page = self.pages.get(source)
            if page is None:
                page = self.pages[source] = Counter()
            page.update(known[0])
        return known

    def homes(self) -> dict[str, _Counts]:
        """Per page that names a division, the page's own county when one leads, else all it names (spread). Equal
        ones are one Counter: a unit of thousands of pages then sums a few distinct parts (`_Group.counts`)."""
        by_code = self.gazetteer.by_code
        homes: dict[str, _Counts] = {}
        alike: dict[tuple[tuple[str, int], ...], _Counts] = {}
        for source, counts in self.pages.items():
            counties = Counter({code: n for code, n in counts.items() if by_code[code].level == "county"})
            ranked = counties.most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
                counts = Counter({ranked[0][0]: 1})
            key = tuple(counts.items())
            home = alike.get(key)
            if home is None:
                home = alike[key] = (counts, _spread(counts))
            homes[source] = home
        return homes


class _NameIndex:
    """The articles that name each name (`found`), and what places their pages, read once; a name's groups are made
    when asked (`groups`), and its articles let go then.

    Made one name at a time, from an index of the articles that name it: all names' groups at once (hundreds of
    thousands at 60,000 articles) were most of resolution's peak memory, and each name is clustered on its own.
    Each article is read once for all the names it holds (`_index`), and dropped once its last name is grouped
    (its names' lists hold it): a busy name is mentioned thousands of times, and an event's participants (up to
    100) would otherwise be copied once per participant."""

    def __init__(self, extractions: Sequence[Extraction], names: set[str] | None = None) -> None:
        self.found: dict[str, list[_Entry]] = defaultdict(list)  # name -> the articles that name it
        pages = _Pages()
        for extraction in extractions:
            _index(extraction, names, pages.counts(extraction), self.found)
        self.homes = pages.homes()
        self.titles: dict[str, tuple[_Counts | None, bool]] = {}
        self.sources: dict[str, frozenset[str]] = {}

    def groups(self, name: str) -> tuple[dict[str, _Group], _Unplaced]:
        """The groups of `name` placed somewhere, by page, and its pages placed nowhere (`_placed_groups`)."""
        return _placed_groups(name, self.found.pop(name), self.homes, self.titles, self.sources)


@contextmanager
def _indexed(extractions: Sequence[Extraction], names: set[str] | None = None) -> Iterator[_NameIndex]:
    """The `_NameIndex` of the names of `names` (all if None), and `_SHARED` emptied once done with it."""
    try:
        yield _NameIndex(extractions, names)
    finally:
        _SHARED.clear()


def _groups(extractions: Sequence[Extraction], names: set[str] | None = None
            ) -> Iterator[tuple[str, dict[str, _Group]]]:
    """Per name of `names` (all if None), in order, its mentions grouped by page, the groups placed nowhere made
    too (what `_outcomes` makes only when asked)."""
    with _indexed(extractions, names) as index:
        for name in sorted(index.found):
            placed, unplaced = index.groups(name)
            yield name, {**placed, **unplaced.groups()}


def _title_place(text: str, known: dict[str, tuple[_Counts | None, bool]]) -> tuple[_Counts | None, bool]:
    """The counts of the one division a title names (with their spread), or None, and whether it names any or
    speaks for a place (`_SCOPE_CHARS`); remembered in `known` while the groups are made."""
    place = known.get(text)
    if place is None:
        found = divisions_at_start(text)
        counts = _title_counts(found[0].code) if len(found) == 1 else None
        place = known[text] = ((counts, _spread(counts)) if counts else None,
                               bool(found) or text[:1] in _SCOPE_CHARS)
    return place


def _placed_groups(name: str, read: Sequence[_Entry], homes: dict[str, _Counts],
                   titles: dict[str, tuple[_Counts | None, bool]], sources: dict[str, frozenset[str]]
                   ) -> tuple[dict[str, _Group], _Unplaced]:
    """The groups of one name placed somewhere, by page, from the articles that name it, and its pages placed
    nowhere (`titles`: what `_title_place` found so far; `sources`: each page's one-page `_Group.sources`)."""
    pages: dict[str, list[_Entry]] = {}
    for entry in read:
        page = pages.get(entry[0].source)
        if page is None:
            pages[entry[0].source] = [entry]
        else:
            page.append(entry)
    groups: dict[str, _Group] = {}
    unplaced = _Unplaced(name, titles, sources)
    for source, page in pages.items():
        home = homes.get(source)
        if home is None and not _placed(page, titles):
            unplaced.pages[source] = page
            continue
        one = sources.get(source)
        if one is None:
            one = sources[source] = _shared(frozenset((source,)))
        groups[source] = _page_group(name, one, page, home, titles)
    return groups, unplaced


def _placed(page: list[_Entry], titles: dict[str, tuple[_Counts | None, bool]]) -> bool:
    """Whether the articles of a page without a home of its own name a division, or a title of the name does."""
    for article, _, held in page:
        if article.counts is not None:
            return True
        for title in held:
            if (titles.get(title.text) or _title_place(title.text, titles))[0] is not None:
                return True
    return False


class _Unplaced:
    """The pages a name is placed on nowhere, and their groups when asked: a name placed in one person needs
    none (its groups placed nowhere join that person, and say nothing of where it is)."""

    def __init__(self, name: str, titles: dict[str, tuple[_Counts | None, bool]],
                 sources: dict[str, frozenset[str]]) -> None:
        self.name, self.titles, self.sources = name, titles, sources
        self.pages: dict[str, list[_Entry]] = {}

    def __len__(self) -> int:
        return len(self.pages)

    def groups(self) -> dict[str, _Group]:
        """The group of each page, as `_placed_groups` makes the others."""
        groups: dict[str, _Group] = {}
        for source, page in self.pages.items():
            one = self.sources.get(source)
            if one is None:
                one = self.sources[source] = _shared(frozenset((source,)))
            groups[source] = _page_group(self.name, one, page, None, self.titles)
        return groups


def _page_group(name: str, source: frozenset[str], page: list[_Entry], home: _Counts | None,
                titles: dict[str, tuple[_Counts | None, bool]]) -> _Group:
    """The group of one name on one page, from the page's articles that name it: its fields made at once, not
    grown an article at a time."""
    if len(page) == 1:
        return _article_group(name, source, page[0], home, titles)
    return _articles_group(name, source, page, home, titles)


def _articles_group(name: str, source: frozenset[str], page: list[_Entry], home: _Counts | None,
                    titles: dict[str, tuple[_Counts | None, bool]]) -> _Group:
    """`_page_group` of a page with any number of articles naming the name."""
    mentions = 0
    firm = False
    places: list[_Counts] = []
    partners: list[frozenset[str]] = []
    first = last = ""
    ids: set[str] | None = set() if len(page) > 1 else None  # an article given twice counts its divisions once
    for article, count, held in page:
        mentions += count
        if _titles_placed(held, titles, places):
            firm = True
        if name in article.members:  # the participants, gathered only where the name is one of them
            firm = True
            if article.paired:
                partners.append(article.members)
        if date := article.date:
            if not first or date < first:
                first = date
            if date > last:
                last = date
        if article.counts is not None and (ids is None or article.article.id not in ids):
            places.append(article.counts)
            if ids is not None:
                ids.add(article.article.id)
    if home is not None:
        places.append(home)
    return _spread_over(_Group(name, source, mentions, firm, first, last, _together(partners),
                               [counts for counts, _ in places]), places)


def _article_group(name: str, source: frozenset[str], entry: _Entry, home: _Counts | None,
                   titles: dict[str, tuple[_Counts | None, bool]]) -> _Group:
    """`_page_group` of a page with one article naming the name, as most are: no dates to compare, no articles
    to count once, no participants to join."""
    article, mentions, held = entry
    places: list[_Counts] = []
    firm = _titles_placed(held, titles, places)
    partners = _NO_NAMES
    if name in article.members:
        firm = True
        if article.paired:
            partners = article.members
    if article.counts is not None:
        places.append(article.counts)
    if home is not None:
        places.append(home)
    return _spread_over(_Group(name, source, mentions, firm, article.date, article.date, partners,
                               [counts for counts, _ in places]), places)


def _titles_placed(held: Sequence[Mention], titles: dict[str, tuple[_Counts | None, bool]],
                   places: list[_Counts]) -> bool:
    """Add the place each title names to `places`; whether any title names or speaks for a place."""
    firm = False
    for title in held:
        place, scoped = titles.get(title.text) or _title_place(title.text, titles)
        if place is not None:
            places.append(place)
        if scoped:
            firm = True
    return firm


def _spread_over(group: _Group, places: list[_Counts]) -> _Group:
    """`group` with the provinces and counties its places spread over."""
    if len(places) == 1:
        group.provinces, group.counties = places[0][1]
    elif places:
        group.provinces = _union([spread[0] for _, spread in places])
        group.counties = _union([spread[1] for _, spread in places])
    return group


def _together(found: list[frozenset[str]]) -> frozenset[str]:
    """The union of the participants of a group's events: not shared (`_union`), as equal unions are rare and
    large, and `_SHARED` would keep them all until the last name is grouped."""
    if len(found) == 1:
        return found[0]
    return found[0].union(*found[1:]) if found else _NO_NAMES


def _union(found: list[frozenset[str]]) -> frozenset[str]:
    """The union of shared frozensets, itself shared (most are one and the same)."""
    if not found:
        return _NO_NAMES
    first = found[0]
    if len(found) == 1:
        return first
    rest = [names for names in found if names is not first and names != first]
    if not rest:
        return first
    return _shared(first.union(*rest))


@functools.lru_cache(maxsize=1 << 12)
def _title_counts(code: str) -> Counter[str]:
    """The counts of a title that names one division (shared by every group that holds it, never changed)."""
    return Counter({code: _TITLE_WEIGHT})


def _linked(a: _Group, b: _Group) -> list[str]:
    """The co-participants two groups (of one name) share: one with a name of three or more characters, or two."""
    if a.partners.isdisjoint(b.partners):
        return []
    shared = sorted((a.partners & b.partners) - {a.name, b.name})
    return shared if len(shared) >= 2 or any(len(n) > 2 for n in shared) else []


def _linked_to(person: list[_Group], partners: set[str], unit: _Group) -> bool:
    """Whether a co-participant links `unit` to a group of `person`, whose groups' `partners` together are given.
    Asked first of them all, as a busy name's pages would otherwise each be compared with every page before it:
    no group links where the person's co-participants and the unit's share no name but their own, nor where they
    share one name of two characters (`_linked`)."""
    if not unit.partners or partners.isdisjoint(unit.partners):
        return False
    shared = (partners & unit.partners) - {unit.name}
    if any(len(n) > 2 for n in shared):
        return True  # a group of the person has it among its co-participants: `_linked` holds for that one
    if len(shared) < 2:
        return False
    # two of them in one group: what `_linked` asks of each group, among the names the unit shares with any
    return any(len(shared.intersection(g.partners)) >= 2 for g in person)


def _conflict(a: _Group, b: _Group, common: bool) -> str | None:
    """Why two placed groups cannot be one person, or None."""
    if not a.placed or not b.placed:
        return None
    gazetteer = load_gazetteer()
    pa, pb = a.provinces, b.provinces
    if pa and pb and not pa & pb:
        if not common and (not (a.firm and b.firm) or _one_after_the_other(a, b)):
            return None  # a rare name: someone only mentioned there, or an official who moved
        names = "、".join(sorted(gazetteer.by_code[c].name for c in pa)), \
            "、".join(sorted(gazetteer.by_code[c].name for c in pb))
        return f"different provinces ({names[0]} / {names[1]})"
    if common and a.counties and b.counties and not a.counties & b.counties:
        return f"a common name in different counties ({a.where} / {b.where})"
    return None


def _conflicts(a: _Group, b: _Group, common: bool) -> bool:
    """Whether `_conflict` finds a reason, without writing it: the clustering asks for every pair it compares, and
    only the first few joins' reasons are written (a reason names the places, from each group's locale)."""
    if not a.parts or not b.parts:
        return False
    pa, pb = a.provinces, b.provinces
    if pa and pb and pa.isdisjoint(pb):
        return common or (a.firm and b.firm and not _one_after_the_other(a, b))
    return bool(common and a.counties and b.counties and a.counties.isdisjoint(b.counties))


def _one_after_the_other(a: _Group, b: _Group) -> bool:
    """Whether both groups are dated and one's dates all come before the other's: a move is plausible."""
    return bool(a.first and b.first) and (a.last < b.first or b.last < a.first)


def _decided(decisions: Sequence[Decision], a: _Group, b: _Group) -> Decision | None:
    for decision in decisions:
        if (a.is_at(decision.a) and b.is_at(decision.b)) or (a.is_at(decision.b) and b.is_at(decision.a)):
            return decision
    return None


_Join = str | Callable[[], str]  # why groups were joined, or what writes it (`_cluster`)


def _cluster(groups: list[_Group], common: bool, decisions: Sequence[Decision], unplaced: _Unplaced | None = None
             ) -> tuple[list[list[_Group]], list[_Join]]:
    """Groups joined into people: forced `same` first, then each placed group into the first person it conflicts
    with in nothing (or is linked to), then the unplaced ones. Also why groups in different places were joined: a
    reason, or for a group placed apart what writes it (called before the groups change; a name joined on
    thousands of pages keeps the first few reasons only). `unplaced`: more groups, all placed nowhere, made only
    where the placed ones are several people (without decisions; fewer people are not split by them)."""
    if not decisions and _one_place(groups):
        return [groups], []
    joins: list[_Join] = []
    units: list[_Group] = []
    for group in groups if decisions else ():
        for unit in units:  # forced same: one unit
            if (decision := _decided(decisions, unit, group)) and decision.same:
                joins.append(f"{decision.a} and {decision.b}: decided same ({decision.origin})")
                unit.absorb(group)
                break
        else:
            units.append(group)
    if not decisions:
        units = _placed_alike(groups)
    units.sort(key=_order)
    people: list[list[_Group]] = []
    named: list[int] = []  # the mentions of each person, kept as units join it: not summed for every unit
    partners: list[set[str]] = []  # the co-participants of each person's groups (`_linked_to`)

    def allowed(person: list[_Group], unit: _Group) -> bool:
        return not decisions or not any((d := _decided(decisions, g, unit)) and not d.same for g in person)

    def ordered() -> Iterator[_Group]:
        yield from units
        if unplaced and len(people) > 1:  # asked once the placed ones are done
            yield from sorted(unplaced.groups().values(), key=_order)

    for unit in ordered():  # the first person that fits: the others need not be compared
        if not decisions and not unit.placed and len(people) == 1:
            people[0].append(unit)  # the only person: linked or not, it is the one named most
            continue
        clash = False  # whether the person it joins holds a group it conflicts with
        if unit.placed:
            fit = None
            for i, p in enumerate(people):
                if allowed(p, unit):
                    clash = any(_conflicts(g, unit, common) for g in p)
                    if not clash or _linked_to(p, partners[i], unit):
                        fit = i
                        break
        else:
            fit = next((i for i, p in enumerate(people) if allowed(p, unit) and _linked_to(p, partners[i], unit)), None)
            if fit is None:  # else the one named most (the first of those named as often)
                fit = min((i for i, p in enumerate(people) if allowed(p, unit)), key=lambda i: -named[i],
                          default=None)
        if fit is not None:
            person = people[fit]
            if unit.placed and (clash if common else any(_conflicts(g, unit, True) for g in person)):
                joins.append(functools.partial(_joined, person, len(person), unit))
            people[fit].append(unit)
            named[fit] += unit.mentions
            partners[fit] |= unit.partners
        else:
            people.append([unit])
            named.append(unit.mentions)
            partners.append(set(unit.partners))
    return people, joins


def _order(group: _Group) -> tuple[bool, int, str]:
    """Placed first, then named most, then by page."""
    return not group.placed, -group.mentions, min(group.sources)


def _placed_alike(groups: list[_Group]) -> list[_Group]:
    """The groups with those placed alike (the pages of one paper) made one unit, the first of them: a name on
    thousands of pages is compared a few times, not once per pair of pages."""
    units: list[_Group] = []
    alike: dict[tuple[frozenset[str], frozenset[str], bool], list[_Group]] = {}
    for group in groups:
        if group.placed:
            signature = (frozenset(group.provinces), frozenset(group.counties), group.firm)
            same = alike.get(signature)
            if same is not None:
                same.append(group)
                continue
            alike[signature] = [group]
        units.append(group)
    for same in alike.values():
        if len(same) > 1:
            same[0].absorb_all(same[1:])
    return units


def _one_place(groups: list[_Group]) -> bool:
    """Whether no two groups could conflict, even for a common name: all those placed lie in one province and in at
    most one county. They are then one person, joined with no reason to give, whatever `_cluster` would compare."""
    provinces: set[str] = set()
    counties: set[str] = set()
    for group in groups:
        provinces |= group.provinces
        counties |= group.counties
        if len(provinces) > 1 or len(counties) > 1:
            return False
    return True


def _joined(person: list[_Group], size: int, unit: _Group) -> str:
    """Why a group placed where a common name would be another person joins `person` when it held `size` groups
    (one of which separates them)."""
    person = person[:size]
    other = next(g for g in person if _conflicts(g, unit, True))
    where = f"{other.where} and {unit.where}"
    if linked := next((shared for g in person if (shared := _linked(g, unit))), None):
        return f"{where}: shared co-participant {'、'.join(linked)}"
    if other.firm and unit.firm:
        when = f" ({other.first} - {other.last} / {unit.first} - {unit.last})" if _one_after_the_other(other, unit) \
            else ""
        return f"{where}: a rare name, one person who moved{when}"
    return f"{where}: a rare name, only mentioned in one of them"


def _why(person_a: list[_Group], person_b: list[_Group], common: bool, decisions: Sequence[Decision]) -> str:
    for a in person_a:
        for b in person_b:
            if (decision := _decided(decisions, a, b)) and not decision.same:
                return f"decided different ({decision.origin})"
    for a in person_a:
        for b in person_b:
            if why := _conflict(a, b, common):
                return why + ", no shared co-participant"
    return "no evidence joins them"


def _merged(person: list[_Group]) -> _Group:
    total = _Group(person[0].name, set())
    total.absorb_all(person)
    return total


class _Outcome(NamedTuple):
    """What `split_homonyms` decided of one name placed on several pages."""

    name: str
    kept: NameMerge | None  # one person though placed apart, with why
    split: NameSplit | None  # several people
    keys: tuple[tuple[str, str], ...] = ()  # a split name's key on each of its pages: (page, key)
    main: str = ""  # the key of the person of a split name named most


def split_homonyms(extractions: Sequence[Extraction], lex: Lexicon, decisions: Sequence[Decision] = (),
                   merges: Sequence[NameMerge] = (), *, jobs: int = 1
                   ) -> tuple[list[Extraction], tuple[NameSplit, ...], tuple[NameMerge, ...]]:
    """The extractions with each name that stands for several people renamed to one key per person
    (`王勇@421003`), the split decisions, and the merges with their kept name renamed to its main person, plus a
    merge of a name with itself for each name placed apart but kept as one person (why: a co-participant, a rare
    name that moved, a decision). With `jobs` above 1, a large corpus's names are told apart in two processes
    (`_outcomes`); the result is the same."""
    splits: list[NameSplit] = []
    rename: dict[str, dict[str, str]] = defaultdict(dict)  # source -> name -> key
    main: dict[str, str] = {}
    kept: list[NameMerge] = []  # names in several places read as one person, with why
    for outcome in _outcomes(extractions, lex, decisions, jobs):
        if outcome.kept is not None:
            kept.append(outcome.kept)
        if outcome.split is not None:
            splits.append(outcome.split)
            for source, key in outcome.keys:
                rename[source][outcome.name] = key
            main[outcome.name] = outcome.main
    if not rename:
        return list(extractions), (), (*merges, *kept)
    return (_renamed(extractions, rename), tuple(splits),
            (*(replace(m, kept=main.get(m.kept, m.kept)) for m in merges), *kept))


def _outcomes(extractions: Sequence[Extraction], lex: Lexicon, decisions: Sequence[Decision], jobs: int
              ) -> list[_Outcome]:
    """What was decided of each name placed on several pages, in name order. With `jobs` above 1 and at least
    `BESIDE_MIN_ENTRIES` articles naming names, a forked process decides about half of them (by their articles)
    while this one decides the rest: the names are independent once indexed, and the pool's workers are gone."""
    with _indexed(extractions) as index:
        names = sorted(index.found)

        def decide(some: list[str]) -> list[_Outcome]:
            return [outcome for name in some if (outcome := _decide(name, *index.groups(name), lex, decisions))]

        if jobs < 2 or not available() or sum(map(len, index.found.values())) < BESIDE_MIN_ENTRIES:
            return decide(names)
        mine, theirs = _halves(names, index.found)
        here, there = beside(lambda: decide(mine), lambda: decide(theirs), doing="telling namesakes apart")
        return sorted(here + there, key=_NAME)


def _halves(names: list[str], found: dict[str, list[_Entry]]) -> tuple[list[str], list[str]]:
    """The names in two parts of about as many articles each (what grouping and clustering a name costs grows
    with), each in order."""
    parts: tuple[list[str], list[str]] = ([], [])
    sizes = [0, 0]
    for name in names:
        smaller = sizes[1] < sizes[0]
        parts[smaller].append(name)
        sizes[smaller] += len(found[name])
    return parts


def _decide(name: str, placed: dict[str, _Group], unplaced: _Unplaced, lex: Lexicon, decisions: Sequence[Decision]
            ) -> _Outcome | None:
    """Whether the groups of `name` (by page) are one person or several, and why; None for a name on one page or
    one person with nothing to say."""
    if len(placed) + len(unplaced) < 2:  # one page: one person
        return None
    common = is_common_name(name, lex)
    if wanted := [d for d in decisions if d.name == name]:
        by_source = {**placed, **unplaced.groups()}
        people, found = _cluster([by_source[s] for s in sorted(by_source)], common, wanted)
    else:
        people, found = _cluster([placed[s] for s in sorted(placed)], common, wanted, unplaced)
    joins = [why if isinstance(why, str) else why() for why in found[:_MAX_REASONS]]
    if len(found) > _MAX_REASONS:
        joins.append(f"and {len(found) - _MAX_REASONS} more places")
    if len(people) < 2:
        if not joins:
            return None
        return _Outcome(name, NameMerge(name, name, tuple(f"kept together: {why}" for why in joins)), None)
    totals = [_merged(person) for person in people]
    keys, places = [], []
    for total in totals:
        division = anchor_of(total.counts)
        key = f"{name}@{division.code}" if division else f"{name}@{min(total.sources)}"
        keys.append(key if key not in keys else f"{key}.{min(total.sources)}")
        places.append(describe(division))
    reasons = [f"{places[i]} / {places[j]}: {_why(people[i], people[j], common, wanted)}"
               for i in range(len(people)) for j in range(i + 1, len(people))]
    if common:
        reasons.append(f"{name} is a common name")
    reasons += [f"kept together: {why}" for why in joins]
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    split = NameSplit(name, tuple(keys[i] for i in order), tuple(places[i] for i in order), tuple(reasons))
    pages = tuple((source, key) for key, person in zip(keys, people, strict=True) for group in person
                  for source in group.sources)
    return _Outcome(name, None, split, pages, keys[max(range(len(keys)), key=lambda i: (totals[i].mentions, -i))])


def _renamed(extractions: Sequence[Extraction], by_source: dict[str, dict[str, str]]) -> list[Extraction]:
    """The extractions with the names of `by_source` (source -> name -> key) renamed; the others as they are."""
    result = []
    for extraction in extractions:
        table = by_source.get(extraction.article.source)
        if table is None or (names := table.keys()).isdisjoint(map(_NAME, extraction.people)):
            result.append(extraction)
            continue
        people = tuple([m.with_name(table[m.name]) if m.name in table else m for m in extraction.people])
        event = extraction.event
        if event is not None and not (names.isdisjoint(event.organizers) and names.isdisjoint(event.attendees)
                                      and names.isdisjoint(event.speakers)):
            get = table.get
            event = event.with_people(tuple(map(get, event.organizers, event.organizers)),
                                      tuple(map(get, event.attendees, event.attendees)),
                                      tuple(map(get, event.speakers, event.speakers)))
        result.append(extraction.with_people(people, event))
    return result
