"""People and titles on real snippets of the seed pages (and a few sentences of our own)."""

from __future__ import annotations

import pytest

from kgraph.extract.events import assign_parts
from kgraph.extract.people import extract_people
from kgraph.model import Article, Byline, Part, Role


def people(text: str, lex, known=None, bylines=()) -> dict[str, tuple[str, tuple[str, ...]]]:
    article = Article("t.txt", 0, "", text, bylines=tuple(bylines))
    found = extract_people(article, lex, known)
    return {m.name: (m.role.value, tuple(t.text for t in m.titles)) for m in found}


def test_people_title_chain_gives_every_title(lex):
    found = people("区委常委、常务副区长周远栋主持会议，并从统一思想", lex)
    assert found == {"周远栋": ("official", ("区委常委", "常务副区长"))}


def test_people_title_over_a_list_applies_to_each_name(lex):
    found = people("副区长关勇、刘心波、阳宪生，十个专项整治行动主要负责人参加会议。", lex)
    assert found == {n: ("official", ("副区长",)) for n in ("关勇", "刘心波", "阳宪生")}


def test_people_chain_across_comma_keeps_both_scopes(lex):
    text = "近日，荆州区委常委、副区长，荆州高新区党工委委员、副主任王厚强带队赴河南省郑州市开展招商考察。"
    found = people(text, lex)
    assert found["王厚强"][1] == ("荆州区委常委", "副区长", "荆州高新区党工委委员", "副主任")


def test_people_group_label_gives_names_without_titles(lex):
    found = people("两区领导张盛勇、路明、周远栋、肖西根参加会议。", lex)
    assert found == {n: ("official", ()) for n in ("张盛勇", "路明", "周远栋", "肖西根")}


def test_people_scope_stops_at_a_verb_before_the_title(lex):
    found = people("会议特邀荆州调查监测分局局长陈玉良和市纪委监委驻财政局纪检监察组长郑平分别就统计业务知识", lex)
    assert found["陈玉良"][1] == ("荆州调查监测分局局长",)
    assert found["郑平"][1] == ("市纪委监委驻财政局纪检监察组长",)


@pytest.mark.parametrize("text, name, titles", [
    ("受县委书记、县长周立新委托，副县长作了报告。", "周立新", ("县委书记", "县长")),
    ("经镇党委书记郑海涛同意，项目正式启动。", "郑海涛", ("镇党委书记",)),
])
def test_people_scope_stops_at_shou_and_jing(lex, text, name, titles):
    assert people(text, lex)[name][1] == titles


def test_people_shared_head_over_two_organisations(lex):
    found = people("荆州区外贸综合服务中心、湖北福坦威进出口贸易有限公司负责人姚军对荆州区委统战部表示赞许", lex)
    assert found["姚军"][1] == ("荆州区外贸综合服务中心负责人", "湖北福坦威进出口贸易有限公司负责人")


def test_people_title_in_brackets_after_the_name(lex):
    found = people("会上，李建华（区人大常委会副主任）作了发言。", lex)
    assert found == {"李建华": ("official", ("区人大常委会副主任",))}


def test_people_title_after_a_well_known_name(lex):
    found = people("深入学习贯彻习近平总书记关于党的自我革命战略思想", lex)
    assert found == {"习近平": ("official", ("总书记",))}


@pytest.mark.parametrize("text", [
    "本报讯（通讯员何华安）5月26日，2022年荆州市“安康杯”劳动竞赛启动仪式在荆州区举行。",
    "□ 通讯员 何华安\n近日，西城街道纪工委组织开展党员干部“三张清单”办理“回头看”行动",
])
def test_people_reporter_bylines(lex, text):
    assert people(text, lex) == {"何华安": ("reporter", ())}


def test_people_two_reporters_in_one_byline(lex):
    found = people("本报讯（通讯员杨立胜 秦开平）近年来，郢城镇凤鸣社区把清廉社区建设", lex)
    assert found == {"杨立胜": ("reporter", ()), "秦开平": ("reporter", ())}


def test_people_byline_taken_out_of_the_text_still_counts(lex):
    found = people("近年来，郢城镇凤鸣社区把清廉社区建设", lex,
                   bylines=[Byline("杨立胜", Role.REPORTER), Byline("秦开平", Role.REPORTER)])
    assert found == {"杨立胜": ("reporter", ()), "秦开平": ("reporter", ())}


def test_people_photographer_caption(lex):
    found = people("为方便参保群众就近享受高质量医保经办服务，日前，区医保局与镇、村合力。 （贺东娜 摄）", lex)
    assert found == {"贺东娜": ("photographer", ())}


@pytest.mark.parametrize("text", [
    "“一边玩游戏，一边听志愿者讲解，既娱乐了身心！”村民李大妈开心地说道。",
    "近日，居住在郢城镇荆北村的学生朱某家中突发重大变故",
    "区医保中心相关负责人和第三方驻医保窗口代表结合自身职能作表态发言",
    "相关负责人表示，将以竞赛促技术创新",
    "村里的孩子们来到新时代文明实践站，跟着老师学习书法。",
])
def test_people_not_people(lex, text):
    assert people(text, lex) == {}


def test_people_student_named_before_tongxue(lex):
    found = people("在同学们的歌声和祝福声中，马山中学七（三）班的钟文俊同学许下生日愿望", lex)
    assert found == {"钟文俊": ("other", ())}


def test_people_known_names_found_bare_anywhere(lex):
    known = {"万玲玲": Role.OFFICIAL, "张远重": Role.OFFICIAL}
    found = people("张远重调研拍马工业园区发展情况\n万玲玲强调，招商服务要提升。", lex, known)
    assert set(found) == {"张远重", "万玲玲"}


def test_people_bare_name_is_read_by_the_model_without_a_title(lex):
    assert people("万玲玲强调，招商服务要提升。", lex) == {"万玲玲": ("other", ())}


def test_people_name_broken_across_titles_chain_keeps_scope(lex):
    found = people("荆州区委书记、区委全面深化改革委员会主任万玲玲主持召开区委全面深化改革委员会第四次会议", lex)
    assert found["万玲玲"][1] == ("荆州区委书记", "区委全面深化改革委员会主任")


def _parts(text: str, lex, known=None) -> dict[str, Part]:
    article = Article("t.txt", 0, "", text)
    return {m.name: m.part for m in assign_parts(article, extract_people(article, lex, known))}


def test_parts_host_attendees_and_a_leader_only_studied(lex):
    text = ("区委副书记、区长张远重主持召开区政府第8次常务会议。会议传达学习省委书记、省人大常委会主任王蒙徽在荆州"
            "调研时的讲话精神。区委常委、副区长王厚强参加会议。")
    assert _parts(text, lex) == {"张远重": Part.ORGANIZER, "王蒙徽": Part.MENTIONED, "王厚强": Part.ATTENDEE}


def test_parts_reporter_is_never_an_attendee(lex):
    assert _parts("本报讯（通讯员邓慕秋）8月27日下午，区委书记万玲玲暗访督办城区创文迎检工作。", lex) == {
        "邓慕秋": Part.MENTIONED, "万玲玲": Part.ORGANIZER}


def test_parts_leader_whose_thought_is_named_is_only_mentioned(lex):
    text = ("区委书记万玲玲主持会议。要深刻理解把握习近平全面依法治国新理念新思想新战略，"
            "深刻认识习近平法治思想的重大意义。")
    known = {"习近平": Role.OFFICIAL}
    assert _parts(text, lex, known) == {"万玲玲": Part.ORGANIZER, "习近平": Part.MENTIONED}


def test_people_title_joined_by_jian(lex):
    found = people("区委常委、副区长兼区公安分局局长李建华出席会议。", lex)
    assert found["李建华"][1] == ("区委常委", "副区长", "区公安分局局长")


def test_people_surname_and_title_resolve_to_the_one_holder(lex):
    text = "县委书记王建国主持会议，副县长王小明参加。会上，王书记强调，要抓好落实。"
    found = extract_people(Article("t.txt", 0, "", text), lex)
    spans = [(m.name, text[m.start:m.end]) for m in found]
    assert ("王建国", "王书记") in spans


def test_people_surname_and_title_without_a_holder_is_nobody(lex):
    assert people("“感谢张书记！”村民们说。", lex) == {}


def test_people_unknown_name_enumerated_between_known_ones(lex):
    known = {"王勇": Role.OFFICIAL, "黄惊华": Role.OFFICIAL}
    found = people("区委副书记、王勇、袁青穗、黄惊华，区委党建工作领导小组全体成员参加会议。", lex, known)
    assert set(found) == {"王勇", "袁青穗", "黄惊华"}


def test_people_bare_names_in_brackets_closing_an_article_are_reporters(lex):
    text = "会议要求，要真抓实干完胜决战脱贫攻坚。（张明提 弓芳芳）\n（责任编辑：李鑫焱）"
    assert people(text, lex) == {"张明提": ("reporter", ()), "弓芳芳": ("reporter", ()), "李鑫焱": ("reporter", ())}


def test_people_name_ends_before_zuo_le(lex):
    found = people("县委常委、组织部长、党校校长刘敏作了重要讲话。", lex)
    assert found == {"刘敏": ("official", ("县委常委", "组织部长", "党校校长"))}


def test_people_verb_after_a_group_label_is_no_name(lex):
    assert people("县级领导包联重点项目，压实责任。", lex) == {}


def test_people_common_word_given_name_in_a_titled_list(lex):
    found = people("县政协副主席陈振文、于建春、文英雄参加视察。", lex)
    assert set(found) == {"陈振文", "于建春", "文英雄"}


def test_parts_source_quoted_after_a_quotation_is_not_an_attendee(lex):
    text = ("“我们将不遗余力地帮助他们，让他们在学校的关爱下健康快乐成长。”荆州区马山中学校长陈建军说。"
            "区委常委、统战部部长胡庆海表示，区政府将坚持规划引领。")
    assert _parts(text, lex) == {"陈建军": Part.MENTIONED, "胡庆海": Part.ATTENDEE}


def test_parts_the_subject_of_a_visit_leads_it(lex):
    text = "区委副书记、区长张远重专题调研拍马工业园区发展情况。区委常委、常务副区长周远栋，副区长刘心波参加调研。"
    assert _parts(text, lex) == {"张远重": Part.ORGANIZER, "周远栋": Part.ATTENDEE, "刘心波": Part.ATTENDEE}


def test_people_named_by_what_they_are(lex):
    found = people("先后走进离休干部刘志敬、高岚亭家中，看望慰问老党员。", lex)
    assert found == {"刘志敬": ("other", ()), "高岚亭": ("other", ())}


def test_known_names_found_alike_by_search_and_by_lookup(lex, monkeypatch):
    from kgraph.extract import people as module

    text = "张明远强调，李红要抓好落实。张明远、李红、王建国一同前往。王建国说，会议由张明远主持。" * 3
    known = {"张明远": Role.OFFICIAL, "李红": Role.OFFICIAL, "王建国": Role.OTHER}
    searched = module.find_known_people(text, known, [(0, 3)], lex)
    monkeypatch.setattr(module, "_SEARCH_LIMIT", 0)
    looked_up = module.find_known_people(text, known, [(0, 3)], lex)
    assert searched == looked_up
    assert len(searched) == 3 * 6 - 1  # every mention but the taken first one
