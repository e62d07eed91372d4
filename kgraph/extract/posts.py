"""The organisation each title names, recorded on the title mention when the title is read.

`区委常委、宣传部部长` names 区委 and 区委宣传部: the department takes the party committee named before it. Stage 3
links each post to its organisation from what is recorded here, so it never reads titles again.
"""

from __future__ import annotations

import operator

from kgraph.extract.orgs import extract_orgs, is_scoped, is_specific
from kgraph.lexicon import Lexicon
from kgraph.model import PersonMention

_TEXT = operator.attrgetter("text")
_MAX_CHAINS = 1 << 16
# the same titles recur in thousands of articles: their organisations, and whether those say which one, once per
# lexicon (lexicons are loaded once per process and kept, so their ids are stable)
_chains: dict[tuple[int, tuple[str, ...]], tuple[tuple[str | None, bool], ...]] = {}


def post_org(title: str, lex: Lexicon) -> str | None:
    """The organisation a title names, as printed (`区委宣传部部长` -> 区委宣传部), if it names one."""
    orgs = extract_orgs(title, lex)
    return max(orgs, key=lambda m: len(m.text)).text if orgs else None


def chain_orgs(titles: tuple[str, ...], lex: Lexicon) -> tuple[str | None, ...]:
    """The organisation of each title of a chain, as printed, with a department that names no jurisdiction
    taken into the party committee named before it: `区委常委、宣传部部长` -> 区委, 区委宣传部."""
    orgs: list[str | None] = []
    committee = None
    for title in titles:
        org = post_org(title, lex)
        if org and committee and not is_scoped(org) and org.endswith("部"):
            org = committee + org
        if org and org.endswith("委") and is_scoped(org):
            committee = org
        orgs.append(org)
    return tuple(orgs)


def record_post_orgs(people: tuple[PersonMention, ...], lex: Lexicon) -> tuple[PersonMention, ...]:
    """The people with each title mention's `org` and `org_specific` set."""
    out = []
    for person in people:
        if not person.titles:
            out.append(person)
            continue
        titles = tuple(map(_TEXT, person.titles))
        key = (id(lex), titles)
        chain = _chains.get(key)
        if chain is None:
            if len(_chains) >= _MAX_CHAINS:
                _chains.clear()
            chain = _chains[key] = tuple((org, bool(org) and is_specific(org, lex))
                                         for org in chain_orgs(titles, lex))
        out.append(person.with_titles(tuple(t.with_org(org, specific)
                                            for t, (org, specific) in zip(person.titles, chain, strict=True))))
    return tuple(out)
