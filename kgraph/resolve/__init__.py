"""Stage 3: mentions -> entities, one node per real person, organisation and place across the whole corpus.

`entities` makes the nodes; `locale` places each mention in China's divisions; `homonyms` tells people who share a
name apart by that evidence; `decisions` reads the user's forced decisions. Public names are imported here.
"""

from kgraph.resolve.decisions import Decision, parse_decisions, read_decisions
from kgraph.resolve.entities import (
    chain_orgs,
    merge_variants,
    name_evidence,
    post_org,
    post_orgs,
    resolve_orgs,
    resolve_people,
    resolve_places,
)
from kgraph.resolve.homonyms import split_homonyms

__all__ = ["Decision", "chain_orgs", "merge_variants", "name_evidence", "parse_decisions", "post_org", "post_orgs",
           "read_decisions", "resolve_orgs", "resolve_people", "resolve_places", "split_homonyms"]
