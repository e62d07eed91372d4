"""The graph streamed out: `iter_triples` is `build_graph` triple for triple, each once, a node's together; the
Turtle of the stream reads back as the graph; the page's network needs no span nor materialised works-with edge."""

from __future__ import annotations

import sys
from dataclasses import replace
from itertools import groupby, pairwise
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kgraph import build
from kgraph.errors import KgraphError
from kgraph.files import collect_files
from kgraph.model import Corpus
from kgraph.network import build_network, select_network
from kgraph.outputs import Written, page_min_weight, write_outputs
from kgraph.rdf.build import build_graph, iter_blocks, iter_triples, prefixes
from kgraph.rdf.turtle import write_triples
from kgraph.render import render_html

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return build(collect_files([SEEDS]), jobs=1).corpus


def test_iter_triples_is_the_graph_each_triple_once(corpus: Corpus):
    triples = list(iter_triples(corpus))
    graph = build_graph(corpus)
    assert len(triples) == len(set(triples)) == len(graph)
    assert set(triples) == set(graph)


def test_iter_triples_gives_a_node_its_triples_together(corpus: Corpus):
    runs = [subject for subject, _ in groupby(s for s, _, _ in iter_triples(corpus))]
    assert len(runs) == len(set(runs))


def test_a_node_named_twice_is_written_once(corpus: Corpus):
    doubled = replace(corpus, people=corpus.people + corpus.people[:3], sources=corpus.sources * 2,
                      organizations=corpus.organizations + corpus.organizations[:2])
    triples = list(iter_triples(doubled))
    assert len(triples) == len(set(triples)) == len(build_graph(corpus))


def test_an_event_naming_a_person_twice_has_each_pair_once(corpus: Corpus):
    """An event of one report whose people repeat (each named twice) has each of its pairs once, as a graph has
    each triple once, in the order they come first; an event's pairs but its people's are never repeats."""
    extractions = tuple(
        replace(e, event=e.event.with_people(e.event.organizers * 2, e.event.attendees * 2, e.event.speakers * 2))
        if e.event is not None else e
        for e in corpus.extractions)
    doubled = replace(corpus, extractions=extractions)
    events = [pairs for s, pairs in iter_blocks(doubled) if "/event/" in s]
    assert any(len(e.event.attendees) > 1 for e in corpus.extractions if e.event is not None)
    assert events and all(len(pairs) == len(set(pairs)) for pairs in events)
    assert [pairs for s, pairs in iter_blocks(corpus) if "/event/" in s] == events


def test_streamed_turtle_reads_back_as_the_graph(corpus: Corpus, tmp_path: Path):
    path = tmp_path / "graph.ttl"
    base = "https://example.org/data/"
    count = write_triples(iter_triples(corpus, base=base), path, prefixes(base))
    graph = build_graph(corpus, base=base)
    assert count == len(graph)
    assert isomorphic(Graph().parse(path), graph)


def test_write_outputs_is_the_graph_and_its_page(corpus: Corpus, tmp_path: Path):
    ttl, html = tmp_path / "graph.ttl", tmp_path / "graph.html"
    graph = build_graph(corpus)
    assert write_outputs(corpus, ttl, html) == Written(len(graph), 1)
    assert isomorphic(Graph().parse(ttl), graph)
    whole = build_network(graph, include_orgs=True, include_places=True)  # the page has the layers, as render's
    assert html.read_text(encoding="utf-8") == render_html(whole, title="kgraph")


def test_page_min_weight_keeps_the_strongest_links_under_the_limit(corpus: Corpus):
    net = build_network(build_graph(corpus))
    weights = sorted(d["weight"] for _, _, d in net.edges(data=True) if d["kind"] == "works_with")
    assert page_min_weight(net, len(weights)) == 1
    most = sum(1 for w in weights if w >= 2)  # the seeds have links of 1, 2 and more shared events
    assert 0 < most < len(weights)
    assert page_min_weight(net, most) == 2
    assert page_min_weight(net, most - 1) == 3


def test_write_outputs_draws_the_strongest_links_of_a_large_network(corpus: Corpus, tmp_path: Path):
    ttl, html = tmp_path / "graph.ttl", tmp_path / "graph.html"
    graph = build_graph(corpus)
    written = write_outputs(corpus, ttl, html, max_links=10)
    assert written.triples == len(graph) and written.min_weight > 1
    assert isomorphic(Graph().parse(ttl), graph)  # the file keeps everything; only the page is lighter
    page = html.read_text(encoding="utf-8")
    whole = build_network(graph, include_orgs=True, include_places=True)
    assert page == render_html(select_network(whole, min_weight=written.min_weight), title="kgraph")
    assert f"共同活动至少 {written.min_weight} 次" in page


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the page is drawn beside the Turtle on Linux")
def test_write_outputs_with_two_jobs_writes_the_same_files(corpus: Corpus, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    import kgraph.outputs

    monkeypatch.setattr(kgraph.outputs, "BESIDE_MIN_ARTICLES", 1)  # the seeds are drawn beside the Turtle too
    one, two = tmp_path / "one", tmp_path / "two"
    assert write_outputs(corpus, one / "graph.ttl", one / "graph.html", max_links=10) == \
        write_outputs(corpus, two / "graph.ttl", two / "graph.html", max_links=10, jobs=2)
    for name in ("graph.ttl", "graph.html"):
        assert (one / name).read_bytes() == (two / name).read_bytes()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the page is drawn beside the Turtle on Linux")
def test_write_outputs_page_error_in_the_drawing_process_is_raised_here(corpus: Corpus, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch):
    import kgraph.outputs

    def fail(*args: object) -> None:
        raise KgraphError("no page today")

    html = tmp_path / "graph.html"
    html.write_text("the old page", encoding="utf-8")
    monkeypatch.setattr(kgraph.outputs, "_draw", fail)  # the forked process has it too
    monkeypatch.setattr(kgraph.outputs, "BESIDE_MIN_ARTICLES", 1)
    with pytest.raises(KgraphError, match="no page today"):
        write_outputs(corpus, tmp_path / "graph.ttl", html, jobs=2)
    assert html.read_text(encoding="utf-8") == "the old page"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left behind


@pytest.mark.parametrize("works_with", [True, False])
def test_iter_triples_without_spans_leaves_out_only_what_the_page_does_not_read(corpus: Corpus, works_with: bool):
    whole, lean = set(iter_triples(corpus)), set(iter_triples(corpus, spans=False, works_with=works_with))
    assert lean < whole
    part = Graph()
    for triple in lean:
        part.add(triple)
    for layers in (False, True):  # the network of the lean triples is the graph's
        kept = build_network(part, include_orgs=layers, include_places=layers)
        whole_net = build_network(build_graph(corpus), include_orgs=layers, include_places=layers)
        assert dict(kept.nodes(data=True)) == dict(whole_net.nodes(data=True))
        assert {(u, v): d for u, v, d in kept.edges(data=True)} == {(u, v): d for u, v, d in whole_net.edges(data=True)}
        assert kept.graph == whole_net.graph
    if not works_with:
        assert set(iter_triples(corpus, spans=False)) > lean


def test_write_outputs_small_corpus_stays_in_one_process(corpus: Corpus, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch):
    import kgraph.outputs

    def no_fork(*args: object) -> None:
        raise AssertionError("a small corpus is written without a second process")

    monkeypatch.setattr(kgraph.outputs, "beside", no_fork)
    assert len(corpus.articles) < kgraph.outputs.BESIDE_MIN_ARTICLES
    write_outputs(corpus, tmp_path / "graph.ttl", tmp_path / "graph.html", jobs=2)


def test_written_blocks_write_the_turtle_of_the_blocks(corpus: Corpus, tmp_path: Path):
    """The build's blocks (`iter_written_blocks`: most spans and the collaborations as Turtle text) write the very
    text of `iter_blocks`: with the data's prefixes, and with a prefix for an article's spans, which its spans are
    then written with."""
    from kgraph.rdf.build import _Article, _Collaboration, _Event, _Post, _Spans, iter_blocks, iter_written_blocks
    from kgraph.rdf.turtle import write_blocks

    written = list(iter_written_blocks(corpus))
    kinds = {type(block) for block in written}
    assert {_Article, _Spans, _Collaboration, _Event, _Post, tuple} <= kinds
    spans = [block for block in written if isinstance(block, _Spans)]
    assert any(a[:2] == b[:2] for block in spans for a, b in pairwise(block.spans))  # a span of two names
    assert any(type(o) is tuple for block in written if isinstance(block, _Post) for _, o in block.pairs)  # a span
    article = next(block.article for block in written if isinstance(block, _Spans))
    data = prefixes()["id"]
    # a prefix for one article's spans, for the collaborations, events, articles: then none is written as it is
    for extra in ({}, {"a1": f"{article}/"}, {"co": f"{data}collaboration/"}, {"ev": f"{data}event/"},
                  {"ar": f"{data}article/"}, {"odd": f"{data}art"}):
        names = {**prefixes(), **extra}
        count = write_blocks(iter_blocks(corpus), tmp_path / "blocks.ttl", names)
        assert write_blocks(written, tmp_path / "written.ttl", names) == count
        text = (tmp_path / "written.ttl").read_text(encoding="utf-8")
        assert text == (tmp_path / "blocks.ttl").read_text(encoding="utf-8")
        assert ("\na1:span-" in text) == ("a1" in extra)
        assert ("\nco:" in text) == ("co" in extra)
        assert ("\nev:" in text) == ("ev" in extra)
        assert (" ar:" in text) == ("ar" in extra)


@pytest.mark.parametrize("seed", range(6))
def test_written_spans_write_the_turtle_of_their_blocks(tmp_path: Path, seed: int):
    """`_Spans` writes the text of the blocks of an article's spans (`iter_blocks`), on random spans: several
    names at one place, one name twice there (as equal IRIs, not the same object), and with a prefix for the
    article's spans or numbers written in full."""
    import random

    from rdflib import URIRef

    from kgraph.rdf.build import _Triples
    from kgraph.rdf.turtle import Terms, _block_statements

    rng = random.Random(seed)
    data = prefixes()["id"]
    node = URIRef(f"{data}article/a-{seed}")
    text = "".join(rng.choice("王芸区委\"\\\n书记x") for _ in range(60))
    names = [URIRef(f"{data}person/p{n}") for n in range(4)]
    spans = []
    for _ in range(rng.randrange(1, 40)):
        start = rng.randrange(0, 50)
        place = (start, start + rng.randrange(1, 6))
        for _ in range(rng.choice((1, 1, 2, 3))):
            target = rng.choice(names)
            spans.append((*place, URIRef(str(target)) if rng.random() < 0.3 else target))
    for extra, bare in (({}, True), ({"a1": f"{node}/"}, True), ({}, False)):
        names_of = {**prefixes(), **extra}
        blocks = list(_Triples(Corpus(), data).article_spans(node, text, list(spans)))
        written = list(_Triples(Corpus(), data, written=True).article_spans(node, text, list(spans)))
        expected, got = Terms(names_of, bare_numbers=bare), Terms(names_of, bare_numbers=bare)
        assert "".join(_block_statements(written, got)) == "".join(_block_statements(blocks, expected))
        assert got.triples == expected.triples == sum(len(pairs) for _, pairs in blocks)


def test_written_collaborations_of_people_sharing_a_slug_write_the_turtle_of_the_blocks(
        corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Two people whose keys give one slug (a tag of punctuation only, `王勇@-` and `王勇@.`) make one
    collaboration of their pairs with a third: the written blocks still write the text of `iter_blocks`."""
    from kgraph.rdf import iri
    from kgraph.rdf.build import _Collaboration, iter_written_blocks
    from kgraph.rdf.turtle import write_blocks

    event = next(e.event for e in corpus.extractions if e.event and len(set(e.event.attendees)) >= 3)
    first, second, _ = sorted(set(event.attendees))[:3]
    made = iri.person_slug
    monkeypatch.setattr(iri, "person_slug", lambda key, name_slug=iri.slug: made(first if key == second else key,
                                                                                name_slug))
    written = list(iter_written_blocks(corpus))
    assert any(type(block) is tuple and "/collaboration/" in block[0] for block in written)  # two pairs' node
    assert any(isinstance(block, _Collaboration) for block in written)
    count = write_blocks(iter_blocks(corpus), tmp_path / "blocks.ttl", prefixes())
    assert write_blocks(written, tmp_path / "written.ttl", prefixes()) == count
    assert (tmp_path / "written.ttl").read_bytes() == (tmp_path / "blocks.ttl").read_bytes()
