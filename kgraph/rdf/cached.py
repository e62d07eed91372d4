"""Namespaces whose terms are made once: rdflib makes a new URIRef at every `SCHEMA.name` (and a DefinedNamespace
runs its metaclass's `__getattr__`), and a build of 60,000 articles asks for millions.

Every `CachedNamespace` of a namespace gives the very same object for a term: the build's triples and the network
page that reads them then find each other's predicates by identity. rdflib's `__eq__` runs Python code, and a dict
or set of terms calls it whenever the key it finds is an equal term but not the same object."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import Namespace

__all__ = ["CachedNamespace"]

_TERMS: dict[URIRef, URIRef] = {}  # each term made, by itself: the one object all namespaces give


class CachedNamespace:
    """`namespace`'s terms, each made on first use and then found in the instance's dict."""

    def __init__(self, namespace: Namespace | type) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        term = _TERMS.setdefault(term, term)
        setattr(self, name, term)  # found in the instance's dict from now on: __getattr__ is not called again
        return term
