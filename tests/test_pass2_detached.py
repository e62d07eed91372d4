"""Pass 2 comes back from its workers without the articles: put back together, it is what `extract_page` gives."""

from __future__ import annotations

import pickle

from kgraph.batch import KnownNames
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
    names = KnownNames(known)
    for reading in readings:
        relevant = names.relevant(reading.articles)  # as the driver sends it
        detached = pickle.loads(pickle.loads(pickle.dumps(extract_task(reading, relevant, lex))))  # from a worker
        attached = attach_articles(reading.articles, detached)
        assert attached == list(extract_page(reading, lex, known))
        assert all(e.article is a for e, a in zip(attached, reading.articles, strict=True))


def test_released_caches_change_nothing():
    lex = load_lexicon()
    pages = list(read_pages(collect_files([SEEDS])))[:3]
    before = [read_page(source, text, lex) for source, text in pages]
    release_caches(lex)
    assert [read_page(source, text, lex) for source, text in pages] == before


def test_pickling_an_article_leaves_its_text_as_it_was():
    """A build in one process pickles the very articles it keeps (for the cache): pickling a string would keep its
    UTF-8 form in it, 1.5 times its size again, for every article of the corpus. Articles pickle their text as
    bytes, and come back equal, lone surrogates and all."""
    import sys

    from kgraph.model import Article, Byline, Role

    body = "本报讯（通讯员王明）区委书记李建国主持会议。\ud800"
    article = Article("p.txt", 1, "区委书记李建国主持会议", body, "副标题", "2020-01-01",
                      (Byline("王明", Role.REPORTER),), 3, 40)
    sizes = sys.getsizeof(article.headline), sys.getsizeof(article.body)
    assert pickle.loads(pickle.dumps(article, pickle.HIGHEST_PROTOCOL)) == article
    assert (sys.getsizeof(article.headline), sys.getsizeof(article.body)) == sizes
    text = "".join(["区委书记", "李建国"])
    pickle.dumps(text, pickle.HIGHEST_PROTOCOL)
    assert sys.getsizeof(text) > sizes[0]  # what the test guards against: a pickled string grows
