"""Careers: each post an org:Membership of its organisation with the first and last dates it was reported, the
named query `career` and `kgraph person` as a timeline."""

from __future__ import annotations

from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib import namespace as ns

from kgraph import build
from kgraph.cli import cli
from kgraph.pipeline import fill_years, year_in_name
from kgraph.rdf.iri import Minter
from kgraph.rdf.named_queries import named_query
from kgraph.rdf.vocab import DEFAULT_BASE, PREFIXES

EARLY = ("2019-03-05_shashi.txt", "沙市区开展防汛检查\n本报讯（通讯员张华）3月5日，"
         "沙市区区长欧阳振华带队检查防汛工作，区水利局局长周强陪同检查。\n")
LATER = ("2021-09-10_shashi.txt", "沙市区召开区政府常务会议\n本报讯（通讯员赵敏）9月10日，"
         "区长欧阳振华主持召开区政府常务会议，副区长何勇出席会议。\n")
LAST = ("2021-11-02_shashi.txt", "沙市区召开区政府常务会议\n本报讯（通讯员赵敏）11月2日，"
        "区长欧阳振华主持召开区政府常务会议，副区长何勇出席会议。\n")
UNDATED = ("shashi.txt", "沙市区召开区政府常务会议\n本报讯（通讯员赵敏）11月2日，"
           "区长欧阳振华主持召开区政府常务会议。\n")


def test_career_year_from_a_date_in_the_file_name():
    assert year_in_name("news/2021/09/10/a.txt") == 2021 and year_in_name("2021-09-10_a_2019-01-01.txt") is None
    corpus = build([LATER, UNDATED]).corpus
    assert {a.source: a.date for a in corpus.articles} == {"2021-09-10_shashi.txt": "2021-09-10",
                                                          "shashi.txt": "11-02"}


def test_career_year_printed_on_the_page_wins_over_the_file_name():
    corpus = build([("2019-01-01_a.txt", "标题\n本报讯 2022年5月26日，区长欧阳振华主持会议。\n")]).corpus
    assert [a.date for a in fill_years(list(corpus.articles))] == ["2022-05-26"]


def test_career_membership_with_first_and_last_reported_dates():
    graph = build([LAST, EARLY, LATER, UNDATED]).graph
    iri = Minter(DEFAULT_BASE)
    membership = iri.membership("欧阳振华", "区长")
    assert (iri.person("欧阳振华"), ns.ORG.hasMembership, membership) in graph
    assert (membership, ns.RDF.type, ns.ORG.Membership) in graph
    during = graph.value(membership, ns.ORG.memberDuring)
    assert graph.value(during, ns.RDF.type) == ns.TIME.Interval
    first = graph.value(graph.value(during, ns.TIME.hasBeginning), ns.TIME.inXSDDate)
    last = graph.value(graph.value(during, ns.TIME.hasEnd), ns.TIME.inXSDDate)
    assert (first, last) == (Literal("2021-09-10", datatype=ns.XSD.date), Literal("2021-11-02", datatype=ns.XSD.date))
    assert graph.value(iri.membership("欧阳振华", "沙市区区长"), ns.ORG.memberDuring) is not None


def test_career_query_is_a_timeline():
    graph = build([LAST, EARLY, LATER, UNDATED]).graph
    rows = list(graph.query(named_query("career").text, initNs=PREFIXES,
                            initBindings={"name": Literal("欧阳振华", lang="zh")}))
    assert [(str(r.title), str(r.first), str(r.last), int(r.articles)) for r in rows] == [
        ("沙市区区长", "2019-03-05", "2019-03-05", 1), ("区长", "2021-09-10", "2021-11-02", 3)]
    assert all(isinstance(r.person, URIRef) for r in rows)


def test_career_kgraph_person_prints_dated_posts_in_order(seed_build):
    result = CliRunner().invoke(cli, ["person", str(seed_build / "graph.ttl"), "万玲玲"])
    assert result.exit_code == 0
    career = result.output.split("career (post, organisation, place, first - last reported, articles):\n")[1]
    rows = career.split("\n\n")[0].splitlines()
    dated = [row.split()[0] for row in rows if not row.strip().startswith("undated")]
    assert len(dated) >= 3 and dated == sorted(dated)
    assert any("区委书记  [荆州区委]  荆州区" in row for row in rows)
