"""Namespaces whose terms are made once: rdflib makes a new URIRef at every `SCHEMA.name` (and a DefinedNamespace
runs its metaclass's `__getattr__`), and a build of 60,000 articles asks for millions."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import Namespace

__all__ = ["CachedNamespace"]


class CachedNamespace:
    """`namespace`'s terms, each made on first use and then found in the instance's dict."""

    def __init__(self, namespace: Namespace | type) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)  # found in the instance's dict from now on: __getattr__ is not called again
        return term
