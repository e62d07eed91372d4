"""Stage 3: mentions -> entities. One node per person, organisation and place across the whole corpus.

A name is one person: the same name in two articles is taken to be the same person unless the evidence
conflicts (that refinement, and merging OCR variants, live here when they come).
"""

from __future__ import annotations

from collections import defaultdict

from kgraph.extract.orgs import extract_orgs
from kgraph.lexicon import Lexicon
from kgraph.model import Evidence, Extraction, Organization, Person, Place, Post, Role

_ROLE_ORDER = (Role.OFFICIAL, Role.OTHER, Role.REPORTER, Role.PHOTOGRAPHER)


def post_org(title: str, lex: Lexicon) -> str | None:
    """The organisation a title names (`区委宣传部部长` -> 区委宣传部), if it names one."""
    orgs = extract_orgs(title, lex)
    return max(orgs, key=lambda m: len(m.text)).text if orgs else None


def resolve_people(extractions: list[Extraction], lex: Lexicon) -> tuple[Person, ...]:
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
    people = []
    for name in sorted(roles):
        role = Role.OFFICIAL if name in titled else next(r for r in _ROLE_ORDER if r in roles[name])
        person_posts = tuple(
            Post(title, post_org(title, lex), tuple(sorted(set(evidence))))
            for title, evidence in sorted(posts[name].items())
        )
        people.append(Person(name, role, (), person_posts, tuple(sorted(set(mentions[name])))))
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
