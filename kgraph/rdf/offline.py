"""Reading a graph or running a query never reaches the network unless the user asks (`--allow-remote`).

Three ways out are closed: a SPARQL `SERVICE` clause (both engines would send the query to that address), a JSON-LD
`@context` or `@import` given by address (rdflib fetches it), and anything else a Python library might open while
parsing or validating (pySHACL runs SPARQL from a shapes file): `offline()` refuses every connection made through
Python while a graph is read or queried. Oxigraph is Rust code that Python cannot watch, so its queries are checked
before they run.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kgraph.errors import KgraphError
from kgraph.regex import compiled

__all__ = ["RemoteRefused", "check_jsonld", "check_query", "find_service", "offline"]

ALLOW = "unless --allow-remote is given"

# Tokens of SPARQL text whose insides are no keyword: IRIs, strings, comments, variables, prefixed names.
_TOKENS = compiled(
    r"""(?P<skip><[^<>"{}|^`\\\s]*>|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\#[^\n]*"""
    r"""|[?$]\w+|[\w.-]*:[\w.:%-]*)|(?P<word>[A-Za-z_]\w*)""",
    re.DOTALL,
)
_ESCAPE = compiled(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class RemoteRefused(KgraphError):
    """Something in a graph file or a query would reach the network, and the user did not allow it."""


def find_service(text: str) -> str | None:
    """The first `SERVICE` of a query (its IRI when it has one), else None; errs on the side of finding one.

    >>> find_service('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    '<http://example.org/sparql>'
    >>> find_service('SELECT ?service { ?service <urn:p> "SERVICE" }') is None
    True
    """
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)  # SPARQL's \\u escapes come first
    for match in _TOKENS.finditer(text):
        if match.group("word") and match.group("word").upper() == "SERVICE":
            after = text[match.end():].lstrip()
            if after[:6].upper().startswith("SILENT"):
                after = after[6:].lstrip()
            iri = re.match(r"<[^>\s]*>|[?$]\w+|[\w.-]*:[\w.%-]*", after)
            return iri.group(0) if iri else "SERVICE"
    return None


def check_query(text: str, *, allow_remote: bool = False) -> None:
    """Raise `RemoteRefused` for a query that would call another endpoint (`SERVICE`), unless allowed."""
    if allow_remote:
        return
    service = find_service(text)
    if service is not None:
        raise RemoteRefused(f"refused SERVICE {service}: kgraph does not send queries to other endpoints {ALLOW}")


def check_jsonld(path: Path, *, allow_remote: bool = False) -> None:
    """Raise `RemoteRefused` for a JSON-LD file whose `@context` (or `@import`) is an address to fetch."""
    if allow_remote:
        return
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return  # the parser reports what is wrong with the file
    remote = next(_remote_contexts(data), None)
    if remote is not None:
        raise RemoteRefused(f"{path}: refused JSON-LD context {remote}: kgraph does not fetch remote contexts {ALLOW}")


def _remote_contexts(data: Any) -> Iterator[str]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key in ("@context", "@import"):
                    for context in value if isinstance(value, list) else [value]:
                        if isinstance(context, str):
                            yield context
                stack.append(value)


_refusing = 0  # how many offline() blocks are open; the audit hook, once installed, stays for the process
_hooked = False


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _refusing:
        return
    if event == "urllib.Request":
        raise RemoteRefused(f"refused to open {args[0]}: kgraph does not reach the network {ALLOW}")
    if event == "socket.connect" and isinstance(args[1], tuple):  # an address with a port: not a Unix socket
        raise RemoteRefused(f"refused to connect to {args[1][0]}:{args[1][1]}: kgraph does not reach the network "
                            f"{ALLOW}")


@contextlib.contextmanager
def offline(*, allow_remote: bool = False) -> Iterator[None]:
    """Inside the block, any connection opened through Python raises `RemoteRefused` (unless `allow_remote`)."""
    global _refusing, _hooked
    if allow_remote:
        yield
        return
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    _refusing += 1
    try:
        yield
    finally:
        _refusing -= 1
