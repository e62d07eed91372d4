"""Headline assignment does flat work per body, however many articles one file holds (issue 20)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.text import segment, split_articles

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _scored(monkeypatch: pytest.MonkeyPatch, copies: int) -> tuple[int, int]:
    """(headline-body scores computed, articles) for the seed pages repeated `copies` times as one file."""
    calls = [0]
    score = segment.Similarity.__call__

    def counted(self: segment.Similarity, text: str, body: int, *, lead: bool = False) -> float:
        calls[0] += 1
        return score(self, text, body, lead=lead)

    scores = segment.Similarity.scores

    def counted_scores(self: segment.Similarity, text: str, first: int, last: int) -> dict[int, float]:
        found = scores(self, text, first, last)
        calls[0] += len(found)  # one score per body, computed together
        return found

    monkeypatch.setattr(segment.Similarity, "__call__", counted)
    monkeypatch.setattr(segment.Similarity, "scores", counted_scores)
    page = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    articles = split_articles("\n\n".join([page] * copies), "year.txt")
    return calls[0], len(articles)


def test_segment_headline_scores_grow_linearly_with_the_page(monkeypatch: pytest.MonkeyPatch):
    small, small_articles = _scored(monkeypatch, 4)
    large, large_articles = _scored(monkeypatch, 8)
    assert large_articles == 2 * small_articles
    assert large <= 2.3 * small  # every headline against every body: 4 times as many
