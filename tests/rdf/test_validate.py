"""kgraph.rdf.validate and kgraph/rdf/shapes.ttl: the seeds conform; each broken rule gives its own readable line."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph

from kgraph import build
from kgraph.errors import GraphError, ValidationError
from kgraph.rdf.read import read_graph
from kgraph.rdf.validate import Problem, ValidationReport, format_report, read_shapes, summarize, validate_graph
from kgraph.rdf.vocab import KG
from tests.resolve.test_homonyms import HUBEI, YUNNAN

PREFIXES = """
@prefix schema: <https://schema.org/> .
@prefix org:    <http://www.w3.org/ns/org#> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix kg:     <https://w3id.org/kgraph/ns#> .
@prefix id:     <https://w3id.org/kgraph/id/> .
"""

# A small graph that follows the contract: every case below breaks one rule of it.
GOOD = PREFIXES + """
id:wan a schema:Person ; schema:name "万玲玲"@zh ; kg:role "official" ; schema:jobTitle "区委书记"@zh ;
    org:holds id:post ; kg:worksWith id:zhou .
id:zhou a schema:Person ; schema:name "周远栋"@zh ; kg:role "official" ; kg:worksWith id:wan .
id:he a schema:Person ; schema:name "何华安"@zh ; kg:role "reporter" .
id:post a org:Post ; rdfs:label "区委书记"@zh ; org:heldBy id:wan ; org:postIn id:org ; kg:evidence id:m1 .
id:org a org:Organization ; schema:name "区委"@zh .
id:place a schema:Place ; schema:name "川店镇"@zh ; schema:containedInPlace id:district .
id:district a schema:AdministrativeArea ; schema:name "荆州区"@zh .
id:source a kg:SourceFile ; schema:name "page.txt" .
id:a1 a schema:NewsArticle ; schema:headline "万玲玲调研川店镇"@zh ; schema:text "区委书记万玲玲调研川店镇"@zh ;
    prov:wasDerivedFrom id:source ; schema:mentions id:wan ; schema:author id:he .
id:m1 a kg:Mention ; kg:inArticle id:a1 ; kg:mentionOf id:post ; kg:start 0 ; kg:end 4 ; kg:text "区委书记"@zh .
id:e1 a schema:Event ; schema:organizer id:wan ; schema:attendee id:zhou ; schema:subjectOf id:a1 ;
    schema:location id:place ; schema:startDate "2022-05-26"^^xsd:date .
id:c1 a kg:Collaboration ; kg:participant id:wan, id:zhou ; kg:weight 1 ; kg:evidence id:e1 .
id:wang1 a schema:Person ; schema:name "王刚"@zh ; kg:role "official" ; kg:locale "湖北省荆州市荆州区"@zh .
id:wang2 a schema:Person ; schema:name "王刚"@zh ; kg:role "official" ; kg:locale "云南省楚雄彝族自治州"@zh .
id:split a kg:NameSplit ; kg:sharedName "王刚"@zh ; kg:splitInto id:wang1, id:wang2 ;
    kg:reason "湖北省荆州市荆州区 / 云南省楚雄彝族自治州: different provinces (云南省 / 湖北省)" .
"""

# Each case breaks one rule on nodes of its own, so all of them are checked in one run of the validator.
BROKEN = {
    "two names": ('id:x1 a schema:Person ; schema:name "甲"@zh, "乙"@zh .', "Violation", "id:x1",
                  "a person has exactly one schema:name"),
    "no name": ("id:x2 a schema:Person .", "Violation", "id:x2", "a person has exactly one schema:name"),
    "reporter attends": ('id:r9 a schema:Person ; schema:name "记者"@zh . id:a9 a schema:NewsArticle ; '
                         'schema:headline "标题"@zh ; prov:wasDerivedFrom id:source ; schema:author id:r9 . '
                         "id:e9 a schema:Event ; schema:subjectOf id:a9 ; schema:attendee id:r9 .", "Violation",
                         "id:e9", "a reporter or photographer of the article is never an organizer or attendee"),
    "title chain": ('id:x3 a schema:Person ; schema:name "丙"@zh ; schema:jobTitle "区委常委、副区长"@zh .',
                    "Violation", "id:x3", "split on 、"),
    "title without post": ('id:x4 a schema:Person ; schema:name "丁"@zh ; schema:jobTitle "副区长"@zh .',
                           "Violation", "id:x4", "each schema:jobTitle has its structured form"),
    "unknown role": ('id:x5 a schema:Person ; schema:name "戊"@zh ; kg:role "boss" .', "Violation", "id:x5",
                     "kg:role is one of"),
    "article without source": ('id:a2 a schema:NewsArticle ; schema:headline "标题"@zh .', "Violation", "id:a2",
                               "an article names its source file"),
    "event without article": ("id:e2 a schema:Event ; schema:attendee id:wan .", "Violation", "id:e2",
                              "an event is the subject of the schema:NewsArticle"),
    "event without people": ("id:e3 a schema:Event ; schema:subjectOf id:a1 .", "Violation", "id:e3",
                             "an event has at least one participant"),
    "organizer not a person": ("id:e4 a schema:Event ; schema:subjectOf id:a1 ; schema:organizer id:org .",
                               "Violation", "id:e4", "schema:organizer is a schema:Person"),
    "text date": ('id:e5 a schema:Event ; schema:subjectOf id:a1 ; schema:attendee id:wan ; '
                  'schema:startDate "5月26日" .', "Violation", "id:e5", "schema:startDate, an xsd:date"),
    "one participant": ("id:c2 a kg:Collaboration ; kg:participant id:wan ; kg:weight 1 ; kg:evidence id:e1 .",
                        "Violation", "id:c2", "exactly two kg:participant"),
    "span backwards": ('id:m2 a kg:Mention ; kg:inArticle id:a1 ; kg:mentionOf id:wan ; kg:start 9 ; kg:end 4 ; '
                       'kg:text "万玲玲"@zh .', "Violation", "id:m2", "kg:start comes before its kg:end"),
    "post in a place": ('id:x6 a schema:Person ; schema:name "己"@zh ; org:holds id:post6 . id:post6 a org:Post ; '
                        'rdfs:label "镇长"@zh ; org:postIn id:place .', "Violation", "id:post6",
                        "org:postIn points to an org"),
    "post held by nobody": ('id:post7 a org:Post ; rdfs:label "镇长"@zh .', "Violation", "id:post7",
                            "a post is held by someone"),
    "untagged name": ('id:org2 a org:Organization ; schema:name "区政府" .', "Warning", "id:org2", "tagged @zh"),
    "wrong weight": ("id:c3 a kg:Collaboration ; kg:participant id:wan, id:zhou ; kg:weight 3 ; kg:evidence id:e1 .",
                     "Warning", "id:c3", "kg:weight should be the number of shared events"),
    "split without reason": ('id:s2 a kg:NameSplit ; kg:sharedName "王刚"@zh ; kg:splitInto id:wang1, id:wang2 .',
                             "Violation", "id:s2", "a name split says why"),
    "split into one person": ('id:s3 a kg:NameSplit ; kg:sharedName "王刚"@zh ; kg:splitInto id:wang1 ; '
                              'kg:reason "r" .',
                              "Violation", "id:s3", "at least two schema:Person"),
    "split into another name": ('id:s4 a kg:NameSplit ; kg:sharedName "王刚"@zh ; kg:splitInto id:wang1, id:zhou ; '
                                'kg:reason "r" .', "Violation", "id:s4",
                                "each person a name is split into has the shared name"),
    "untagged shared name": ('id:s5 a kg:NameSplit ; kg:sharedName "王刚" ; kg:splitInto id:wang1, id:wang2 ; '
                             'kg:reason "r" .', "Warning", "id:s5", "kg:sharedName should be tagged @zh"),
    "locale without split": ('id:x7 a schema:Person ; schema:name "庚"@zh ; kg:locale "湖北省荆州市荆州区"@zh .',
                             "Violation", "id:x7", "only a person whose name is split has a kg:locale"),
    "two locales": ('id:wang1 kg:locale "湖北省荆州市"@zh .', "Violation", "id:wang1", "kg:locale is one literal"),
    "text elsewhere": ('id:m3 a kg:Mention ; kg:inArticle id:a1 ; kg:mentionOf id:post ; kg:start 1 ; kg:end 5 ; '
                       'kg:text "区委书记"@zh .', "Warning", "id:m3", "kg:text differs from the article"),
}


def _graph(extra: str = "") -> Graph:
    return Graph().parse(data=GOOD + extra, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return read_shapes()


@pytest.fixture(scope="module")
def broken_lines(shapes: Graph) -> list[str]:
    report = validate_graph(_graph("\n".join(extra for extra, *_ in BROKEN.values())), shapes=shapes)
    return format_report(report, limit=1000).splitlines()


def test_validate_seeds_output_conforms(seed_build: Path):
    graph = read_graph(seed_build / "graph.ttl")
    report = validate_graph(graph)
    assert report.conforms, format_report(report)
    assert report.count("Violation") == 0


@pytest.fixture(scope="module")
def split_graph() -> Graph:
    """The graph of two pages from two provinces that name one common name: it is split into two people."""
    graph = build([HUBEI, YUNNAN]).graph
    assert len(list(graph.subjects(RDF.type, KG.NameSplit))) == 1
    return graph


def test_validate_graph_with_a_name_split_conforms(split_graph: Graph, shapes: Graph):
    report = validate_graph(split_graph, shapes=shapes)
    assert report.conforms, format_report(report)
    assert report.problems == ()


def test_validate_name_split_without_its_reasons_does_not_conform(split_graph: Graph, shapes: Graph):
    graph = Graph()
    for triple in split_graph:
        graph.add(triple)
    [split] = graph.subjects(RDF.type, KG.NameSplit)
    graph.remove((split, KG.reason, None))
    report = validate_graph(graph, shapes=shapes)
    assert not report.conforms
    assert "a name split says why the people are told apart" in format_report(report)


def test_validate_split_person_without_locale_does_not_conform(split_graph: Graph, shapes: Graph):
    graph = Graph()
    for triple in split_graph:
        graph.add(triple)
    [split] = graph.subjects(RDF.type, KG.NameSplit)
    person = next(graph.objects(split, KG.splitInto))
    graph.remove((person, KG.locale, None))
    report = validate_graph(graph, shapes=shapes)
    assert not report.conforms
    assert "has the shared name as its schema:name and a kg:locale" in format_report(report)


def test_validate_good_graph_has_no_problem(shapes: Graph):
    assert validate_graph(_graph(), shapes=shapes).problems == ()


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_validate_names_each_broken_rule(broken_lines: list[str], case: str):
    _, severity, focus, message = BROKEN[case]
    mine = [line for line in broken_lines if f" {focus} " in line or f" {focus}:" in line]
    assert any(line.startswith(f"{severity} ") and message in line for line in mine), mine


def test_validate_only_violations_fail(shapes: Graph):
    assert validate_graph(_graph(BROKEN["untagged name"][0]), shapes=shapes).conforms
    assert not validate_graph(_graph(BROKEN["no name"][0]), shapes=shapes).conforms


def test_validate_report_is_one_line_per_problem_worst_first(shapes: Graph):
    graph = _graph(BROKEN["untagged name"][0] + BROKEN["two names"][0] + BROKEN["one participant"][0])
    report = validate_graph(graph, shapes=shapes)
    text = format_report(report)
    lines = text.splitlines()
    assert [line.split()[0] for line in lines] == ["Violation", "Violation", "Warning"]
    assert lines[0] == ("Violation Collaboration id:c2 kg:participant: a collaboration has exactly two "
                        "kg:participant, both schema:Person")
    assert summarize(report) == "2 violations, 1 warning"
    assert not report.conforms


def test_format_report_counts_what_it_leaves_out():
    problems = tuple(Problem("Violation", "Person", f"urn:p{i}", "https://schema.org/name", "", "one name")
                     for i in range(5))
    text = format_report(ValidationReport(problems), limit=2)
    assert text.splitlines() == ["Violation Person <urn:p0> schema:name: one name",
                                 "Violation Person <urn:p1> schema:name: one name",
                                 "… and 3 more: Violation one name"]


def test_read_shapes_from_a_file(tmp_path: Path):
    path = tmp_path / "shapes.ttl"
    path.write_text(PREFIXES + """@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:shape> a sh:NodeShape ; sh:targetClass schema:Person ;
            sh:property [ sh:path schema:birthDate ; sh:minCount 1 ; sh:message "a birth date" ] .""")
    report = validate_graph(_graph(), shapes=read_shapes(path))
    assert {p.focus.rsplit("/", 1)[-1] for p in report.problems} == {"wan", "zhou", "he", "wang1", "wang2"}
    with pytest.raises(GraphError, match="no such graph file"):
        read_shapes(tmp_path / "missing.ttl")


def test_broken_shapes_are_a_validation_error():
    shapes = Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:shape> a sh:NodeShape ; sh:targetClass <https://schema.org/Person> ; sh:property [ sh:minCount 1 ] .""",
                           format="turtle")
    with pytest.raises(ValidationError, match="cannot validate with these shapes"):
        validate_graph(_graph(), shapes=shapes)
