"""A transcribed name written short later in its article: one person, the short form kept as an alternate name."""

from __future__ import annotations

from kgraph import build


def test_a_short_transcribed_name_is_an_alternate_name_of_the_whole():
    result = build(["公司亚太区总裁皮埃尔·杜邦一行来我区考察。区委书记钟华与客人座谈。杜邦表示，看好中国市场。"])
    people = {p.name: p for p in result.corpus.people}
    assert "杜邦" not in people
    assert people["皮埃尔·杜邦"].aliases == ("杜邦",)


def test_a_short_form_with_a_title_of_its_own_is_another_person():
    result = build(["美国总统肯尼迪的遗孀杰奎琳·肯尼迪访问了这里。"])
    assert {p.name for p in result.corpus.people} >= {"肯尼迪", "杰奎琳·肯尼迪"}
