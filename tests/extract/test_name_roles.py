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


def test_score_is_the_formula_worked_out_per_character(lex):
    """Each character's logarithms remembered give the very float the formula gives, for any string and surnames."""
    import math
    import random

    from kgraph.extract.name_roles import _LENGTH

    roles = name_roles()

    def formula(name: str, surnames: frozenset[str]) -> float | None:
        length = _LENGTH.get(len(name))
        if length is None:
            return None
        first = (roles.surname.get(name[0], 0) + (1.0 if name[0] in surnames else 0.01)) / roles._surnames
        given = sum(math.log((roles.given.get(c, 0) + 0.1) / roles._given) for c in name[1:])
        text = sum(math.log((roles.text.get(c, 0) + 0.5) / roles._text) for c in name)
        return math.log(first) + given + length - text

    rng = random.Random(17)
    pool = sorted(roles.surname)[:300] + sorted(roles.given)[:300] + sorted(roles.text)[:300] + list("xA1，·\u9fa5")
    other = frozenset(rng.sample(pool, 50))
    for _ in range(3000):
        name = "".join(rng.choice(pool) for _ in range(rng.randint(0, 6)))
        for surnames in (lex.surnames, other, frozenset()):
            if name:
                assert roles.score(name, surnames) == formula(name, surnames), name
