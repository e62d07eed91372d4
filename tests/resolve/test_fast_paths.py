"""Resolution's shortcuts give what the general steps give, on a generated corpus of 50 pages (benchmarks/corpus.py)
and the homonym pages: groups placed nowhere made only when asked, conflicts tested without their reason, links
found from a person's co-participants together, units taken in at once, places named from counts, organisations'
parents among their prefixes, division counts without namesakes, variants' evidence for the names of alike pairs, a
page of one article grouped as any page, pages' homes shared where equal."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter, defaultdict

import pytest

from kgraph.gazetteer import load_gazetteer
from kgraph.pipeline import load
from kgraph.resolve import homonyms as h
from kgraph.resolve import merge_variants, name_evidence, resolve_orgs
from kgraph.resolve.entities import _parent
from kgraph.resolve.locale import anchor, anchor_of, chain, count_divisions, describe, divisions_at_start, make_locale
from kgraph.resolve.variants import alike_pairs, find_merges

from ..conftest import ROOT
from .test_homonyms import GONGAN, HUBEI, SHASHI, UNRELATED, YUNNAN


@pytest.fixture(scope="module")
def nlp():
    return load()


@pytest.fixture(scope="module")
def extractions(nlp, tmp_path_factory: pytest.TempPathFactory) -> list:
    path = ROOT / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("kgraph_benchmark_corpus", path)
    if spec is None or spec.loader is None or not path.exists():
        pytest.skip("benchmarks/corpus.py is not here")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("generated")
    module.write_corpus(folder, 600, seed=3)
    pages = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir())]
    _, found = nlp.extract(nlp.read([*pages, HUBEI, YUNNAN, SHASHI, GONGAN, UNRELATED]))
    return merge_variants(found)[0]


def fields(group: h._Group) -> tuple:
    return (group.name, set(group.sources), group.mentions, group.firm, group.first, group.last, set(group.partners),
            sorted(map(sorted, map(dict.items, group.parts))), set(group.provinces), set(group.counties))


def test_fast_paths_groups_placed_nowhere_made_when_asked_cluster_as_all_of_them(nlp, extractions):
    split = lazy = 0
    with h._indexed(extractions) as index:  # each name's groups placed, and those placed nowhere unmade
        lazily = [(name, index.groups(name)) for name in sorted(index.found)]
    for (name, (placed, unplaced)), (_, every) in zip(lazily, h._groups(extractions), strict=True):
        common = h.is_common_name(name, nlp.lex)
        people, joins = h._cluster([placed[s] for s in sorted(placed)], common, (), unplaced)
        all_people, all_joins = h._cluster([every[s] for s in sorted(every)], common, ())
        assert [j if isinstance(j, str) else j() for j in joins] == \
            [j if isinstance(j, str) else j() for j in all_joins]
        assert min(len(people), 2) == min(len(all_people), 2)
        if len(all_people) > 1:
            assert [[sorted(g.sources) for g in p] for p in people] == [[sorted(g.sources) for g in p]
                                                                          for p in all_people]
            split += bool(unplaced)
        lazy += bool(unplaced) and len(all_people) < 2
    assert split and lazy  # both ways were taken


def test_fast_paths_conflicts_links_and_places_as_the_general_steps(extractions):
    pairs = links = 0
    for _, by_source in h._groups(extractions):
        groups = [by_source[s] for s in sorted(by_source)]
        for i, a in enumerate(groups):
            for b in groups[i + 1:]:
                for common in (True, False):
                    assert h._conflicts(a, b, common) == (h._conflict(a, b, common) is not None)
                    pairs += 1
            person, partners = groups[:i], set().union(*(g.partners for g in groups[:i]))
            linked = any(h._linked(g, a) for g in person)
            assert h._linked_to(person, partners, a) == linked
            links += linked
            if a.placed:
                assert anchor_of(a.counts) == anchor(make_locale(a.counts))
                assert a.where == describe(anchor(a.locale))
    assert pairs and links


def _indexed(extractions) -> tuple[dict, h._Pages]:
    found: dict = defaultdict(list)
    pages = h._Pages()
    for extraction in extractions:
        h._index(extraction, None, pages.counts(extraction), found)
    return found, pages


def test_fast_paths_a_page_of_one_article_grouped_as_any_page(extractions):
    try:
        found, pages = _indexed(extractions)
        homes, titles = pages.homes(), {}
        checked = 0
        for name, read in found.items():
            for entry in read:
                one = frozenset((entry[0].source,))
                for home in (homes.get(entry[0].source), None):
                    fast = h._article_group(name, one, entry, home, titles)
                    general = h._articles_group(name, one, [entry], home, titles)
                    assert fields(fast) == fields(general)
                    assert [list(part.items()) for part in fast.parts] == \
                        [list(part.items()) for part in general.parts]
                    checked += fast.placed
        assert checked
    finally:
        h._SHARED.clear()


def test_fast_paths_homes_shared_where_equal(extractions):
    try:
        _, pages = _indexed(extractions)
        by_code = load_gazetteer().by_code
        homes = pages.homes()
        assert homes.keys() == pages.pages.keys()
        shared = 0
        for source, (home, spread) in homes.items():
            counts = pages.pages[source]
            counties = Counter({code: n for code, n in counts.items() if by_code[code].level == "county"})
            ranked = counties.most_common(2)
            leads = ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1])
            assert list(home.items()) == ([(ranked[0][0], 1)] if leads else list(counts.items()))
            assert spread == h._spread(home)
            same = [other for other, _ in homes.values() if list(other.items()) == list(home.items())]
            assert all(other is home for other in same)
            shared += len(same) > 1
        assert shared
    finally:
        h._SHARED.clear()


def test_fast_paths_units_taken_in_at_once_as_one_by_one(extractions):
    one, other = h._groups(extractions), h._groups(extractions)
    for (_, first), (_, second) in zip(one, other, strict=True):
        a, b = ([by_source[s] for s in sorted(by_source)] for by_source in (first, second))
        for group in a[1:]:
            a[0].absorb(group)
        b[0].absorb_all(b[1:])
        assert fields(a[0]) == fields(b[0])
        total: Counter[str] = Counter()
        for part in b[0].parts:
            total.update(part)
        assert b[0].counts == total


def _parent_by_pairs(canonical: str, names: list[str], lex) -> str | None:
    parents = [c for c in names if c != canonical and canonical.startswith(c) and len(c) >= 2
               and lex.org_suffixes.suffix_of(canonical[len(c):])]
    return max(parents, key=len) if parents else None


def test_fast_paths_organisation_parents_as_every_pair_compared(nlp, extractions):
    orgs, _ = resolve_orgs(extractions, nlp.lex, load_gazetteer().by_name["荆州区"][0])
    names = [org.name for org in orgs]
    assert [org.parent for org in orgs] == [_parent_by_pairs(name, names, nlp.lex) for name in names]
    names += ["区委", "区委办", "区委办公室", "区委统战部", "荆州区委", "荆州区委统战部", "荆州区委统战部办公室"]
    parents = [_parent(name, dict.fromkeys(names), nlp.lex) for name in names]
    assert parents == [_parent_by_pairs(name, names, nlp.lex) for name in names] and any(parents)


def _count_divisions_in_general(names: list[str]) -> Counter[str]:
    gazetteer = load_gazetteer()
    found = [divisions_at_start(name) for name in names]
    known = Counter(d.code for candidates in found if len(candidates) == 1 for d in candidates)
    above = {a.code for code in known for a in chain(gazetteer.by_code[code], gazetteer)}
    counts: Counter[str] = Counter()
    for candidates in found:
        if len(candidates) == 1:
            counts[candidates[0].code] += 1
        elif candidates:
            fitting = [d for d in candidates if any(a.code in above for a in gazetteer.ancestors(d))]
            if len(fitting) == 1:
                counts[fitting[0].code] += 1
    return counts


def test_fast_paths_division_counts_as_the_general_count(extractions):
    lists = [[m.text for m in (*e.places, *e.orgs) if not m.refers] for e in extractions]
    lists += [["朝阳区", "北京市"], ["朝阳区"], ["朝阳区", "长春市", "荆州区"]]  # namesakes, settled or not
    for names in lists:
        got = count_divisions(names)
        assert got == _count_divisions_in_general(names) and list(got) == list(_count_divisions_in_general(names))


def test_fast_paths_variants_found_from_the_evidence_of_alike_names_only(extractions):
    evidence = name_evidence(extractions)
    pairs = alike_pairs(evidence)
    names = {name for a, b, _ in pairs for name in (a, b)}
    assert pairs and names < set(evidence)
    assert find_merges(name_evidence(extractions, names), pairs) == find_merges(evidence)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="namesakes are told apart beside on Linux")
def test_fast_paths_namesakes_told_apart_in_two_processes_as_in_one(nlp, extractions, monkeypatch: pytest.MonkeyPatch):
    forked, beside = [], h.beside

    def counted(*args: object, **kwargs: object) -> object:
        forked.append(kwargs["doing"])
        return beside(*args, **kwargs)

    one = h.split_homonyms(extractions, nlp.lex, jobs=2)  # too few articles for a second process
    monkeypatch.setattr(h, "beside", counted)
    assert h.split_homonyms(extractions, nlp.lex, jobs=2) == one and not forked
    monkeypatch.setattr(h, "BESIDE_MIN_ENTRIES", 1)
    two = h.split_homonyms(extractions, nlp.lex, jobs=2)
    assert forked == ["telling namesakes apart"]
    assert two == one and len(one[1]) > 1 and any(m.variant == m.kept for m in one[2])  # splits, and names kept
    found = h._NameIndex(extractions).found
    names = sorted(found)
    mine, theirs = h._halves(names, found)
    assert sorted(mine + theirs) == names and mine and theirs
    assert {s.name for s in one[1]} & set(mine) and {s.name for s in one[1]} & set(theirs)  # both decided some
