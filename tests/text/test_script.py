"""Pages printed in traditional characters are read as simplified, one character for one."""

from __future__ import annotations

from kgraph import build
from kgraph.text.script import as_simplified, is_traditional

TRADITIONAL = ("立法會財務委員會昨日通過多項撥款申請。保安局局長李建華出席會議，回應議員提問。"
               "民建聯議員陳恒鑌表示，支持政府加快推動北部都會區發展。")


def test_a_traditional_page_reads_as_simplified_with_its_offsets():
    simplified = as_simplified(TRADITIONAL)
    assert len(simplified) == len(TRADITIONAL)
    assert simplified.startswith("立法会财务委员会昨日通过多项拨款申请。")
    assert "李建华" in simplified


def test_a_simplified_page_with_a_traditional_name_is_left_alone():
    text = "区委书记陳明主持会议，研究部署下半年工作，副区长李华参加。" * 3
    assert not is_traditional(text)
    assert as_simplified(text) == text


def test_people_and_titles_of_a_traditional_page():
    result = build([("hk.txt", TRADITIONAL)])
    people = {p.name: p for p in result.corpus.people}
    assert {"李建华", "陈恒镔"} <= set(people)
    assert [post.title for post in people["李建华"].posts] == ["保安局局长"]
    assert [post.title for post in people["陈恒镔"].posts] == ["民建联议员"]


def test_the_table_recipe_keeps_one_character_for_one():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("make_traditional",
                                                  Path(__file__).parents[2] / "tools" / "make_traditional.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    raw = "會\t会\n乾\t乾 干\n著\t著 着\n兩\t两\n㐹\t㐹\n".encode()
    assert tool.table(raw) == [("會", "会"), ("兩", "两")]
    shipped = (Path(__file__).parents[2] / "kgraph" / "lexicons" / "traditional.tsv").read_text(encoding="utf-8")
    assert "OpenCC" in shipped.splitlines()[1]
