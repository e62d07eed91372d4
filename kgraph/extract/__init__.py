"""Stage 2: article -> mentions (people with titles, organisations, places) and the article's event."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kgraph.extract.events import assign_parts, extract_event
from kgraph.extract.lists import add_listed
from kgraph.extract.model_names import model_names
from kgraph.extract.ner import Entity, recogniser
from kgraph.extract.orgs import extract_orgs, is_scoped, refer_back
from kgraph.extract.people import extract_people
from kgraph.extract.places import document_spans, extract_places, place_containments
from kgraph.extract.posts import record_post_orgs
from kgraph.extract.tokens import tokenize
from kgraph.lexicon import Lexicon, load_lexicon
from kgraph.model import Article, Extraction, Mention, PersonMention, Role

__all__ = ["extract_article", "extract_people", "known_names", "load_lexicon", "read_entities",
           "read_entities_of"]


def read_entities(article: Article, lex: Lexicon) -> tuple[Entity, ...]:
    """The names the statistical recogniser reads in an article: people, places, organisations."""
    return tuple(recogniser(lex.surnames).entities(article.text))


def read_entities_of(articles: Sequence[Article], lex: Lexicon) -> list[tuple[Entity, ...]]:
    """`read_entities` of each article, the articles read together (the decoder's cost is less per call)."""
    return [tuple(found) for found in recogniser(lex.surnames).entities_of([article.text for article in articles])]


def extract_article(article: Article, lex: Lexicon, known: dict[str, Role] | None = None,
                    first: tuple[PersonMention, ...] | None = None, entities: Sequence[Entity] | None = None
                    ) -> Extraction:
    """Everything found in one article; `known` are names read with a title anywhere in the corpus, `first` the
    people the article names on its own (`extract_people(article, lex)`), when the caller has them already, and
    `entities` the recogniser's names (`read_entities`), likewise."""
    text = article.text
    if entities is None:
        entities = read_entities(article, lex)
    tokens = tokenize(text, lex)
    people = assign_parts(article, extract_people(article, lex, known, first=first, entities=entities), text)
    titles = [(t.start, t.end) for m in people for t in m.titles]
    orgs = refer_back(text, tuple(o for o in extract_orgs(text, lex, tokens) if is_scoped(o.text)
                                  or not any(s <= o.start and o.end <= e for s, e in titles)), lex)
    orgs = add_listed(text, orgs, "org", lex)
    names = tuple((m.start, m.end) for m in people)
    places = extract_places(text, lex, tokens, orgs, names)
    places = add_listed(text, places, "place", lex)
    taken = [*names, *((m.start, m.end) for m in orgs + places), *document_spans(text)]
    more_orgs, more_places = model_names(text, entities, taken, lex)
    orgs, places = _in_order(orgs, more_orgs), _in_order(places, more_places)
    event = extract_event(article, people, places, text)
    return Extraction(article, record_post_orgs(people, lex), orgs, places, event, place_containments(places))


def _in_order(found: tuple[Mention, ...], more: list[Mention]) -> tuple[Mention, ...]:
    return tuple(sorted(found + tuple(more), key=lambda m: (m.start, m.end))) if more else found


def known_names(people: Iterable[tuple[PersonMention, ...]]) -> dict[str, Role]:
    """Names the corpus has read with real evidence (a title, a list under a title, a byline)."""
    known: dict[str, Role] = {}
    for mentions in people:
        for person in mentions:
            if person.role is Role.OFFICIAL or person.name not in known:
                known[person.name] = person.role
    return known
