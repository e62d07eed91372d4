"""People named without a title nearby: the recogniser and the rules around it, on sentences of our own."""

from __future__ import annotations

import pytest

from kgraph.extract import extract_article, ner
from kgraph.extract.model_names import model_names
from kgraph.extract.names import plausible_name
from kgraph.extract.ner import Entity, chunks, features, positional, recogniser, spans
from kgraph.extract.people import extract_people, find_model_people, model_name
from kgraph.model import Article, Role


def people(text: str, lex, known=None) -> dict[str, tuple[str, tuple[str, ...]]]:
    found = extract_people(Article("t.txt", 0, "", text), lex, known)
    return {m.name: (m.role.value, tuple(t.text for t in m.titles)) for m in found}


@pytest.mark.parametrize("text, name", [
    ("会上，孙立群同志作了动员讲话。", "孙立群"),  # 同志 after the name
    ("“今年的收成不错。”种植户黄德旺说。", "黄德旺"),  # a quoted speaker
    ("柏春生作工作报告，会议审议通过了有关决议。", "柏春生"),  # jieba glues 生作
    ("王刚表示，要把惠民政策落到实处。", "王刚"),  # a two-character name
    ("据了解，欧阳春燕是当地有名的种粮大户。", "欧阳春燕"),  # a compound surname
    ("村民阿不都热依木·吐尔地告诉记者，今年的核桃卖了好价钱。", "阿不都热依木·吐尔地"),  # a name with ·
])
def test_model_finds_a_name_in_prose(lex, text, name):
    assert name in people(text, lex)


def test_model_finds_a_list_before_deng(lex):
    found = people("人大代表邱海明、骆红英、柴永福等参加视察。", lex)
    assert {"邱海明", "骆红英", "柴永福"} <= set(found)


@pytest.mark.parametrize("surname", ["牙", "丑", "覃", "晋", "司徒"])
def test_rare_and_compound_surnames_take_the_title_before_them(lex, surname):
    name = surname + "志坚"
    assert people(f"会议由副县长{name}主持。", lex)[name] == ("official", ("副县长",))


def test_title_chain_before_a_transcribed_name(lex):
    found = people("县委副书记、县长买买提·吐尔逊率队到乡镇调研。", lex)
    assert found["买买提·吐尔逊"] == ("official", ("县委副书记", "县长"))


def test_a_rule_name_is_lengthened_over_the_dot(lex):
    found = people("副县长阿不来提·买买提主持会议。", lex)
    assert "阿不来提·买买提" in found and "阿不来提" not in found


def test_title_after_the_name(lex):
    found = people("心内科蒋丽华主任、药剂科何晓明副主任参加义诊。", lex)
    assert found["蒋丽华"] == ("official", ("主任",))
    assert found["何晓明"] == ("official", ("副主任",))


def test_names_run_together_in_a_caption(lex):
    found = people("图为张建国刘淑芬赵志强在田间查看长势。\n张建国刘淑芬赵志强", lex)
    assert {"张建国", "刘淑芬", "赵志强"} <= set(found)


@pytest.mark.parametrize("text", [
    "丰富多彩的乡村文化让人耳目一新。",  # 目一新 inside an idiom
    "启动仪式在李家湾村文化广场举行。",  # a village, not a man
    "同学们参观了新建的科普馆和图书馆。",  # a venue
])
def test_model_names_that_belong_to_something_else(lex, text):
    assert people(text, lex) == {}


def test_a_name_the_model_cut_short_gives_way_to_a_known_name(lex):
    known = {"黄德远": Role.OFFICIAL}
    found = people("黄德远重听取了汇报。", lex, known)
    assert "黄德远" in found and not any(name.startswith("黄德") and name != "黄德远" for name in found)


@pytest.mark.parametrize("credit", ["作者：", "责编：", "图文：", "撰稿："])
def test_staff_credits_are_reporters(lex, credit):
    assert people(f"全文完。\n{credit}蒋晓丽", lex)["蒋晓丽"][0] == "reporter"


def test_positional_labels_count_the_characters_of_each_name():
    labels = ["B-PER", "M-PER", "E-PER", "B-PER", "E-PER", "O", "S-LOC", "B-ORG", "M-ORG", "M-ORG", "M-ORG", "E-ORG"]
    assert positional(labels) == ["PER1", "PER2", "PER3", "PER1", "PER2", "O", "LOC1",
                                  "ORG1", "ORG2", "ORG3", "ORG4", "ORG4"]


def test_spans_split_names_run_together_and_drop_names_that_do_not_open():
    text = "王汉斌杨尚昆到北京大学读书"
    labels = ["PER1", "PER2", "PER3", "PER1", "PER2", "PER3", "O", "LOC1", "LOC2", "ORG3", "ORG4", "O", "O"]
    assert [(e.kind, e.text) for e in spans(labels, text)] == [("PER", "王汉斌"), ("PER", "杨尚昆"), ("LOC", "北京")]


def test_names_read_across_a_mark_are_cut_at_it():
    text = "是①布莱尔②史密斯"
    labels = ["O", "O", "PER1", "PER2", "PER3", "PER4", "PER4", "PER4", "PER4"]
    assert [(e.text, e.start) for e in spans(labels, text, 10)] == [("布莱尔", 12), ("史密斯", 16)]


def test_chunks_keep_offsets_and_cut_long_sentences():
    text = "第一句。" + "长" * 250 + "，" + "句" * 200 + "。"
    pieces = chunks(text)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[start:start + len(piece)] == piece for start, piece in pieces)
    assert max(len(piece) for _, piece in pieces) <= 300


def test_features_fold_digits_and_mark_surnames():
    rows = features("王１9", frozenset("王"))
    assert "S" in rows[0] and "c0" in rows[1] and rows[1][2] == rows[2][2]


def test_recogniser_reads_people_places_and_organisations(lex):
    text = "国务院总理李明华在上海考察了复旦大学。"
    kinds = {(e.kind, e.text) for e in recogniser(lex.surnames).entities(text)}
    assert {("PER", "李明华"), ("LOC", "上海"), ("ORG", "复旦大学"), ("ORG", "国务院")} <= kinds


def _orgs_places(text: str, lex) -> tuple[set[str], set[str]]:
    found = extract_article(Article("t.txt", 0, "", text), lex)
    return {m.text for m in found.orgs}, {m.text for m in found.places}


def test_model_adds_bodies_and_places_the_suffix_rules_miss(lex):
    orgs, places = _orgs_places("常委会审议了住建局和交通运输局的工作报告。宁乡、浏阳两地代表参加。", lex)
    assert {"住建局", "交通运输局"} <= orgs
    assert {"宁乡", "浏阳"} <= places


def test_a_town_the_model_reads_as_a_body_is_a_place(lex):
    text = "调研组先后来到格日朝鲁苏木、巴音宝力格镇察看牧区建设。"
    recognised = [Entity("ORG", text.index("巴音"), text.index("察看"), "巴音宝力格镇")]
    orgs, places = model_names(text, recognised, [], lex)
    assert [p.text for p in places] == ["巴音宝力格镇"] and orgs == []


@pytest.mark.parametrize("text, name", [
    ("由外科周立新带队的医疗队来到东湖村。", "外科周立新"),  # a department with a name glued on
    ("青山县考察团来到东湖村。", "青山县考察团"),  # a group formed for one visit
    ("会议要求创建特色党委。", "创建特色党委"),  # a verb at the front
    ("城南高新园党（工）委召开会议。", "城南高新园党"),  # a name cut at its bracket
])
def test_model_organisations_that_are_none(lex, text, name):
    start = text.index(name)
    entity = Entity("ORG", start, start + len(name), name)
    assert model_names(text, [entity], [], lex) == ([], [])


def test_names_joined_by_a_dot_stop_at_words_before_and_after(lex):
    found = people("他代表全县人民向艾克拜尔·吐尔逊等一行表示欢迎。", lex)
    assert "艾克拜尔·吐尔逊" in found


def test_a_rule_name_inside_a_dotted_name_takes_the_whole_name(lex):
    found = people("乡党委书记董立斌、村村长艾尔肯提·如则麦麦提分别作了汇报。", lex)
    assert "艾尔肯提·如则麦麦提" in found and "艾尔肯" not in found


def test_a_list_with_a_name_without_surname_is_read_around_it(lex):
    found = people("主席团成员\n王建国李志明张海涛扎西刘晓东赵海峰孙立新\n", lex)
    assert {"王建国", "李志明", "张海涛", "刘晓东", "赵海峰", "孙立新"} <= set(found)


def test_an_appointment_gives_its_posts(lex):
    found = people("会议决定，李明远任青山区副区长、代理区长。", lex, {})
    assert found["李明远"] == ("official", ("青山区副区长", "代理区长"))


def test_names_listed_before_an_appointment_share_it(lex):
    found = people("会议选举王建国、刘晓梅、赵志强为大会主席团常务主席；通过了议程。", lex, {})
    assert {found[n] for n in ("王建国", "刘晓梅", "赵志强")} == {("official", ("大会主席团常务主席",))}


def test_wei_before_a_clause_that_is_no_title_gives_none(lex):
    assert people("王明为大家讲解了政策。", lex, {})["王明"] == ("other", ())


@pytest.mark.parametrize("text, name", [
    ("旗人大常委会副主任乌力吉巴雅尔主持会议。", "乌力吉巴雅尔"),
    ("苏木党委书记敖其尔巴图陪同调研。", "敖其尔巴图"),
])
def test_mongolian_names_after_a_title(lex, text, name):
    assert people(text, lex)[name][0] == "official"


def test_a_committee_list_printed_without_separators(lex):
    text = ("筹备委员会名单主任：郑国华委员：陈立新王海涛刘志强孙建平杨光明和志远周国庆黄海波吴建军"
            "林晓东（女）马国栋胡志明赵德胜")
    found = people(text, lex)
    assert {"郑国华", "陈立新", "王海涛", "刘志强", "孙建平", "杨光明", "和志远", "周国庆", "黄海波", "吴建军",
            "林晓东", "马国栋", "胡志明", "赵德胜"} <= set(found)
    assert not any(len(name) == 3 and name not in text.replace("（女）", "") for name in found)


def test_a_village_with_a_two_character_ending_is_no_person(lex):
    # a Mongolian village (嘎查) or township (苏木) the recogniser reads as a name is a place, never a person
    assert not model_name("乌兰图雅嘎查", lex) and not model_name("宝日勒岱苏木", lex)
    assert model_name("乌兰图雅", lex)


@pytest.mark.parametrize("text, name, titles", [
    # a banner's head (旗长) is a title as a county's is
    ("6月3日，旗委副书记、旗长巴特尔深入牧区调研。", "巴特尔", ("旗委副书记", "旗长")),
    # the 任 of 主任 before a transcribed name is no surname opening a Chinese name
    ("州人大常委会主任古丽娜尔·买买提出席会议。", "古丽娜尔·买买提", ("州人大常委会主任",)),
    ("国务院副总理张海平出席开幕式。", "张海平", ("国务院副总理",)),
    ("副主任医师张晓燕、护士长刘芳全程参与救治。", "刘芳", ("护士长",)),
    # one department of two fields (和, 及) in a title's scope; two titles joined by 和 stay apart
    ("县林业和草原局局长次旦卓嘎为他颁发了证书。", "次旦卓嘎", ("县林业和草原局局长",)),
    ("区委书记和区长张明出席。", "张明", ("区长",)),
    # names without a surname, read from the elements of Tibetan and Mongolian names after a title
    ("乡党委书记格桑旺堆说：“他是我们乡的好榜样。”", "格桑旺堆", ("乡党委书记",)),
    ("苏木党委书记乌日娜陪同调研。", "乌日娜", ("苏木党委书记",)),
])
def test_titles_of_other_regions_and_bodies(lex, text, name, titles):
    assert people(text, lex)[name] == ("official", titles)


def test_names_without_a_surname_after_a_noun_for_a_person(lex):
    found = people("工作组走进牧民其其格、斯琴高娃家中，村民扎西次仁也赶来了。", lex)
    assert {"其其格", "斯琴高娃", "扎西次仁"} <= set(found)
    # the elements without a person's context are no name: 格桑花 is a flower
    assert not people("格桑花开满了山坡。", lex)


def test_a_surname_and_a_form_of_address_is_no_name(lex):
    found = people("“村里变化太大了。”村民王大爷说。李大姐笑着说，王大伟也来了。", lex)
    assert set(found) == {"王大伟"}


def test_a_transcribed_name_written_short_later_is_the_same_person(lex):
    text = ("州委书记阿不都热合曼·吐尔逊主持会议。阿不都热合曼强调，要抓好落实。"
            "公司亚太区总裁皮埃尔·杜邦一行来考察。杜邦表示，看好中国市场。")
    assert set(people(text, lex)) == {"阿不都热合曼·吐尔逊", "皮埃尔·杜邦"}


def test_a_transcribed_name_in_a_byline_is_the_reporter(lex):
    found = people("会议要求，抓好贯彻落实。\n（记者 热依拉·艾买提 王海）", lex)
    assert found == {"热依拉·艾买提": ("reporter", ()), "王海": ("reporter", ())}


def test_a_list_its_notes_mark_is_read_whole_with_names_without_surnames(lex):
    # a note of sex or nationality makes the runs beside it a list, even with prose characters (地) in it; a name
    # without a surname between two others (次仁多吉) is one of the list
    text = "获奖者名单：刘春梅（女）黄志强次仁多吉陈国栋周地平吴海峰（回族）郑立华"
    found = people(text, lex)
    assert {"刘春梅", "黄志强", "次仁多吉", "陈国栋", "周地平", "吴海峰", "郑立华"} <= set(found)


def test_a_short_run_beside_a_note_is_a_list_and_its_edge_gaps_are_names(lex):
    # two names before a note make a list; a name that opens after a note or closes before one, without a
    # surname or with a character prose rules turn down (年), is a name too
    found = people("主席团成员：林海涛（回族）吕建国宋安年洛桑次仁（藏族）庞志远邹立新（女）", lex)
    assert {"林海涛", "吕建国", "宋安年", "洛桑次仁", "庞志远", "邹立新"} <= set(found)
    found = people("委员：杨立军（彝族）尼玛顿珠沈建华（女）", lex)
    assert {"杨立军", "尼玛顿珠", "沈建华"} <= set(found)


def test_a_paragraph_after_an_order_note_is_a_list(lex):
    text = "出席代表（按姓氏笔画排列）：于海洋马立新王建华平措刘红军孙晓峰"
    assert {"于海洋", "马立新", "王建华", "平措", "刘红军", "孙晓峰"} <= set(people(text, lex))
    # without the note, a gap in the run is no name
    assert "平措" not in people("于海洋马立新王建华平措刘红军孙晓峰", lex)


def test_a_list_run_after_a_transcribed_name_may_begin_with_its_end(lex):
    # the transcribed name is read short (…·艾力): the run after it starts with the rest of that name
    found = people("委员（按姓氏笔画排列）：刘建国买买提·艾力江张红梅王志强陈立华", lex)
    assert {"张红梅", "王志强", "陈立华"} <= set(found)


def test_transcribed_names_in_a_list_printed_without_separators_are_read_whole(lex):
    # where a transcribed name begins and ends is not printed: the names around it and its parts decide
    found = people("评审委员（按姓氏笔画排列）：马建国吴立新热合曼·阿不都许海涛张丽华阿依古丽·买买提"
                   "刘振东扎西·次仁多吉周春来（女）", lex)
    assert {"马建国", "吴立新", "热合曼·阿不都", "许海涛", "张丽华", "阿依古丽·买买提", "刘振东",
            "扎西·次仁多吉", "周春来"} <= set(found)
    assert not any(name in found for name in ("新热合曼·阿不都", "都许海涛", "提刘振东", "东扎西·次仁多吉"))


def test_the_options_of_a_quiz_beside_a_person_are_people(lex):
    assert {"叶利钦", "久加诺夫", "列别德"} <= set(people("当选总统的是：①叶利钦②久加诺夫③列别德４．下列", lex))
    assert {"施罗德", "斯特劳"} <= set(people("新任英国外交大臣是：（１）库克（２）施罗德（３）斯特劳？", lex))
    # places among the options, or no person in them: nothing
    assert people("这条海峡是：①马六甲海峡②直布罗陀③霍尔木兹海峡４．", lex) == {}
    assert people("获奖的是：（１）梅花（２）菊花（３）兰花", lex) == {}


def test_names_with_date_characters_between_a_department_and_a_title(lex):
    # 皮肤科 is a department the recogniser may read as a person; 李延年 holds 年, a date in prose
    found = people("随后，皮肤科李延年副主任、儿科周其芳主任、外科冯之琳副主任先后发言。", lex)
    assert {"李延年", "周其芳", "冯之琳"} <= set(found) and "皮肤科" not in found
    assert plausible_name("李延年", lex, listed=True) and not plausible_name("李延年", lex)


def test_a_name_the_recogniser_cut_into_a_department_runs_on_to_its_title(lex):
    from kgraph.extract.people import _name_past_body

    text = "骨科郑飞扬博士、外科冯之琳副主任"
    assert _name_past_body(text, Entity("ORG", 0, 3, "骨科郑"), lex) == Entity("PER", 2, 5, "郑飞扬")
    assert _name_past_body("骨科郑重承诺", Entity("ORG", 0, 3, "骨科郑"), lex) is None


def test_a_name_the_dictionary_knows_enumerated_beside_a_person(lex):
    # 恽 is no surname of the lists, but jieba knows the name; a place it tags nr (薛城区) is no name
    assert "恽代英" in people("一九二二年由林毓南、恽代英介绍入党。", lex, known={})
    assert "薛城区" not in people("副经理李明、薛城区财政局副局长张华等参加。", lex, known={})


def test_a_list_run_stops_at_a_transcribed_name(lex):
    found = people("委员：张思远李国华吴明德阿布都·热合曼赵明辉钱学文孙立平周建国", lex)
    assert {"张思远", "李国华", "吴明德", "赵明辉", "钱学文", "孙立平", "周建国"} <= set(found)
    assert not any(name.endswith("阿布都") or name == "德阿布" for name in found)


@pytest.mark.parametrize("text", ["考察团从武夷山到大别山一路走访。", "东盟成员国承诺共同维护地区稳定。",
                                  "调研组先后到刘寨行政村、贺村等地察看。"])
def test_prose_places_and_verbs_are_no_people(lex, text):
    assert people(text, lex) == {}


@pytest.mark.parametrize("text, name", [
    ("（本报记者高翔摄）", "高翔"),  # 摄 closes the credit, it is no given name
    ("本报记者孙敏图为新建成的跨江大桥。", "孙敏"),  # 图为 opens the caption
    ("收藏家何建祥和杭州的藏友一起办展。", "何建祥"),  # jieba's 祥和 must not cut the name
])
def test_names_end_where_the_next_words_begin(lex, text, name):
    assert name in people(text, lex) and not any(n.startswith(name) and n != name for n in people(text, lex))


def test_names_between_a_department_and_a_title(lex):
    found = people("外科周明远主任、骨科孙立平副主任参加会诊。", lex)
    assert found["周明远"][0] == "official" and found["孙立平"][0] == "official"


def test_numbered_candidates_are_each_a_name(lex):
    assert {"王立明", "赵国华", "孙志强"} <= set(people("候选人是①王立明②赵国华③孙志强。", lex))


@pytest.mark.parametrize("text, names", [
    # one surname after another: 王建王 or 克王涛 would be names with a surname inside
    ("理事会名单（按姓氏笔划排序）丁文忠丁志宏于建国王建王克王涛王洪波王群方志远", {"王建", "王克", "王涛", "王群"}),
    ("评审组成员：邢国荣成德光成思远吕枫吕立新孙英孙勇孙家明", {"吕枫", "吕立新", "孙英", "孙勇"}),
])
def test_names_in_a_list_are_told_apart_by_their_characters(lex, text, names):
    found = people(text, lex)
    assert names <= set(found)
    assert not any(name[-1] in "王吕孙" and len(name) == 3 for name in found)


@pytest.mark.parametrize("text", ["会上，成员国认为一个稳定的地区符合各方利益。", "所有成员都要遵守章程。"])
def test_a_title_inside_a_longer_word_or_before_an_adverb_names_nobody(lex, text):
    assert people(text, lex) == {}


def test_a_famous_name_jieba_knows_is_plausible_though_frequent(lex):
    assert plausible_name("刘少奇", lex) and plausible_name("孙中山", lex)
    assert not plausible_name("丘陵", lex)  # a frequent word jieba files under nr


@pytest.mark.parametrize("text, reading, name, title", [
    ("会议要求贯彻落实好郑毅书记的讲话精神。", Entity("PER", 9, 10, "郑"), "郑毅", "书记"),  # cut after the surname
    ("义诊由眼科刘敏副主任带队。", Entity("ORG", 3, 7, "眼科刘敏"), "刘敏", "副主任"),  # read into the department
])
def test_two_character_names_before_a_title_where_the_recogniser_slips(lex, text, reading, name, title):
    [found] = find_model_people(text, [reading], [], lex)
    assert (found.name, tuple(t.text for t in found.titles)) == (name, (title,))


@pytest.mark.parametrize("text, expected", [
    ("市政协主席孙立成来我县调研。", {"孙立成"}),
    ("市政协副主席孙建来我县调研。", {"孙建"}),  # not 孙建来
    ("副局长张丽、罗湖区财政局副局长王芳等委员参加。", {"张丽", "王芳"}),  # 罗湖区 is a district
    ("全体委员满怀信心地投入到新的工作中。", set()),  # 满怀信心 is an idiom, not 委员 满怀
])
def test_a_name_ends_where_a_word_or_a_district_begins(lex, text, expected):
    assert set(people(text, lex)) == expected


@pytest.mark.parametrize("text, expected", [
    ("本报讯（记者钟启明陈丽华）9月3日，全市秋粮收购工作会议召开。", {"钟启明": "reporter", "陈丽华": "reporter"}),
    ("本报讯（记者钟启明报道）9月3日，全市秋粮收购工作会议召开。", {"钟启明": "reporter"}),
    ("全市秋粮收购工作会议召开。\n刘晓东摄影报道\n", {"刘晓东": "photographer"}),
    ("全市秋粮收购工作会议召开。\n责编 | 邵文杰", {"邵文杰": "reporter"}),
    # a name that is also a word (a river's) in the frame 记者…报道
    ("本报北京3月2日讯记者黄河报道：全市秋粮收购工作会议召开。", {"黄河": "reporter"}),
    # a credit in brackets opening a line, the next headline glued after it
    ("全市秋粮收购工作会议召开。\n（苏萌）全县春耕备耕工作有序推进", {"苏萌": "reporter"}),
    # the authors of works cited by their titles
    ("会上交流了《论边塞诗》（岑立新）、《宋词考》（宁海波）等论文。", {"岑立新": "other", "宁海波": "other"}),
])
def test_credits_glued_on_their_own_line_or_after_a_bar(lex, text, expected):
    assert {name: role for name, (role, _) in people(text, lex).items()} == expected


def test_chunks_are_the_sentences_in_order_at_their_offsets():
    """`chunks` cuts at sentence ends (and long sentences at their last comma before 300 characters); each piece
    is found at its offset, blank pieces are left out, and nothing else is."""
    text = "王刚说：“好！”\n\n李明表示，要落实。" + "会议在北京召开，" * 60 + "完。\n  \n；"
    found = chunks(text)
    assert all(text[start:start + len(piece)] == piece for start, piece in found)
    covered = {start + k for start, piece in found for k in range(len(piece))}
    assert all(char.isspace() for k, char in enumerate(text) if k not in covered)
    assert [piece for _, piece in found][:3] == ["王刚说：“好！", "”\n", "李明表示，要落实。"]
    assert max(len(piece) for _, piece in found) <= 300 and found[-1] == (len(text) - 1, "；")


@pytest.mark.parametrize("seed", range(3))
def test_chunks_of_short_sentences_are_each_sentence_but_the_blank_ones(seed):
    """Without a sentence to cut, `chunks` takes its pieces and offsets in one go: each sentence that is not blank,
    where it starts, as a loop over the sentences finds them."""
    import random

    rng = random.Random(seed)
    parts = ["王刚说", "，", " ", "\u3000", "\t", "ab", *"。！？；;!?\n"]
    for _ in range(300):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 80)))
        expected, start = [], 0
        for sentence in ner._SENTENCE.findall(text):
            if sentence.strip():
                expected.append((start, sentence))
            start += len(sentence)
        assert chunks(text) == expected


def test_a_name_without_a_mark_is_its_span_whole():
    """A person's span with no mark in it is one name, the span itself (the regular expression is not run over
    it); one with marks is cut at them, and one of marks alone is none."""
    assert [(e.kind, e.start, e.end, e.text) for e in ner._entities("PER", "说王刚好", 1, 3, 5)] == [
        ("PER", 6, 8, "王刚")]
    assert [e.text for e in ner._entities("PER", "布莱尔·史密斯", 0, 7, 0)] == ["布莱尔·史密斯"]
    assert [e.text for e in ner._entities("PER", "布莱尔②史密斯", 0, 7, 0)] == ["布莱尔", "史密斯"]
    assert ner._entities("PER", "①②", 0, 2, 0) == []
    assert [e.text for e in ner._entities("LOC", "①北京", 0, 3, 0)] == ["①北京"]


def test_entity_made_by_quick_init_stays_a_frozen_value():
    """Entity's `__init__` is model.quick_init's: the same fields by position or keyword, frozen, hashable, and
    pickled by its fields."""
    import dataclasses
    import pickle

    entity = Entity("PER", 2, 4, "王刚")
    assert entity == Entity(kind="PER", start=2, end=4, text="王刚")
    assert hash(entity) == hash(Entity("PER", 2, 4, "王刚"))
    assert dataclasses.astuple(entity) == ("PER", 2, 4, "王刚")
    assert pickle.loads(pickle.dumps(entity)) == entity
    with pytest.raises(dataclasses.FrozenInstanceError):
        entity.start = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        Entity("PER", 2, 4)  # type: ignore[call-arg]
