"""`build_corpus_network`: the network of a corpus read from the corpus itself is `build_network` of its graph, node
for node, link for link, attribute for attribute, in the same order; on real text and on random corpora made to
hit what the graph merges implicitly (records sharing an IRI, events of several extractions, people no record
names, several names and roles, dates rdflib rewrites, events past `MAX_PAIRED_PARTICIPANTS`, places that are only
administrative areas, organisations with parents and loops, bylines)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph import build
from kgraph.files import collect_files
from kgraph.model import (
    MAX_PAIRED_PARTICIPANTS,
    Article,
    Byline,
    Corpus,
    Event,
    Evidence,
    Extraction,
    Organization,
    Person,
    PersonMention,
    Place,
    Post,
    Role,
)
from kgraph.network import LinkEvidence, build_corpus_network, build_network, select_network
from kgraph.outputs import _min_weight
from kgraph.rdf.build import build_graph
from kgraph.render import render_html

from .conftest import ROOT, SEEDS

DEV = ROOT.parent / "shared" / "gold" / "dev" / "raw"
BASE = "https://example.org/data/"


def page_network(make, max_links: int) -> nx.Graph:
    """The network as the build's page asks for it (`kgraph.outputs._page_network`): both layers, the strongest
    links chosen before their texts are written."""
    chosen: list[int] = []

    def fewest(weights: list[int]) -> int:
        chosen.append(_min_weight(weights, max_links))
        return chosen[-1]

    def strongest(net: nx.Graph) -> nx.Graph:
        return select_network(net, min_weight=chosen[-1], copy=False) if chosen[-1] > 1 else net

    return make(include_orgs=True, include_places=True, keep=strongest, min_weight=fewest)


def assert_same(mine: nx.Graph, theirs: nx.Graph) -> None:
    """The same nodes, links and attributes, each in the same order, and the same graph attributes."""
    assert [(n, list(d.items())) for n, d in mine.nodes(data=True)] == \
        [(n, list(d.items())) for n, d in theirs.nodes(data=True)]
    assert [(u, v, list(d.items())) for u, v, d in mine.edges(data=True)] == \
        [(u, v, list(d.items())) for u, v, d in theirs.edges(data=True)]
    assert list(mine.graph.items()) == list(theirs.graph.items())


def assert_networks_equal(corpus: Corpus, *, base: str = BASE, small: int = 3) -> None:
    """Equal as the page asks (with all links, and with at most `small`), and as render and the exports ask; and
    the page drawn of the links' evidence (the build's) is the page of their texts."""
    graph = build_graph(corpus, base=base)
    for most in (20_000, small):
        theirs = page_network(lambda **k: build_network(graph, **k), most)
        assert_same(page_network(lambda **k: build_corpus_network(corpus, base=base, **k), most), theirs)
        evidence = page_network(lambda **k: build_corpus_network(corpus, base=base, texts=False, **k), most)
        assert all(isinstance(data["link"], LinkEvidence) for _, _, data in evidence.edges(data=True))
        assert render_html(evidence) == render_html(theirs)
    for layers in (False, True):
        assert_same(build_corpus_network(corpus, base=base, include_orgs=layers, include_places=layers),
                    build_network(graph, include_orgs=layers, include_places=layers))


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return build(collect_files([SEEDS]), jobs=1).corpus


def test_seeds_network_from_the_corpus_is_the_graphs(seeds: Corpus):
    graph = build_graph(seeds)
    net = page_network(lambda **k: build_network(graph, **k), 10)
    assert net.graph["min_weight"] > 1  # the cut happens
    assert_networks_equal(seeds, small=10)
    mine = page_network(lambda **k: build_corpus_network(seeds, **k), 10)
    assert render_html(mine, title="kgraph") == render_html(net, title="kgraph")


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/gold/dev is not beside this checkout")
def test_dev_network_from_the_corpus_is_the_graphs():
    corpus = build(collect_files([DEV]), jobs=1).corpus
    assert_networks_equal(corpus, small=50)


def test_seeds_with_records_sharing_iris_and_events_of_several_extractions(seeds: Corpus):
    """Every record twice (one node each), and each event reported by a second extraction with other people and
    another date, kind and place: merged by IRI as the graph merges them."""
    people = tuple(replace(p, role=Role.OTHER, aliases=(*p.aliases, "别名")) for p in seeds.people[::3])
    extractions = tuple(replace(e, event=replace(e.event, kind="", date="2021-01-02", place="别处",
                                                 attendees=e.event.attendees[::-1] + ("无名氏",)))
                        for e in seeds.extractions[::2] if e.event is not None)
    doubled = replace(seeds, people=seeds.people + people, extractions=seeds.extractions + extractions,
                      organizations=seeds.organizations + seeds.organizations[:5], places=seeds.places * 2,
                      articles=seeds.articles + seeds.articles[:4])
    assert_networks_equal(doubled, small=10)


def test_an_event_of_two_extractions_past_the_paired_limit_keeps_their_collaborations():
    """One article's id twice, each extraction's event under the limit and both together above it: the graph has
    their pairs as kg:Collaboration only (not from the event), which the corpus's network reads as the graph's."""
    half = MAX_PAIRED_PARTICIPANTS // 2 + 2
    article = Article("p.txt", 0, "标题", "正文", date="2022-05-26")
    names = [f"人{i}" for i in range(2 * half)]
    extractions = tuple(Extraction(article, event=Event("会议", attendees=tuple(part)))
                        for part in (names[:half], names[half:]))
    corpus = Corpus(articles=(article,), extractions=extractions,
                    people=tuple(Person(n, Role.OFFICIAL) for n in names[:3]), sources=("p.txt",))
    net = build_corpus_network(corpus)
    assert net.number_of_edges() == 2 * half * (half - 1) // 2
    assert_networks_equal(corpus)


def test_a_line_break_in_an_events_date_or_headline_is_a_space_of_its_one_line():
    """A link's `evidence` is its events' lines joined by line breaks, so a break inside one would make two: the
    page numbered the second line as another event's (drawn from the texts) or not (from the links' evidence)."""
    article = Article("a.txt", 0, "标题\n续", "正文", date="2022-05-26")
    event = Event("会议", "2022-05-26\n", "川店镇", ("万玲玲",), ("周远栋",))
    corpus = Corpus(articles=(article,), extractions=(Extraction(article, event=event),),
                    people=(Person("万玲玲", Role.OFFICIAL), Person("周远栋", Role.OFFICIAL)), sources=("a.txt",))
    (_, _, data), = build_network(build_graph(corpus)).edges(data=True)
    assert "\n" not in data["evidence"]
    assert data["evidence"].startswith("2022-05-26  会议（") and data["evidence"].endswith("）《标题 续》")
    assert_networks_equal(corpus)


NAMES = ["万玲玲", "周远栋", "袁菁穗", "关勇", "王勇", "王勇@421003", "王勇@421004", "孟可欣", "王芸", "李明"]
ORGS = ["荆州区委", "区委统战部", "荆州区委统战部", "区政府", "城北社区"]
PLACES = ["川店镇", "荆州区", "城北", "湖北省"]
DATES = [None, "", "2022-05-26", "2022-06-01", "05-26", "２０２２-０５-２６", "2022-13-45", "2022-05-26\n"]
TEXTS = ["", "会议", "调研", "区委常委会召开", "讲话"]
SOURCES = ["a.txt", "b.txt", "a.html", ""]


@st.composite
def corpora(draw: st.DrawFn) -> Corpus:
    """A small corpus of few names, so that they repeat, meet and share IRIs."""
    sources = draw(st.lists(st.sampled_from(SOURCES), min_size=1, max_size=3))
    articles = draw(st.lists(st.builds(Article, st.sampled_from(SOURCES), st.integers(0, 3), st.sampled_from(TEXTS),
                                       st.just("正文"), st.just(""), st.sampled_from(DATES)), max_size=6))
    article_ids = [a.id for a in articles] or ["none"]  # evidence only in articles the corpus has
    evidence = st.lists(st.builds(Evidence, st.sampled_from(article_ids), st.integers(0, 3), st.integers(0, 5)),
                        max_size=3 if articles else 0)
    names = st.lists(st.sampled_from(NAMES), max_size=5)
    posts = st.lists(st.builds(Post, st.sampled_from(["区委书记", "副区长", ""]), st.sampled_from([None, *ORGS]),
                               evidence), max_size=2)
    people = draw(st.lists(st.builds(Person, st.sampled_from(NAMES).map(lambda n: n.split("@")[0]),
                                     st.sampled_from(list(Role)), st.lists(st.sampled_from(NAMES[:4]), max_size=2)
                                     .map(tuple), posts.map(tuple), evidence.map(tuple),
                                     st.sampled_from(["", "王勇@421003", "王勇@421004"])), max_size=8))
    orgs = draw(st.lists(st.builds(Organization, st.sampled_from(ORGS), st.lists(st.sampled_from(ORGS), max_size=2)
                                   .map(tuple), evidence.map(tuple), st.sampled_from([None, *ORGS]),
                                   st.lists(st.sampled_from(["统战部", "社区"]), max_size=1).map(tuple)),
                         max_size=6))
    places = draw(st.lists(st.builds(Place, st.sampled_from(PLACES), st.sampled_from([None, *PLACES]),
                                     evidence.map(tuple), st.sampled_from([None, "421003"])), max_size=5))
    events = st.builds(Event, st.sampled_from(TEXTS), st.sampled_from(DATES), st.sampled_from([None, "", *PLACES]),
                       names.map(tuple), names.map(tuple), names.map(tuple))
    mentions = st.lists(st.builds(PersonMention, st.sampled_from(NAMES), st.just(0), st.just(2),
                                  st.sampled_from(list(Role))), max_size=3)
    pool = articles + [Article("z.txt", 0, "别的", "正文", bylines=(Byline("孟可欣", Role.REPORTER),))]
    extractions = draw(st.lists(st.builds(Extraction, st.sampled_from(pool), mentions.map(tuple),
                                          event=st.none() | events), max_size=8))
    return Corpus(articles=tuple(articles), extractions=tuple(extractions), people=tuple(people),
                  organizations=tuple(orgs), places=tuple(places), sources=tuple(sources))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_random_corpora_network_from_the_corpus_is_the_graphs(corpus: Corpus):
    assert_networks_equal(corpus, small=1)


def test_the_page_of_a_build_is_drawn_from_the_corpus(seeds: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A build makes no store of triples for its page any more: its network comes from the corpus."""
    import kgraph.network
    from kgraph.outputs import write_outputs

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the page read a graph")

    monkeypatch.setattr(kgraph.network, "build_network", refuse)
    write_outputs(seeds, tmp_path / "graph.ttl", tmp_path / "graph.html")
    assert (tmp_path / "graph.html").stat().st_size > 0
