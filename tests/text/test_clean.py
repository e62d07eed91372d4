"""PDF text repairs, each on real snippets of the seed pages, and what they must never do to real text."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.text.clean import (
    BYLINE,
    HEADING,
    OPENING,
    TEXT,
    clean_line,
    clean_text,
    fullwidth_punct,
    join_spread_chars,
    meta_line,
    paragraphs,
    strip_noise,
    tighten_spaces,
    undouble,
)


def page(text: str) -> str:
    """A snippet as printed on the page; the line break after the opening quotes only lays out this file."""
    return text.removeprefix("\n")


# ---------------------------------------------------------------- bold overlay


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("推进雨污分流改造推进雨污分流改造", "推进雨污分流改造"),
        ("优化居民生活环境优化居民生活环境", "优化居民生活环境"),
        ("八岭山镇乡村八岭山镇乡村““书法大讲堂书法大讲堂””开讲开讲", "八岭山镇乡村“书法大讲堂”开讲"),
        ("77 月月 1010 日日，，八岭山镇新湾村八岭山镇新湾村", "7 月 10 日，八岭山镇新湾村"),
        ("指导培训指导培训。。 （（王思奇王思奇 摄摄））", "指导培训。 （王思奇 摄）"),
    ],
)
def test_undouble_repairs_bold_overlay(line: str, expected: str) -> None:
    assert undouble(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "王芸芸",
        "（通讯员周闪闪）8月23日，",
        "张闪闪",
        "天天向上",
        "看看",
        "谢谢谢谢",
        "看看看看看看看看",
        "对幸福福、虎渡河居委会、炮台村等段面实行重点监控",
        "走进凤鸣社区，一步一廉景，处处是廉风。",
        "“牛皮癣”“流浪狗”",
        "1100",
        "11月11日",
        "真抓真管、敢抓敢管、严抓严管、长抓长管",
    ],
)
def test_real_repeated_characters_survive(line: str) -> None:
    assert undouble(line) == line
    assert clean_line(line) == line


def test_doubled_dateline_is_fully_repaired() -> None:
    line = " 77 月月 1010 日日，，八岭山镇新湾村八岭山镇新湾村““书法大讲堂书法大讲堂””正式开讲正式开讲，，"
    assert clean_line(line) == "7月10日，八岭山镇新湾村“书法大讲堂”正式开讲，"


# ---------------------------------------------------------------- spaces


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("道 通 会 桥 社 区 召 开", "道通会桥社区召开"),
        ("西城街道 通 会 桥 社 区 召 开", "西城街道通会桥社区召开"),
        ("设 为 主 抓 手 ，点 燃 乡 村 建 设“ 新 引", "设为主抓手，点燃乡村建设“新引"),
    ],
)
def test_spread_characters_are_closed_up(line: str, expected: str) -> None:
    assert join_spread_chars(line) == expected


@pytest.mark.parametrize(
    "line",
    ["（王思奇 摄）", "古城 简讯", "“吃幸福食堂 享幸福滋味”", "通讯员杨立胜 秦开平", "爱心助成长 留守不孤单", "A B C"],
)
def test_blanks_between_words_are_kept(line: str) -> None:
    assert join_spread_chars(line) == line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("本报讯（通讯员王思奇）7月 14日，", "本报讯（通讯员王思奇）7月14日，"),
        ("来自 5所高中的 60余名", "来自5所高中的60余名"),
        ("根据近日通报的 2023 年度全省巩固拓展脱贫攻", "根据近日通报的2023年度全省巩固拓展脱贫攻"),
        ("扶贫小额信贷 1847.9 万元，中央衔接资", "扶贫小额信贷1847.9万元，中央衔接资"),
        ("等民生问题 20余件，提供公共事项、生", "等民生问题20余件，提供公共事项、生"),
        ("建设 为 主 抓 手 ，点", "建设 为 主 抓 手，点"),
    ],
)
def test_stray_blanks_next_to_digits_and_punctuation_go(line: str, expected: str) -> None:
    assert tighten_spaces(line) == expected


def test_leading_blank_is_noise() -> None:
    assert strip_noise(" 本报讯（通讯员文凯）5月22日，荆") == "本报讯（通讯员文凯）5月22日，荆"


# ---------------------------------------------------------------- punctuation


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("本报讯(通讯员吴申畅)5月27日,区委副书记", "本报讯（通讯员吴申畅）5月27日，区委副书记"),
        ("会议强调,要认清形势，提高站位", "会议强调，要认清形势，提高站位"),
        ("督促组织专项“补课”,有问题的拾遗补缺", "督促组织专项“补课”，有问题的拾遗补缺"),
        ("研究芒麻产业研究院(苧麻陈列馆)规划建设方案", "研究芒麻产业研究院（苧麻陈列馆）规划建设方案"),
        ("持续深化纠治“四风”;坚定不移惩腐败", "持续深化纠治“四风”；坚定不移惩腐败"),
        ("会议指出:要加快", "会议指出：要加快"),
    ],
)
def test_ascii_punctuation_in_chinese_becomes_full_width(line: str, expected: str) -> None:
    assert fullwidth_punct(line) == expected


@pytest.mark.parametrize(
    "line",
    ["日均处理污水6.72万吨", "目标完成率102.1%；开", "发放救助金9,000元", "10:30开始", "A类等次", "ICU抢救"],
)
def test_numbers_and_latin_keep_their_punctuation(line: str) -> None:
    assert fullwidth_punct(line) == line


# ---------------------------------------------------------------- paragraphs


@pytest.mark.parametrize(
    ("raw", "joined"),
    [
        ("本报讯（通讯员文凯）5月22日，荆\n州区委书记、区委全面深化改革委员会\n主任万玲玲主持召开。", "荆州区委书记"),
        ("本报讯（通讯员吴申畅）7月14日，区委副书记、区长张远重\n主持召开区政府常务会暨政府党组会议。", "张远重主持"),
        ("荆州区委书记、荆州高新区党工委书记万\n玲玲主持会议并讲话，两区领导张盛勇。", "万玲玲主持"),
        ("本报讯（通讯员何华安）5月26\n\n日，2022年荆州市“安康杯”劳动竞\n赛启动仪式在荆州区举行。", "5月26日，2022年"),
        ("荆州区八岭山镇铜岭村村委会广场一片欢声笑\n语，套圈游戏。", "欢声笑语"),
    ],
)
def test_words_and_names_broken_across_lines_are_rejoined(raw: str, joined: str) -> None:
    text = clean_text(raw)
    assert joined in text
    assert "\n" not in text


def test_column_break_inside_a_sentence_is_not_a_paragraph_break() -> None:
    raw = page("""
提标，稳固阶段性成果，消
灭脏乱差；“牛皮癣”“流浪狗”

“空中飞线”整治行动要实现全覆盖，各
专班要注重结果导向。""")
    assert clean_text(raw) == "".join(
        [
            "提标，稳固阶段性成果，消灭脏乱差；",
            "“牛皮癣”“流浪狗”“空中飞线”整治行动要实现全覆盖，",
            "各专班要注重结果导向。",
        ]
    )


def test_blank_line_after_a_sentence_end_is_a_paragraph_break() -> None:
    raw = page("""
防范遏制事故发生，持续巩
固安全生产稳定好转形势。

市总工会、区总工会、中建七局
西南公司相关负责人参加活动。""")
    assert clean_text(raw).split("\n") == [
        "防范遏制事故发生，持续巩固安全生产稳定好转形势。",
        "市总工会、区总工会、中建七局西南公司相关负责人参加活动。",
    ]


def test_short_line_ending_a_sentence_closes_its_paragraph() -> None:
    raw = page("""
区委常委、常务副区长周远栋主持会
议，提出了意见及建议。
会上，区委常委、宣传部部长、统战部部
长袁菁穗传达了市创文工作会议精神。""")
    assert clean_text(raw).split("\n") == [
        "区委常委、常务副区长周远栋主持会议，提出了意见及建议。",
        "会上，区委常委、宣传部部长、统战部部长袁菁穗传达了市创文工作会议精神。",
    ]


def test_headline_lines_stay_apart_from_the_body() -> None:
    raw = (
        "为荆州\n区高质量发展贡献统战力量。\n\n荆州区委统战部靠前服务\n\n助力民营企业实现外贸“突围”\n\n"
        "本报讯 5月25日，荆州区、荆州高新区招\n商引资领导小组会议召开。"
    )
    kinds = [(p.kind, p.text) for p in paragraphs(raw)]
    assert kinds == [
        (TEXT, "为荆州区高质量发展贡献统战力量。"),
        (HEADING, "荆州区委统战部靠前服务"),
        (HEADING, "助力民营企业实现外贸“突围”"),
        (TEXT, "本报讯5月25日，荆州区、荆州高新区招商引资领导小组会议召开。"),
    ]


def test_headline_lines_without_blank_lines_around_them_are_found() -> None:
    raw = (
        "持续抓好党员干部教育培训，切实做好意\n识形态工作。\n荆州区委统战部靠前服务\n助力民营企业实现外贸“突围”\n"
        "本报讯 5月25日，荆州区、荆州高新区招\n商引资领导小组会议召开。"
    )
    assert [p.kind for p in paragraphs(raw)] == [TEXT, HEADING, HEADING, TEXT]


def test_first_line_of_a_paragraph_cut_by_a_column_break_is_not_a_headline() -> None:
    raw = (
        "本报讯 近日，荆州区创文办、区\n学校周边办组织开展集中行动，西\n城街办参加活动。\n\n"
        "本次集中行动共出动执法车辆4\n\n台、执法人员20人，对荆州小学、实\n验中学周边环境进行现场整治。"
    )
    paras = paragraphs(raw)
    assert [p.kind for p in paras] == [TEXT, TEXT]
    assert paras[1].text == "本次集中行动共出动执法车辆4台、执法人员20人，对荆州小学、实验中学周边环境进行现场整治。"


def test_byline_line_is_its_own_paragraph() -> None:
    raw = "聚焦问题“回头看”办理落实“向前走”\n□ 通讯员 王学峰\n\n“您好，我是西城街道纪工委的工\n作人员。”"
    assert [p.kind for p in paragraphs(raw)] == [HEADING, BYLINE, TEXT]


def test_paragraph_spans_point_into_the_source() -> None:
    raw = " 本报讯（通讯员文凯）5月22日，荆\n州区委书记万玲玲主持会议。\n\n区委全面深化改革委员会全体成员\n参加会议。"
    first, second = paragraphs(raw)
    assert raw[first.start : first.end] == "本报讯（通讯员文凯）5月22日，荆\n州区委书记万玲玲主持会议。"
    assert raw[second.start : second.end] == "区委全面深化改革委员会全体成员\n参加会议。"


def test_clean_text_repairs_a_doubled_headline_block() -> None:
    raw = "（方徐欣 摄）\n\n推进雨污分流改造推进雨污分流改造\n优化居民生活环境优化居民生活环境\n"
    assert clean_text(raw) == "（方徐欣 摄）\n推进雨污分流改造\n优化居民生活环境"


# ---------------------------------------------------------------- properties

CJK = re.compile(r"[\u3400-\u9fff]")
ALPHABET = "荆州区本报讯通讯员王芸摄月日年会议召开推进改造天看幸福一二 ，。、“”（）()《》,.:;!?0123456789ab\u3000"


def cjk(text: str) -> Counter[str]:
    return Counter(CJK.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cleaning_never_crashes(text: str) -> None:
    assert isinstance(clean_text(text), str)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=ALPHABET, max_size=30), st.integers(0, 30)), max_size=12))
def test_cleaning_keeps_every_chinese_character_of_undoubled_text(lines: list[tuple[str, int]]) -> None:
    # one `§` per line: a line with a single marker can never read as a run printed twice
    text = "\n".join(line[:cut] + "§" + line[cut:] for line, cut in lines)
    assert cjk(clean_text(text)) == cjk(text)


# ---------------------------------------------------------------- web page lines (invented)


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        ("2023-09-14 16:05:33 青山融媒", True),
        ("某某日报 2023-06-09 07:12", True),
        ("2023/6/18 作者 刘晓丽", True),
        ("2023年06月18日", True),
        ("2023年6月13日 第05版：要闻", True),
        ("2023年5月27日 星期六", True),
        ("日期：2023-09-02 10:30", True),
        ("[责任编辑：赵文博]", True),
        ("撰稿：刘晓丽 编辑：陈志远 责编：赵文博", True),
        ("本文为某某网原创文章，转载请注明出处。", True),
        ("|", True),
        ("2023年6月5日，县委书记林晓明主持召开县委常委会议。", False),
        ("会议于2023年6月5日", False),  # a wrapped line of prose ending in a date
        ("2023年6月5日上午区委", False),
        ("。", False),  # a sign wrapped onto its own line belongs to the text
    ],
)
def test_meta_lines(line: str, meta: bool) -> None:
    assert meta_line(clean_line(line)) is meta


@pytest.mark.parametrize(
    ("lead", "byline"),
    [
        ("某某时刻新闻6月3日讯（通讯员 刘晓丽 陈志远）6月2日上午，", "通讯员 刘晓丽 陈志远"),
        ("某某网东河讯（记者 刘晓丽）3月22日，", "记者 刘晓丽"),
        ("某某在线9月2日讯（通讯员 陈志远） 9月1日，", "通讯员 陈志远"),
        ("某某人大网讯 5月21日，", None),
        ("县融媒体讯 在我县，", None),
        ("青山讯（陈志远）12月8日，", "陈志远"),
        ("某某云报道（记者 刘晓丽）12月18日，", "记者 刘晓丽"),
    ],
)
def test_web_openings(lead: str, byline: str | None) -> None:
    found = OPENING.match(clean_line(lead))
    assert found is not None
    assert found.group("byline") == byline


@pytest.mark.parametrize(
    "lead", ["传来喜讯，南湖镇获评", "某某资讯丨南湖镇获评", "据某某社报道（记者 刘晓丽），", "通讯：南湖镇"]
)
def test_words_ending_in_xun_are_no_openings(lead: str) -> None:
    assert OPENING.match(clean_line(lead)) is None


def test_title_and_meta_lines_printed_without_blank_lines_are_apart() -> None:
    text = "红叶镇中心小学举行开学典礼\n日期:2023-09-02 10:30\n来源:某某在线\n9月1日上午，红叶镇中心小学开学。\n"
    assert [(p.kind, p.text) for p in paragraphs(text)] == [
        (HEADING, "红叶镇中心小学举行开学典礼"),
        (TEXT, "日期：2023-09-02 10:30"),
        (TEXT, "来源：某某在线"),
        (TEXT, "9月1日上午，红叶镇中心小学开学。"),
    ]


def test_a_look_alike_of_the_middle_dot_inside_a_name_is_the_middle_dot():
    assert strip_noise("他向买买提•吐尔逊一行表示欢迎") == "他向买买提·吐尔逊一行表示欢迎"
    assert strip_noise("• 本报讯") == "本报讯"
