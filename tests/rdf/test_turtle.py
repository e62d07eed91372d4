"""The streaming Turtle writer: what it writes reads back as exactly the triples it was given."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, BNode, Graph, Literal, URIRef

from kgraph.rdf.turtle import ntriples_lines, to_turtle, turtle_chunks, write_blocks, write_triples, write_turtle

SCHEMA = "https://schema.org/"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"  # not rdflib's XSD: pytest's collection pokes at module globals
PREFIXES = {"schema": SCHEMA, "id": "https://w3id.org/kgraph/id/", "xsd": XSD_NS, "rdf": str(RDF)}
INTEGER, DECIMAL, DOUBLE = (URIRef(XSD_NS + name) for name in ("integer", "decimal", "double"))
NAME = URIRef(SCHEMA + "name")
NASTY = '"\\\n\r\t\b\f\x00\x01\x1f\x7f\x85\u2028\u2029\ufeff\'<>{}|^`#@;,.:万玲玲😀 \u0301'


def read(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def turtle(triples: list, prefixes: dict[str, str] = PREFIXES) -> str:
    return "".join(turtle_chunks(triples, prefixes))


texts = st.text(alphabet=st.one_of(st.sampled_from(NASTY), st.characters(codec="utf-8")), max_size=40)
languages = st.from_regex(r"[a-z]{2,3}(-[a-z0-9]{2,8})?", fullmatch=True)


@st.composite
def literals(draw: st.DrawFn) -> Literal:
    text = draw(texts)
    kind = draw(st.sampled_from(["plain", "lang", "datatype", "integer"]))
    if kind == "lang":
        return Literal(text, lang=draw(languages))
    if kind == "datatype":
        return Literal(text, datatype=URIRef("urn:example:type"))
    if kind == "integer":
        return Literal(draw(st.integers(-(10**30), 10**30)), datatype=INTEGER)
    return Literal(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(literals(), min_size=1, max_size=6))
def test_nasty_literals_read_back_exactly_from_turtle_and_ntriples(values: list[Literal]):
    subject = URIRef("https://w3id.org/kgraph/id/person/x")
    triples = [(subject, NAME, value) for value in values]
    assert set(read(turtle(triples))) == set(triples)
    lines = "".join(line + "\n" for line in ntriples_lines(triples))
    assert set(Graph().parse(data=lines, format="nt")) == set(triples)


@pytest.mark.parametrize("local", ["person/wan-ling-ling", "a.", ".a", "-a", "a~b", "é", "a%20b", "a:b"])
def test_local_parts_that_are_no_pn_local_are_written_as_full_iris(local: str):
    iri = URIRef(SCHEMA + local)
    text = turtle([(iri, NAME, Literal("x"))])
    assert f"<{iri}>" in text and f"schema:{local} " not in text
    assert set(read(text)) == {(iri, NAME, Literal("x"))}


@pytest.mark.parametrize("local", ["name", "a.b", "_x", "0a", "a-b_c", ""])
def test_valid_local_parts_are_prefixed_names(local: str):
    iri = URIRef(SCHEMA + local)
    text = turtle([(iri, NAME, Literal("x"))])
    assert text.splitlines()[-1].startswith(f"schema:{local} schema:name ")
    assert set(read(text)) == {(iri, NAME, Literal("x"))}


def test_iris_with_characters_iriref_does_not_allow_are_escaped():
    iri = URIRef("urn:example:a b")  # rdflib warns but keeps it; Turtle wants \u0020
    text = turtle([(iri, NAME, Literal("x"))])
    assert "<urn:example:a\\u0020b>" in text
    assert set(read(text)) == {(iri, NAME, Literal("x"))}


def test_a_subject_is_written_once_with_semicolons_and_commas():
    s, other = URIRef("https://w3id.org/kgraph/id/person/x"), URIRef("https://w3id.org/kgraph/id/person/y")
    triples = [(s, RDF.type, URIRef(SCHEMA + "Person")), (s, NAME, Literal("甲", lang="zh")),
               (s, NAME, Literal("乙", lang="zh")), (s, URIRef(SCHEMA + "age"), Literal(5, datatype=INTEGER)),
               (other, NAME, Literal("丙"))]
    body = turtle(triples).split("\n\n", 1)[1]
    assert body == ('<https://w3id.org/kgraph/id/person/x> a schema:Person ;\n'
                    '    schema:name "甲"@zh,\n        "乙"@zh ;\n'
                    '    schema:age 5 .\n\n'
                    '<https://w3id.org/kgraph/id/person/y> schema:name "丙" .\n')
    assert set(read(turtle(triples))) == set(triples)


def test_numbers_are_bare_only_in_canonical_form():
    s = URIRef("urn:example:s")
    text = turtle([(s, NAME, Literal(5, datatype=INTEGER)), (s, NAME, Literal("1.50", datatype=DECIMAL)),
                   (s, NAME, Literal("x", datatype=INTEGER)), (s, NAME, Literal(2.5, datatype=DOUBLE))])
    assert " 5," in text and " 1.50," in text and '"x"^^xsd:integer' in text and '"2.5"^^xsd:double' in text


def test_blank_nodes_and_a_literal_subject():
    b = BNode("b1")
    triples = [(b, NAME, Literal("x")), (URIRef("urn:example:s"), NAME, b)]
    graph = read(turtle(triples))
    assert len(graph) == 2 and len(set(graph.subjects(NAME, None))) == 2
    with pytest.raises(TypeError):
        turtle([(Literal("x"), NAME, Literal("y"))])


def test_write_triples_counts_and_a_failed_stream_leaves_the_old_file(tmp_path: Path):
    path = tmp_path / "graph.ttl"
    triples = [(URIRef(f"urn:example:{i}"), NAME, Literal(str(i))) for i in range(3)]
    assert write_triples(triples, path, PREFIXES) == 3
    before = path.read_text(encoding="utf-8")

    def broken():
        yield triples[0]
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_triples(broken(), path, PREFIXES)
    assert path.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_to_turtle_of_a_graph_is_sorted_with_the_prefixes_it_uses(tmp_path: Path):
    graph = Graph()
    graph.bind("schema", SCHEMA)
    graph.add((URIRef("urn:example:b"), NAME, Literal("乙")))
    graph.add((URIRef("urn:example:a"), NAME, Literal("甲")))
    graph.add((URIRef("urn:example:a"), RDF.type, URIRef(SCHEMA + "Person")))
    text = to_turtle(graph)
    assert text.startswith("@prefix schema: <https://schema.org/> .\n\n<urn:example:a> a schema:Person ;")
    assert "@prefix owl" not in text and text.index("urn:example:a") < text.index("urn:example:b")
    write_turtle(graph, tmp_path / "g.ttl")
    assert (tmp_path / "g.ttl").read_text(encoding="utf-8") == text
    assert set(read(text)) == set(graph)



@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["s1", "s2", "b1", "b2"]), st.sampled_from(["name", "age"]),
                          literals() | st.sampled_from([BNode("b1"), BNode("b2"), URIRef("urn:example:o")])),
                max_size=12), st.lists(st.integers(0, 12), max_size=6))
def test_blocks_are_written_as_their_triples(tmp_path_factory: pytest.TempPathFactory, rows: list, cuts: list[int]):
    """`write_blocks` writes the very text `write_triples` writes of the same triples, however they are cut into
    blocks (a subject's run in several, blocks of no pairs), with blank nodes numbered in the same order."""
    triples = [(BNode(s) if s.startswith("b") else URIRef(f"urn:example:{s}"), URIRef(SCHEMA + p), o)
               for s, p, o in rows]
    bounds = sorted({0, len(triples), *(i for i in cuts if i <= len(triples)),
                     *(i for i in range(1, len(triples)) if triples[i][0] != triples[i - 1][0])})
    blocks = [(triples[a][0], [(p, o) for _, p, o in triples[a:b]]) for a, b in pairwise(bounds)]
    blocks.insert(len(blocks) // 2, (URIRef("urn:example:none"), []))
    folder = tmp_path_factory.mktemp("blocks")
    assert write_triples(triples, folder / "t.ttl", PREFIXES) == len(triples)
    assert write_blocks(blocks, folder / "b.ttl", PREFIXES) == len(triples)
    assert (folder / "b.ttl").read_bytes() == (folder / "t.ttl").read_bytes()


@pytest.mark.parametrize("extra", [{}, {"a1": "https://w3id.org/kgraph/id/article/a-1/"},
                                   {"ar": "https://w3id.org/kgraph/id/article/"},
                                   {"odd": "https://w3id.org/kgraph/id/art"}])
def test_plain_below_is_plain_under_without_remembering(extra: dict[str, str]):
    """`Terms.plain_below` (an article's spans) answers what `plain_under` answers of the namespace below when the
    one above is plain (False when not), and then a span's IRI is written as it is, as `node` writes it; it
    remembers nothing of the one below."""
    from kgraph.rdf.turtle import Terms

    terms, again = Terms({**PREFIXES, **extra}), Terms({**PREFIXES, **extra})
    articles = "https://w3id.org/kgraph/id/article/"
    for below in (f"{articles}a-1/", f"{articles}b-2/"):
        plain = terms.plain_below(articles, below)
        assert plain == (again.plain_under(articles) and again.plain_under(below))
        span = URIRef(f"{below}span-3-5")
        assert again.node(span) == f"<{span}>" or not plain
    assert list(terms.plain) == [articles]


def test_nodes_writes_each_term_as_node_does():
    from kgraph.rdf.turtle import Terms

    terms, again = Terms(PREFIXES), Terms(PREFIXES)
    person = URIRef("https://w3id.org/kgraph/id/person/wan-ling-ling-ff7b")
    items = [person, Literal("万玲玲", lang="zh"), person, NAME, URIRef("https://w3id.org/kgraph/id/x#y"), person]
    assert terms.nodes(items) == [again.node(item) for item in items]
