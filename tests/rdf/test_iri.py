"""IRIs minted from names: one per distinct name, and a build that would give two things one IRI stops (issue 20)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.rdf.iri import IriClashError, Minter, person_slug, slug

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

SCHEMA = rdflib.Namespace("https://schema.org/")


@pytest.mark.parametrize("a, b", [
    ("Page1-000", "page1-000"),
    ("a b-000", "a-b-000"),
    ("x" * 70 + "-000", "x" * 70 + "-001"),
    ("王芸", "王云"),
    ("荆州" * 40 + "甲", "荆州" * 40 + "乙"),
])
def test_iri_slug_differs_for_distinct_names(a: str, b: str):
    assert slug(a) != slug(b)


def test_iri_slug_is_stable_and_readable():
    assert slug("万玲玲") == "wan-ling-ling-ff7b"
    assert slug("000_c7a8") == slug("000_c7a8") and slug("000_c7a8").startswith("000-c7a8-")


def test_iri_minter_refuses_two_names_in_one_slug(monkeypatch: pytest.MonkeyPatch):
    minter = Minter("https://example.org/")
    monkeypatch.setattr("kgraph.rdf.iri.slug", lambda text: "same")
    minter.person("甲")
    with pytest.raises(IriClashError, match="'甲' and '乙' would get the same IRI"):
        minter.org("乙")


def test_iri_files_differing_in_case_and_punctuation_stay_apart(tmp_path: Path):
    seeds = sorted(SEEDS.glob("*.txt"))
    folder = tmp_path / "in"
    folder.mkdir()
    for page, name in zip(seeds, ["Page1.txt", "page1.txt", "a b.txt", "a-b.txt"], strict=False):
        shutil.copy(page, folder / name)
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    articles = set(graph.subjects(rdflib.RDF.type, SCHEMA.NewsArticle))
    headlines = list(graph.objects(None, SCHEMA.headline))
    assert len(articles) == len(headlines) == 46


def test_iri_two_files_with_one_article_id_stop_the_build(tmp_path: Path):
    seeds = sorted(SEEDS.glob("*.txt"))
    shutil.copy(seeds[0], tmp_path / "page")
    shutil.copy(seeds[1], tmp_path / "page.txt")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "page"), str(tmp_path / "page.txt"),
                                      "--out", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: page and page.txt would give article 0 the same id (page-000); rename one of the files")
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_iri_minter_remembers_a_persons_slug_and_still_refuses_a_clash(monkeypatch: pytest.MonkeyPatch):
    minter = Minter("https://example.org/")
    first = minter.collaboration("王勇@421003", "万玲玲")
    assert first == minter.collaboration("万玲玲", "王勇@421003")
    assert str(minter.person("王勇@421003")) == f"https://example.org/person/{person_slug('王勇@421003')}"
    monkeypatch.setattr("kgraph.rdf.iri.slug", lambda text: "same")
    minter = Minter("https://example.org/")
    minter.org("乙")
    for _ in range(2):  # a person whose slug clashed is not remembered as minted
        with pytest.raises(IriClashError, match="'乙' and '丙' would get the same IRI"):
            minter.collaboration("甲", "丙")


def test_slug_of_ascii_text_is_the_slug_through_pinyin() -> None:
    """ASCII text skips pinyin (it has no Han character for it to read): the same slug as through it."""
    import hashlib
    import random
    import string

    from kgraph.pinyin import lazy_pinyin
    from kgraph.rdf.iri import _UNSAFE

    def through_pinyin(text: str) -> str:
        words = [_UNSAFE.sub("-", w.lower()).strip("-") for w in lazy_pinyin(text)]
        base = "-".join(w for w in words if w)[:60].strip("-") or "x"
        return f"{base}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:4]}"

    rng = random.Random(7)
    texts = ["", " ", "-", "00000-001", "msra_000-003", "Page 1.txt", "a" * 80, "--x--", "\t\n"]
    texts += ["".join(rng.choices(string.printable, k=rng.randint(0, 70))) for _ in range(300)]
    for text in texts:
        slug.cache_clear()
        assert slug(text) == through_pinyin(text), text


def test_iri_slug_cleans_pinyin_words_as_each_alone():
    """`slug` cleans its words joined (one pass): as cleaning each word, dropping the empty ones and joining the
    rest, on random text of Han, ASCII, punctuation and letters that change in lower case."""
    import hashlib
    import random
    import re

    from kgraph.pinyin import lazy_pinyin

    unsafe = re.compile(r"[^a-z0-9]+")

    def each(text: str) -> str:
        words = [unsafe.sub("-", w.lower()).strip("-") for w in ([text] if text.isascii() else lazy_pinyin(text))]
        base = "-".join(w for w in words if w)[:60].strip("-") or "x"
        return f"{base}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:4]}"

    rng = random.Random(20)
    alphabet = "王芸区委书记荆州重庆AbZ09 -_.!·，ΣςİﬃßK\U00020000"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        assert slug(text) == each(text), text
