"""Organisations and places by suffix grammar, on seed snippets."""

from __future__ import annotations

import pytest

from kgraph.extract.orgs import extract_orgs
from kgraph.extract.places import extract_places


def orgs(text: str, lex) -> list[str]:
    return [m.text for m in extract_orgs(text, lex)]


def places(text: str, lex) -> list[str]:
    return [m.text for m in extract_places(text, lex, orgs=extract_orgs(text, lex))]


def test_orgs_enumeration_of_district_bureaus(lex):
    text = "区公安分局、市交管局一大队、区市场监督管理局、区城管局、区教育局、西城街办参加活动。"
    assert orgs(text, lex) == ["区公安分局", "市交管局一大队", "区市场监督管理局", "区城管局", "区教育局", "西城街办"]


def test_orgs_name_with_place_in_brackets(lex):
    assert "中泽（荆州）建设有限公司" in orgs("中建七局荆北院区项目部、中泽（荆州）建设有限公司工友代表等100余人", lex)


def test_orgs_stop_at_the_verb_that_introduces_them(lex):
    assert orgs("区委统战部、区工商联组织区内石油机械行业协会的主要负责人", lex)[:2] == ["区委统战部", "区工商联"]


@pytest.mark.parametrize("text", [
    "广大党员干部要带头以案为鉴", "确保各项改革举措落到实处", "区政协组织开展监督协商活动",
])
def test_orgs_common_words_that_end_like_one_are_not(lex, text):
    assert not {"党员干部", "实处", "举办"} & set(orgs(text, lex))


def test_orgs_document_titles_are_not_organisations(lex):
    assert orgs("审议通过《中共荆州市荆州区委财经委员会2022年工作要点》。", lex) == []


def test_places_village_after_town_splits_in_two(lex):
    assert places("近日，荆州区八岭山镇铜岭村村委会广场一片欢声笑语", lex)[-2:] == ["八岭山镇", "铜岭村"]


def test_places_county_town_village_chain(lex):
    found = places("考察组先后考察了红安县城关镇曹家畈村、小丰山村，", lex)
    assert found == ["红安县", "城关镇", "曹家畈村", "小丰山村"]


def test_places_street_with_house_number(lex):
    assert "佑文街" in places("街道纪工委先后走访荆北路75号、民主街59号、佑文街31号等地", lex)


@pytest.mark.parametrize("text", [
    "沿着自治、法治、德治相结合的乡村治理体系新路子", "要加速城区领跑", "全区上下要提高政治站位",
])
def test_places_common_words_that_end_like_one_are_not(lex, text):
    assert places(text, lex) == []


def test_places_inside_an_organisation_are_left_to_it(lex):
    assert "荆州区" not in places("荆州区委统战部靠前服务", lex)


def test_orgs_committee_inside_jiebas_title_word(lex):
    assert "区委" in orgs("招引项目向考察团进行了推介。前进区委书记于世军在座谈会上讲话", lex)


def test_orgs_party_school(lex):
    assert orgs("县委党校常务副校长强薇就培训作了安排", lex) == ["县委党校"]


@pytest.mark.parametrize(("text", "place"), [("考察组来泸县开展招商", "泸县"), ("争创湖北省总工会“工人先锋号”", None)])
def test_places_a_verb_before_a_division_is_not_part_of_it(lex, text, place):
    found = places(text, lex)
    assert found == ([place] if place else [])


def test_places_two_character_county_glued_to_a_conjunction_is_not_one(lex):
    assert "和县" not in places("详细介绍了泸县县情和县经开区产业布局", lex)


@pytest.mark.parametrize(("text", "place"), [
    ("实地走访了阎家河镇石桥垸村、古城村，详细了解村两委工作", "古城村"),  # one jieba word
    ("三角洲位于李埠镇天鹅村和沿江村交接处", "沿江村"),  # named by a common word, beside another village
    ("区民政局携手东城街道解放社区、民主社区举办活动", "解放社区"),  # right after its street
    ("迎宾社区和玄妙观社区负责人作表态发言", "玄妙观社区"),
    ("今年，荆州区逐步启动推进河套片区、御河片区改造", "河套片区"),  # a place of its kind follows
    ("张远重调研拍马工业园区发展情况", "拍马工业园区"),  # visited
    ("到川店镇紫荆村、双店村、应市村、红旗林场等地实地查看", "红旗林场"),  # 红旗 ends in 旗 but is no banner
])
def test_places_named_by_common_words_in_context(lex, text, place):
    assert place in places(text, lex)


@pytest.mark.parametrize(("text", "word"), [
    ("全区已建成8个省级示范村、22个省级试点村、35个省级整治村", "村"),  # counted kinds of village
    ("对标对表，补齐老旧小区、背街小巷整治", "小区"),
    ("充分做好老旧小区改造、古城疏散等工作", "小区"),
    ("纵深推进清廉荆州区、清廉高新区建设", "清廉"),
])
def test_kinds_of_places_are_not_places(lex, text, word):
    assert not [p for p in places(text, lex) if word in p and p != "荆州区"]


def test_orgs_joint_body_reads_its_snippets_once_and_as_extract_places(lex):
    from kgraph.extract import orgs as orgs_module

    text = "荆州区、荆州高新区招商引资领导小组召开会议。"
    first = orgs(text, lex)
    assert "荆州区、荆州高新区招商引资领导小组" in first
    remembered = dict(orgs_module.PLACES_IN.of(lex))
    assert remembered and all(found == extract_places(snippet, lex) for snippet, found in remembered.items())
    assert orgs(text, lex) == first  # read again from what was remembered


def test_orgs_suffix_tokens_remembered_give_the_answer_worked_out(lex):
    from kgraph.extract import names
    from kgraph.extract.orgs import _is_suffix_token, _suffix_token
    from kgraph.extract.tokens import tokenize

    names.forget_answers()
    text = "区委统战部、区工商联组织区内石油机械行业协会的主要负责人到荆州市教育局和县财政局调研，干部全部参加。"
    for word in tokenize(text, lex).words * 2:
        assert _is_suffix_token(word, lex) == _suffix_token(word, lex)
    assert names.SUFFIX_TOKENS.known
    names.forget_answers()
    assert not names.SUFFIX_TOKENS.known
