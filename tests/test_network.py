"""kgraph.network: who works with whom, read from the events of an RDF graph."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from rdflib import Graph

from kgraph.errors import KgraphError
from kgraph.network import build_network, collect_edge_evidence, select_network

from .conftest import ROOT

ID = "https://w3id.org/kgraph/id/"
PREFIXES = f"""
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix kg: <https://w3id.org/kgraph/ns#> .
@prefix : <{ID}> .
"""

# Two events that share 万玲玲 and 周远栋; a reporter and a photographer credited on the articles; a leader only
# mentioned; a title holder with no event. Written as rdf-model.md says `kgraph build` writes it.
PAGE = (
    PREFIXES
    + """
:wan a schema:Person ; schema:name "万玲玲"@zh ; kg:role "official" ; schema:jobTitle "区委书记"@zh ;
    org:holds :post_wan .
:post_wan a org:Post ; rdfs:label "区委书记"@zh ; org:postIn :quwei .
:quwei a org:Organization ; schema:name "荆州区委"@zh .
:zhou a schema:Person ; schema:name "周远栋"@zh ; schema:alternateName "周远东"@zh ; kg:role "official" ;
    schema:jobTitle "常务副区长"@zh, "区委常委"@zh .
:yuan a schema:Person ; schema:name "袁菁穗"@zh ; kg:role "official" .
:guan a schema:Person ; schema:name "关勇"@zh ; kg:role "official" ; schema:jobTitle "副区长"@zh .
:meng a schema:Person ; schema:name "孟可欣"@zh ; kg:role "reporter" .
:wangyun a schema:Person ; schema:name "王芸"@zh ; kg:role "photographer" .
:xi a schema:Person ; schema:name "习近平"@zh ; kg:role "other" .
:chuandian a schema:Place ; schema:name "川店镇"@zh .
:jingzhou a schema:Place ; schema:name "荆州区"@zh .
:f0 a kg:SourceFile ; schema:name "000_c7a8.txt" .
:a1 a schema:NewsArticle ; schema:headline "万玲玲到川店镇调研创文工作"@zh ; kg:dateline "05-26" ; kg:sourceFile :f0 ;
    prov:wasDerivedFrom :f0 ; schema:mentions :wan, :zhou, :yuan, :xi, :chuandian, :jingzhou ; schema:author :meng ;
    schema:contributor :wangyun .
:a2 a schema:NewsArticle ; schema:headline "区委常委会召开"@zh ; kg:sourceFile :f0 ; prov:wasDerivedFrom :f0 ;
    schema:mentions :wan, :zhou, :quwei, :jingzhou ; schema:author :meng .
:e1 a schema:Event ; kg:eventType "调研" ; schema:location :chuandian ; schema:organizer :wan ;
    schema:attendee :zhou, :yuan ; schema:subjectOf :a1 .
:e2 a schema:Event ; kg:eventType "会议" ; schema:startDate "2022-06-01"^^xsd:date ; schema:organizer :wan ;
    schema:attendee :zhou ; schema:subjectOf :a2 .
"""
)


def parse(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


@pytest.fixture
def graph() -> Graph:
    return parse(PAGE)


@pytest.fixture
def net(graph: Graph) -> nx.Graph:
    return build_network(graph)


def labels(net: nx.Graph) -> set[str]:
    return {data["label"] for _, data in net.nodes(data=True)}


def edge(net: nx.Graph, a: str, b: str) -> dict:
    return net.edges[ID + a, ID + b]


def test_network_nodes_are_event_participants_and_title_holders(net: nx.Graph) -> None:
    assert labels(net) == {"万玲玲", "周远栋", "袁菁穗", "关勇"}
    assert set(net.nodes) == {ID + "wan", ID + "zhou", ID + "yuan", ID + "guan"}


@pytest.mark.parametrize("name", ["孟可欣", "王芸", "习近平"])
def test_network_leaves_out_bylines_and_people_only_mentioned(net: nx.Graph, name: str) -> None:
    assert name not in labels(net)


def test_network_edges_join_coparticipants_weighted_by_shared_events(net: nx.Graph) -> None:
    weights = {frozenset((net.nodes[a]["label"], net.nodes[b]["label"])): w for a, b, w in net.edges(data="weight")}
    assert weights == {
        frozenset(("万玲玲", "周远栋")): 2,
        frozenset(("万玲玲", "袁菁穗")): 1,
        frozenset(("周远栋", "袁菁穗")): 1,
    }
    assert net.degree(ID + "guan") == 0


def test_network_edge_names_its_events_and_articles(net: nx.Graph) -> None:
    both = edge(net, "wan", "zhou")
    assert both["kind"] == "works_with"
    assert both["events"].split() == [ID + "e1", ID + "e2"]  # by date as printed, then IRI
    assert both["articles"].split() == [ID + "a1", ID + "a2"]
    assert both["evidence"].split("\n") == [
        "05-26 调研（川店镇）《万玲玲到川店镇调研创文工作》",
        "2022-06-01 会议《区委常委会召开》",
    ]
    assert edge(net, "wan", "yuan")["events"] == ID + "e1"


def test_network_titles_joined_from_job_titles_and_posts(net: nx.Graph) -> None:
    assert net.nodes[ID + "zhou"]["titles"] == "区委常委、常务副区长"
    assert net.nodes[ID + "wan"]["titles"] == "区委书记"  # jobTitle and the post's label are one title
    assert net.nodes[ID + "yuan"]["titles"] == ""


def test_network_node_counts_events_and_articles(net: nx.Graph) -> None:
    assert net.nodes[ID + "wan"]["events"] == 2
    assert net.nodes[ID + "wan"]["articles"] == 2
    assert net.nodes[ID + "yuan"]["events"] == 1
    assert (net.nodes[ID + "guan"]["events"], net.nodes[ID + "guan"]["articles"]) == (0, 0)


def test_network_node_keeps_kind_role_and_aliases(net: nx.Graph) -> None:
    zhou = net.nodes[ID + "zhou"]
    assert (zhou["kind"], zhou["role"], zhou["aliases"]) == ("person", "official", "周远东")


def test_network_attributes_are_scalars_so_graphml_takes_them(net: nx.Graph, graph: Graph) -> None:
    full = build_network(graph, include_orgs=True, include_places=True)
    for _, data in [*full.nodes(data=True), *((None, d) for *_, d in full.edges(data=True))]:
        assert all(isinstance(value, str | int) for value in data.values()), data
    buffer = io.BytesIO()
    nx.write_graphml(full, buffer)
    back = nx.read_graphml(io.BytesIO(buffer.getvalue()))
    assert set(back.nodes) == set(full.nodes)
    assert back.nodes[ID + "zhou"]["titles"] == "区委常委、常务副区长"
    assert back.edges[ID + "wan", ID + "zhou"]["weight"] == 2


def test_network_leaves_out_orgs_and_places_unless_asked(net: nx.Graph) -> None:
    assert {kind for _, kind in net.nodes(data="kind")} == {"person"}


def test_network_links_organisation_through_post(graph: Graph) -> None:
    net = build_network(graph, include_orgs=True)
    assert net.nodes[ID + "quwei"]["kind"] == "organization"
    assert net.nodes[ID + "quwei"]["label"] == "荆州区委"
    post = edge(net, "wan", "quwei")
    assert (post["kind"], post["titles"]) == ("post", "区委书记")
    assert edge(net, "zhou", "quwei")["kind"] == "event"  # took part in the meeting whose report names it
    assert not net.has_node(ID + "chuandian")


def test_network_links_place_to_the_people_of_its_events(graph: Graph) -> None:
    net = build_network(graph, include_places=True)
    assert net.nodes[ID + "chuandian"]["kind"] == "place"
    assert sorted(net.nodes[n]["label"] for n in net.neighbors(ID + "chuandian")) == ["万玲玲", "周远栋", "袁菁穗"]
    assert edge(net, "wan", "chuandian")["events"] == ID + "e1"


def test_network_links_place_a_report_names_only_where_its_event_has_no_location(graph: Graph) -> None:
    net = build_network(graph, include_places=True)
    assert sorted(net.nodes[n]["label"] for n in net.neighbors(ID + "jingzhou")) == ["万玲玲", "周远栋"]
    assert edge(net, "zhou", "jingzhou")["events"] == ID + "e2"


def test_network_is_the_same_for_the_same_graph(graph: Graph) -> None:
    first = build_network(graph, include_orgs=True, include_places=True)
    second = build_network(parse(PAGE), include_orgs=True, include_places=True)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(data=True)) == list(second.edges(data=True))


def test_network_of_an_empty_graph_is_empty() -> None:
    net = build_network(Graph())
    assert (net.number_of_nodes(), net.number_of_edges()) == (0, 0)


def test_network_uses_materialised_edge_only_where_events_say_nothing() -> None:
    graph = parse(
        PAGE
        + """
:guan kg:worksWith :yuan . :yuan kg:worksWith :guan .
:c1 a kg:Collaboration ; kg:participant :guan, :yuan ; kg:weight 4 .
:c2 a kg:Collaboration ; kg:participant :wan, :zhou ; kg:weight 9 ; kg:evidence :e1, :e2 .
"""
    )
    net = build_network(graph)
    assert edge(net, "guan", "yuan")["weight"] == 4
    assert edge(net, "wan", "zhou")["weight"] == 2  # the events are counted, not the stated weight


def test_network_reads_graphs_without_roles_or_types() -> None:
    graph = parse(
        PREFIXES
        + """
:a schema:name "刘心波"@zh ; schema:jobTitle "副区长"@zh .
:b schema:name "阳宪生"@zh .
:e a schema:Event ; schema:attendee :a, :b .
"""
    )
    net = build_network(graph)
    assert net.edges[ID + "a", ID + "b"]["weight"] == 1
    assert (net.nodes[ID + "a"]["role"], net.nodes[ID + "b"]["role"]) == ("official", "other")


def test_network_ignores_organisation_as_organizer() -> None:
    graph = parse(PAGE + ":e3 a schema:Event ; schema:organizer :quwei ; schema:attendee :guan .\n")
    net = build_network(graph)
    assert not net.has_node(ID + "quwei")
    assert net.nodes[ID + "guan"]["events"] == 1


def test_collect_edge_evidence_gives_events_with_their_articles(graph: Graph, net: nx.Graph) -> None:
    evidence = collect_edge_evidence(graph, net)
    assert set(evidence) == set(net.edges)
    survey, meeting = sorted(evidence[ID + "wan", ID + "zhou"], key=lambda ref: ref.iri)
    assert (survey.event_type, survey.date, survey.place) == ("调研", "05-26", "川店镇")
    assert [(a.headline, a.source) for a in survey.articles] == [("万玲玲到川店镇调研创文工作", "000_c7a8.txt")]
    assert (meeting.event_type, meeting.date, meeting.place) == ("会议", "2022-06-01", "")
    assert [ref.iri for ref in evidence[ID + "wan", ID + "yuan"]] == [ID + "e1"]


def test_network_person_organisations_include_the_ones_above(graph: Graph) -> None:
    graph = parse(
        PAGE
        + """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
:quwei skos:prefLabel "荆州区委"@zh .
:tzb a org:Organization ; schema:name "区委统战部"@zh ; skos:prefLabel "荆州区委统战部"@zh ;
    org:subOrganizationOf :quwei .
:hu a schema:Person ; schema:name "胡庆海"@zh ; org:holds :post_hu1, :post_hu2 .
:post_hu1 a org:Post ; rdfs:label "统战部部长"@zh ; org:postIn :tzb .
:post_hu2 a org:Post ; rdfs:label "副区长"@zh ; org:postIn :qzf .
:qzf a org:Organization ; schema:name "区政府"@zh .
"""
    )
    hu = build_network(graph).nodes[ID + "hu"]
    assert hu["organizations"] == "区政府、荆州区委、荆州区委统战部"  # the full name, not the printed 区委统战部
    assert hu["organization"] == "区政府"  # one post each: the first by name
    assert build_network(graph).nodes[ID + "guan"]["organizations"] == ""


def test_network_organisation_is_the_top_most_posts_lead_to() -> None:
    graph = parse(
        PREFIXES
        + """
:a a schema:Person ; schema:name "万玲玲"@zh ; org:holds :p1, :p2, :p3 .
:p1 org:postIn :dept1 . :p2 org:postIn :dept2 . :p3 org:postIn :other .
:dept1 schema:name "区委宣传部"@zh ; org:subOrganizationOf :top .
:dept2 schema:name "区委统战部"@zh ; org:subOrganizationOf :top .
:top schema:name "区委"@zh . :other schema:name "高新区党工委"@zh .
"""
    )
    assert build_network(graph).nodes[ID + "a"]["organization"] == "区委"


def test_network_communities_number_groups_of_coworkers_largest_first(net: nx.Graph) -> None:
    communities = {net.nodes[node]["label"]: net.nodes[node]["community"] for node in net}
    assert communities == {"万玲玲": 0, "周远栋": 0, "袁菁穗": 0, "关勇": 1}


def test_network_records_who_is_left_out_and_why(net: nx.Graph) -> None:
    assert net.graph == {"people_in_graph": 7, "left_out_bylines": 2, "left_out_mentioned": 1}


def test_network_people_are_those_of_the_sparql_rule(graph: Graph, net: nx.Graph) -> None:
    query = (ROOT / "docs" / "queries" / "network-people.rq").read_text(encoding="utf-8")
    assert {str(row.person) for row in graph.query(query)} == set(net.nodes)


def test_network_edge_reports_each_article_with_date_headline_and_source(net: nx.Graph) -> None:
    assert edge(net, "wan", "zhou")["reports"].split("\n") == [
        "05-26\t万玲玲到川店镇调研创文工作\t000_c7a8.txt",
        "2022-06-01\t区委常委会召开\t000_c7a8.txt",  # the article has no date: its event's
    ]


def test_select_network_keeps_the_people_around_a_focus(net: nx.Graph) -> None:
    assert labels(select_network(net, focus="袁菁穗", depth=1)) == {"万玲玲", "周远栋", "袁菁穗"}
    assert labels(select_network(net, focus="关勇", depth=3)) == {"关勇"}
    assert labels(select_network(net, focus="袁菁穗", depth=0)) == {"袁菁穗"}
    ego = select_network(net, focus="周远东")  # another spelling
    assert ego.graph["focus"] == ID + "zhou" and ego.graph["depth"] == 1


def test_select_network_drops_weak_links_and_people_left_without_one(net: nx.Graph) -> None:
    strong = select_network(net, min_weight=2)
    assert labels(strong) == {"万玲玲", "周远栋"}
    assert strong.graph["min_weight"] == 2
    assert labels(select_network(net, focus="袁菁穗", depth=2, min_weight=2)) == {"袁菁穗"}
    assert labels(select_network(net)) == labels(net)  # weight 1 keeps everyone, title holders without links too


def test_select_network_keeps_the_organisations_of_the_people_kept(graph: Graph) -> None:
    full = build_network(graph, include_orgs=True, include_places=True)
    ego = select_network(full, focus="周远栋", min_weight=2)
    assert labels(ego) == {"万玲玲", "周远栋", "荆州区委", "川店镇", "荆州区"}
    assert ego.nodes[ID + "wan"]["community"] == full.nodes[ID + "wan"]["community"]


@pytest.mark.parametrize("min_weight", [1, 2])
def test_select_network_in_place_is_the_copy(graph: Graph, min_weight: int) -> None:
    full = build_network(graph, include_orgs=True, include_places=True)
    copied = select_network(full, min_weight=min_weight)
    cut = select_network(full, min_weight=min_weight, copy=False)
    assert cut is full and cut.graph == copied.graph
    assert dict(cut.nodes(data=True)) == dict(copied.nodes(data=True))
    assert {frozenset((u, v)): d for u, v, d in cut.edges(data=True)} == {
        frozenset((u, v)): d for u, v, d in copied.edges(data=True)}


def test_select_network_names_an_unknown_person() -> None:
    with pytest.raises(KgraphError, match="no person called '无此人' in the network"):
        select_network(build_network(parse(PAGE)), focus="无此人")


@pytest.mark.parametrize("min_weight", [1, 2])
def test_network_keep_writes_texts_only_for_what_it_keeps_and_gives_the_same_network(graph: Graph,
                                                                                    min_weight: int) -> None:
    whole = select_network(build_network(graph, include_orgs=True, include_places=True), min_weight=min_weight)
    kept = build_network(graph, include_orgs=True, include_places=True,
                         keep=lambda net: select_network(net, min_weight=min_weight))
    assert list(kept.nodes(data=True)) == list(whole.nodes(data=True))
    assert [(u, v, list(d.items())) for u, v, d in kept.edges(data=True)] == \
        [(u, v, list(d.items())) for u, v, d in whole.edges(data=True)]  # the attributes in the same order
    assert kept.graph == whole.graph


def _snapshot(net: nx.Graph) -> tuple:
    """Everything of a network, in its order: nodes and links with their attributes, and the graph's."""
    return (list(net.nodes(data=True)), [(u, v, dict(d)) for u, v, d in net.edges(data=True)], dict(net.graph))


def test_network_communities_found_before_links_are_detect_communities_of_the_network(graph: Graph) -> None:
    """`build_network` finds the groups from its pairs before it draws the links: the groups `detect_communities`
    finds in the finished network, on this page and on a seed page's build."""
    from kgraph import build
    from kgraph.network import detect_communities

    seed = (ROOT / "seeds").glob("*.txt")
    for source in (graph, build([next(iter(sorted(seed)))]).graph):
        net = build_network(source)
        assert {n: net.nodes[n]["community"] for n in net if "community" in net.nodes[n]} == detect_communities(net)


@pytest.mark.parametrize("least", [1, 2, 3])
def test_network_links_too_weak_to_keep_are_never_made_and_the_network_is_the_same(least: int) -> None:
    """With `min_weight`, links under it are not added for `keep` to remove: the network kept, its groups and its
    order are those of adding them all (a seed page's build)."""
    from kgraph import build

    def strongest(net: nx.Graph) -> nx.Graph:
        return select_network(net, min_weight=least, copy=False)

    source = build(sorted((ROOT / "seeds").glob("*.txt"))[:2]).graph
    plain = build_network(source, include_orgs=True, include_places=True, keep=strongest)
    asked: list[list[int]] = []
    lean = build_network(source, include_orgs=True, include_places=True, keep=strongest,
                         min_weight=lambda weights: asked.append(weights) or least)
    assert asked and len(asked[0]) >= plain.number_of_edges() - sum(
        1 for *_, kind in plain.edges(data="kind") if kind != "works_with")
    assert _snapshot(lean) == _snapshot(plain)


def test_network_links_of_one_event_share_its_texts(graph: Graph) -> None:
    """The links of one event get its texts made once, the very same strings; choosing links first (`keep`) gives
    the same network."""
    net = build_network(graph, include_orgs=True, include_places=True)
    kept = build_network(graph, include_orgs=True, include_places=True, keep=lambda chosen: chosen)
    first, second = edge(net, "wan", "yuan"), edge(net, "yuan", "zhou")
    for key in ("events", "articles", "evidence", "reports"):
        assert first[key] is second[key] and first[key] == edge(kept, "wan", "yuan")[key]
    assert "\n" in edge(net, "wan", "zhou")["evidence"]  # two events: their own texts
    assert list(net.edges(data=True)) == list(kept.edges(data=True))


def _plain_texts(refs: tuple) -> tuple[str, str, str, str]:
    """A link's texts read plainly from its events (`collect_edge_evidence`, in date and IRI order): each article
    once, dated by itself or else by the first of its events, in date and IRI order."""
    from dataclasses import replace

    dated: dict[str, tuple] = {}
    for ref in refs:
        for article in ref.articles:
            dated.setdefault(article.iri, (article.date or ref.date, article.iri, article))
    ordered = sorted(dated.values(), key=lambda item: item[:2])
    return (" ".join(ref.iri for ref in refs), " ".join(sorted(dated)), "\n".join(ref.describe() for ref in refs),
            "\n".join(replace(article, date=date).describe() for date, _, article in ordered))


def test_network_link_texts_made_from_each_events_part_are_the_plain_reading() -> None:
    """`_texts` joins parts made once an event (`_Index.part`): every link's texts are those read plainly from its
    events, on the seeds' build (links of up to hundreds of events, articles with and without their own date)."""
    from kgraph import build

    source = build(sorted((ROOT / "seeds").glob("*.txt"))).graph
    net = build_network(source, include_orgs=True, include_places=True)
    evidence = collect_edge_evidence(source, net)
    many = undated = 0
    for u, v, data in net.edges(data=True):
        texts = (data["events"], data["articles"], data["evidence"], data["reports"])
        assert texts == _plain_texts(evidence[u, v])
        many += len(evidence[u, v]) > 2
        undated += any(not article.date for ref in evidence[u, v] for article in ref.articles)
    assert many > 10 and undated > 10
