"""A corpus built in a process pool holds each article's text once, as the sequential one does."""

from __future__ import annotations

from kgraph import build
from kgraph.files import collect_files

from .conftest import SEEDS


def test_extractions_share_the_corpus_articles():
    corpus = build(collect_files([SEEDS]), jobs=2).corpus  # the extractions come back pickled from the workers
    articles = {article.id: article for article in corpus.articles}
    assert corpus.extractions and all(e.article is articles[e.article.id] for e in corpus.extractions)
