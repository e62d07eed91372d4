"""People who share a name are told apart by where they are and who they work with; a rare name that moves stays
one person; a user's decisions win; IRIs of split people do not depend on unrelated files."""

from __future__ import annotations

import pytest

from kgraph import build
from kgraph.rdf.iri import Minter
from kgraph.rdf.vocab import DEFAULT_BASE
from kgraph.resolve import parse_decisions
from kgraph.resolve.homonyms import is_common_name

HUBEI = ("hubei_2019.txt", "荆州区召开农村人居环境整治推进会\n本报讯（通讯员李明）3月5日，"
         "荆州区召开农村人居环境整治推进会。区委副书记王刚主持会议，副区长刘建国、区农业农村局局长陈晓峰参加会议。会议要求，川店镇、马山镇要加快推进厕所革命。\n")
YUNNAN = ("yunnan_2019.txt", "楚雄州召开脱贫攻坚工作会议\n本报讯（记者杨丽）4月8日，楚雄州召开脱贫攻坚工作会议。"
          "州委副书记王刚出席会议并讲话，州委常委、州委秘书长李志华主持会议。禄丰市、武定县有关负责人参加会议。\n")
SHASHI = ("hubei_2016.txt", "沙市区开展防汛检查\n本报讯（通讯员张华）7月2日，沙市区区长欧阳振华带队检查防汛工作，"
          "区水利局局长周强陪同检查。一行人先后来到岑河镇、观音垱镇。\n")
GONGAN = ("hubei_2021.txt", "公安县召开县委常委会议\n本报讯（通讯员赵敏）9月10日，"
          "县委书记欧阳振华主持召开公安县委常委会议，县委副书记、县长何勇，县委常委吴迪出席会议。会议研究了埠河镇、斗湖堤镇的重点项目。\n")
UNRELATED = ("hunan_2020.txt", "桃源县召开安全生产会议\n本报讯（通讯员孙丽）6月3日，桃源县召开安全生产会议，"
             "县委常委、副县长罗建军主持会议，漆河镇、陬市镇负责人参加会议。\n")


def people_named(corpus, name: str) -> list:
    return [p for p in corpus.people if p.name == name]


def test_homonyms_common_name_in_two_provinces_is_two_people():
    corpus = build([HUBEI, YUNNAN]).corpus
    wang = people_named(corpus, "王刚")
    assert len(wang) == 2
    assert sorted(p.locale for p in wang) == ["云南省楚雄彝族自治州", "湖北省荆州市荆州区"]
    [split] = corpus.splits
    assert split.name == "王刚" and "different provinces" in split.reasons[0]
    # each keeps its own titles and co-workers
    by_place = {p.locale: p for p in wang}
    assert [post.title for post in by_place["湖北省荆州市荆州区"].posts] == ["区委副书记"]
    assert [post.title for post in by_place["云南省楚雄彝族自治州"].posts] == ["州委副书记"]


def test_homonyms_rare_name_in_two_districts_is_one_person_who_moved():
    corpus = build([SHASHI, GONGAN]).corpus
    [person] = people_named(corpus, "欧阳振华")
    assert {post.title for post in person.posts} >= {"沙市区区长", "县委书记"}
    assert not corpus.splits and person.key == "" and person.aliases == ()
    [kept] = [m for m in corpus.merges if m.kept == "欧阳振华"]
    assert kept.variant == "欧阳振华"
    assert kept.reasons == ("kept together: 湖北省荆州市沙市区 and 湖北省荆州市公安县: "
                            "a rare name, one person who moved",)


def test_homonyms_a_name_that_is_not_split_keeps_its_iri():
    result = build([HUBEI, SHASHI])
    corpus, graph = result.corpus, result.graph
    [person] = people_named(corpus, "王刚")
    assert person.id == "王刚"
    assert (Minter(DEFAULT_BASE).person("王刚"), None, None) in graph


def test_homonyms_split_iris_do_not_change_when_unrelated_files_are_added():
    before = build([HUBEI, YUNNAN]).corpus
    after = build([UNRELATED, HUBEI, SHASHI, YUNNAN]).corpus
    assert sorted(p.key for p in people_named(before, "王刚")) == sorted(p.key for p in people_named(after, "王刚"))
    assert sorted(p.key for p in people_named(before, "王刚")) == ["王刚@421003", "王刚@532300"]


def test_homonyms_split_people_work_with_their_own_co_workers():
    corpus = build([HUBEI, YUNNAN]).corpus
    for extraction in corpus.extractions:
        members = set(extraction.event.organizers) | set(extraction.event.attendees) if extraction.event else set()
        if "李志华" in members:
            assert "王刚@532300" in members and "王刚@421003" not in members


def test_homonyms_decisions_force_one_person():
    decisions = parse_decisions("a,b,decision\n王刚@荆州区,王刚@云南,same\n")
    corpus = build([HUBEI, YUNNAN], decisions=decisions).corpus
    assert len(people_named(corpus, "王刚")) == 1 and not corpus.splits
    [kept] = [m for m in corpus.merges if m.kept == "王刚"]
    assert kept.reasons == ("kept together: 荆州区 and 云南: decided same (decisions.csv:2)",)


def test_homonyms_decisions_force_two_people():
    decisions = parse_decisions("欧阳振华@沙市区,欧阳振华@公安县,different\n", "mine.csv")
    corpus = build([SHASHI, GONGAN], decisions=decisions).corpus
    assert len(people_named(corpus, "欧阳振华")) == 2
    [split] = corpus.splits
    assert any("decided different (mine.csv:1)" in reason for reason in split.reasons)


def test_homonyms_common_name_in_two_counties_of_one_province_is_two_people():
    shashi = (SHASHI[0], SHASHI[1].replace("欧阳振华", "王刚"))
    corpus = build([HUBEI, shashi]).corpus
    assert len(people_named(corpus, "王刚")) == 2


@pytest.mark.parametrize(("name", "common"), [("王勇", True), ("杨斌", True), ("周远栋", False), ("欧阳振", False),
                                              ("帅勇", False)])
def test_homonyms_common_names(lex, name, common):
    assert is_common_name(name, lex) is common


def test_homonyms_same_people_for_any_jobs_and_with_the_cache(tmp_path):
    from kgraph import build

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (HUBEI, YUNNAN, SHASHI, GONGAN):
        (folder / name).write_text(text, encoding="utf-8")
    files = sorted(folder.glob("*.txt"))
    cache = tmp_path / "cache"
    results = [build(files, jobs=1, use_cache=False).corpus,
               build(files, jobs=2, cache=cache).corpus,
               build(files, jobs=2, cache=cache).corpus]
    assert [(p.id, p.locale) for p in results[0].people if p.name == "王刚"] == [
        ("王刚@421003", "湖北省荆州市荆州区"), ("王刚@532300", "云南省楚雄彝族自治州")]
    assert results[0].people == results[1].people == results[2].people
    assert results[0].splits == results[1].splits == results[2].splits


GUIZHOU_2017 = ("2017-04-01_guizhou.txt", "凯里市召开项目推进会\n本报讯（记者吴芳）4月1日，凯里市召开项目推进会。"
                "市委书记欧阳振华主持会议，市委副书记、市长杨光辉参加会议。\n")
HUBEI_2021 = ("2021-09-10_gongan.txt", GONGAN[1])
HUBEI_2017 = ("2017-03-02_gongan.txt", GONGAN[1].replace("9月10日", "3月2日"))


def test_homonyms_rare_name_in_two_provinces_one_after_the_other_moved():
    corpus = build([GUIZHOU_2017, HUBEI_2021]).corpus
    [person] = people_named(corpus, "欧阳振华")
    [kept] = [m for m in corpus.merges if m.kept == "欧阳振华"]
    assert "one person who moved (2017-04-01 - 2017-04-01 / 2021-09-10 - 2021-09-10)" in kept.reasons[0]


def test_homonyms_rare_name_officials_in_two_provinces_at_the_same_time_are_two():
    corpus = build([GUIZHOU_2017, HUBEI_2017, HUBEI_2021]).corpus
    assert sorted(p.locale for p in people_named(corpus, "欧阳振华")) == ["湖北省荆州市公安县",
                                                                         "贵州省黔东南苗族侗族自治州凯里市"]


def test_homonyms_groups_made_a_name_at_a_time_are_those_of_the_name_alone():
    """`_groups` makes one name's groups at a time from its index: the same as with that name the only one asked,
    whatever else the corpus names (the pages of this module, in every order)."""
    from kgraph.pipeline import load
    from kgraph.resolve.homonyms import _groups

    def fields(group) -> tuple:
        return (group.name, set(group.sources), group.mentions, group.firm, group.first, group.last,
                set(group.partners), [dict(part) for part in group.parts], set(group.provinces), set(group.counties))

    nlp = load()
    pages = [HUBEI, YUNNAN, SHASHI, GONGAN, UNRELATED]
    for order in (pages, pages[::-1]):
        _, extractions = nlp.extract(nlp.read(order))
        names = {m.name for e in extractions for m in e.people}
        together = list(_groups(extractions, names))
        assert [name for name, _ in together] == sorted(names)
        for name, groups in together:
            [(_, alone)] = _groups(extractions, {name})
            assert {s: fields(g) for s, g in groups.items()} == {s: fields(g) for s, g in alone.items()}


def test_homonyms_group_locales_remembered_are_those_of_their_counts():
    """Equal division counts share one remembered Locale (`_locale`): each group's is `make_locale` of its own."""
    from kgraph.pipeline import load
    from kgraph.resolve.homonyms import _groups
    from kgraph.resolve.locale import make_locale

    nlp = load()
    _, extractions = nlp.extract(nlp.read([HUBEI, YUNNAN, SHASHI, GONGAN, UNRELATED]))
    names = {m.name for e in extractions for m in e.people}
    groups = [group for _, by_source in _groups(extractions, names) for group in by_source.values()]
    assert any(group.placed for group in groups)
    for group in groups:
        assert group.locale == make_locale(group.counts)
