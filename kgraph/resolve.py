"""Stage 3: mentions -> entities. One node per person, organisation and place across the whole corpus.

A name is one person: the same name in two articles is the same person. Spelling variants of a name (OCR and
typing errors) are merged into one person when `kgraph.variants` finds the evidence for it; the variant stays
as an alternate name and the decision is kept in the corpus (`Corpus.merges`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from kgraph.extract.orgs import extract_orgs
from kgraph.lexicon import Lexicon
from kgraph.model import Evidence, Extraction, NameMerge, Organization, Person, Place, Post, Role
from kgraph.variants import NameEvidence, find_merges, scope_level

_ROLE_ORDER = (Role.OFFICIAL, Role.OTHER, Role.REPORTER, Role.PHOTOGRAPHER)


def post_org(title: str, lex: Lexicon) -> str | None:
    """The organisation a title names (`区委宣传部部长` -> 区委宣传部), if it names one."""
    orgs = extract_orgs(title, lex)
    return max(orgs, key=lambda m: len(m.text)).text if orgs else None


def name_evidence(extractions: list[Extraction]) -> dict[str, NameEvidence]:
    """Per spelling: how often, where, with which titles and co-participants it was read."""
    evidence: dict[str, NameEvidence] = defaultdict(NameEvidence)
    for extraction in extractions:
        event = extraction.event
        members = set(event.organizers) | set(event.attendees) if event else set()
        for m in extraction.people:
            item = evidence[m.name]
            item.mentions += 1
            item.official |= m.role is Role.OFFICIAL
            item.articles.add(extraction.article.id)
            item.sources.add(extraction.article.source)
            item.titles.update(t.text for t in m.titles)
            if m.name in members:
                item.partners.update(members - {m.name})
            for text in [t.text for t in m.titles] + ([m.label.text] if m.label else []):
                if level := scope_level(text):
                    item.scopes.add(level)
    return dict(evidence)


def merge_variants(extractions: list[Extraction]) -> tuple[list[Extraction], tuple[NameMerge, ...]]:
    """The extractions with variant spellings renamed to the kept spelling, and the merge decisions."""
    merges = tuple(find_merges(name_evidence(extractions)))
    rename = {m.variant: m.kept for m in merges}
    if not rename:
        return extractions, merges

    def fix(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({rename.get(n, n) for n in names}))

    renamed = []
    for extraction in extractions:
        people = tuple(replace(m, name=rename.get(m.name, m.name)) for m in extraction.people)
        event = extraction.event
        if event is not None:
            organizers = fix(event.organizers)
            event = replace(event, organizers=organizers, speakers=fix(event.speakers),
                            attendees=tuple(n for n in fix(event.attendees) if n not in organizers))
        renamed.append(replace(extraction, people=people, event=event))
    return renamed, merges


def resolve_people(extractions: list[Extraction], lex: Lexicon, merges: tuple[NameMerge, ...] = ()
                   ) -> tuple[Person, ...]:
    roles: dict[str, set[Role]] = defaultdict(set)
    titled: set[str] = set()
    mentions: dict[str, list[Evidence]] = defaultdict(list)
    posts: dict[str, dict[str, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
    for extraction in extractions:
        article_id = extraction.article.id
        for m in extraction.people:
            roles[m.name].add(m.role)
            mentions[m.name].append(Evidence(article_id, m.start, m.end))
            for title in m.titles:
                titled.add(m.name)
                posts[m.name][title.text].append(Evidence(article_id, title.start, title.end))
    aliases: dict[str, list[str]] = defaultdict(list)
    for merge in merges:
        aliases[merge.kept].append(merge.variant)
    people = []
    for name in sorted(roles):
        role = Role.OFFICIAL if name in titled else next(r for r in _ROLE_ORDER if r in roles[name])
        person_posts = tuple(
            Post(title, post_org(title, lex), tuple(sorted(set(evidence))))
            for title, evidence in sorted(posts[name].items())
        )
        people.append(Person(name, role, tuple(sorted(aliases[name])), person_posts,
                             tuple(sorted(set(mentions[name])))))
    return tuple(people)


def resolve_orgs(extractions: list[Extraction]) -> tuple[Organization, ...]:
    seen: dict[str, list[Evidence]] = defaultdict(list)
    for extraction in extractions:
        for m in extraction.orgs:
            seen[m.text].append(Evidence(extraction.article.id, m.start, m.end))
    return tuple(Organization(name, (), tuple(ev)) for name, ev in sorted(seen.items()))


def resolve_places(extractions: list[Extraction]) -> tuple[Place, ...]:
    seen: dict[str, list[Evidence]] = defaultdict(list)
    for extraction in extractions:
        for m in extraction.places:
            seen[m.text].append(Evidence(extraction.article.id, m.start, m.end))
    return tuple(Place(name, None, tuple(ev)) for name, ev in sorted(seen.items()))
