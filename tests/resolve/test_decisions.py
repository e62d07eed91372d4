"""The decisions file: name@place pairs, same or different; a bad line names its file and line."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError
from kgraph.resolve import Decision, parse_decisions, read_decisions


def test_decisions_parse_rows_header_comments_and_blank_lines():
    text = "a,b,decision\n# checked by hand\n\n王勇@荆州区,王勇@桃源县,different\n张明@沙市区, 张明@荆州区 ,Same\n"
    assert parse_decisions(text, "d.csv") == (
        Decision("王勇", "荆州区", "桃源县", False, "d.csv:4"),
        Decision("张明", "沙市区", "荆州区", True, "d.csv:5"),
    )


@pytest.mark.parametrize(("line", "message"), [
    ("王勇@荆州区,王勇@桃源县,maybe", "d.csv:1: want name@place,name@place,same|different"),
    ("王勇,王勇@桃源县,same", "d.csv:1: '王勇' is not name@place"),
    ("王勇@荆州区,王永@桃源县,same", "d.csv:1: a decision is about one name, got 王勇 and 王永"),
])
def test_decisions_bad_line_is_an_error_with_its_place(line, message):
    with pytest.raises(InputError, match=message):
        parse_decisions(line + "\n", "d.csv")


def test_decisions_read_file_with_bom(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("\ufeffa,b,decision\n王勇@荆州区,王勇@桃源县,different\n", encoding="utf-8")
    [decision] = read_decisions(path)
    assert decision.origin == f"{path}:2" and not decision.same
