"""The organisation a title names is recorded on the title mention when the title is read (kgraph.extract.posts)."""

from __future__ import annotations

from kgraph.extract import extract_article, load_lexicon
from kgraph.model import Article


def test_posts_title_chain_records_each_titles_organisation():
    article = Article("p.txt", 0, "", "本报讯 区委常委、宣传部部长李建国主持会议。")
    person = next(m for m in extract_article(article, load_lexicon()).people if m.name == "李建国")
    assert [(t.text, t.org) for t in person.titles] == [("区委常委", "区委"), ("宣传部部长", "区委宣传部")]
    assert [t.org_specific for t in person.titles] == [True, True]


def test_posts_title_of_a_kind_only_is_recorded_as_not_specific():
    article = Article("p.txt", 0, "", "本报讯 科技孵化中心主任李建国参加会议。")
    person = next(m for m in extract_article(article, load_lexicon()).people if m.name == "李建国")
    assert [(t.org, t.org_specific) for t in person.titles] == [("科技孵化中心", False)]
