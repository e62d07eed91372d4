"""Pass 2 comes back from its workers without the articles: put back together, it is what `extract_page` gives."""

from __future__ import annotations

import pickle

from kgraph.files import collect_files
from kgraph.lexicon import load_lexicon
from kgraph.pipeline import (
    attach_articles,
    extract_page,
    extract_task,
    known_names,
    read_page,
    release_caches,
)
from kgraph.text import read_pages

from .conftest import SEEDS


def test_extract_task_attached_again_equals_extract_page():
    lex = load_lexicon()
    readings = [read_page(source, text, lex) for source, text in read_pages(collect_files([SEEDS]))]
    known = known_names(people for reading in readings for people in reading.people)
    for reading in readings:
        detached = pickle.loads(pickle.loads(pickle.dumps(extract_task(reading, known, lex))))  # from a worker
        attached = attach_articles(reading.articles, detached)
        assert attached == list(extract_page(reading, lex, known))
        assert all(e.article is a for e, a in zip(attached, reading.articles, strict=True))


def test_released_caches_change_nothing():
    lex = load_lexicon()
    pages = list(read_pages(collect_files([SEEDS])))[:3]
    before = [read_page(source, text, lex) for source, text in pages]
    release_caches(lex)
    assert [read_page(source, text, lex) for source, text in pages] == before
