"""The one place IRIs are minted: stable (same input, same IRI), readable, ASCII only.

Chinese names become pinyin (万玲玲 -> wan-ling-ling) so tools that only take ASCII IRIs can read them; a short
hash of the exact name keeps homophones (王芸, 王云) apart.
"""

from __future__ import annotations

import functools
import hashlib
import re

from pypinyin import lazy_pinyin
from rdflib import URIRef

_UNSAFE = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """`万玲玲` -> `wan-ling-ling-5c2a`; pure ASCII text keeps no hash: `000_c7a8` -> `000-c7a8`."""
    ascii_only = text.isascii()
    words = [_UNSAFE.sub("-", w.lower()).strip("-") for w in lazy_pinyin(text)]
    base = "-".join(w for w in words if w)[:60].strip("-") or "x"
    if ascii_only:
        return base
    return f"{base}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:4]}"


def person_slug(key: str) -> str:
    """A person's part of an IRI: the slug of the name, and for one of several people who share it (`王勇@421003`)
    the division they are placed in: `wang-yong-1a2b-421003`."""
    name, _, tag = key.partition("@")
    if not tag:
        return slug(name)
    return f"{slug(name)}-{_UNSAFE.sub('-', tag.lower()).strip('-') if tag.isascii() else slug(tag)}"


class Minter:
    """Mints the data's IRIs under one configurable base."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def person(self, key: str) -> URIRef:
        return self._iri("person", person_slug(key))

    def post(self, key: str, title: str) -> URIRef:
        return self._iri("post", person_slug(key), slug(title))

    def membership(self, key: str, title: str) -> URIRef:
        """A person's membership of the organisation of one title: where the first and last dates it was reported
        are kept (`<membership>/during`, `/first`, `/last`)."""
        return self._iri("membership", person_slug(key), slug(title))

    def org(self, name: str) -> URIRef:
        return self._iri("org", slug(name))

    def place(self, name: str) -> URIRef:
        return self._iri("place", slug(name))

    def source(self, source: str) -> URIRef:
        return self._iri("source", slug(source))

    def article(self, article_id: str) -> URIRef:
        return self._iri("article", slug(article_id))

    def mention(self, article_id: str, start: int, end: int) -> URIRef:
        return self.span(self.article(article_id), start, end)

    def span(self, article: URIRef, start: int, end: int) -> URIRef:
        """The mention IRI under an article IRI already minted: one slug per article, not one per mention."""
        return URIRef(f"{article}/span-{start}-{end}")

    def event(self, article_id: str) -> URIRef:
        return self._iri("event", slug(article_id))

    def merge(self, kept: str, variant: str) -> URIRef:
        return self._iri("merge", f"{person_slug(kept)}--{slug(variant)}")

    def split(self, name: str) -> URIRef:
        return self._iri("split", slug(name))

    def collaboration(self, a: str, b: str) -> URIRef:
        first, second = sorted((a, b))
        return self._iri("collaboration", f"{person_slug(first)}--{person_slug(second)}")
