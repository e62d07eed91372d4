"""Turtle out, written as the triples come: a graph of millions of triples is never held, as a Graph or a string.

`write_triples` streams any iterable of triples (`kgraph.rdf.build.iter_triples`) to a file, moved into place when
complete (`write_blocks` the same triples as nodes with their pairs, `kgraph.rdf.build.iter_blocks`); consecutive
triples with the same subject share it (`;`), and the same predicate too (`,`). `to_turtle` and `write_turtle` do
the same for an rdflib Graph, sorted, with only the prefixes it uses.

rdflib's own serializer holds the whole text and looks up every IRI in every bound namespace: at 10,000 articles
it was still writing after 15 minutes. The terms are written here by the Turtle grammar
(https://www.w3.org/TR/turtle/): a prefixed name only when the local part is a valid PN_LOCAL, every string
escaped so that it reads back exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain
from pathlib import Path

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kgraph.files import write_atomic_chunks
from kgraph.regex import compiled

__all__ = ["Statements", "Terms", "ntriples_lines", "pairs_text", "to_turtle", "turtle_chunks", "write_blocks",
           "write_triples", "write_turtle"]

Triple = tuple[Node, Node, Node]
# A node and its (predicate, object) pairs (`kgraph.rdf.build.iter_blocks`): a node's subject is compared and
# written once, not once per triple, and no triple is made only to be taken apart again
Block = tuple[Node, Sequence[tuple[Node, Node]]]

_PREFIX = compiled(r"[A-Za-z]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?\Z")  # PN_PREFIX, ASCII only
_LOCAL = compiled(r"([A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?\Z")  # PN_LOCAL, ASCII, no escapes
_INTEGER = compiled(r"-?(0|[1-9][0-9]*)\Z")  # canonical xsd:integer: reads back with the same lexical form
_DECIMAL = compiled(r"-?(0|[1-9][0-9]*)\.[0-9]+\Z")
_XSD_INTEGER, _XSD_DECIMAL = XSD.integer, XSD.decimal

# In a "..." string: the quote, backslash and line ends must be escaped; tabs and other control characters are, so
# the text is plain to read; NEL, LS and PS too, as some line-based tools split on them.
_STRING_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_STRING_ESCAPES |= {chr(c): f"\\u{c:04X}" for c in [*range(0x20), 0x7F, 0x85, 0x2028, 0x2029]
                    if chr(c) not in _STRING_ESCAPES}
_STRING_NEEDS = compiled("[" + re.escape("".join(_STRING_ESCAPES)) + "]")
# In <IRI>: what IRIREF does not allow, as \u escapes (rdflib would refuse most of these IRIs anyway)
_IRI = str.maketrans({c: f"\\u{ord(c):04X}" for c in [*map(chr, range(0x21)), *'<>"{}|^`\\']})
_IRI_NEEDS = compiled(r'[\x00-\x20<>"{}|^`\\]')


def _escape(match: re.Match[str]) -> str:
    return _STRING_ESCAPES[match.group()]


def _string(text: str) -> str:
    """`text` as a Turtle string. The few characters to escape are replaced where found: `str.translate` looks
    up every character of an article's text in a dict, six times as slow."""
    return '"' + _STRING_NEEDS.sub(_escape, text) + '"'


class Terms:
    """The Turtle text of terms, with the given prefixes; remembers which prefixes it used."""

    CACHE = 1 << 17  # IRIs remembered (subjects and objects recur: articles, people); cleared when full
    SHORT = 200  # terms whose text is longer (article texts, headlines) are not remembered: they come once

    def __init__(self, prefixes: Mapping[str, str], *, bare_numbers: bool = True) -> None:
        self.bare_numbers = bare_numbers  # N-Triples has no bare numbers
        self.prefixes = {name: str(ns) for name, ns in prefixes.items() if _PREFIX.match(name) or name == ""}
        self.by_namespace = {ns: name for name, ns in self.prefixes.items()}
        self.odd = [ns for ns in self.by_namespace if not ns.endswith(("/", "#"))]  # split differently, rare
        self.used: set[str] = set()
        self.cache: dict[str, str] = {}
        self.seen: dict[int, tuple[Node, str]] = {}  # id(term) -> (term, text), for `node`
        self.predicates: dict[Node, str] = {RDF.type: "a"}
        self.bnodes: dict[str, str] = {}
        self.texts: dict[str, tuple[str, str]] = {}  # text -> (language, its literal), for `text`
        self.triples = 0  # written by `_statements`, counted when it is done
        self.plain: dict[str, bool] = {}  # namespace -> `plain_under`

    def iri(self, iri: str) -> str:
        text = self.cache.get(iri)
        if text is None:
            if len(self.cache) >= self.CACHE:
                self.cache.clear()
            text = self.cache[iri] = self._iri(iri)
        return text

    def _iri(self, iri: str) -> str:
        iri = str(iri)  # a plain string: `"<" + URIRef(...)` would make a new URIRef (rdflib's __radd__)
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        candidates = [iri[:cut], *(ns for ns in self.odd if iri.startswith(ns))] if self.odd else [iri[:cut]]
        for namespace in candidates:
            prefix = self.by_namespace.get(namespace)
            if prefix is not None and _LOCAL.match(iri, len(namespace)):
                self.used.add(prefix)
                return f"{prefix}:{iri[len(namespace):]}"
        return "<" + (iri.translate(_IRI) if _IRI_NEEDS.search(iri) else iri) + ">"

    def plain_under(self, namespace: str) -> bool:
        """Whether every IRI of `namespace` (ending in `/` or `#`) and a local part of ASCII letters, digits and
        `-` is written `<IRI>` as it is: no prefix is the namespace, none overlaps it, and nothing in it is
        escaped. A producer of `Statements` may then write such IRIs itself. Remembered: asked once a node."""
        plain = self.plain.get(namespace)
        if plain is None:
            if len(self.plain) >= self.CACHE:
                self.plain.clear()
            plain = self.plain[namespace] = bool(
                namespace.endswith(("/", "#")) and namespace not in self.by_namespace
                and not any(ns.startswith(namespace) or namespace.startswith(ns) for ns in self.odd)
                and not _IRI_NEEDS.search(namespace))
        return plain

    def plain_below(self, namespace: str, below: str) -> bool:
        """`plain_under(below)`, for `below` a namespace under `namespace` whose part past it is of ASCII letters,
        digits and `-` and ends in `/` (an article's IRI and `/`, under which its spans are): remembering one
        answer for each article filled the cache. No prefix overlaps `below` when none overlaps `namespace`,
        but one may be `below` itself. False when `namespace` is not plain."""
        return self.plain_under(namespace) and below not in self.by_namespace

    def integer(self, value: int) -> str:
        """The text of `Literal(value, datatype=XSD.integer)`."""
        return str(value) if self.bare_numbers else f'"{value}"^^{self.iri(_XSD_INTEGER)}'

    def text(self, text: str, language: str) -> str:
        """The text of `Literal(text, lang=language)`; short ones (names) remembered, as they recur."""
        known = self.texts.get(text)
        if known is None or known[0] != language:
            known = (language, f"{_string(text)}@{language}")
            if len(text) <= self.SHORT:
                if len(self.texts) >= self.CACHE:
                    self.texts.clear()
                self.texts[text] = known
        return known[1]

    def text_once(self, text: str, language: str) -> str:
        """`text`, for a text that comes once (a sub-headline): not remembered, where it would push out names."""
        return f"{_string(text)}@{language}"

    def predicate(self, term: Node) -> str:
        text = self.predicates.get(term)
        if text is None:
            if not isinstance(term, URIRef):
                raise TypeError(f"not a predicate for Turtle: {term!r}")
            text = self.predicates[term] = self._iri(term)
        return text

    def node(self, term: Node) -> str:
        """A subject or object. A term seen before as the very same object (a person's IRI, a name made once in
        `kgraph.rdf.build`) is looked up by identity: hashing and comparing rdflib terms runs Python code."""
        seen = self.seen.get(id(term))
        if seen is not None and seen[0] is term:
            return seen[1]
        kind = type(term)
        if kind is URIRef:
            text = self.iri(term)
        elif kind is Literal:
            text = self.literal(term)
        elif isinstance(term, URIRef):
            text = self.iri(term)
        elif isinstance(term, Literal):
            text = self.literal(term)
        elif isinstance(term, BNode):
            return self.bnode(term)
        else:
            raise TypeError(f"not an RDF term for Turtle: {term!r}")
        if len(text) <= self.SHORT:
            if len(self.seen) >= self.CACHE:
                self.seen.clear()
            self.seen[id(term)] = (term, text)  # the term is held, so its id is not reused while it is here
        return text

    def nodes(self, terms: Iterable[Node]) -> list[str]:
        """`node` of each term: those seen before found without a call each (an article's mentions)."""
        seen, node = self.seen, self.node
        texts = []
        for term in terms:
            known = seen.get(id(term))
            texts.append(known[1] if known is not None and known[0] is term else node(term))
        return texts

    def subject(self, term: Node) -> str:
        """A subject: looked up as `node` does, but not remembered when new. A graph's subjects come once each (a
        node's triples are together), and most of them (mention spans) are never objects: remembered, they filled
        the caches and pushed out the people and names that recur, and at 60,000 articles those were made again
        and again."""
        seen = self.seen.get(id(term))
        if seen is not None and seen[0] is term:
            return seen[1]
        if type(term) is URIRef:
            text = self.cache.get(term)
            return text if text is not None else self._iri(term)
        return self.node(term)

    def literal(self, literal: Literal) -> str:
        lexical = str(literal)
        language = literal._language  # the slots, not the properties: read for every literal of the graph
        if language:
            return f"{_string(lexical)}@{language}"
        datatype = literal._datatype
        if datatype is None:
            return _string(lexical)
        if self.bare_numbers and (datatype == _XSD_INTEGER and _INTEGER.match(lexical)
                                  or datatype == _XSD_DECIMAL and _DECIMAL.match(lexical)):
            return lexical
        return f"{_string(lexical)}^^{self.iri(datatype)}"

    def bnode(self, node: BNode) -> str:
        label = self.bnodes.get(node)
        if label is None:  # numbered in order: a label is local to the file, and rdflib's may not fit the grammar
            label = self.bnodes[node] = f"_:b{len(self.bnodes)}"
        return label


class Statements:
    """Nodes whose Turtle their producer writes itself, with the writer's `Terms`: `write_blocks` takes them among
    its blocks. A built graph's commonest nodes (kg:Mention spans, half its triples) were made as rdflib terms only
    to be taken apart and written as text again (`kgraph.rdf.build`)."""

    __slots__ = ()

    def turtle(self, terms: Terms) -> tuple[str, int]:
        """The statements (each ending without its ` .`, joined by ` .` and a blank line) and their triples."""
        raise NotImplementedError


def pairs_text(terms: Terms, pairs: Iterable[tuple[Node, str]]) -> str:
    """The predicate-object list of one statement, as `write_blocks` writes it: (predicate, object's text) pairs
    given in order, a predicate that repeats the one before shares it (`,`)."""
    parts: list[str] = []
    last: Node | None = None
    predicates, predicate = terms.predicates, terms.predicate
    for p, obj in pairs:
        if p is last or (last is not None and str.__eq__(p, last)):
            parts.append(f",\n        {obj}")
        else:
            text = predicates.get(p) or predicate(p)  # `predicate`, without a call when it is known
            parts.append(f" ;\n    {text} {obj}" if parts else f"{text} {obj}")
            last = p
    return "".join(parts)


def _header(prefixes: Mapping[str, str]) -> str:
    lines = [f"@prefix {name}: <{ns}> ." for name, ns in sorted(prefixes.items())]
    return "\n".join(lines) + "\n\n" if lines else ""


def _statements(triples: Iterable[Triple], terms: Terms, chunk: int = 1 << 16) -> Iterator[str]:
    """The statements, in pieces of about `chunk` characters: one per run of triples with the same subject."""
    return _block_statements(_subject_runs(triples), terms, chunk)


def _subject_runs(triples: Iterable[Triple]) -> Iterator[Block]:
    """The triples as blocks: each run of triples with the same subject, as that subject and its pairs."""
    subject: Node | None = None
    pairs: list[tuple[Node, Node]] = []
    for s, p, o in triples:
        if s is not subject and not (type(s) is type(subject) and str.__eq__(s, subject)):
            if pairs:
                yield subject, pairs
            subject, pairs = s, []
        pairs.append((p, o))
    if pairs:
        yield subject, pairs


def _block_statements(blocks: Iterable[Block], terms: Terms, chunk: int = 1 << 16) -> Iterator[str]:
    """The statements of `blocks`, in pieces of about `chunk` characters: one per run of blocks with the same
    subject (one per block, in a built graph).

    The inner loop runs once per triple of the graph, so the lookups of `Terms.node` and `Terms.predicate` that
    usually hit are made here, without a call; the subject is compared and written once a block."""
    parts: list[str] = []
    size = 0
    subject: Node | None = None
    predicate: Node | None = None
    seen, predicates, node, subject_text = terms.seen, terms.predicates, terms.node, terms.subject
    count = 0
    written = object()  # the subject after `Statements`: no block's
    for block in blocks:
        if isinstance(block, Statements):
            text, triples = block.turtle(terms)
            if triples:  # the text not copied into another string: an article's is long
                if subject is not None:
                    parts.append(" .\n\n")
                parts.append(text)
                subject, size, count = written, size + len(text), count + triples
            pairs = ()
        else:
            s, pairs = block
            new = s is not subject and not (type(s) is type(subject) and str.__eq__(s, subject))
        for p, o in pairs:
            known = seen.get(id(o))
            obj = known[1] if known is not None and known[0] is o else node(o)
            if new:  # after its first object, as a triple at a time: blank nodes are numbered in that order
                if type(s) is not URIRef and not isinstance(s, URIRef | BNode):
                    raise TypeError(f"not a subject for Turtle: {s!r}")
                if subject is not None:
                    parts.append(" .\n\n")
                parts.append(f"{subject_text(s)} {predicates.get(p) or terms.predicate(p)} {obj}")
                subject, predicate, new = s, p, False
            elif p is not predicate and not str.__eq__(p, predicate):
                parts.append(f" ;\n    {predicates.get(p) or terms.predicate(p)} {obj}")
                predicate = p
            else:
                parts.append(f",\n        {obj}")
            size += len(obj)
        count += len(pairs)
        if size >= chunk:
            yield "".join(parts)
            parts.clear()
            size = 0
    terms.triples += count
    if subject is not None:
        parts.append(" .\n")
    yield "".join(parts)


def turtle_chunks(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> Iterator[str]:
    """The Turtle text of `triples` in pieces, declaring every prefix given (the text is written before all the
    triples are seen).

    >>> from rdflib import Literal, URIRef
    >>> s, name = URIRef("https://w3id.org/kgraph/id/person/x"), URIRef("https://schema.org/name")
    >>> print("".join(turtle_chunks([(s, name, Literal("万玲玲", lang="zh")), (s, name, Literal('"x"\\n'))],
    ...                             {"schema": "https://schema.org/"})), end="")
    @prefix schema: <https://schema.org/> .
    <BLANKLINE>
    <https://w3id.org/kgraph/id/person/x> schema:name "万玲玲"@zh,
            "\\"x\\"\\n" .
    """
    terms = Terms(prefixes)
    yield _header(terms.prefixes)
    yield from _statements(triples, terms)


def write_triples(triples: Iterable[Triple], path: Path, prefixes: Mapping[str, str]) -> int:
    """Stream `triples` to a Turtle file (moved into place when complete); returns how many were written."""
    return write_blocks(_subject_runs(triples), path, prefixes)


def write_blocks(blocks: Iterable[Block], path: Path, prefixes: Mapping[str, str]) -> int:
    """`write_triples` for the triples as nodes with their (predicate, object) pairs
    (`kgraph.rdf.build.iter_blocks`), and `Statements` among them (`kgraph.rdf.build.iter_written_blocks`);
    returns how many triples were written."""
    terms = Terms(prefixes)
    write_atomic_chunks(Path(path), chain([_header(terms.prefixes)], _block_statements(blocks, terms)))
    return terms.triples


def ntriples_lines(triples: Iterable[Triple]) -> Iterator[str]:
    """Each triple as an N-Triples line (without its line end): full IRIs, the same escapes as the Turtle."""
    terms = Terms({}, bare_numbers=False)
    for s, p, o in triples:
        if not isinstance(s, URIRef | BNode) or not isinstance(p, URIRef):
            raise TypeError(f"not a triple for N-Triples: {(s, p, o)!r}")
        yield f"{terms.node(s)} {terms.iri(p)} {terms.node(o)} ."


def _sorted_triples(graph: Graph) -> Iterator[Triple]:
    """The triples of `graph` by subject, then predicate (rdf:type first), then object: the same graph always
    gives the same text."""
    for subject in sorted(graph.subjects(unique=True), key=_order):
        pairs = graph.predicate_objects(subject)
        for predicate, obj in sorted(pairs, key=lambda po: (po[0] != RDF.type, _order(po[0]), _order(po[1]))):
            yield subject, predicate, obj


def _order(term: Node) -> tuple[int, str, str]:
    if isinstance(term, Literal):
        return 2, str(term), f"{term.language or ''}^{term.datatype or ''}"
    return (0 if isinstance(term, URIRef) else 1), str(term), ""


def to_turtle(graph: Graph) -> str:
    """The graph as Turtle text, with the prefixes bound in it that the text uses."""
    terms = Terms(dict(graph.namespaces()))
    body = "".join(_statements(_sorted_triples(graph), terms))
    return _header({name: terms.prefixes[name] for name in terms.used}) + body


def write_turtle(graph: Graph, path: Path) -> None:
    """`to_turtle` to a file, written atomically (see `kgraph.files.write_atomic`)."""
    terms = Terms(dict(graph.namespaces()))
    body = list(_statements(_sorted_triples(graph), terms))  # the prefixes used are known once it is written
    write_atomic_chunks(Path(path), [_header({name: terms.prefixes[name] for name in terms.used}), *body])
