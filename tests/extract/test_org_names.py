"""Which organisation names say which one they are, back-references, lists and joint bodies; on seed snippets."""

from __future__ import annotations

import pytest

from kgraph.extract import extract_article
from kgraph.extract.lists import list_members
from kgraph.extract.orgs import extract_orgs, is_specific
from kgraph.model import Article


def article_orgs(text: str, lex) -> list[tuple[str, str | None]]:
    extraction = extract_article(Article("s.txt", 0, "", text), lex)
    return [(m.text, m.refers) for m in extraction.orgs]


@pytest.mark.parametrize("name", [
    "区委统战部", "市作协", "荆州区马山中学", "中国计生协", "马山民歌研究会", "石油机械行业协会", "实验中学",
    "中建七局西南公司", "宏盛纺织有限公司", "李埠镇第四代表小组", "党中央", "纪南文旅区管委会",
])
def test_names_that_say_which_organisation(lex, name):
    assert is_specific(name, lex)


@pytest.mark.parametrize("name", [
    "科技孵化中心", "街道纪工委", "社区创文办", "政府党组", "新时代文明实践站", "中小学", "大家办", "村党委",
    "纠纷调解中心", "国家权利机关",
])
def test_names_of_a_kind_are_not_specific(lex, name):
    assert not is_specific(name, lex)


def test_a_short_name_after_the_full_one_refers_back(lex):
    text = "区科技局考察荆州（武汉）离岸科创中心。设立离岸科创中心后，区科技局深入辖区。"
    assert ("离岸科创中心", "荆州（武汉）离岸科创中心") in article_orgs(text, lex)


def test_a_name_of_a_kind_without_a_full_one_is_no_organisation(lex):
    found = [name for name, _ in article_orgs("打造科技孵化中心、科技成果转化中心五大功能。", lex)]
    assert found == []


def test_a_name_in_brackets_after_an_organisation_is_its_other_name(lex):
    found = article_orgs("在区民政局指导下，区社会组织孵化中心（社工总站）在荆州万达广场举办活动。", lex)
    assert ("社工总站", None) in found


def test_unnamed_companies_are_not_organisations(lex):
    names = [m.text for m in extract_orgs("考察了河南郑州某实业发展有限公司、某建筑工程局有限公司", lex)]
    assert not any("某" in name for name in names)


def test_an_accredited_team_names_two_organisations(lex):
    names = [m.text for m in extract_orgs("特邀市纪委监委驻财政局纪检监察组长郑平作辅导", lex)]
    assert "市纪委监委" in names and not any("驻" in name for name in names)


@pytest.mark.parametrize(("text", "name"), [
    ("川店镇新时代文明实践所联合川店镇社工站在川店小学开展活动", "川店镇新时代文明实践所"),
    ("9月15日下午，区委理论学习中心组举行第七次专题辅导", "区委理论学习中心组"),
    ("近日，李埠镇第四代表小组在联络站接待群众时", "李埠镇第四代表小组"),
    ("区经信局、马山镇以及中国非遗·马山民歌研究会、省民营企业发展协会负责人参加", "中国非遗·马山民歌研究会"),
    ("有力有效把党中央和省委、市委经济工作会议精神落到实处", "党中央"),
    ("5月25日，荆州区、荆州高新区招商引资领导小组会议召开", "荆州区、荆州高新区招商引资领导小组"),
    ("检查中，专班人员发现湖北中医高专食堂安装的油烟净化装置老化", "湖北中医高专"),
    ("对荆州小学、实验中学、江陵中学周边环境进行现场整治", "实验中学"),
])
def test_whole_names(lex, text, name):
    assert name in [m.text for m in extract_orgs(text, lex)]


def test_members_of_a_list_of_companies(lex):
    text = "从国家级高新技术企业里甄选了包括四机厂、四机赛瓦、楚峰建科、与时塑业等在内的15家企业赴武汉光谷"
    assert [m.text for m in list_members(text, "org", lex)] == ["四机厂", "四机赛瓦", "楚峰建科", "与时塑业"]
    assert ("与时塑业", None) in article_orgs(text, lex)


def test_members_of_a_list_of_places(lex):
    text = "重点建设铜铃岗森林水世界、浅山森林美术公园、龙隐湖滨水民宿园、瞄象农事体验园等19个乡村旅游园区。"
    assert [m.text for m in list_members(text, "place", lex)] == [
        "铜铃岗森林水世界", "浅山森林美术公园", "龙隐湖滨水民宿园", "瞄象农事体验园"]


def test_a_list_of_unknown_kind_names_nothing(lex):
    assert list_members("邀请张三、李四等10名代表参加", "org", lex) == []


def test_a_back_reference_is_an_alternate_name_of_the_full_organisation(lex):
    from rdflib import Literal
    from rdflib.namespace import SKOS

    from kgraph import build
    from kgraph.rdf.vocab import SCHEMA

    page = ("本报讯 区科技局组织企业考察荆州（武汉）离岸科创中心。设立离岸科创中心后，区科技局走访企业。"
            "区委书记、全面依法治区委员会主任万玲玲主持召开区委全面依法治区委员会会议。")
    result = build([("p.txt", page)])
    corpus, graph = result.corpus, result.graph
    org = graph.value(predicate=SKOS.prefLabel, object=Literal("荆州（武汉）离岸科创中心", lang="zh"))
    assert (org, SCHEMA.alternateName, Literal("离岸科创中心", lang="zh")) in graph
    assert (None, SCHEMA.name, Literal("离岸科创中心", lang="zh")) not in graph
    posts = {post.title: post.org for person in corpus.people for post in person.posts}
    assert posts["全面依法治区委员会主任"] == posts["区委书记"] + "全面依法治区委员会"
