"""Place extraction does flat work per character, however long one article is (issue 20): no search from the start
of the text per candidate, no comparison of every span with every other."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.extract import load_lexicon, places
from kgraph.extract.places import SpanIndex, extract_places

_LINE = "近日，荆州区八岭山镇铜岭村和22个省级试点村的负责人来到荆北路75号，两省六县代表参观了太湖国家湿地公园。\n"


class _Watched:
    """A compiled pattern that records how much text each search looks at."""

    def __init__(self, pattern: re.Pattern[str], seen: list[int]) -> None:
        self.pattern, self.seen = pattern, seen

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        endpos = len(text) if endpos is None else endpos
        self.seen.append(endpos - pos)
        return self.pattern.search(text, pos, endpos)


@pytest.mark.parametrize("name", ["_COUNTED", "_SEVERAL"])
def test_places_counted_check_reads_a_few_characters_not_the_whole_text(monkeypatch: pytest.MonkeyPatch, name: str):
    seen: list[int] = []
    monkeypatch.setattr(places, name, _Watched(getattr(places, name), seen))
    found = extract_places(_LINE * 200, load_lexicon(None))
    assert seen and max(seen) <= 3
    assert {m.text for m in found} >= {"八岭山镇", "铜岭村", "荆北路"}
    assert "试点村" not in {m.text for m in found}  # still counted, not named


def test_places_counted_check_answers_as_before_across_a_newline():
    lex = load_lexicon(None)
    assert "试点村" not in {m.text for m in extract_places("他说22个\n试点村都到了", lex)}


spans = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)).map(lambda t: (t[0], t[0] + t[1])), max_size=25)


@settings(max_examples=300, deadline=None)
@given(spans, st.integers(0, 30), st.integers(0, 8))
def test_places_span_index_answers_as_a_scan_of_all_spans(items: list[tuple[int, int]], start: int, size: int):
    """Both ways: the few spans most articles have scanned, and the index of sorted starts (any number of them)."""
    end = start + size
    for index in (SpanIndex(items), _AlwaysSorted(items)):
        assert index.contain(start, end) == any(b <= start and end <= e for b, e in items)
        assert index.contain(start, end, strictly=True) == any(
            b <= start and end <= e and (b, e) != (start, end) for b, e in items)
        assert index.overlap(start, end) == any(b < end and start < e for b, e in items)


class _AlwaysSorted(SpanIndex):
    scan_up_to = -1
