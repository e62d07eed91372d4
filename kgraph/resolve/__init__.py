"""Stage 3: mentions -> entities, one node per real person, organisation and place across the whole corpus.

`entities` makes the nodes; `variants` finds the spellings of one name (OCR and typing errors); `jurisdiction` the
paper's home and the full names of its short forms (区委 -> 荆州区委); `locale` places each mention in China's
divisions; `homonyms` tells people who share a name apart by that evidence; `decisions` reads the user's forced
decisions. Stage 3 reads what stage 2 recorded on the mentions and never imports `kgraph.extract`. Public names
are imported here.
"""

from kgraph.resolve.decisions import Decision, parse_decisions, read_decisions
from kgraph.resolve.entities import (
    merge_variants,
    name_evidence,
    post_orgs,
    resolve_orgs,
    resolve_people,
    resolve_places,
)
from kgraph.resolve.homonyms import split_homonyms
from kgraph.resolve.jurisdiction import canonical_org, find_division, infer_home
from kgraph.resolve.locale import divisions_at_start

__all__ = ["Decision", "canonical_org", "divisions_at_start", "find_division", "infer_home", "merge_variants",
           "name_evidence", "parse_decisions", "post_orgs", "read_decisions", "resolve_orgs", "resolve_people",
           "resolve_places", "split_homonyms"]
