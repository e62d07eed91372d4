"""Spelling variants of a name are merged only with look-alike characters and supporting evidence."""

from __future__ import annotations

from kgraph.resolve.variants import NameEvidence, find_merges, shape_alike, sound_alike


def ev(*, mentions=1, official=True, articles=(), sources=(), titles=(), partners=(), scopes=()) -> NameEvidence:
    return NameEvidence(mentions, official, set(articles), set(sources), set(titles), set(partners), set(scopes))


def test_variants_shape_alike_by_shared_component():
    assert shape_alike("菁", "青") and shape_alike("翊", "翎")
    assert not shape_alike("菁", "国")


def test_variants_sound_alike():
    assert sound_alike("云", "芸") and not sound_alike("菁", "青")


def test_variants_merge_with_a_shared_co_participant():
    evidence = {
        "袁菁穗": ev(mentions=3, articles={"a1", "a2"}, partners={"万玲玲", "王勇"}),
        "袁青穗": ev(articles={"a3"}, partners={"万玲玲", "黄惊华"}),
    }
    [merge] = find_merges(evidence)
    assert (merge.kept, merge.variant) == ("袁菁穗", "袁青穗")
    assert "shared co-participant 万玲玲" in merge.reasons


def test_variants_no_merge_without_evidence():
    evidence = {"袁菁穗": ev(articles={"a1"}, partners={"甲乙"}), "袁青穗": ev(articles={"a3"}, partners={"丙丁"})}
    assert find_merges(evidence) == []


def test_variants_no_merge_when_both_spellings_name_people_of_one_article():
    evidence = {"袁菁穗": ev(articles={"a1"}, titles={"区委常委"}), "袁青穗": ev(articles={"a1"}, titles={"区委常委"})}
    assert find_merges(evidence) == []


def test_variants_no_merge_of_unlike_characters():
    evidence = {"王建国": ev(articles={"a1"}, titles={"副区长"}), "王建华": ev(articles={"a2"}, titles={"副区长"})}
    assert find_merges(evidence) == []


def test_two_character_names_need_more_than_a_shared_co_participant():
    evidence = {"肖杨": ev(mentions=3, articles={"a1"}, partners={"张明远"}, scopes={"省"}),
                "肖扬": ev(articles={"a2"}, partners={"张明远"}, scopes={"市"})}
    assert find_merges(evidence) == []
    evidence["肖扬"].scopes.add("省")  # officials of one level: the shared colleague now tells
    [merge] = find_merges(evidence)
    assert merge.variant == "肖扬"
