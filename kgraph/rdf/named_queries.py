"""The named queries shipped with kgraph: `.rq` files in `kgraph/rdf/queries/`, each with a comment header naming
its parameters (`# param: name — meaning`) and an example. Values are bound, never pasted into the text, so every
parameter must be given (`check_params`).
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files

from kgraph.errors import QueryError
from kgraph.regex import compiled

_PARAM_LINE = compiled(r"#\s*param:\s*(\w+)\s*[—–-]+\s*(.*)")
_EXAMPLE_LINE = compiled(r"#\s*example:\s*(.*)")
_NAME = compiled(r"[\w-]+")


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a named query: the variable to bind and what it means."""

    name: str
    doc: str


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A SPARQL query shipped with kgraph, read from `kgraph/rdf/queries/<name>.rq`."""

    name: str
    description: str
    params: tuple[Param, ...]
    example: str
    text: str


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read the comment header of a `.rq` file: description lines, `# param: name — meaning`, `# example: …`.

    >>> query = parse_named_query("who", "# Who is called ?name.\\n# param: name — a name\\nSELECT ?name {}")
    >>> query.description, query.params[0].name, query.params[0].doc
    ('Who is called ?name.', 'name', 'a name')
    """
    description: list[str] = []
    params: list[Param] = []
    example = ""
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            break
        if param := _PARAM_LINE.fullmatch(line):
            params.append(Param(param.group(1), param.group(2).strip()))
        elif found := _EXAMPLE_LINE.fullmatch(line):
            example = found.group(1).strip()
        elif not params and not example:
            description.append(line.lstrip("#").strip())
    return NamedQuery(name, " ".join(d for d in description if d), tuple(params), example, text)


def named_queries() -> tuple[NamedQuery, ...]:
    """The named queries shipped in `kgraph/rdf/queries/`, sorted by name."""
    return tuple(_load_named_queries().values())


def named_query(name: str) -> NamedQuery:
    """The named query called `name`; an unknown name is a `QueryError` listing the known ones."""
    queries = _load_named_queries()
    if name not in queries:
        raise QueryError(f"unknown named query {name!r}; known: {', '.join(queries)} (see kgraph query --list)")
    return queries[name]


def find_query(query: str) -> tuple[str, NamedQuery | None]:
    """SPARQL text as is, or the text of the named query a bare word like `who-works-with` names."""
    if _NAME.fullmatch(query.strip()):
        named = named_query(query.strip())
        return named.text, named
    return query, None


def check_params(query: NamedQuery, bindings: Mapping[str, object]) -> None:
    """Every parameter of a named query needs a value: an unbound one would silently match everything."""
    given = {key.lstrip("?$") for key in bindings}
    missing = [p for p in query.params if p.name not in given]
    if missing:
        options = " ".join(f"--param {p.name}=VALUE" for p in missing)
        raise QueryError(f"{query.name} needs {options}: {'; '.join(p.doc for p in missing)}")


def format_named_queries(queries: Sequence[NamedQuery], *, width: int = 100) -> str:
    """The `kgraph query --list` text: each query's name and description, its parameters and an example."""
    lines: list[str] = []
    for query in queries:
        lines.extend(textwrap.wrap(f"{query.name}: {query.description}", width, subsequent_indent="    "))
        lines.extend(f"    --param {p.name}=…  {p.doc}" for p in query.params)
        if query.example:
            lines.append(f"    example: {query.example}")
    return "\n".join(lines)


@functools.cache
def _load_named_queries() -> dict[str, NamedQuery]:
    folder = files("kgraph.rdf").joinpath("queries")
    found = sorted((item.name.removesuffix(".rq"), item) for item in folder.iterdir() if item.name.endswith(".rq"))
    return {name: parse_named_query(name, item.read_text(encoding="utf-8")) for name, item in found}
