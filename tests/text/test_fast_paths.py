"""The shortcuts of the reading stage give what the plain code gives, on the seed pages and on random text.

Each shortcut skips work that cannot change the answer (a regex search on text without the sign every match
needs, repairs of a line without the signs they act on); these tests hold it against the code it stands for.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.text import clean, read, script, segment
from kgraph.text.clean import (
    BOILERPLATE,
    CREDIT,
    META_LINE,
    SPACES,
    SYMBOLS_ONLY,
    dateline,
    find_credit,
    fullwidth_punct,
    join_spread_chars,
    meta_line,
    strip_noise,
    tighten_spaces,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SHARED = Path(__file__).resolve().parents[3] / "shared"
# the real pages: the seeds, and the dev and MSRA texts where the shared folder is there
REAL = [SEEDS, *(folder for folder in (SHARED / "gold/dev/raw", SHARED / "eval/msra/raw") if folder.is_dir())]
SEED_LINES = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").split("\n")]
# the lines of the dev and MSRA pages, and their paragraphs, where the shared folder is there
REAL_TEXTS = [read.read_text(path) for folder in REAL[1:] for path in sorted(folder.rglob("*.txt"))]
REAL_LINES = [line for text in REAL_TEXTS for line in [*text.split("\n"), *(p.text for p in clean.paragraphs(text))]]

# the signs the repairs and patterns turn on, with Chinese text around them
SIGNS = ("本报讯记者通讯员摄影摄来源编辑：:，,。;；!?！？()（）“”·•・‧ \t\u3000\xa0\u200bＡ１％0123456789"
         "2019年20月日王芸天设新引推进改造—|/-陳們這會國說")
LINES = st.text(alphabet=SIGNS, max_size=40)


def _undouble(line: str) -> str:
    """`undouble` as it was written, without its quick tests (the line's first sign recurring in its first half, the
    counts of the signs at its two ends)."""
    core = line.strip(SPACES)
    if len(core) < 2 or any(count % 2 for char, count in Counter(core).items() if char not in SPACES):
        return line
    chunks = clean._doubled_chunks(core)
    visible = [c for c in chunks or () if c.strip(SPACES)]
    if not chunks or sum(map(len, visible)) < 4 or max(map(len, visible)) < 2:
        return line
    return "".join(chunks)


def _clean_line(line: str) -> str:
    return fullwidth_punct(tighten_spaces(join_spread_chars(_undouble(strip_noise(line)))))


def _meta_line(text: str) -> bool:
    return bool(META_LINE.match(text) or BOILERPLATE.match(text) or SYMBOLS_ONLY.match(text) or dateline(text))


def _is_traditional(text: str) -> bool:
    sample = text[: script._SAMPLE]
    chinese = sum(1 for c in sample if "\u3400" <= c <= "\u9fff")
    table = script._table()
    return chinese > 0 and sum(1 for c in sample if ord(c) in table) >= script.TRADITIONAL_SHARE * chinese


def _heading_shaped(text: str) -> bool:
    """`heading_shaped` as it was written: the width first, the ideographs counted."""
    return (
        clean.width(text) <= clean.MAX_HEADING_WIDTH
        and clean.ideographs(text) >= 2
        and not clean.SENTENCE_PUNCT.search(clean.TITLE_COLON.sub(r"\1", text, count=1) if "：" in text or ":" in text
                                            else text)
        and not clean.marks(text)
    )


def _strip_noise(line: str) -> str:
    """`strip_noise` as it was written: the bullets cut by their anchored pattern, the dots looked for one by one."""
    line = clean.BULLET.sub("", clean.ZERO_WIDTH.sub("", line).replace("\xa0", " ").strip(SPACES)).lstrip(SPACES)
    return clean.NAME_DOT.sub("·", line) if not clean._DOTS.isdisjoint(line) else line


def _fullwidth_punct(line: str) -> str:
    """`fullwidth_punct` as it was written: the whole line translated."""
    line = line.translate(clean._FULL_ALNUM)
    line = clean._HALF_PARENS.sub(r"（\1）", line)
    return clean._HALF_PUNCT.sub(lambda m: clean._HALF_TO_FULL[m.group(1) or m.group(2)], line)


def _same_line_answers(line: str) -> None:
    core = line.strip(SPACES)
    if core:  # the quick first step of undouble's search is the search's first step
        assert clean._starts_doubled(core) == (next(clean._doubled_options(core, 0), None) is not None)
    assert clean.clean_line(line) == _clean_line(line)
    assert clean.undouble(line) == _undouble(line)
    assert meta_line(line) == _meta_line(line)
    marks = (bool(clean.OPENING.match(line)) | bool(clean.BYLINE_LINE.match(line)) << 1 | _meta_line(line) << 2
             | bool(CREDIT.search(line)) << 3)
    assert clean.marks(line) == marks
    assert clean.sentence_closed(line) == bool(clean.SENTENCE_END.search(line) or marks & (clean.CREDITED | clean.META))
    assert clean.heading_shaped(line) == _heading_shaped(line)
    found, expected = clean.opening(line), clean.OPENING.match(line)
    assert (found and found.span()) == (expected and expected.span())
    found, expected = find_credit(line), CREDIT.search(line)
    assert (found and found.span()) == (expected and expected.span())
    assert clean.without_credit(line) == CREDIT.sub("", line)
    for text in (line, line + "\n", line + "\n\n"):
        assert clean.ends_sentence(text) == bool(clean.SENTENCE_END.search(text))
    assert strip_noise(line) == _strip_noise(line)
    assert fullwidth_punct(line) == _fullwidth_punct(line)
    token = line.strip(SPACES)
    spread = clean.ideographs(token) == 1 and all(clean.IDEOGRAPH.match(c) or c in clean.PUNCT for c in token)
    assert clean._spread_token(token) == spread


def _cut_headings(block: list[clean.Line]) -> list[list[clean.Line]]:
    """`_cut_headings` as it was written: every run of heading lines scanned from each line on."""
    widths = [clean.width(line.text) for line in block if clean.SENTENCE_PUNCT.search(line.text)]
    if len(block) < 2 or not widths:
        return [block]
    column = clean.statistics.median(widths)
    pieces, start, k = [], 0, 0
    while k < len(block):
        j = k
        while j < len(block) and j - k < 6 and clean.heading_shaped(block[j].text):
            j += 1
        after = block[j] if j < len(block) else None
        if (
            j > k
            and (k == 0 or clean.sentence_closed(block[k - 1].text))
            and (k > 0 or after is not None)
            and (after is None or clean.FRESH_START.match(after.text) and not clean._fills_column(block[k], column))
        ):
            pieces.extend(piece for piece in (block[start:k], block[k:j]) if piece)
            start = k = j
        else:
            k += 1
    return [*pieces, block[start:]] if start < len(block) else pieces


def _same_headings_cut(texts: list[str]) -> None:
    block = [clean.Line(text, k, k + len(text), False) for k, text in enumerate(texts)]
    assert clean._cut_headings(block) == _cut_headings(block)


def test_headings_cut_on_the_seed_lines() -> None:
    lines = [line.strip() for line in SEED_LINES if line.strip()]
    for size in (2, 3, 5, 9):
        for k in range(0, len(lines) - size, 2):
            _same_headings_cut(lines[k:k + size])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*SEED_LINES[:300:3], "“要闻速览", "近日，区委召开会议。", "第一部分"]) | LINES,
                min_size=2, max_size=10))
def test_headings_cut_on_random_lines(texts: list[str]) -> None:
    _same_headings_cut([text for text in texts if text] or ["", ""])


def test_line_shortcuts_on_the_seed_lines() -> None:
    for line in SEED_LINES + REAL_LINES:
        _same_line_answers(line)
        doubled = "".join(c * 2 for c in line)  # bold overlay: every sign printed twice
        _same_line_answers(doubled)


@settings(max_examples=600, deadline=None)
@given(LINES)
def test_line_shortcuts_on_random_text(line: str) -> None:
    _same_line_answers(line)
    _same_line_answers("".join(c * 2 for c in line))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="。！？!?…”’」』）)\n王 a", max_size=8), st.sampled_from(["", "\n"]))
def test_sentence_end_shortcut_on_stops_and_closing_signs(text: str, end: str) -> None:
    assert clean.ends_sentence(text + end) == bool(clean.SENTENCE_END.search(text + end))
    token = text.replace("\n", "")
    spread = clean.ideographs(token) == 1 and all(clean.IDEOGRAPH.match(c) or c in clean.PUNCT for c in token)
    assert clean._spread_token(token) == spread


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=SIGNS + "".join(chr(c) for c in sorted(script._table())[::40]), max_size=80))
def test_traditional_share_on_random_text(text: str) -> None:
    assert script.is_traditional(text) == _is_traditional(text)


def test_traditional_share_on_the_seeds_and_astral_characters() -> None:
    astral = [chr(c) for c in script._table() if c > 0xFFFF][:3]
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert script.is_traditional(text) == _is_traditional(text)
    text = "".join(astral) * 2 + "中国人民"
    assert script.is_traditional(text) == _is_traditional(text) is True


def _string_bigrams(text: str) -> set[str]:
    """The bigrams as they were: two-character strings within the text's runs of letters and ideographs."""
    runs = re.findall(rf"[{clean.IDEO}0-9A-Za-z]+", text)
    return {run[k : k + 2] for run in runs for k in range(len(run) - 1)}


def _keys(grams: set[str]) -> set[int]:
    return {segment._key(gram) for gram in grams}


def test_bigrams_are_the_pairs_within_runs_of_letters_and_ideographs() -> None:
    for line in [*SEED_LINES, "A1，b２c 中国。人民abc", "", "\U00020000中\U00020001国"]:
        assert segment._bigrams(line) == _keys(_string_bigrams(line))


def _same_pair_index(texts: list[str], asked: list[str]) -> None:
    """`_PairIndex` finds each bigram in the texts whose bigram set holds it, asked at once or one by one."""
    grams = [_string_bigrams(text) for text in texts]
    together, alone = segment._PairIndex(texts, plain=False), segment._PairIndex(texts, plain=False)
    plain = segment._PairIndex(texts, plain=True)
    # indexed for the first characters of some of the bigrams only: the others make it index them all
    some = segment._PairIndex(texts, plain=False, firsts={ord(gram[0]) for gram in asked[::2] if gram})
    none = segment._PairIndex(texts, plain=False, firsts=())  # nothing to be asked: indexed when asked after all
    together.find([segment._key(gram) for gram in asked if len(gram) == 2])
    for gram in asked:
        if len(gram) != 2:
            continue
        expected = [k for k, found in enumerate(grams) if gram in found]
        key = segment._key(gram)
        assert together.texts(key) == alone.texts(key) == plain.texts(key) == expected
        assert some.texts(key) == none.texts(key) == expected


def test_pair_index_on_the_seed_pages() -> None:
    pages = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    for page in pages:
        texts = [text for text in page.split("\n\n") if text.strip()]
        asked = sorted(set().union(*map(_string_bigrams, texts)))[::7] + ["王芸", "。，", "A1", "乙丙"]
        asked += [line[-1:] + following[:1] for line, following in zip(SEED_LINES, SEED_LINES[1:], strict=False)][:200]
        _same_pair_index(texts, asked)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=6), st.lists(st.text(alphabet=SIGNS, min_size=2, max_size=2)))
def test_pair_index_on_random_text(texts: list[str], asked: list[str]) -> None:
    _same_pair_index(texts, asked + sorted(set().union(*map(_string_bigrams, texts))))


def _same_gram_in(texts: list[str], asked: list[str]) -> None:
    """A lead holds a headline's bigram (`_gram_in`) exactly when its bigram set does."""
    keys = set().union(*map(segment._pairs, asked))  # the two-character ones of letters or ideographs
    for text in texts:
        held = segment._pairs(text)
        for key in keys:
            assert segment._gram_in(key, text) == (key in held), (text[:40], key)


def test_gram_in_on_the_seed_lines() -> None:
    asked = sorted(set().union(*map(_string_bigrams, SEED_LINES)))[::5] + ["王芸", "A1", "乙丙"]
    _same_gram_in(SEED_LINES[::3], asked)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=6), st.lists(st.text(alphabet=SIGNS, min_size=2, max_size=2)))
def test_gram_in_on_random_text(texts: list[str], asked: list[str]) -> None:
    _same_gram_in(texts, asked + sorted(set().union(*map(_string_bigrams, texts))))


def test_control_share_counts_what_the_loop_counted() -> None:
    allowed = read.ALLOWED_CONTROLS
    for code in [*range(0x3000), 0xFEFF, 0xFFFD, 0x10000, 0x10FFFF]:
        char = chr(code)
        control = (code < 32 or 0x7F <= code < 0xA0) and char not in allowed
        assert read._control_share(char) == float(control), hex(code)
    assert read._control_share("a\x00b\x85\n\t") == 2 / 6


def _tidy_answers(text: str) -> None:
    tidied = clean._tidy(text) if clean._UNTIDY.search(text) else text
    assert tidied == fullwidth_punct(tighten_spaces(text))
    assert clean.without_opening(text) == clean.OPENING.sub("", text, count=1)


def test_opening_and_tidy_shortcuts_on_the_seed_lines() -> None:
    for line in SEED_LINES:
        _tidy_answers(line)
        _tidy_answers(line.strip())


@settings(max_examples=400, deadline=None)
@given(LINES)
def test_opening_and_tidy_shortcuts_on_random_text(text: str) -> None:
    _tidy_answers(text)
    _tidy_answers("本报讯（记者 王芸）" + text)


def _doubled_options(text: str, i: int) -> list[tuple[int, str]]:
    """`clean._doubled_options` as it was written: every chunk length tried in a Python loop."""
    if text[i] in SPACES:
        j = i
        while j < len(text) and text[j] in SPACES:
            j += 1
        return [(j, text[i:j])]
    return [(i + 2 * k, text[i : i + k]) for k in range(1, (len(text) - i) // 2 + 1)
            if text[i + k] == text[i] and text[i : i + k] == text[i + k : i + 2 * k]]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab 月7（", min_size=1, max_size=24))
def test_doubled_options_on_random_text(text: str) -> None:
    for i in range(len(text)):
        assert list(clean._doubled_options(text, i)) == _doubled_options(text, i)


def _split_lines(text: str) -> list[clean.Line]:
    """`split_lines` as it was written: every line through `clean_line`, its blanks measured."""
    raws = text.split("\n")
    leads = [len(raw) - len(raw.lstrip(SPACES)) for raw in raws]
    margin = clean._margin([lead for raw, lead in zip(raws, leads, strict=True) if lead < len(raw)])
    lines, offset = [], 0
    for raw, lead in zip(raws, leads, strict=True):
        end = offset + len(raw.rstrip(SPACES))
        lines.append(clean.Line(clean.clean_line(raw), min(offset + lead, end), end, margin < lead < len(raw)))
        offset += len(raw) + 1
    return lines


def _real_pages() -> list[Path]:
    """The seed pages, and the dev and MSRA pages where the shared folder is there."""
    return [path for folder in REAL for path in sorted(folder.rglob("*.txt"))]


def test_split_lines_on_the_seed_pages() -> None:
    """Lines without a sign any repair acts on skip `clean_line` but `undouble` (and its quick test); a page's
    lines to repair are found by searching the page."""
    for path in _real_pages():
        text = read.read_text(path)
        doubled = "\n".join("".join(c * 2 for c in line) for line in text.split("\n"))
        for page in (text, doubled):
            assert clean.split_lines(page) == _split_lines(page)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES | st.sampled_from(["推进改造推进改造", "王芸芸", "　　本报讯", "", "ＡＡ"]), max_size=12))
def test_split_lines_on_random_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert clean.split_lines(text) == _split_lines(text)


def _blocks(lines: list[clean.Line]) -> list[list[clean.Line]]:
    """`_blocks` as it was written: each line's marks asked again as the line before the next, every block cut."""
    blocks: list[list[clean.Line]] = []
    current: list[clean.Line] = []
    for line in lines:
        if not line.text:
            if current:
                blocks.append(current)
            current = []
            continue
        if current and (clean._starts_block(line) or clean._ends_block(current[-1])):
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    return [piece for block in blocks for piece in clean._cut_headings(block)]


def _same_blocks(text: str) -> None:
    lines = clean.split_lines(text)
    assert clean._blocks(lines) == _blocks(lines)
    assert clean._join_label_values(lines) == _join_label_values(lines)
    if not clean._may_label(text):
        assert _join_label_values(lines) == lines
    for block in _blocks(lines):
        if len(block) == 1:  # a one-line block is its own paragraph, as the general reflow makes it
            assert clean._reflow(block) == [clean.Para(clean.TEXT, *block[0][:3])]


def _reflow(block: list[clean.Line]) -> list[clean.Para]:
    """`_reflow` as it was written: each line joined on in turn, each asked whether it closes a paragraph."""
    full = max(clean.width(line.text) for line in block)
    paras: list[clean.Para] = []
    text, start = "", block[0].start
    for k, line in enumerate(block):
        text = clean._join(text, line.text) if text else line.text
        last = k == len(block) - 1
        if last or (clean.sentence_closed(line.text) and clean.width(line.text) < full - 1):
            paras.append(clean.Para(clean.TEXT, text, start, line.end))
            if not last:
                text, start = "", block[k + 1].start
    return paras


def test_reflow_on_the_real_pages() -> None:
    """Every block of the seed, dev and MSRA pages, and the same lines in blocks of a few, reflow as they did."""
    for path in _real_pages():
        lines = clean.split_lines(read.read_text(path))
        for block in clean._blocks(lines):
            assert clean._reflow(block) == _reflow(block)
        filled = [line for line in lines if line.text]
        for size in (2, 3, 7):
            for k in range(0, len(filled) - size, size):
                assert clean._reflow(filled[k:k + size]) == _reflow(filled[k:k + size])


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES.filter(bool) | st.sampled_from(["abc", "Xi", "近日，会议召开。", "改造", "2021年。", "AB。"]),
                min_size=1, max_size=8))
def test_reflow_on_random_lines(texts: list[str]) -> None:
    block = [clean.Line(text, 10 * k, 10 * k + len(text), False) for k, text in enumerate(texts)]
    assert clean._reflow(block) == _reflow(block)


def _join_label_values(lines: list[clean.Line]) -> list[clean.Line]:
    """`_join_label_values` without its quick test for a page with no label alone."""
    return clean._join_label_values([*lines, clean.Line("作者：", 0, 0, False)])[:-1] if lines else lines


def test_blocks_on_the_seed_pages() -> None:
    for path in _real_pages():
        text = read.read_text(path)
        _same_blocks(text)
        _same_blocks(text.translate(str.maketrans("：:/", "，，、")))  # no label can be printed alone


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES | st.sampled_from(["", "本报讯（记者 王芸）近日，会议召开。", "（王芸 摄）", "来源：某报",
                                         "编辑：", "张三", "□ 通讯员 王学峰", "推进改造"]), max_size=14))
def test_blocks_on_random_lines(lines: list[str]) -> None:
    _same_blocks("\n".join(lines))


def test_similarity_scores_are_its_calls_on_the_real_pages() -> None:
    """`Similarity.scores` over every body (which `__call__` then answers from) and over a range of them give what
    `__call__` sums bigram by bigram, on the seed, dev and MSRA pages and on the seed pages cut into more bodies."""
    pages = [read.read_text(path) for path in _real_pages()]
    for text in [*pages, *(page.replace("\n\n", "\n\n本报讯 ") for page in pages[:5])]:
        paras = clean.paragraphs(text)
        bodies = [body for body in segment._bodies(paras, False) if not segment._furniture(body)]
        heads = [p.text for p in paras if p.kind == clean.HEADING][:40]
        if not bodies or not heads:
            continue
        scored, plain = segment.Similarity(bodies, heads), segment.Similarity(bodies, heads)
        last = len(bodies) - 1
        for head in heads:
            expected = {k: plain(head, k) for k in range(len(bodies))}
            assert scored.scores(head, 1, last - 1) == {k: v for k, v in expected.items() if v and 1 <= k < last}
            assert {k: scored(head, k) for k in range(len(bodies))} == expected  # not from the range's scores
            assert scored.scores(head, 0, last) == {k: v for k, v in expected.items() if v}
            assert {k: scored(head, k) for k in range(len(bodies))} == expected  # from them


def _assign(units: list[segment.Unit], before: int | None, after: int | None, sim: segment.Similarity, *,
            tight: bool = False) -> list[tuple[int, list[segment.Unit]]]:
    """`_assign` as it was written: every option kept with its path, the best one found by `max`, every body tried."""
    n = len(units)
    here = [k for k in (before, after) if k is not None] or [0]
    first, last = max(min(here) - segment.NEAR_BODIES, 0), min(max(here) + segment.NEAR_BODIES, sim.n - 1)
    scores = [sim.scores(u.text, first, last) for u in units]
    chars = [clean.ideographs(u.text) for u in units]
    best: list[tuple[float, list[tuple[int, int, int]]]] = [(0.0, [])]
    for j in range(1, n + 1):
        options = []
        for i in range(max(j - segment.MAX_RUN, 0), j):
            short = sum(chars[i:j]) < segment.TRAVEL_CHARS
            touching = {before if i == 0 else None, after if j == n else None}
            for b in segment._bodies_to_try(scores[i:j], touching, first, last):
                touches = (i == 0 and b == before) or (j == n and b == after)
                if touches or not short:
                    bonus = segment.ADJACENT + segment.TIGHT * (tight and j == n and b == after) if touches else 0.0
                    score = sum(scores[k].get(b, 0.0) - (not touches) * segment.FAR for k in range(i, j))
                    options.append((best[i][0] + score + bonus - segment.NEW_RUN, [*best[i][1], (i, j, b)]))
        best.append(max(options, key=lambda option: option[0], default=(-math.inf, [])))
    if not best[n][1]:
        return [(before if after is None else after, units)]
    return [(b, units[i:j]) for i, j, b in best[n][1]]


def test_headline_assignment_on_the_real_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every headline block of the seed, dev and MSRA pages (and of the seed pages cut into more bodies) is cut and
    given as the plain dynamic programme does."""
    fast, asked = segment._assign, []

    def both(units, before, after, sim, *, tight=False):  # noqa: ANN001, ANN202
        found = fast(units, before, after, sim, tight=tight)
        assert found == _assign(units, before, after, sim, tight=tight)
        asked.append(len(units))
        return found

    monkeypatch.setattr(segment, "_assign", both)
    pages = [read.read_text(path) for path in _real_pages()]
    for text in [*pages, *(page.replace("\n\n", "\n\n本报讯 ") for page in pages[:5])]:
        segment.split_articles(text, "page")
    assert len(asked) > 50 and max(asked) > 3, (len(asked), max(asked))


def test_junctions_on_the_real_pages() -> None:
    """The characters either side of each break between two heading lines, as the pairwise loop found them."""
    for path in _real_pages():
        paras = clean.paragraphs(read.read_text(path))
        for some in (paras, paras[::2], [p._replace(kind=clean.HEADING) for p in paras[:30]]):
            expected = [upper.text[-1:] + lower.text[:1] for upper, lower in zip(some, some[1:], strict=False)
                        if upper.kind == lower.kind == clean.HEADING]
            assert segment._junctions(some) == expected


def _find_date(
    lead: str, headline: str = "", published: tuple[int, int, int] | None = None, *, own: bool = False
) -> str | None:
    """`find_date` as it was written: the date pattern tried from the start of the window."""
    window = lead[:segment.LEAD_CHARS]
    dated = next((m for m in segment.DATE.finditer(window) if "月" in m.group(0) or m.group("year")), None)
    vague = segment.VAGUE_DATE.search(window)
    if dated is None or (vague and vague.start() < dated.start()):
        day_only = segment.DAY_ONLY.match(window)
        if published and day_only and 1 <= int(day_only.group("day")) <= 31:
            return segment._day_before(published, int(day_only.group("day")))
        return "{:04d}-{:02d}-{:02d}".format(*published) if published and own else None
    month, day = int(dated.group("month")), int(dated.group("day"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year = dated.group("year")
    years = set(segment._YEAR.findall(headline))
    if year is None and len(years) == 1:
        year = years.pop()
    if year is None and published:  # a date after the publication date is one of the year before
        year = published[0] - ((month, day) > published[1:])
    return f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789２月日年-/. 近今昨（）(),，。天前", max_size=40), st.sampled_from(["", "2019年"]),
       st.sampled_from([None, (2021, 5, 14)]), st.booleans())
def test_find_date_on_random_text(lead: str, headline: str, published: tuple[int, int, int] | None, own: bool) -> None:
    assert segment.find_date(lead, headline, published, own=own) == _find_date(lead, headline, published, own=own)


def test_find_date_on_the_real_pages() -> None:
    """Every paragraph of the seed, dev and MSRA pages read as a lead, with and without a publication date."""
    for path in _real_pages():
        for para in clean.paragraphs(read.read_text(path)):
            for published in (None, (2020, 3, 21)):
                assert segment.find_date(para.text, "", published) == _find_date(para.text, "", published)


def _plain_bodies(paras: list[clean.Para], single: bool) -> list[list[clean.Para]]:
    """The paragraphs of each body as `_bodies` grouped them when each paragraph was asked its opening and credit."""
    bodies: list[list[clean.Para]] = []
    current: list[clean.Para] | None = None
    for para in paras:
        if para.kind == clean.HEADING:
            current = None
            continue
        opens = para.kind == clean.BYLINE or bool(clean.opening(para.text))
        if current is None or not single and (opens or find_credit(current[-1].text) is not None):
            current = []
            bodies.append(current)
        current.append(para)
    pieces = []
    for body in bodies:
        last = len(body) - 1
        cut = next((k for k in range(last, max(last - 3, 0), -1) if segment.CAPTION_LEAD.match(body[k].text)), None)
        pieces.extend([body] if not find_credit(body[last].text) or cut is None else [body[:cut], body[cut:]])
    return pieces


def _plain_lead(body: segment.Body) -> str:
    """`_lead` as it was written: each paragraph asked its facts and its opening again."""
    kept = []
    for para in body.paras:
        if para.kind != clean.BYLINE:
            _, credit, meta = segment._facts(para.text)
            if not meta:
                kept.append((clean.without_opening(para.text), credit is None))
    return "".join([text for text, plain in kept if plain] or [text for text, _ in kept])


def _plain_body_text(body: segment.Body) -> str:
    """`_body_text` as it was written."""
    lines = []
    for para in body.paras:
        if para.kind == clean.BYLINE or segment._facts(para.text)[2]:
            continue
        text = clean.without_credit(clean.without_opening(para.text)).strip()
        if text:
            lines.append(text)
    return "\n".join(lines)


def test_paragraph_facts_read_once_give_what_each_paragraph_asked() -> None:
    """The bodies and their furniture test, leads, texts and bylines read each paragraph's facts from the list made
    once per page (`Body.facts`): they group and read the seed, dev and MSRA pages (and the seed pages cut into more
    bodies) as when every paragraph was asked again."""
    pages = [read.read_text(path) for path in _real_pages()]
    for text in [*pages, *(page.replace("\n\n", "\n\n本报讯 ") for page in pages[:5])]:
        paras = clean.paragraphs(text)
        facts = segment._all_facts(paras)
        assert facts == [segment._facts(p.text) for p in paras]
        opens = sum(p.kind == clean.BYLINE or bool(clean.opening(p.text)) for p in paras)
        credits = sum(find_credit(p.text) is not None for p in paras)
        title = next((k for k, p in enumerate(paras) if p.kind != clean.HEADING), len(paras))
        single = (not opens and credits <= 1) or bool(opens <= 1 and 0 < title <= 3 and title < len(paras)
                                                      and meta_line(paras[title].text))
        assert segment._one_article(paras, facts) == single
        for split in (False, True):
            bodies = segment._bodies(paras, split, facts)
            assert [body.paras for body in bodies] == _plain_bodies(paras, split)
            for body in bodies:
                assert body.facts == [segment._facts(p.text) for p in body.paras]
                assert body.lead == _plain_lead(body)
                assert segment._body_text(body) == _plain_body_text(body)
                plain = any(p.kind == clean.BYLINE or clean.opening(p.text) or find_credit(p.text) for p in body.paras)
                lead = body.lead
                prose = segment._ENDS_SENTENCE.search(lead) or clean.ideographs(lead) >= segment.FURNITURE_CHARS
                assert segment._furniture(body) == (not lead.strip() if plain else not prose)
