"""kgraph's own vocabulary: the few terms no standard vocabulary has.

Closed (`_fail`), so a misspelt term fails at once instead of minting a new IRI. Standard terms come from
rdflib's SDO (schema.org), ORG, PROV, RDFS, SKOS and XSD.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace, URIRef

KG_NS = "https://w3id.org/kgraph/ns#"
DEFAULT_BASE = "https://w3id.org/kgraph/id/"
SCHEMA = Namespace("https://schema.org/")  # rdflib's SDO is http://; the contract says https://

# The one prefix table: the prefixes of the RDF contract (docs/rdf-model.md), kg: and time:. Every graph kgraph
# writes declares them (with id: for the data's own base, `kgraph.rdf.build.prefixes`), and every query may use
# them without PREFIX lines.
PREFIXES: dict[str, str] = {
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "kg": KG_NS,
    "time": str(TIME),
}


class KG(DefinedNamespace):
    """Project vocabulary (prefix `kg:`)."""

    _fail = True
    _NS = Namespace(KG_NS)

    # classes
    Mention: URIRef  # a span of an article's text that names a person, title, organisation or place
    Collaboration: URIRef  # the materialised works-with edge between two people
    SourceFile: URIRef  # an input file
    NameMerge: URIRef  # the decision that a spelling is a variant of a person's name, with its reasons
    NameSplit: URIRef  # the decision that a name stands for several people, with its reasons

    # properties
    role: URIRef  # official | reporter | photographer | other
    eventType: URIRef  # 会议, 调研, 考察 ... as read from the article
    sourceFile: URIRef  # article -> kg:SourceFile
    articleIndex: URIRef  # order of the article in its source file
    start: URIRef  # character offset where a span starts (article text, or the source file for an article)
    end: URIRef  # character offset where a span ends (exclusive)
    text: URIRef  # the surface string of a mention
    mentionOf: URIRef  # mention -> the entity it names
    inArticle: URIRef  # mention -> article
    evidence: URIRef  # a fact (post, collaboration) -> a kg:Mention or schema:Event supporting it
    worksWith: URIRef  # person -> person, symmetric; both directions are written
    participant: URIRef  # collaboration -> each of its two people
    weight: URIRef  # collaboration -> number of shared events (xsd:integer)
    dateline: URIRef  # the date as printed, when it has no year ("05-26") or is vague ("近日")
    kept: URIRef  # name merge -> the person the variant was merged into
    variant: URIRef  # name merge -> the variant spelling (literal)
    reason: URIRef  # name merge or split -> one piece of evidence for it (literal)
    sharedName: URIRef  # name split -> the name the people share (literal)
    splitInto: URIRef  # name split -> each person the name was read as
    post: URIRef  # membership -> the org:Post of the same title
    locale: URIRef  # person of a split name -> where their mentions are placed (湖北省荆州市荆州区)
