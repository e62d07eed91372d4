"""A small rdflib store for reading a large graph by pattern: what `kgraph build` keeps for the network page.

rdflib's stores keep three indexes of nested dicts (and `Memory` the contexts of every triple too): about half a
kilobyte a triple. This one keeps two, subject -> predicate -> objects and, for objects that are not literals,
object -> predicate -> subjects: about a third of that, and quicker to fill. An only object (most of them) is kept
as itself, more in a list: a list of one is 64 bytes, and there are hundreds of thousands. It answers every triple
pattern (those with neither a subject nor a non-literal object by a scan); it has no contexts and no removal.

`CompactGraph` is an rdflib Graph over one that answers `objects(s, p)` and `subjects(p, o)` from the indexes
directly: through rdflib each is five generators deep, and the network page asks hundreds of thousands of them.

    >>> from rdflib import Graph, Literal, URIRef
    >>> graph = Graph(store=CompactStore())
    >>> p1, name = URIRef("urn:p1"), URIRef("https://schema.org/name")
    >>> for _ in range(2):
    ...     _ = graph.add((p1, name, Literal("万玲玲", lang="zh")))
    >>> len(graph), str(graph.value(p1, name)), next(graph.subjects(name, None))
    (1, '万玲玲', rdflib.term.URIRef('urn:p1'))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.store import Store
from rdflib.term import Node

__all__ = ["CompactGraph", "CompactStore"]

_Ends = Node | list[Node]  # one term, or a list of two or more (a term is a str, never a list)
_Index = dict[Node, dict[Node, _Ends]]
_NO_CONTEXTS: tuple[()] = ()
_NOTHING: dict[Node, _Ends] = {}


class CompactStore(Store):
    """Triples in two plain indexes (see the module docstring); a triple added twice is kept once."""

    context_aware = False
    formula_aware = False
    transaction_aware = False
    graph_aware = False

    def __init__(self, configuration: Any = None, identifier: Any = None, *,
                 by_object: frozenset[Node] | None = None) -> None:
        super().__init__(configuration, identifier)
        self._out: _Index = {}  # subject -> predicate -> objects
        self._in: _Index = {}  # object (not a literal) -> predicate -> subjects
        self._count = 0
        # the predicates whose triples are indexed by object too (None: all); the others are found by a scan when
        # asked for by object. The network page asks by object for five: the others' index was a tenth of a
        # decade's build's peak memory.
        self._by_object = by_object

    def indexed(self, predicate: Node | None) -> bool:
        """Whether triples with `predicate` (None: any) are found by their object without a scan."""
        return self._by_object is None or (predicate is not None and predicate in self._by_object)

    def add(self, triple: tuple[Node, Node, Node], context: Any = None, quoted: bool = False) -> None:
        s, p, o = triple
        if not _put(self._out, s, p, o, unique=True):
            return
        self._count += 1
        if not isinstance(o, Literal) and (self._by_object is None or p in self._by_object):
            _put(self._in, o, p, s, unique=False)  # new to the other index when new to this one

    def add_block(self, subject: Node, pairs: Iterable[tuple[Node, Node]]) -> None:
        """`add` each of `subject`'s (predicate, object) pairs, given each once (as a node's block of a built graph
        holds them, `kgraph.rdf.build.iter_blocks`). A subject new to the store is filled without looking for
        each pair among the ones it has: rdflib's `__eq__`, for each pair it has already, was most of that."""
        if subject in self._out:
            for predicate, obj in pairs:
                self.add((subject, predicate, obj))
            return
        by_predicate: dict[Node, _Ends] = {}
        by_object, into = self._by_object, self._in
        count = 0
        for predicate, obj in pairs:
            ends = by_predicate.get(predicate)
            if ends is None:
                by_predicate[predicate] = obj
            elif type(ends) is list:
                ends.append(obj)
            else:
                by_predicate[predicate] = [ends, obj]
            count += 1
            kind = type(obj)  # most are IRIs: no `isinstance` through the ABC Literal's metaclass
            if (kind is URIRef or kind is not Literal and not isinstance(obj, Literal)) \
                    and (by_object is None or predicate in by_object):
                # `_put(into, obj, predicate, subject, unique=False)`, without a call: most of the page's pairs
                known = into.get(obj)
                if known is None:
                    into[obj] = {predicate: subject}
                    continue
                ends = known.get(predicate)
                if ends is None:
                    known[predicate] = subject
                elif type(ends) is list:
                    ends.append(subject)
                else:
                    known[predicate] = [ends, subject]
        self._count += count
        if by_predicate:
            self._out[subject] = by_predicate

    def addN(self, quads: Iterable[tuple[Node, Node, Node, Any]]) -> None:  # noqa: N802 (rdflib's name)
        for s, p, o, _ in quads:
            self.add((s, p, o))

    def remove(self, triple: Any, context: Any = None) -> None:
        raise NotImplementedError("CompactStore is filled once and read")

    def release(self) -> None:
        """Empty the store at once, its memory free for what comes next (it is read no more)."""
        self._out.clear()
        self._in.clear()
        self._count = 0

    def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[tuple[tuple[Node, Node, Node], Any]]:
        for triple in self._match(*triple_pattern):
            yield triple, iter(_NO_CONTEXTS)

    def _match(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[tuple[Node, Node, Node]]:
        if s is not None:
            yield from _pairs(s, self._out.get(s, {}), p, o, forward=True)
        elif o is not None and not isinstance(o, Literal) and self.indexed(p):
            yield from _pairs(o, self._in.get(o, {}), p, None, forward=False)
        else:
            for subject, by_predicate in self._out.items():
                yield from _pairs(subject, by_predicate, p, o, forward=True)

    def __len__(self, context: Any = None) -> int:
        return self._count

    def contexts(self, triple: Any = None) -> Iterator[Any]:
        return iter(_NO_CONTEXTS)


def _put(index: _Index, node: Node, predicate: Node, end: Node, *, unique: bool) -> bool:
    """Add `end` under node and predicate; False if `unique` and it is there already."""
    by_predicate = index.get(node)
    if by_predicate is None:
        index[node] = {predicate: end}
        return True
    ends = by_predicate.get(predicate)
    if ends is None:
        by_predicate[predicate] = end
    elif type(ends) is list:
        if unique and end in ends:
            return False
        ends.append(end)
    elif unique and (ends is end or ends == end):
        return False
    else:
        by_predicate[predicate] = [ends, end]
    return True


def _ends(ends: _Ends | None) -> Iterator[Node]:
    """The terms kept under one node and predicate, in the order they came."""
    if ends is None:
        return iter(_NO_CONTEXTS)
    return iter(ends) if type(ends) is list else iter((ends,))


def _pairs(node: Node, by_predicate: dict[Node, _Ends], p: Node | None, other: Node | None, *,
           forward: bool) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of `node` in one index, with predicate `p` and other end `other` where given."""
    predicates = [p] if p is not None else list(by_predicate)
    for predicate in predicates:
        for end in _ends(by_predicate.get(predicate)):
            if other is None or end == other:
                yield (node, predicate, end) if forward else (end, predicate, node)


class CompactGraph(Graph):
    """A Graph over a new `CompactStore`, whose commonest questions skip rdflib's layers; the answers, and their
    order, are the same (`tests/test_compact.py`).

    >>> graph = CompactGraph()
    >>> p1, name = URIRef("urn:p1"), URIRef("https://schema.org/name")
    >>> _ = graph.add((p1, name, Literal("万玲玲", lang="zh")))
    >>> [str(o) for o in graph.objects(p1, name)], (None, name, p1) in graph
    (['万玲玲'], False)
    """

    def __init__(self, *, by_object: frozenset[Node] | None = None) -> None:
        super().__init__(store=CompactStore(by_object=by_object))
        self._out = self.store._out
        self._in = self.store._in
        self._indexed = self.store.indexed

    def objects(self, subject: Any = None, predicate: Any = None, unique: bool = False) -> Iterator[Node]:
        if subject is not None and type(predicate) is URIRef and not isinstance(subject, list):
            ends = self._out.get(subject, _NOTHING).get(predicate)  # each once: the store is a set
            if ends is None:  # `_ends`, without a call: asked hundreds of thousands of times
                return iter(_NO_CONTEXTS)
            return iter(ends) if type(ends) is list else iter((ends,))
        return super().objects(subject, predicate, unique)

    def subjects(self, predicate: Any = None, object: Any = None, unique: bool = False) -> Iterator[Node]:  # noqa: A002
        if type(predicate) is URIRef and object is not None and not isinstance(object, list | Literal) \
                and self._indexed(predicate):
            return _ends(self._in.get(object, _NOTHING).get(predicate))
        if type(predicate) is URIRef and object is None and unique:  # in the order a scan finds them first
            return (subject for subject, by_predicate in self._out.items() if predicate in by_predicate)
        return super().subjects(predicate, object, unique)

    def __contains__(self, triple: Any) -> bool:
        s, p, o = triple
        if s is None and type(p) is URIRef and o is not None and not isinstance(o, Literal) and self._indexed(p):
            return self._in.get(o, _NOTHING).get(p) is not None
        return super().__contains__(triple)
