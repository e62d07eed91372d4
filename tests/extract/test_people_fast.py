"""The shortcuts of the people finders give what the plain tests give, on the seed pages and on random text."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from kgraph.extract import names
from kgraph.extract.names import (
    boundary_strength,
    is_cjk,
    plausible_name,
    read_name_at,
    read_name_before,
    starts_token,
)
from kgraph.extract.people import (
    _CJK_RUN,
    _DOTTED_RUN,
    _HEAD_BYLINE,
    _MODEL_NAME_CHARACTERS,
    _OPTION,
    _ORDER_NOTE,
    _OTHER_FOLLOW,
    _PERSON_NOTE,
    _cut_runs,
    _option_markers,
    _order_notes,
    _pattern,
    _PersonNotes,
    _read_run,
    _rules_reading,
    _run_names,
    _runs,
    _surname_openers,
)
from kgraph.lexicon import CJK

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# characters that make names, lists, notes and prose: surnames, given names, function words, brackets, `·`, `、`
_ALPHABET = ("王李张刘陈杨赵黄周吴徐孙马朱胡林何高郭罗欧阳司马明华国建文平军英伟志勇强丽红"
             "的了在是和与年之其族女（）()·、，。 \n书记区长主任")


def _random_texts(count: int, size: int, seed: int = 17) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(size)) for _ in range(count)]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))[:12]]
    return seeds + _random_texts(60, 400)


def test_is_cjk_is_the_lexicons_range():
    for code in [*range(0x3300, 0xA100), 0x20, 0xFF08, 0xB7]:
        assert is_cjk(chr(code)) == bool(CJK.match(chr(code)))


def _plain_plausible(name: str, lex, **options) -> bool:
    """plausible_name without its shortcuts: the characters first, then every test, nothing remembered."""
    if not 2 <= len(name) <= 4 or not all(CJK.match(c) for c in name):
        return False
    return names._plausible(name, lex, **{"listed": False, "delimited": False, **options})


def test_plausible_name_shortcuts_change_no_answer(lex, texts):
    for text in texts[:20]:
        for size in (1, 2, 3, 4, 5):
            for start in range(0, len(text) - size + 1, 3):
                name = text[start:start + size]
                for options in ({}, {"listed": True}, {"listed": True, "delimited": True}):
                    for _ in range(2):  # the second answer is the remembered one
                        assert plausible_name(name, lex, **options) == _plain_plausible(name, lex, **options), name


def _plain_boundary(text: str, end: int, lex) -> int:
    if end >= len(text) or not is_cjk(text[end]):
        return 2
    return names._strength_before(text[end:end + 6], lex)


def test_boundary_strength_remembered_gives_the_same(lex, texts):
    for text in texts[:20]:
        for end in range(0, len(text) + 1, 2):
            assert boundary_strength(text, end, lex) == _plain_boundary(text, end, lex)
            assert boundary_strength(text, end, lex) == _plain_boundary(text, end, lex)


def test_read_name_at_finds_no_name_where_no_surname_opens(lex, texts):
    for text in texts:
        for pos in range(len(text)):
            if text[pos] not in lex.surnames and text[pos:pos + 2] not in lex.compound_surnames:
                continue
            name = read_name_at(text, pos, lex)
            assert name is None or plausible_name(name, lex)


def test_word_patterns_match_as_the_plain_alternation(lex, texts):
    for words in (lex.title_heads, lex.group_labels, lex.person_nouns, lex.name_elements, _OTHER_FOLLOW):
        plain = re.compile("|".join(re.escape(w) for w in words))
        for text in texts:
            assert [m.span() for m in _pattern(words).finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_dotted_run_pattern_matches_as_the_plain_one(texts):
    plain = re.compile(r"[\u3400-\u9fff]+(?:·[\u3400-\u9fff]+)+")
    for text in texts:
        assert [m.span() for m in _DOTTED_RUN.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _plain_note_before(text: str, start: int) -> bool:
    before = text.rfind("（", max(0, start - 12), start), text.rfind("(", max(0, start - 12), start)
    return any(i >= 0 and (m := _PERSON_NOTE.match(text, i)) is not None and m.end() == start for i in before)


def test_person_notes_found_once_are_the_notes_at_each_place(texts):
    noted = [*texts, "秦玉琴（女）袁伟民（女，壮族）费孝通(藏族)顿珠多吉（汉族、女）王明（女", "（女）" * 5]
    for text in noted:
        notes = _PersonNotes(text)
        for pos in range(len(text) + 1):
            assert notes.before(pos) == _plain_note_before(text, pos), (text, pos)
            assert notes.after(pos) == (_PERSON_NOTE.match(text, pos) is not None), (text, pos)


def test_order_notes_without_their_key_words_are_none(texts):
    for text in [*texts, "名单（按姓氏笔画排列）\n王明李红", "以姓名拼音为序"]:
        assert _order_notes(text) == [m.span() for m in _ORDER_NOTE.finditer(text)]


def _plain_run_names(run: str, lex, read: set[tuple[int, int]]) -> list[list[tuple[int, bool]]]:
    """The names `_read_run` considered before `_run_names`: every start up to six characters before each end."""
    found: list[list[tuple[int, bool]]] = [[] for _ in range(len(run) + 1)]
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - 6), end - 1):
            if (start, end) in read:
                found[end].append((start, True))
            elif end - start <= 4 and plausible_name(run[start:end], lex):
                found[end].append((start, False))
    return found


def test_run_names_are_the_names_of_every_start(lex, texts):
    rng = random.Random(3)
    for text in texts:
        for match in _CJK_RUN.finditer(text):
            run = match.group()
            read = {(s, s + n) for s in range(len(run)) for n in (1, 2, 3, 5, 6, 7) if rng.random() < 0.05}
            read = {(s, e) for s, e in read if e <= len(run)}
            names_ = _run_names(run, lex, read)
            assert names_ == _plain_run_names(run, lex, read)
            # and the count of surname openers bounds the names' starts (a stretch with fewer than three is skipped)
            starts = {start for at_end in names_ for start, _ in at_end}
            openers = _surname_openers(lex.surnames, lex.compound_surnames).findall(run)
            assert len(starts) <= len(openers) + len(read)


def test_head_byline_pattern_matches_as_the_plain_one(texts):
    plain = re.compile(r"(?:^|(?<=\n))[（(]([\u3400-\u9fff]{2,3})[）)]")
    for text in [*texts, "（张明）某某会议召开\n(李红)报道\n （王强）"]:
        assert [m.span() for m in _HEAD_BYLINE.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_model_name_characters_are_one_to_four_parts_of_chinese():
    rng = random.Random(5)
    for _ in range(20_000):
        name = "".join(rng.choice("王明·a 克") for _ in range(rng.randrange(0, 12)))
        parts = name.split("·")
        plain = len(parts) <= 4 and all(len(part) >= 1 and all(is_cjk(c) for c in part) for part in parts)
        assert (_MODEL_NAME_CHARACTERS.fullmatch(name) is not None) == plain, name


def _plain_read_name_before(text: str, end: int, lex) -> str | None:
    for size in (3, 2, 4):
        start = end - size
        if start < 0:
            continue
        if start > 0 and is_cjk(text[start - 1]) and (size == 2 or not starts_token(text, start, lex)):
            continue
        name = read_name_at(text[:end], start, lex)
        if name and len(name) == size:
            return name
    return None


def test_read_name_before_reads_as_in_the_text_before(lex, texts):
    for text in texts[:30]:
        for end in range(len(text) + 1):
            assert read_name_before(text, end, lex) == _plain_read_name_before(text, end, lex), (text, end)


def test_option_markers_are_the_matches_of_a_scan(texts):
    for text in [*texts, "①霍华德②基廷③博尔格", "（1）张三（2）李四(3)王五（１）", "((1))（（2））①①"]:
        plain = [("①②③④⑤⑥⑦⑧⑨⑩".find(m[1]) + 1 if m[1] else int(m[2]), m.start(), m.end())
                 for m in _OPTION.finditer(text)]
        assert _option_markers(text) == plain


def test_read_name_at_depends_on_ten_characters(lex, texts):
    for text in texts[:30]:
        for pos in range(len(text)):
            for listed in (False, True):
                plain = names._read_name(text[pos:], lex, listed=listed)
                if text[pos] not in lex.surnames and text[pos:pos + 2] not in lex.compound_surnames:
                    plain = None
                assert read_name_at(text, pos, lex, listed=listed) == plain, (text, pos)


def _plain_read_name(text, lex, *, listed):
    """`names._read_name` trying a surname of two characters everywhere, as it did before it tried one only after
    a compound surname."""
    candidates = []
    for surname_len in (2, 1):
        for given_len in (2, 1):
            name = text[:surname_len + given_len]
            if len(name) != surname_len + given_len or not plausible_name(name, lex, listed=listed):
                continue
            if len(name) - given_len != surname_len or names._word_runs_on(text, 0, len(name), lex):
                continue
            strength = boundary_strength(text, len(name), lex)
            if strength:
                candidates.append((strength, name))
    if not candidates:
        return None
    best = max(strength for strength, _ in candidates)
    found = [name for strength, name in candidates if strength == best]
    if len(found) == 1:
        return found[0]
    tokens = lex.cut(text[:8])
    return tokens[0] if tokens and tokens[0] in found else max(found, key=len)


def test_read_name_tries_a_two_character_surname_only_after_a_compound_one(lex, texts):
    compound = sorted(lex.compound_surnames)[:6]
    extra = [f"{c}明华强调指出" for c in compound] + [f"会上{c}建国、{c}丽说" for c in compound]
    for text in [*texts[:30], *extra]:
        for pos in range(len(text)):
            window = text[pos:pos + 10]
            for listed in (False, True):
                assert names._read_name(window, lex, listed=listed) == _plain_read_name(window, lex, listed=listed)


def _plain_rules_reading(run, lex, read, *, open_start, open_end):
    """`_rules_reading` without the look at the run's first and last names first (no cut, nothing named else)."""
    names_ = _run_names(run, lex, read)
    if len({start for at_end in names_ for start, _ in at_end}) < 3:
        return None
    return _read_run(run, lex, names_, set(), [False] * len(run), open_start=open_start, open_end=open_end)


def test_rules_reading_is_none_where_no_name_opens_or_closes_the_run(lex, texts):
    rng = random.Random(5)
    readings = 0
    for text in [*texts, "张明远李红王强刘芳", "会上张明远李红王强说"]:
        for match in _CJK_RUN.finditer(text):
            run = match.group()
            read = {(s, s + n) for s in range(len(run)) for n in (2, 3, 5) if rng.random() < 0.05 and s + n <= len(run)}
            for open_start in (False, True):
                for open_end in (False, True):
                    got = _rules_reading(run, 0, lex, read, (), (), open_start=open_start, open_end=open_end)
                    assert got == _plain_rules_reading(run, lex, read, open_start=open_start, open_end=open_end), run
                    readings += got is not None
    assert readings  # some runs are read, not only turned down


def test_may_bound_turns_down_only_runs_the_rules_read_nothing_in(lex, texts):
    """`_may_bound`, asked before the recogniser's names are weighed, is False only where `_rules_reading` is None
    with any of those names (`read` is a subset of the spans of `inside`)."""
    from kgraph.extract.ner import Entity
    from kgraph.extract.people import _may_bound

    rng = random.Random(11)
    turned_down = read_on = 0
    for text in [*texts, "张明远李红王强刘芳", "会上张明远李红王强说", "其其格张明远李红王强"]:
        for match in _CJK_RUN.finditer(text):
            run, start, end = match.group(), match.start(), match.end()
            inside = [Entity("PER", s, s + n, text[s:s + n]) for s in range(start, end) for n in (2, 3)
                      if rng.random() < 0.08 and s + n <= end]
            for read in ({(e.start - start, e.end - start) for e in inside}, set()):  # all of them, or none kept
                for open_start in (False, True):
                    for open_end in (False, True):
                        if _may_bound(run, start, end, inside, lex, open_start=open_start, open_end=open_end):
                            read_on += 1
                            continue
                        turned_down += 1
                        assert _rules_reading(run, start, lex, read, inside, (), open_start=open_start,
                                              open_end=open_end) is None, run
    assert turned_down and read_on


def test_runs_without_transcribed_names_are_the_stretches_of_the_plain_scan(texts):
    for text in texts:
        assert _runs(text, []) == list(_cut_runs(text, []))


def test_model_name_remembered_gives_the_answer_worked_out(lex, texts):
    from kgraph.extract.people import _model_name, model_name

    names.forget_answers()
    for text in texts[:20]:
        for match in _CJK_RUN.finditer(text):
            for size in (2, 3, 4, 7):
                for titled in (False, True):
                    name = match.group()[:size]
                    assert model_name(name, lex, titled=titled) == _model_name(name, lex, titled=titled)
                    assert model_name(name, lex, titled=titled) == _model_name(name, lex, titled=titled)
    assert names.MODEL_NAMES.known
    names.forget_answers()
    assert not names.MODEL_NAMES.known


def _plain_titles_after(text, mentions, lex):
    """`titles_after` reading a title after every name, titled or not."""
    from dataclasses import replace

    from kgraph.extract.people import appointed_titles, title_after
    from kgraph.model import Role

    people = sorted(mentions, key=lambda m: (m.start, m.end))
    found = [()] * len(people)
    for i in range(len(people) - 1, -1, -1):
        m = people[i]
        if m.role not in (Role.OFFICIAL, Role.OTHER):
            continue
        nxt = people[i + 1] if i + 1 < len(people) else None
        if nxt is not None and text[m.end:nxt.start] == "、" and found[i + 1] and not nxt.titles:
            found[i] = found[i + 1]
        else:
            found[i] = title_after(text, m.end, lex) or appointed_titles(text, m.end, lex)
    return [replace(m, titles=titles, role=Role.OFFICIAL) if titles and not m.titles else m
            for m, titles in zip(people, found, strict=True)]


def test_titles_after_skips_titled_names_and_changes_nothing(lex, texts):
    from kgraph.extract.people import titles_after
    from kgraph.model import Mention, PersonMention, Role

    rng = random.Random(9)
    samples = [*texts, "张三、李四任某区副区长、代理区长。王五副院长说，县长赵六、钱七为主席团常务主席。"]
    for text in samples:
        mentions = []
        for match in _CJK_RUN.finditer(text):
            start = match.start() + rng.randrange(max(1, len(match.group()) - 2))
            role = rng.choice([Role.OFFICIAL, Role.OTHER, Role.REPORTER])
            titles = (Mention("title", "书记", start, start + 2),) if rng.random() < 0.4 else ()
            mentions.append(PersonMention(text[start:start + 2], start, start + 2, role, titles))
        assert titles_after(text, mentions, lex) == _plain_titles_after(text, mentions, lex)


def test_unnoted_runs_are_the_runs_the_loop_would_read_on(lex, texts):
    """`_unnoted_runs` gives the stretches of the plain scan that hold a name's start, or open with a surname, hold
    no function word and three characters that open a surname; no other."""
    from kgraph.extract.people import _PROSE, _unnoted_runs

    rng = random.Random(3)
    openers = _surname_openers(lex.surnames, lex.compound_surnames)
    kept = 0
    for text in [*texts, "张明远李红王强刘芳", "王明华李", "会上张明远李红王强说"]:
        starts = sorted(rng.sample(range(len(text)), min(len(text), 6)))
        want = [(s, e) for s, e in _runs(text, [])
                if any(s <= at < e for at in starts)
                or (text[s] in lex.surnames and _PROSE.isdisjoint(text[s:e]) and len(openers.findall(text[s:e])) >= 3)]
        assert _unnoted_runs(text, starts, lex.surnames, lex.compound_surnames) == want, text
        kept += len(want)
    assert kept


def test_unprosaic_stretches_found_after_a_non_chinese_character_are_the_plain_scans(lex, texts):
    """The two patterns of `_unprosaic_runs` (at the start, then after a character that is no Chinese one) find the
    stretches the one pattern that looks behind each surname finds."""
    import re

    from kgraph.extract.people import _unnoted_runs, _unprosaic_runs

    at_start, after = _unprosaic_runs(lex.surnames, lex.compound_surnames)
    plain = re.compile(at_start.pattern.replace("](?=", "](?<![\u3400-\u9fff].)(?=", 1))
    rng = random.Random(9)
    alphabet = "王李张刘陈杨赵明华国强红的了在是，。 \n（）、·"
    shorts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    found = 0
    for text in [*texts, *shorts, "王明华李红张强", "，王明华李红张强", "王明华李红张强，张明华李红王强说"]:
        want = sorted(match.span() for match in plain.finditer(text))
        assert _unnoted_runs(text, [], lex.surnames, lex.compound_surnames) == want, text
        found += len(want)
    assert found


def test_option_groups_need_option_one(texts, monkeypatch):
    """A text without a marker of option one gives the groups the full scan gives (none); others are scanned."""
    from kgraph.extract import people

    options = ["问：①霍华德②基廷③博尔格", "（1）张三（2）李四（3）王五", "(１)张三(２)李四(３)王五说", "②甲③乙④丙",
               "（2）张三（3）李四（4）王五", "1）甲2）乙3）丙"]
    rng = random.Random(4)
    shorts = ["".join(rng.choice("①②③（）()1２3１甲乙丙，") for _ in range(rng.randint(0, 30))) for _ in range(2000)]
    allowed = [list(people._option_groups(text)) for text in [*texts, *options, *shorts]]
    monkeypatch.setattr(people, "_FIRST_OPTION", ("",))  # every text holds "": each is scanned
    plain = [list(people._option_groups(text)) for text in [*texts, *options, *shorts]]
    assert allowed == plain
    assert sum(map(bool, plain)) >= 3


def test_known_names_grouped_once_follow_a_changed_dict(lex):
    from kgraph.extract.people import find_known_people
    from kgraph.model import Role

    text = "张明远强调，李红。王建国说，会议由张明远主持。"
    known = {"张明远": Role.OFFICIAL, "李红": Role.OFFICIAL}
    assert [m.name for m in find_known_people(text, known, [], lex)] == ["张明远", "张明远", "李红"]
    assert [m.name for m in find_known_people(text, known, [], lex)] == ["张明远", "张明远", "李红"]
    del known["李红"]
    known["王建国"] = Role.OTHER  # as many names as before, other ones
    assert [m.name for m in find_known_people(text, known, [], lex)] == ["张明远", "王建国", "张明远"]
    assert find_known_people(text, {}, [], lex) == []


def test_looks_like_remembered_gives_the_answer_worked_out(lex, texts):
    from kgraph.extract.people import _has_form, _looks_like

    names.forget_answers()
    for text in texts[:20]:
        for match in _CJK_RUN.finditer(text):
            for size in (2, 3, 5):
                name = match.group()[-size:]
                assert _looks_like(name, lex) == _has_form(name, lex)
                assert _looks_like(name, lex) == _has_form(name, lex)
    for name in ("湖北省", "荆州区人民医院", "张明远"):
        assert _looks_like(name, lex) == _has_form(name, lex)
    assert _looks_like("湖北省", lex)
    assert names.LOOKS_LIKE.known
    names.forget_answers()
    assert not names.LOOKS_LIKE.known
