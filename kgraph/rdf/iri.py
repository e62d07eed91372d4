"""The one place IRIs are minted: stable (same input, same IRI), readable, ASCII only, one IRI per name.

Chinese names become pinyin (万玲玲 -> wan-ling-ling) so tools that only take ASCII IRIs can read them. The readable
part loses case, punctuation and everything past 60 characters, so every slug ends in a short hash of the exact
name: `Page1` and `page1`, `a b` and `a-b`, two long names with one beginning, 王芸 and 王云 all get their own IRI.
A `Minter` remembers which name each slug came from and stops the build if two names ever share one.
"""

from __future__ import annotations

import functools
import hashlib

from rdflib import URIRef

from kgraph.errors import KgraphError
from kgraph.pinyin import lazy_pinyin
from kgraph.regex import compiled

__all__ = ["IriClashError", "Minter", "person_slug", "slug"]

_UNSAFE = compiled(r"[^a-z0-9]+")


class IriClashError(KgraphError):
    """Two different names would be given one IRI: the graph would merge two things silently."""


@functools.lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """`万玲玲` -> `wan-ling-ling-ff7b`, `000_c7a8` -> `000-c7a8-3e13`: readable part, then a hash of the exact text."""
    # ASCII text (most articles' ids: file names) has no Han character: pinyin would give it back whole. The words
    # joined by `-` and then cleaned, in one pass: as each cleaned, the empty ones dropped and the rest joined
    words = text if text.isascii() else "-".join(lazy_pinyin(text))
    base = _UNSAFE.sub("-", words.lower()).strip("-")[:60].strip("-") or "x"
    return f"{base}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:4]}"


def person_slug(key: str, name_slug=slug) -> str:
    """A person's part of an IRI: the slug of the name, and for one of several people who share it (`王勇@421003`)
    the division they are placed in: `wang-yong-1a2b-421003`."""
    name, _, tag = key.partition("@")
    if not tag:
        return name_slug(name)
    return f"{name_slug(name)}-{_UNSAFE.sub('-', tag.lower()).strip('-') if tag.isascii() else slug(tag)}"


class Minter:
    """Mints the data's IRIs under one configurable base; raises `IriClashError` when two names meet in one slug."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self._names: dict[str, str] = {}  # slug -> the one name it was minted from
        self._people: dict[str, str] = {}  # key -> `person_slug`: a person is in many IRIs (posts, pairs)

    def slug(self, text: str) -> str:
        made = slug(text)
        known = self._names.setdefault(made, text)
        if known != text:
            raise IriClashError(f"{known!r} and {text!r} would get the same IRI ({made}); rename one of them")
        return made

    def person_slug(self, key: str) -> str:
        """`person_slug(key)`, checked against clashes the first time, remembered."""
        made = self._people.get(key)
        if made is None:
            made = self._people[key] = person_slug(key, self.slug)
        return made

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def person(self, key: str) -> URIRef:
        return self._iri("person", self.person_slug(key))

    def post(self, key: str, title: str) -> URIRef:
        return self._iri("post", self.person_slug(key), self.slug(title))

    def membership(self, key: str, title: str) -> URIRef:
        """A person's membership of the organisation of one title: where the first and last dates it was reported
        are kept (`<membership>/during`, `/first`, `/last`)."""
        return self._iri("membership", self.person_slug(key), self.slug(title))

    def org(self, name: str) -> URIRef:
        return self._iri("org", self.slug(name))

    def place(self, name: str) -> URIRef:
        return self._iri("place", self.slug(name))

    def source(self, source: str) -> URIRef:
        return self._iri("source", self.slug(source))

    def article(self, article_id: str) -> URIRef:
        return self._iri("article", self.slug(article_id))

    def mention(self, article_id: str, start: int, end: int) -> URIRef:
        return self.span(self.article(article_id), start, end)

    def span(self, article: URIRef, start: int, end: int) -> URIRef:
        """The mention IRI under an article IRI already minted: one slug per article, not one per mention."""
        return URIRef(f"{article}/span-{start}-{end}")

    def event(self, article_id: str) -> URIRef:
        return self._iri("event", self.slug(article_id))

    def merge(self, kept: str, variant: str) -> URIRef:
        return self._iri("merge", f"{self.person_slug(kept)}--{self.slug(variant)}")

    def split(self, name: str) -> URIRef:
        return self._iri("split", self.slug(name))

    def collaboration(self, a: str, b: str) -> URIRef:
        return self._iri("collaboration", self.collaboration_part(a, b))

    def collaboration_part(self, a: str, b: str) -> str:
        """The last part of `collaboration(a, b)`: letters, digits and `-` only (what a slug is made of)."""
        first, second = (a, b) if a <= b else (b, a)
        return f"{self.person_slug(first)}--{self.person_slug(second)}"
