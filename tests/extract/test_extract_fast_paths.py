"""The shortcuts of extraction equal the plain code they stand beside: the list scan that first looks for a list's
last member, the level of a place suffix by last character, the token indices found in C, where a place begins
with the stem's extent asked first, and the records made without `dataclasses.replace`. Checked on the seed
pages, the dev texts where present, and random text made of the characters the patterns look for."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from kgraph.extract import lists, orgs, places
from kgraph.extract.names import starts_token
from kgraph.extract.places import _suffix_level
from kgraph.extract.tokens import Tokens, indices_ending_in, tokenize
from kgraph.gazetteer import LEVELS
from kgraph.lexicon import Lexicon
from kgraph.model import Article, Event, Evidence, Extraction, Mention, Part, PersonMention, Role

ROOT = Path(__file__).resolve().parents[2]
_LIST_CHARS = "、等家个处企业公司厂商园区景点基地村社十几多在内的的了和张明荆州 12，。"


def _texts(seed: int) -> list[str]:
    """The seed pages and the dev texts in pieces, and random strings rich in list punctuation and kind words."""
    rng = random.Random(seed)
    paths = sorted((ROOT / "seeds").glob("*.txt"))[:30] + sorted((ROOT.parent / "shared/gold/dev/raw").glob("*.txt"))
    text = "".join(path.read_text(encoding="utf-8") for path in paths)
    pieces = [text[i:i + rng.randint(0, 400)] for i in range(0, len(text), 331)]
    chars = sorted(set(text[:3000])) + list(_LIST_CHARS) * 8
    return pieces + ["".join(rng.choice(chars) for _ in range(rng.randint(0, 80))) for _ in range(3000)]


def _plain_members(text: str, kind: str, lex: Lexicon) -> list[Mention]:
    """`list_members` without the look for a last member first."""
    found = []
    for match in lists.KINDS[kind].finditer(text):
        items, offset = match.group(1).split("、"), match.start(1)
        lead = lists._lead(items[0], lex)
        items[0], offset = items[0][lead:], offset + lead
        for item in items:
            if 2 <= len(item) <= lists._MAX_ITEM:
                found.append(Mention(kind, item, offset, offset + len(item)))
            offset += len(item) + 1
    return found


_SEED_LISTS = {"org": "包括四机厂、四机赛瓦、楚峰建科、与时塑业等15家企业",
               "place": "建设铜铃岗森林水世界、浅山森林美术公园等19个乡村旅游园区"}


@pytest.mark.parametrize("kind", ["org", "place"])
def test_list_members_equal_the_plain_scan(lex: Lexicon, kind: str) -> None:
    for text in [*_texts(len(kind)), *_SEED_LISTS.values()]:
        assert lists.list_members(text, kind, lex) == _plain_members(text, kind, lex), text
    # the scan finds lists, not only their absence (the dev texts, which hold more, are not beside every checkout)
    assert len(lists.list_members(_SEED_LISTS[kind], kind, lex)) >= 2


def test_suffix_level_equals_the_scan_of_levels() -> None:
    rng = random.Random(3)
    chars = sorted({c for suffix, _ in LEVELS for c in suffix}) + list("荆州八岭山")
    words = ["", *(s for s, _ in LEVELS), *("".join(rng.choice(chars) for _ in range(rng.randint(1, 6)))
                                           for _ in range(20000))]
    for word in words:
        plain = next((level for suffix, level in LEVELS if word.endswith(suffix) and len(word) > len(suffix)), 0)
        assert _suffix_level(word) == plain, word


def test_indices_ending_in_equal_the_loop(lex: Lexicon) -> None:
    ends = lex.org_suffixes.last_chars
    for text in _texts(5)[::7]:
        tokens = tokenize(text, lex)
        assert indices_ending_in(text, tokens, ends) == [i for i, word in enumerate(tokens.words) if word[-1] in ends]


def _plain_place_ending(text: str, start: int, suffix: str, lex: Lexicon, inside: places._InsideWords) -> int | None:
    """places._place_ending with its tests in the order they were written: the stem's extent asked last."""
    end = start + len(suffix)
    if lex.title_ranks.ending_at(text, start) and lex.title_heads.starting_at(text[start:start + 8]):
        return None
    address = bool(places._ADDRESS.match(text, end))
    if places._inside_word(text, start, end, lex) and not address and suffix not in places._TRANSCRIBED:
        return None
    if suffix in ("省", "市", "县", "区", "州", "旗", "盟") and places._SEVERAL.search(text, max(0, start - 2), start):
        return None
    limit = places._stem_start(text, start, lex, inside, suffix)
    for begin in range(limit, start - 1):
        stem = text[begin:start]
        if not starts_token(text, begin, lex, hmm=False):
            continue
        if not address and not places._stem_ok(text, begin, start, end, suffix in places._STRONG, lex):
            continue
        if places.is_common(text[begin:end], lex):
            return None
        if suffix not in places._STRONG and not address and lex.words.get(stem) is not None and \
                lex.words[stem][1] not in ("ns", "nr", "nz"):
            continue
        return begin
    return None


def test_place_ending_equals_the_tests_in_their_first_order(lex: Lexicon) -> None:
    for text in _texts(11)[::3]:
        inside = places._InsideWords(tokenize(text, lex), lex)
        for start, suffix in lex.place_suffixes.occurrences(text):
            expected = _plain_place_ending(text, start, suffix, lex, inside)
            assert places._place_ending(text, start, suffix, lex, inside) == expected, (text, start)


def _plain_stem_start(text: str, start: int, lex: Lexicon, inside: places._InsideWords, suffix: str) -> int:
    """`places._stem_start` a character at a time, each one asked whether it stops the stem."""
    begin = start
    while begin > 0 and start - begin < places._MAX_STEM and not places._stops(text, begin, lex, inside, suffix):
        begin -= 1
    return begin


def test_stem_start_over_free_runs_equals_the_walk_by_character(lex: Lexicon) -> None:
    """On seed and dev text, and random text of stops, suffixes, digits and Latin letters, at every position."""
    rng = random.Random(17)
    chars = list("荆州八岭山镇铜岭村宝日乌拉苏木嘎查和平县市区委会调研的了，、。 \n12ａ①AB") + ["\u3000", "\U00020000"]
    texts = _texts(17)[::9] + ["".join(rng.choice(chars) for _ in range(rng.randint(0, 30))) for _ in range(2000)]
    for text in texts:
        inside = places._InsideWords(tokenize(text, lex), lex)
        for suffix in ("镇", "苏木"):
            for start in range(len(text) + 1):
                assert places._stem_start(text, start, lex, inside, suffix) == _plain_stem_start(
                    text, start, lex, inside, suffix), (text, start)


def test_suffixes_passed_over_before_a_delimiter_have_no_place(lex: Lexicon) -> None:
    """`extract_places` asks nothing about a suffix at the start of the text or after a character in `_NO_STEM`:
    `_place_ending` finds no place there."""
    asked = 0
    for text in _texts(29)[::2]:
        inside = places._InsideWords(tokenize(text, lex), lex)
        for start, suffix in lex.place_suffixes.occurrences(text):
            if text[start - 1:start] in places._NO_STEM:
                assert places._place_ending(text, start, suffix, lex, inside) is None, (text, start)
                asked += 1
    assert asked > 100


def _plain_venue_endings(text: str) -> list[tuple[int, str]]:
    """Where `places._venues` found venues' endings before: each last character of one, and the first ending (in
    `_VENUES` order) that ends there."""
    found = []
    for match in re.finditer("[" + "".join({v[-1] for v in places._VENUES}) + "]", text):
        venue = next((v for v in places._VENUES if v[-1] == match.group() and text.endswith(v, 0, match.end())), None)
        if venue is not None:
            found.append((match.end(), venue))
    return found


def test_venue_endings_searched_as_words_equal_the_scan_of_last_characters() -> None:
    rng = random.Random(13)
    venues = "".join(places._VENUES)
    texts = _texts(13)[::5] + ["".join(rng.choice(venues + "张明、的区") for _ in range(rng.randint(0, 40)))
                               for _ in range(3000)]
    texts += ["物流园区", "高速公路口", "示范园区广场", "产业园区"]
    for text in texts:
        found = sorted((start + len(v), v) for start, v in places._VENUE_WORDS.occurrences(text))
        assert found == _plain_venue_endings(text), text


def _plain_short_forms(text: str, tokens: Tokens, lex: Lexicon) -> list[tuple[int, int]]:
    """`places._short_forms` as it was written first: each lead at each size, the name sliced from the text."""
    gazetteer = places.load_gazetteer()
    shorts = places._short_names()
    spans = []
    words = tokens.words
    for i in places._lead_tokens(tokens):
        for size in (1, 2, 3):
            if i + size > len(words) or (size > 1 and (len(words[i]) > 1 or len(words[i + size - 1]) > 1)):
                break
            start, end = tokens.starts[i], tokens.ends[i + size - 1]
            name = text[start:end]
            if name not in shorts and not (size == 1 and name[:-1] in shorts):
                continue
            if size == 1 and name.endswith("州") and places._prefecture(name[:-1]):
                spans.append((start, end))
                continue
            divisions = gazetteer.by_name.get(name, ()) or places._district_short(name, lex)
            if len(name) < 2 or not divisions or name in gazetteer.full_names:
                continue
            prefecture = text[end:end + 1] == "州" and places._prefecture(name)
            chained = places._ancestor_before(text, start, divisions)
            if not chained and not places._cued(text, start):
                continue
            if text[start - 1:start] == "、" and not places._item_ends(text, end):
                continue
            if not chained and places.is_common(name, lex) and not any(d.name in text for d in divisions):
                continue
            if prefecture or chained or places._word_boundary(text, end, tokens, i + size):
                spans.append((start, end + prefecture))
    return spans


def test_short_forms_equal_the_loop_over_each_size(lex: Lexicon) -> None:
    """On seed and dev text, and on random text of short names, their first characters, 州 and cues."""
    rng = random.Random(21)
    names = sorted(places._short_names())
    pieces = [rng.choice(names) for _ in range(400)] + list("州来去、，的和县市河北") * 20
    texts = _texts(21)[::4] + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(1500)]
    found = 0
    for text in texts:
        tokens = tokenize(text, lex)
        spans = places._short_forms(text, tokens, lex)
        assert spans == _plain_short_forms(text, tokens, lex), text
        found += len(spans)
    assert found > 100  # the texts name divisions by their short forms


def test_records_made_directly_equal_replace() -> None:
    title = Mention("title", "区委书记", 0, 4, "荆州区委", "荆州区委", True)
    label = Mention("title", "市领导", 5, 8)
    person = PersonMention("李明", 4, 6, Role.OFFICIAL, (title,), Part.ORGANIZER, label, True)
    assert person.with_part(Part.ATTENDEE) == replace(person, part=Part.ATTENDEE)
    assert person.with_titles((label,)) == replace(person, titles=(label,))
    assert person.with_name("李明@421003") == replace(person, name="李明@421003")
    assert title.with_org("区委", False) == replace(title, org="区委", org_specific=False)
    event = Event("会议", "2022-05-26", "荆州区", ("李明",), ("王强", "张红"), ("李明",))
    assert event.with_people(("甲",), ("乙",), ()) == replace(event, organizers=("甲",), attendees=("乙",), speakers=())
    article = Article("p.txt", 1, "区委书记李明主持会议", "正文")
    extraction = Extraction(article, (person,), (title,), (label,), event, (("铜岭村", "八岭山镇"),))
    assert extraction.with_people((), None) == replace(extraction, people=(), event=None)


def test_part_of_with_the_text_reversed_equals_the_search_back(lex: Lexicon) -> None:
    from kgraph.extract.events import _first_sentence, part_of

    for text in [*_texts(13)[::2], "区委书记李明主持召开会议", "，李明调研。张强说"]:
        backwards = text[::-1]
        for start in range(0, len(text) - 1, 3 if len(text) > 20 else 1):
            for role in (Role.OFFICIAL, Role.OTHER):
                mention = PersonMention(text[start:start + 2], start, start + 2, role)
                assert part_of(text, mention, backwards) == part_of(text, mention), (text, start)
        assert _first_sentence(text) == re.split(r"[。；！？\n]", text, maxsplit=1)[0]


def test_part_of_without_the_tests_a_text_cannot_pass_equals_all_tests(lex: Lexicon) -> None:
    """`assign_parts` leaves out the tests of a speech studied where the text holds none of `_STUDY_WORDS`, and of
    a quotation where it holds no closing quotation mark: the parts are those all tests give."""
    from kgraph.extract.events import _STUDY_WORDS, part_of

    rng = random.Random(43)
    pieces = ["学习", "传达", "讲话精神", "重要指示", "思想", "精神", "“很好。”", "说", "主持召开", "调研", "陪同",
              "，", "。", "李明", "张强", "在"]
    texts = [*_texts(43)[::3], *("".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(2000))]
    skipped = 0
    for text in texts:
        studied, quoted = _STUDY_WORDS.search(text) is not None, "”" in text
        skipped += not studied or not quoted
        backwards = text[::-1]
        for start in range(0, len(text) - 1, 3 if len(text) > 40 else 1):
            mention = PersonMention(text[start:start + 2], start, start + 2, Role.OTHER)
            assert part_of(text, mention, backwards, studied=studied, quoted=quoted) == part_of(
                text, mention, backwards), (text, start)
    assert skipped > 100


def test_assign_parts_keeps_a_mention_whose_part_is_found_again() -> None:
    from kgraph.extract.events import assign_parts

    text = "通讯员王明。区委书记李建国主持会议，张强参加。"
    reporter = PersonMention("王明", 3, 5, Role.REPORTER)
    leader = PersonMention("李建国", 10, 13, Role.OFFICIAL)
    guest = PersonMention("张强", 18, 20, Role.OTHER, part=Part.ATTENDEE)
    article = Article("p.txt", 0, "", text)
    parts = assign_parts(article, (reporter, leader, guest), text)
    assert [m.part for m in parts] == [Part.MENTIONED, Part.ORGANIZER, Part.ATTENDEE]
    assert parts[0] is reporter and parts[2] is guest and parts[1] == replace(leader, part=Part.ORGANIZER)


@pytest.mark.parametrize("cls", [Mention, PersonMention, Event, Extraction, Evidence])
def test_quick_init_takes_the_dataclass_fields_and_stays_frozen(cls: type) -> None:
    import dataclasses
    import inspect

    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [(p.name, p.default) for p in params] == [
        (f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
        for f in dataclasses.fields(cls)]
    values = {f.name: f"v{i}" for i, f in enumerate(dataclasses.fields(cls))}
    made = cls(**values)
    assert [getattr(made, name) for name in values] == list(values.values())
    assert made == cls(*values.values()) and hash(made) == hash(cls(*values.values()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, next(iter(values)), "other")
    with pytest.raises(TypeError):
        cls()


def test_article_keeps_its_id_and_stays_a_value() -> None:
    """`Article.id` is made when first asked and kept in a slot quick_init leaves unset: the article takes only
    its fields, equals and hashes as before, and a replaced article has its own id."""
    import dataclasses
    import inspect

    from kgraph.model import Article

    assert list(inspect.signature(Article.__init__).parameters)[1:] == list(Article.__match_args__)
    asked, fresh = Article("2022-05-26_a.txt", 7, "标题", "正文"), Article("2022-05-26_a.txt", 7, "标题", "正文")
    assert asked.id == "2022-05-26_a-007" and asked.id is asked.id  # made once
    assert asked == fresh and hash(asked) == hash(fresh) and repr(asked) == repr(fresh)
    assert dataclasses.replace(asked, index=8).id == "2022-05-26_a-008"
    with pytest.raises(dataclasses.FrozenInstanceError):
        asked.index = 9  # type: ignore[misc]


def _plain_in_gazetteer(text: str, tokens: Tokens, lex: Lexicon) -> list[tuple[int, int]]:
    """`places._in_gazetteer` with its leads filtered and its matches' ends read in Python."""
    gazetteer = places.load_gazetteer()
    names, full_names = gazetteer.by_name, gazetteer.full_names
    spans = []
    words = tokens.words
    for i in [i for i in places._lead_tokens(tokens) if words[i] in names]:
        word, entry = words[i], lex.words.get(words[i])
        glued = len(word) == 2 and word[0] in places._FUNCTION_CHARS
        if len(word) >= 2 and not glued and ((word in full_names and not places.is_common(word, lex))
                                             or (entry and entry[1] == "ns")):
            spans.append((tokens.starts[i], tokens.ends[i]))
    sizes: dict[int, list[int]] = {}
    for match in gazetteer.full_name_ending.finditer(text):
        for size in (3, 4, 5):
            if match.end() >= size and text[match.end() - size:match.end()] in full_names:
                sizes.setdefault(match.end() - size, []).append(size)
    for start in sorted(sizes):
        for size in sorted(sizes[start], reverse=True):
            if starts_token(text, start, lex, hmm=False) and not places.is_common(text[start:start + size], lex):
                spans.append((start, start + size))
                break
    return spans


def test_in_gazetteer_equals_the_plain_loops(lex: Lexicon) -> None:
    found = 0
    for text in [*_texts(19)[::3], "来到红安县和荆州市荆州区"]:
        tokens = tokenize(text, lex)
        spans = places._in_gazetteer(text, tokens, lex)
        assert spans == _plain_in_gazetteer(text, tokens, lex), text
        found += len(spans)
    assert found > 10


def _plain_refer_back(text: str, mentions: tuple[Mention, ...], lex: Lexicon) -> tuple[Mention, ...]:
    """`orgs.refer_back` with the specific mentions kept in a list and each mention looked for in it."""
    specific = [m for m in mentions if orgs._is_specific(m.text, lex)]
    specific += [m for m in mentions if m not in specific and text[m.start - 1:m.start] == "（"
                 and text[m.end:m.end + 1] == "）" and any(s.end == m.start - 1 for s in specific)]
    kept = []
    for m in mentions:
        if m in specific:
            kept.append(m)
            continue
        fuller = [s for s in specific if s.text.endswith(m.text) and len(s.text) > len(m.text)]
        if fuller:
            before = [s for s in fuller if s.start < m.start]
            kept.append(replace(m, refers=(before[-1] if before else fuller[0]).text))
        elif orgs._department(text, m.text, m.start, lex):
            kept.append(m)
    return tuple(kept)


def test_refer_back_with_flags_and_remembered_answers_equals_the_list_scan(lex: Lexicon) -> None:
    texts = [*_texts(23)[::2], "荆州区社会组织孵化中心（社工总站）挂牌，社工总站、孵化中心和科技孵化中心，教育局"]
    referred = 0
    for text in texts:
        found = orgs.extract_orgs(text, lex)
        kept = orgs.refer_back(text, found, lex)
        assert kept == _plain_refer_back(text, found, lex), text
        assert all(orgs.is_specific(m.text, lex) == orgs._is_specific(m.text, lex) for m in found)
        referred += sum(1 for m in kept if m.refers)
    assert referred >= 1


def test_usable_names_are_read_whole_as_each_character_was() -> None:
    from kgraph.extract.model_names import _ALL_CJK
    from kgraph.lexicon import CJK

    rng = random.Random(29)
    chars = "中国荆州a1 \n、㐀\u9fff\u3400\u33ff\ua000"
    for text in ["", *("".join(rng.choice(chars) for _ in range(rng.randint(1, 6))) for _ in range(3000))]:
        assert bool(_ALL_CJK.fullmatch(text)) == all(CJK.match(c) for c in text), text


def test_speakers_matched_in_place_equal_the_search_of_a_slice() -> None:
    from kgraph.extract.events import _SPEAK, assign_parts, extract_event

    speak = re.compile("^" + _SPEAK.pattern)
    heard = 0
    for text in [*_texts(31)[::4], "李明强调，张强说，王五指出"]:
        article = Article("p.txt", 1, "", text)
        people = assign_parts(article, tuple(PersonMention(text[i:i + 2], i, i + 2, Role.OFFICIAL)
                                             for i in range(0, len(text) - 1, 2)), text)
        event = extract_event(article, people, (), text)
        if event is None:
            continue
        members = set(event.organizers) | set(event.attendees)
        expected = sorted({m.name for m in people if m.name in members and speak.search(text[m.end:m.end + 8])})
        assert list(event.speakers) == expected, text
        heard += len(expected)
    assert heard >= 3


def test_outermost_names_equal_the_scan_of_all_pairs() -> None:
    rng = random.Random(37)
    text = "".join(rng.choice("区委宣传部县政府市教育局") for _ in range(60))
    for _ in range(2000):
        spans = [(a, a + rng.randint(1, 8)) for a in (rng.randint(0, 50) for _ in range(rng.randint(0, 12)))]
        found = [Mention("org", text[a:b], a, b) for a, b in spans]
        expected = tuple(m for m in found if not any(o.start <= m.start and m.end <= o.end and o != m for o in found))
        assert orgs._outermost(found) == expected, spans


@pytest.mark.parametrize("kind", ["place_suffixes", "title_heads", "org_suffixes"])
def test_occurrences_equal_the_longest_entry_at_each_position(lex: Lexicon, kind: str) -> None:
    entries = getattr(lex, kind)
    rng = random.Random(41)
    pieces = [*entries[:200], *"的和、，州区县"]
    texts = _texts(41)[::6] + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 20))) for _ in range(500)]
    for text in texts:
        expected = [(pos, entries.starting_at(text, pos)) for pos in range(len(text))]
        assert list(entries.occurrences(text)) == [(pos, e) for pos, e in expected if e is not None], text


def _plain_ancestor_before(text: str, start: int, divisions: tuple) -> bool:
    gazetteer = places.load_gazetteer()
    for division in divisions:
        for parent in gazetteer.ancestors(division):
            for name in (parent.name, places.short_name(parent.name)):
                if name and text.endswith(name, 0, start):
                    return True
    return False


def test_ancestor_names_made_once_per_division_equal_the_walk_up() -> None:
    gazetteer = places.load_gazetteer()
    rng = random.Random(43)
    divisions = list(gazetteer.by_code.values())
    chained = 0
    for division in rng.sample(divisions, 300):
        parents = gazetteer.ancestors(division)
        for before in ["", "来到", *(p.name for p in parents), *(places.short_name(p.name) or "" for p in parents)]:
            text = before + division.name
            expected = _plain_ancestor_before(text, len(before), (division,))
            assert places._ancestor_before(text, len(before), (division,)) == expected, text
            chained += expected
    assert chained > 300


def test_event_type_by_one_search_equals_the_scan_of_kinds_in_order() -> None:
    """On seed and dev text and random text of the kinds' words and their pieces: the kind of highest precedence."""
    from kgraph.extract.events import EVENT_TYPES, event_type

    def plain(article: Article) -> str:
        first = re.split(r"[。；！？\n]", article.body, maxsplit=1)[0]
        for text in (article.headline + article.subheadline, first):
            for kind, words in EVENT_TYPES:
                if any(word in text for word in words):
                    return kind
        return "活动"

    rng = random.Random(31)
    words = [word for _, kind_words in EVENT_TYPES for word in kind_words]
    pieces = words + [word[:1] for word in words] + [word[1:] for word in words] + list("，。张明")
    texts = _texts(31)[::5] + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(4000)]
    kinds = set()
    for headline, body in zip(texts, texts[1:] + texts[:1], strict=True):
        article = Article("p.txt", 1, headline, body)
        kinds.add(event_type(article))
        assert event_type(article) == plain(article), (headline, body)
    assert kinds == {kind for kind, _ in EVENT_TYPES}


def _plain_add_listed(text: str, mentions: tuple[Mention, ...], kind: str, lex: Lexicon) -> tuple[Mention, ...]:
    """`lists.add_listed` without the shortcut for a text that holds no list."""
    members = lists.list_members(text, kind, lex)
    kept = [m for m in mentions if not any(n.start <= m.start and m.end <= n.end and n != m for n in members)]
    new = [n for n in members if not any(o.start < n.end and n.start < o.end for o in kept)]
    return tuple(sorted((*kept, *new), key=lambda m: (m.start, m.end)))


@pytest.mark.parametrize("kind", ["org", "place"])
def test_add_listed_equals_the_scan_of_members(lex: Lexicon, kind: str) -> None:
    """With and without lists (the seed lists among the texts), mentions given in any order."""
    rng = random.Random(37)
    texts = _texts(37)[::4] + list(_SEED_LISTS.values())
    for text in texts:
        mentions = []
        for _ in range(rng.randint(0, 6)):
            start = rng.randint(0, max(0, len(text) - 2))
            end = min(len(text), start + rng.randint(1, 6))
            mentions.append(Mention(kind, text[start:end], start, end))
        mentions = tuple(mentions)
        assert lists.add_listed(text, mentions, kind, lex) == _plain_add_listed(text, mentions, kind, lex), text


def test_chained_told_by_the_character_before_equals_the_levels_compared() -> None:
    """`places._chained` with its look at the character before the stem, against the two levels compared."""
    rng = random.Random(41)
    chars = sorted({c for suffix, _ in LEVELS for c in suffix}) + list("荆州八岭山东城解放")
    texts = ["".join(rng.choice(chars) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for text in texts:
        for begin in range(len(text) + 1):
            for suffix_end in range(begin, len(text) + 1):
                plain = _suffix_level(text[max(0, begin - 4):begin]) > max(2, _suffix_level(text[begin:suffix_end]))
                assert places._chained(text, begin, suffix_end) == plain, (text, begin, suffix_end)
