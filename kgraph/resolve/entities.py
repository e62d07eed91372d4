"""Stage 3: mentions -> entities. One node per person, organisation and place across the whole corpus.

A name is one person unless `kgraph.resolve.homonyms` read it as several (each then has its key). Spelling
variants of a name (OCR and typing errors) are merged into one person when `kgraph.resolve.variants` finds the evidence
for it; the variant stays as an alternate name and the decision is kept in the corpus (`Corpus.merges`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from itertools import islice, starmap
from operator import attrgetter, ne

from kgraph.gazetteer import Division, Gazetteer, load_gazetteer, place_level, short_name
from kgraph.lexicon import Lexicon
from kgraph.model import (
    MAX_PAIRED_PARTICIPANTS,
    Evidence,
    Extraction,
    NameMerge,
    NameSplit,
    Organization,
    Person,
    Place,
    Post,
    Role,
)
from kgraph.resolve.jurisdiction import canonical_org
from kgraph.resolve.variants import NameEvidence, alike_pairs, find_merges, scope_level

_NAME = attrgetter("name")
_ROLE_ORDER = (Role.OFFICIAL, Role.OTHER, Role.REPORTER, Role.PHOTOGRAPHER)
_NO_MEMBERS: frozenset[str] = frozenset()


def name_evidence(extractions: list[Extraction], names: set[str] | None = None) -> dict[str, NameEvidence]:
    """Per spelling (of `names`, or all): how often, where, with which titles and co-participants it was read."""
    evidence: dict[str, NameEvidence] = defaultdict(NameEvidence)
    for extraction in extractions:
        people = extraction.people
        if names is not None:
            if names.isdisjoint(map(_NAME, people)):
                continue
            people = [m for m in people if m.name in names]
        event = extraction.event
        members = {*event.organizers, *event.attendees} if event else _NO_MEMBERS
        paired = len(members) <= MAX_PAIRED_PARTICIPANTS  # no meeting: no co-workers
        article_id, source = extraction.article.id, extraction.article.source
        for m in people:
            item = evidence[m.name]
            item.mentions += 1
            if m.role is Role.OFFICIAL:
                item.official = True
            item.articles.add(article_id)
            item.sources.add(source)
            if m.titles:  # most mentions have neither titles nor a label
                texts = [t.text for t in m.titles]
                item.titles.update(texts)
                item.scopes.update(level for text in texts if (level := scope_level(text)))
            if m.label and (level := scope_level(m.label.text)):
                item.scopes.add(level)
            if paired and m.name in members:
                item.partners |= members  # the name itself is taken out below, not copied out for each mention
    for name, item in evidence.items():
        item.partners.discard(name)
    return dict(evidence)


def merge_variants(extractions: list[Extraction]) -> tuple[list[Extraction], tuple[NameMerge, ...]]:
    """The extractions with variant spellings renamed to the kept spelling, and the merge decisions."""
    pairs = alike_pairs({name for extraction in extractions for name in map(_NAME, extraction.people)})
    names = {name for a, b, _ in pairs for name in (a, b)}
    merges = tuple(find_merges(name_evidence(extractions, names), pairs)) if pairs else ()
    rename = {m.variant: m.kept for m in merges}
    if not rename:
        return extractions, merges

    def fix(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({rename.get(n, n) for n in names}))

    renamed = []
    variants = rename.keys()
    for extraction in extractions:
        event = extraction.event
        if variants.isdisjoint(map(_NAME, extraction.people)) and (
                event is None or (variants.isdisjoint(event.organizers) and variants.isdisjoint(event.attendees))):
            renamed.append(extraction)  # an event's names are sorted and apart already (kgraph.extract.events)
            continue
        people = tuple([m.with_name(rename[m.name]) if m.name in rename else m for m in extraction.people])
        if event is not None:
            organizers = fix(event.organizers)
            event = replace(event, organizers=organizers, speakers=fix(event.speakers),
                            attendees=tuple(n for n in fix(event.attendees) if n not in organizers))
        renamed.append(replace(extraction, people=people, event=event))
    return renamed, merges


def post_orgs(extractions: list[Extraction]) -> dict[tuple[str, str], str]:
    """(person, title) -> the organisation the title names, as printed (recorded on the title mention when it was
    read, `kgraph.extract.posts`); one that names only its kind (全面依法治区委员会) takes the full name the
    article prints for it."""
    found: dict[tuple[str, str], str] = {}
    for extraction in extractions:
        named: list[str] | None = None  # the article's organisations, listed where a title needs them
        for m in extraction.people:
            for title in m.titles:
                org = title.org
                if not org:
                    continue
                if not title.org_specific:  # 全面依法治区委员会主任: the 区委's, named in the article
                    if named is None:
                        named = [o.text for o in extraction.orgs if not o.refers]
                    org = next((n for n in named if n.endswith(org) and n != org), org)
                found.setdefault((m.name, title.text), org)
    return found


def resolve_people(extractions: list[Extraction], lex: Lexicon, merges: tuple[NameMerge, ...] = (),
                   org_names: dict[str, str] | None = None, splits: tuple[NameSplit, ...] = (),
                   held: dict[tuple[str, str], str] | None = None) -> tuple[Person, ...]:
    """One Person per name, or per key of a name read as several people (`splits`); `org_names` maps a printed
    organisation name to its canonical one; `held`: `post_orgs(extractions)`, when the caller has it."""
    roles: dict[str, set[Role]] = defaultdict(set)
    titled: set[str] = set()
    # evidence as (article id, start, end) until made: a tuple hashes and sorts in C, in Evidence's own order
    mentions: dict[str, list[_Where]] = defaultdict(list)
    posts: dict[str, dict[str, list[_Where]]] = defaultdict(lambda: defaultdict(list))
    orgs = post_orgs(extractions) if held is None else held
    org_names = org_names or {}
    aliases: dict[str, list[str]] = defaultdict(list)
    for extraction in extractions:
        article_id = extraction.article.id
        for m in extraction.people:
            name = m.name
            roles[name].add(m.role)
            if "·" in name and "·" not in (printed := extraction.article.text[m.start:m.end]) and printed:
                aliases[name].append(printed)  # 杜邦, written short for 皮埃尔·杜邦
            mentions[name].append((article_id, m.start, m.end))
            if m.titles:
                titled.add(name)
                by_title = posts[name]
                for title in m.titles:
                    by_title[title.text].append((article_id, title.start, title.end))
    for merge in merges:
        if merge.variant != merge.kept.partition("@")[0]:  # not a name kept as one across places
            aliases[merge.kept].append(merge.variant)
    places = {key: place for split in splits for key, place in zip(split.people, split.places, strict=True)}
    people = []
    for name in sorted(roles):
        role = Role.OFFICIAL if name in titled else next(r for r in _ROLE_ORDER if r in roles[name])
        person_posts = tuple(
            Post(title, _canonical(orgs.get((name, title)), org_names), _evidence(evidence))
            for title, evidence in sorted(posts[name].items())
        )
        shown, key = (name.partition("@")[0], name) if name in places else (name, "")
        people.append(Person(shown, role, tuple(sorted(set(aliases[name]))), person_posts,
                             _evidence(mentions[name]), key, places.get(name, "")))
    return tuple(people)


_Where = tuple[str, int, int]  # an Evidence's fields


def _evidence(found: list[_Where]) -> tuple[Evidence, ...]:
    """Each place once, in Evidence's order (article id, start, end). Mostly found in order already, each once:
    sorting what is sorted is a pass, and the set that takes out the repeated is made only where there are some."""
    found = sorted(found)
    if len(found) > 1 and not all(map(ne, found, islice(found, 1, None))):
        found = sorted(set(found))
    return tuple(starmap(Evidence, found))


def _canonical(name: str | None, names: dict[str, str]) -> str | None:
    return names.get(name, name) if name else None


def resolve_orgs(extractions: list[Extraction], lex: Lexicon, home: Division | None = None,
                 held: dict[tuple[str, str], str] | None = None) -> tuple[tuple[Organization, ...], dict[str, str]]:
    """One Organization per canonical name (区委统战部 and 荆州区委统战部 are one), with every printed form and
    the organisation its name says it belongs to; also the printed -> canonical map (`held`:
    `post_orgs(extractions)`, when the caller has it)."""
    printed: dict[str, list[_Where]] = defaultdict(list)  # evidence as tuples until made, as in `resolve_people`
    referring: dict[str, dict[str, list[_Where]]] = defaultdict(lambda: defaultdict(list))
    for extraction in extractions:
        article_id = extraction.article.id
        for m in extraction.orgs:
            evidence = (article_id, m.start, m.end)
            if m.refers:
                printed.setdefault(m.refers, [])
                referring[m.refers][m.text].append(evidence)
            else:
                printed[m.text].append(evidence)
    in_titles: set[str] = set()
    for (_, title), org in (post_orgs(extractions) if held is None else held).items():
        printed.setdefault(org, [])
        if org in title:
            in_titles.add(org)  # printed inside the title; 区委 + 统战部 of a chain is not printed anywhere
    names = {name: canonical_org(name, home, lex) for name in printed}
    grouped: dict[str, list[str]] = defaultdict(list)
    for name, canonical in names.items():
        grouped[canonical].append(name)
    orgs = []
    for canonical in sorted(grouped):
        parent = _parent(canonical, grouped, lex)
        refs = {short: evs for name in grouped[canonical] for short, evs in referring[name].items()}
        evidence = tuple(starmap(Evidence, sorted({ev for name in grouped[canonical] for ev in printed[name]}
                                                  | {ev for evs in refs.values() for ev in evs})))
        forms = tuple(sorted(n for n in grouped[canonical] if printed[n] or n in in_titles)) or (canonical,)
        orgs.append(Organization(canonical, forms, evidence, parent,
                                 tuple(sorted(set(refs) - set(forms)))))
    return tuple(orgs), names


def _parent(canonical: str, names: dict[str, list[str]], lex: Lexicon) -> str | None:
    """The longest other name of `names` that `canonical` starts with and goes on from with an organisation's
    suffix (区委 of 区委统战部; not 区委办 of 区委办公室), or None: its prefixes looked up, not every name compared."""
    for size in range(len(canonical) - 1, 1, -1):
        head = canonical[:size]
        if head in names and lex.org_suffixes.suffix_of(canonical[size:]):
            return head
    return None


def _division(name: str, context: set[str], gazetteer: Gazetteer) -> Division | None:
    """The division a place name stands for; among namesakes, the one whose ancestors the corpus names."""
    candidates = gazetteer.by_name.get(name, ())
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    scored = sorted(((sum(a.name in context or short_name(a.name) in context for a in gazetteer.ancestors(d)), d)
                     for d in candidates), key=lambda item: -item[0])
    return scored[0][1] if scored[0][0] > scored[1][0] else None


def resolve_places(extractions: list[Extraction], home: Division | None = None) -> tuple[Place, ...]:
    """One Place per name, contained in the place the text nests it in (八岭山镇铜岭村), else its gazetteer parent,
    else, for a town or street, the one county the article is about (the home one when it names no other); the
    administrative divisions above them come as places without mentions."""
    gazetteer = load_gazetteer()
    seen: dict[str, list[Evidence]] = defaultdict(list)
    outers: dict[str, Counter] = defaultdict(Counter)
    for extraction in extractions:
        article_id = extraction.article.id
        for m in extraction.places:
            seen[m.text].append(Evidence(article_id, m.start, m.end))
        for inner, outer in extraction.containments:
            outers[inner][outer] += 1
    context = set(seen)
    divisions = {name: _division(name, context, gazetteer) for name in seen}  # once per name, not per mention
    home_chain = {home.code, *(d.code for d in gazetteer.ancestors(home))} if home else set()
    for extraction in extractions:  # towns: the county the article is about
        counties = {d.name for m in extraction.places if (d := divisions[m.text])
                    and d.level == "county" and d.code not in home_chain}
        county = next(iter(counties)) if len(counties) == 1 else (home.name if home and not counties else None)
        for m in extraction.places:
            if county and place_level(m.text) == 2 and not outers[m.text] and not gazetteer.by_name.get(m.text):
                outers[m.text][county] += 1
    places: dict[str, Place] = {}

    def add_division(division: Division, mentions: tuple[Evidence, ...] = (), name: str | None = None) -> None:
        parent = gazetteer.by_code.get(division.parent or "")
        key = name or division.name
        if key in places and not mentions:
            return
        places[key] = Place(key, parent.name if parent else None, mentions, division.code,
                            division.longitude, division.latitude)
        if parent:
            add_division(parent)

    for name, evidence in sorted(seen.items()):
        division = divisions[name]
        if division:
            add_division(division, tuple(evidence), name)
        else:
            outer = outers[name].most_common(1)[0][0] if outers[name] else None
            places[name] = Place(name, outer, tuple(evidence))
            if outer and outer not in seen and (found := _division(outer, context, gazetteer)):
                add_division(found)
    return tuple(places[name] for name in sorted(places))
