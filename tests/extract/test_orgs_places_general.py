"""Organisations and places by grammar, on invented sentences: the constructions any paper prints (one-visit
groups, meeting bodies, departments, companies, democratic parties, credits; venues, Mongolian divisions, short
names, counted places)."""

from __future__ import annotations

import pytest

from kgraph.extract import extract_article
from kgraph.extract.orgs import extract_orgs, refer_back
from kgraph.extract.places import extract_places
from kgraph.model import Article


def orgs(text: str, lex) -> list[str]:
    return [m.text for m in refer_back(text, extract_orgs(text, lex), lex)]


def places(text: str, lex) -> list[str]:
    return [m.text for m in extract_places(text, lex, orgs=extract_orgs(text, lex))]


# organisations

@pytest.mark.parametrize("text", [
    "灵寿县党政代表团抵达我县", "灵寿县考察团参观了园区", "省委督导组来我县督导", "市人大检查组一行察看了现场",
])
def test_orgs_one_visit_groups_are_not_organisations(lex, text):
    assert not [o for o in orgs(text, lex) if o.endswith(("团", "组"))]


def test_places_the_place_of_a_one_visit_group_is_free(lex):
    assert places("灵寿县党政代表团抵达我县", lex) == ["灵寿县"]


def test_orgs_a_congress_delegation_is_a_standing_body(lex):
    assert orgs("石家庄市七届人大灵寿代表团召开会前会议", lex) == ["石家庄市七届人大灵寿代表团"]


@pytest.mark.parametrize(("text", "body"), [
    ("政协灵寿县第九届委员会第二次会议开幕", "政协灵寿县第九届委员会"),
    ("出席市六届人大三次会议", "市六届人大"),
    ("区四届人大常委会第十次会议召开", "区四届人大常委会"),
    ("高邑县十二届人民代表大会", "高邑县十二届人民代表大会"),
    ("县委常委会（扩大）会议召开", "县委常委会"),
])
def test_orgs_the_body_that_holds_a_meeting(lex, text, body):
    assert orgs(text, lex) == [body]


@pytest.mark.parametrize("text", ["县九届人大二次会议主席团召开会议", "大会主席团成员名单"])
def test_orgs_a_session_presidium_takes_its_meeting_in(lex, text):
    assert orgs(text, lex) == [text[:text.index("主席团") + 3]]


def test_orgs_a_department_named_by_its_field_alone(lex):
    assert orgs("县委政法委、水利局、林业局、城管局负责同志到会", lex) == ["县委政法委", "水利局", "林业局", "城管局"]


def test_orgs_a_department_where_another_body_sits_is_not_listed(lex):
    assert "卫健局" not in orgs("县纪委监委驻卫健局纪检监察组组长", lex)


@pytest.mark.parametrize(("text", "org"), [
    ("要多引进像鑫瑞集团这样的企业", "鑫瑞集团"),
    ("全力支持鑫瑞集团扩大生产", "鑫瑞集团"),
    ("副县长王小波代表灵寿县人民政府签约", "灵寿县人民政府"),
    ("她代表宣城市委市政府致辞", "宣城市委"),
    ("其中有团委书记", None),
    ("灵寿、高邑、赞皇三县政府", None),
    ("灵寿高邑两市市委负责同志", None),
    ("加强市县人大建设", None),
    ("县教育局和县财政局", "县财政局"),
    ("任县人民政府", "任县人民政府"),
])
def test_orgs_cut_at_verbs_prepositions_names_and_counts(lex, text, org):
    found = orgs(text, lex)
    assert (org in found) if org else found == []


@pytest.mark.parametrize("company", [
    "安徽宏瑞精密机械有限公司", "浙江诺恒生物医药科技有限公司", "中冶十一冶建设集团有限公司", "新加坡ABC国际贸易公司",
])
def test_orgs_company_names_hold_trades_numbers_and_latin_letters(lex, company):
    assert orgs(f"检查组先后走访了{company}、县中医院", lex) == [company, "县中医院"]


@pytest.mark.parametrize(("text", "org"), [
    ("民革保定市委会召开全会", "民革保定市委会"),
    ("民盟县委副主委王明", "民盟县委"),
    ("与保定民进座谈", "保定民进"),
    ("民建保定市委经济专委会", "民建保定市委经济专委会"),
])
def test_orgs_democratic_parties(lex, text, org):
    assert org in orgs(text, lex)


@pytest.mark.parametrize("text", ["来源：灵寿日报\n", "灵寿日报记者 王明", "灵寿新闻网5月2日讯"])
def test_orgs_papers_in_credits_are_not_listed(lex, text):
    assert orgs(text, lex) == []


def test_orgs_a_paper_named_as_a_body_is_listed(lex):
    assert "灵寿日报社" in orgs("县文联与灵寿日报社签约", lex)


@pytest.mark.parametrize("unit", [
    "李家村扶贫车间", "巴图家庭牧场", "高邑宾馆", "县三中", "东沟镇完小", "邢台援藏指挥部",
])
def test_orgs_workshops_farms_hotels_schools_and_headquarters(lex, unit):
    assert orgs(f"走访了{unit}，", lex) == [unit]


def test_orgs_central_work_is_no_centre(lex):
    assert orgs("围绕县委中心工作", lex) == []


# places

@pytest.mark.parametrize(("text", "expected"), [
    ("到乌兰嘎查、宝日苏木调研", ["乌兰嘎查", "宝日苏木"]),
    ("到王庄行政村、李楼自然村", ["王庄行政村", "李楼自然村"]),
])
def test_places_mongolian_and_kinds_of_village(lex, text, expected):
    assert places(text, lex) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("参观了陈望道故居、石桥会议旧址和龙山遗址", ["陈望道故居", "石桥会议旧址", "龙山遗址"]),
    ("来到月牙湾公园", ["月牙湾公园"]),
    ("来到金沙江红军长征纪念馆", ["金沙江红军长征纪念馆"]),
    ("推动长江中游城市群建设", ["长江中游城市群"]),
    ("淮河生态经济带", ["淮河生态经济带"]),
    ("走进灵寿县人民广场", ["灵寿县人民广场"]),
    ("先后深入高邑物流园、县商贸集聚区", ["高邑物流园", "县商贸集聚区"]),
])
def test_places_venues_and_named_regions(lex, text, expected):
    assert places(text, lex) == expected


@pytest.mark.parametrize("text", ["参观市民广场和文化公园", "村委会广场上", "建设城市公园"])
def test_places_kinds_of_venue_are_not_places(lex, text):
    assert places(text, lex) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("灵寿党政代表团来高邑参观", ["灵寿", "高邑"]),
    ("赞皇、高邑两地合作", ["赞皇", "高邑"]),
    ("为高邑的乡村振兴作贡献", ["高邑"]),
    ("一行来尧都考察", ["尧都"]),  # a district's name without 区
    ("河北保定的发展", ["河北", "保定"]),  # a common word, after its province
    ("介绍了恩施州的产业", ["恩施州"]),  # an autonomous prefecture's usual name
])
def test_places_short_names_in_context(lex, text, expected):
    assert places(text, lex) == expected


@pytest.mark.parametrize("text", ["建设苏浙两省", "一市六县", "保定的市场"])
def test_places_counted_places_and_common_words_are_not_places(lex, text):
    assert [p for p in places(text, lex) if p != "保定"] == []


def test_places_a_function_character_inside_a_name(lex):
    assert places("到和平镇调研", lex) == ["和平镇"]


def test_places_a_particle_is_not_part_of_a_region(lex):
    assert places("随着苏锡常地区发展", lex) == ["苏锡常地区"]


def test_places_a_county_after_a_county_is_no_place(lex):
    assert places("灵寿县组织县林业局开会", lex) == ["灵寿县"]


def test_a_rank_before_a_title_is_no_place(lex):
    # 常务副市长: 市 is the title's, not the end of a place 常务副市
    places = extract_places("市委常委、常务副市长杨光辉出席并讲话，到荆州市长江大桥调研。", lex)
    assert [m.text for m in places] == ["荆州市", "长江大桥"]


@pytest.mark.parametrize("text, expected", [
    # one department of two fields joined by 和/与, after its jurisdiction or parent body
    ("贵州省文化和旅游厅二级巡视员吴永忠出席。", ["贵州省文化和旅游厅"]),
    ("县人力资源和社会保障局、县委和县政府联合发文。", ["县人力资源和社会保障局", "县委", "县政府"]),
    ("区住房城乡建设和水利局负责人作了说明。", ["区住房城乡建设和水利局"]),
    ("华中科技大学计算机科学与技术学院新生代表发言。", ["华中科技大学计算机科学与技术学院"]),
    # two bodies, or a word and a body, stay apart
    ("全国人大代表和政协委员参加座谈。", []),
    ("慰问组走访残疾人和敬老院。", ["敬老院"]),
    # 系 (is) between an author and the body he works for
    ("（作者系市委党校副校长）本文有删节。走访市委党校", ["市委党校", "市委党校"]),
])
def test_departments_of_two_fields(lex, text, expected):
    assert [m.text for m in extract_orgs(text, lex)] == expected


def test_a_subdistrict_named_like_a_person_is_a_place(lex):
    # the recogniser reads 张槎街 as a name; 街道 running out of it makes the whole a place
    found = extract_article(Article("t.txt", 0, "", "会上，祖庙街道、张槎街道分别汇报了项目进展情况。"), lex)
    assert not found.people
    assert [m.text for m in found.places] == ["祖庙街道", "张槎街道"]


def test_a_city_whose_short_name_is_a_word_when_the_article_names_the_city(lex):
    text = "10月14日，日照对口支援的新疆麦盖提县举行活动，感谢日照市委、市政府的支持。"
    assert "日照" in [m.text for m in extract_places(text, lex)]
    assert not extract_places("今年日照时间偏短，日照不足影响作物生长。", lex)


@pytest.mark.parametrize("text, expected", [
    ("红烧狮子头、东坡肘子也是年夜饭桌上的常客。", []),  # a dish named for a district is no place
    ("来自宁乡、浏阳、醴陵等地的代表参加。", ["宁乡", "浏阳", "醴陵"]),
])
def test_short_place_names_in_a_list_are_whole_items(lex, text, expected):
    assert [m.text for m in extract_places(text, lex)] == expected


def test_an_autonomous_prefecture_by_its_usual_short_name(lex):
    # 黔西南州, not the county 黔西 inside it
    assert places("专家组赴黔西南州开展义诊活动。", lex) == ["黔西南州"]


def test_a_department_the_recogniser_reads_as_a_place_is_an_organisation(lex):
    from kgraph.extract import extract_article
    from kgraph.model import Article

    text = ("省人民医院专家团队赴黔西南州开展义诊\n6月3日，省人民医院组织心内科、呼吸科、儿科等8个学科的专家赴"
            "黔西南州兴义市开展义诊活动。省人民医院党委副书记吴振华带队，心内科主任医师杨志刚、呼吸科副主任医师"
            "罗晓燕、儿科主治医师潘婷等参加义诊。")
    found = extract_article(Article("p.txt", 0, "", text), lex)
    assert "呼吸科" not in [m.text for m in found.places] and "呼吸科" in [m.text for m in found.orgs]
