"""The character odds that tell names in a list apart."""

from __future__ import annotations

from kgraph.extract.name_roles import name_roles, parse_roles


def test_a_surname_opens_a_name_and_rarely_ends_one(lex):
    def odds(*names: str) -> float:
        return sum(name_roles().score(name, lex.surnames) for name in names)

    assert odds("王涛") > odds("克王涛")
    assert odds("王占", "王克", "王涛") > odds("王占王", "克王涛")  # the recogniser's reading of 王占王克王涛


def test_names_have_two_to_four_characters(lex):
    assert name_roles().score("王", lex.surnames) is None
    assert name_roles().score("王建国同志", lex.surnames) is None


def test_the_table_reads_counts_per_character():
    roles = parse_roles(["character\tsurname\tgiven\ttext", "王\t3\t0\t10", "涛\t0\t2\t5"])
    assert roles.surname == {"王": 3} and roles.given == {"涛": 2} and roles.text == {"王": 10, "涛": 5}
