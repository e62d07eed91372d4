"""The gazetteer, the home jurisdiction, canonical organisation names and the place hierarchy."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from kgraph import build
from kgraph.errors import KgraphError
from kgraph.gazetteer import load_gazetteer, short_name
from kgraph.resolve.jurisdiction import canonical_org, find_division, infer_home

from ..conftest import ROOT


def test_gazetteer_hierarchy_and_coordinates():
    gazetteer = load_gazetteer()
    [district] = [d for d in gazetteer.by_name["荆州区"] if d.level == "county"]
    assert [d.name for d in gazetteer.ancestors(district)] == ["荆州市", "湖北省"]
    assert district.code == "421003" and 30 < district.latitude < 31


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("荆州市", "荆州"),
        ("广西壮族自治区", "广西"),
        ("恩施土家族苗族自治州", "恩施"),
        ("兴县", None),
        ("荆州区", None),
        # the people named are left out whole, not a character of the place with them (黔西 is another county)
        ("黔西南布依族苗族自治州", "黔西南"),
        ("西双版纳傣族自治州", "西双版纳"),
        ("伊犁哈萨克自治州", "伊犁"),
        ("大理白族自治州", "大理"),
    ],
)
def test_gazetteer_short_names(name, short):
    assert short_name(name) == short


def test_home_inferred_from_the_names_the_corpus_prints():
    names = ["荆州区", "荆州区委统战部", "荆州区马山中学", "红安县", "区创文办"]
    assert infer_home(names).name == "荆州区"
    assert infer_home(["荆州区", "红安县"]) is None  # no clear lead


def test_home_given_by_the_user_must_be_a_real_division():
    assert find_division("荆州区").code == "421003"
    with pytest.raises(KgraphError, match="not a Chinese"):
        find_division("荆州县")


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("区委统战部", "荆州区委统战部"),
        ("市委", "荆州市委"),
        ("省委", "湖北省委"),
        ("区政协", "荆州区政协"),
        ("荆州区委统战部", "荆州区委统战部"),
        ("市场监管局", "市场监管局"),
        ("县委", "县委"),
    ],
)
def test_canonical_org_names(lex, printed, canonical):
    assert canonical_org(printed, find_division("荆州区"), lex) == canonical


PAGE = (
    "本报讯（通讯员甲乙丙）5月23日，荆州区委统战部、区工商联组织座谈。区委常委、统战部部长胡庆海，"
    "区委宣传部负责人参加。\n本报讯 近日，荆州区八岭山镇铜岭村开展活动，荆州区马山镇也开展活动。"
)


def test_one_organisation_for_short_and_full_name_with_its_parent():
    graph = build([("p.txt", PAGE)]).graph
    skos, schema, org = (
        rdflib.SKOS,
        rdflib.Namespace("https://schema.org/"),
        rdflib.Namespace("http://www.w3.org/ns/org#"),
    )
    [node] = graph.subjects(skos.prefLabel, rdflib.Literal("荆州区委统战部", lang="zh"))
    assert {str(n) for n in graph.objects(node, schema.name)} == {"荆州区委统战部"}
    post = next(graph.subjects(rdflib.RDFS.label, rdflib.Literal("统战部部长", lang="zh")))
    assert graph.value(post, org.postIn) == node  # 统战部 of 区委常委、统战部部长 is the 区委's


def test_place_hierarchy_from_text_and_gazetteer():
    graph = build([("p.txt", PAGE)]).graph
    schema = rdflib.Namespace("https://schema.org/")

    def parent(name: str) -> str:
        node = next(graph.subjects(schema.name, rdflib.Literal(name, lang="zh")))
        return str(graph.value(graph.value(node, schema.containedInPlace), schema.name))

    assert parent("铜岭村") == "八岭山镇"
    assert parent("荆州区") == "荆州市" and parent("荆州市") == "湖北省"


def test_queries_places_inside_and_departments_with_heads(seed_build: Path):
    graph = rdflib.Graph().parse(seed_build / "graph.ttl")
    query = (ROOT / "docs/queries/places-in.rq").read_text(encoding="utf-8")
    rows = {
        str(r.place): str(r.people)
        for r in graph.query(query, initBindings={"name": rdflib.Literal("荆州区", lang="zh")})
    }
    assert "川店镇" in rows and "万玲玲" in rows["川店镇"] and "红安县" not in rows
    query = (ROOT / "docs/queries/departments.rq").read_text(encoding="utf-8")
    heads = {
        (str(r.department), str(r.head))
        for r in graph.query(query, initBindings={"name": rdflib.Literal("区委", lang="zh")})
    }
    assert ("荆州区委统战部", "胡庆海") in heads and ("荆州区委宣传部", "袁菁穗") in heads
