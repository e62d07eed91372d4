"""Talk to a SPARQL server over HTTP: push a graph file into it and run queries on it.

Only the W3C protocols, so the same calls work with Oxigraph (`kgraph serve`), Fuseki, GraphDB or any other store:
`push_graph` uses the SPARQL 1.1 Graph Store Protocol (PUT replaces a graph, POST adds to it; the file is streamed,
never read whole), `query_endpoint` the SPARQL 1.1 Protocol (the query POSTed as `application/sparql-query`). The
standard library's urllib is enough, so this adds no dependency.

`query_endpoint` returns an rdflib `Result`, converted by the same code as the local Oxigraph engine's answers, so
`kgraph query --endpoint` prints every `--format` exactly as it does for a local file. A server cannot take
pre-bound variables, so bindings travel inside the query text as a VALUES block at the start of its WHERE
clause, written with rdflib's escaping: a value can never change the query around it.
"""

from __future__ import annotations

import base64
import http.client
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode
from rdflib.query import Result
from rdflib.term import Identifier

from kgraph.errors import EndpointError, GraphError, QueryError
from kgraph.rdf.query import DEFAULT_BINDING_LANG, binding_terms, oxigraph_result
from kgraph.rdf.vocab import PREFIXES
from kgraph.regex import compiled

# Per socket operation (connect, each send, the wait for the answer): a server may think for minutes over a big
# push or a hard query, but an address that never answers must not hang the command forever.
TIMEOUT_S = 600.0

# SELECT / ASK answers as SPARQL results (JSON first: every server speaks it), graphs as N-Triples or Turtle.
ACCEPT = ", ".join([
    "application/sparql-results+json",
    "application/n-triples;q=0.9",
    "text/turtle;q=0.8",
    "application/sparql-results+xml;q=0.7",
    "text/tab-separated-values;q=0.6",
    "application/rdf+xml;q=0.5",
])

_LOOPBACK = {"localhost", "127.0.0.1", "::1"}
_MAX_MESSAGE = 200


# --- pushing -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pushed:
    """What `push_graph` sent, and where."""

    path: Path
    target: str  # the store URL with ?default, ?graph=IRI, or none for a dataset file
    size: int
    replaced: bool


def push_graph(
    path: str | Path, url: str, *, graph: str | None = None, replace: bool = True, timeout: float = TIMEOUT_S
) -> Pushed:
    """Send a graph file to a Graph Store Protocol URL: into the default graph, or the named graph `graph`.

    `replace` PUTs (the graph's old content goes), else POSTs (the file's triples are added). The format follows
    the file's extension (Turtle when unknown). A TriG or N-Quads file names its own graphs, so it goes to the
    store URL itself, which Oxigraph and Fuseki accept; PUT then replaces the whole dataset.
    """
    path = Path(path)
    if not path.is_file():
        raise GraphError(f"no such graph file: {path}" if not path.exists() else f"not a graph file: {path}")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) or ox.RdfFormat.TURTLE
    if fmt.supports_datasets and graph is not None:
        raise EndpointError(f"{path} is {fmt.name}, which names its own graphs; --graph is for files of triples")
    target = check_url(url) if fmt.supports_datasets else store_url(url, graph=graph)
    size = path.stat().st_size
    with path.open("rb") as body:  # urllib sends a file object in blocks when told its length
        request = urllib.request.Request(target, data=body, method="PUT" if replace else "POST",
                                         headers={"Content-Type": fmt.media_type, "Content-Length": str(size)})
        _send(request, timeout)
    return Pushed(path, target, size, replace)


def store_url(url: str, *, graph: str | None = None) -> str:
    """The Graph Store Protocol address of one graph: `URL?graph=IRI` (encoded), or `URL?default`.

    >>> store_url("http://localhost:7878/store", graph="https://example.org/g#1")
    'http://localhost:7878/store?graph=https%3A%2F%2Fexample.org%2Fg%231'
    >>> store_url("http://localhost:3030/ds/data")
    'http://localhost:3030/ds/data?default'
    """
    check_url(url)
    if graph is None:
        parameter = "default"
    else:
        try:
            ox.NamedNode(graph)
        except ValueError as exc:
            raise EndpointError(f"--graph wants an absolute IRI, got {graph!r}: {exc}") from None
        parameter = "graph=" + urllib.parse.quote(graph, safe="")
    return f"{url}{'&' if urllib.parse.urlsplit(url).query else '?'}{parameter}"


def check_url(url: str) -> str:
    """The URL itself when it is http(s) with a host; urllib would also open file:// and ftp:// addresses."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"not an http(s) URL: {redact_url(url)!r}")
    if not url.isascii() or any(char.isspace() or not char.isprintable() for char in url):
        raise EndpointError(f"not a valid URL: {redact_url(url)!r} (percent-encode spaces and other characters)")
    return url


def redact_url(url: str) -> str:
    """The URL fit to print: a password in it becomes `***`, so no message or log line repeats it.

    >>> redact_url("http://admin:s3cret@localhost:3030/news/data")
    'http://admin:***@localhost:3030/news/data'
    """
    head, at, rest = url.rpartition("@")
    scheme, sep, userinfo = head.partition("://")
    if not at or not sep or "/" in userinfo:
        return url
    user, colon, _ = userinfo.partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}@{rest}"


def _credentials(request: urllib.request.Request) -> None:
    """Move `user:password@` out of the request's URL into a Basic Authorization header (urllib cannot send it)."""
    parts = urllib.parse.urlsplit(request.full_url)
    if parts.username is None:
        return
    pair = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
    request.add_unredirected_header("Authorization", "Basic " + base64.b64encode(pair.encode()).decode("ascii"))
    host = parts.netloc.rpartition("@")[2]
    request.full_url = urllib.parse.urlunsplit(parts._replace(netloc=host))


# --- querying ----------------------------------------------------------------------------------------------


def query_endpoint(
    url: str,
    text: str,
    *,
    bindings: Mapping[str, str | Identifier] | None = None,
    lang: str | None = DEFAULT_BINDING_LANG,
    timeout: float = TIMEOUT_S,
) -> Result:
    """Run a query on a SPARQL endpoint (SPARQL 1.1 Protocol) and return its answer as an rdflib `Result`.

    The standard prefixes are declared and `bindings` bound as `run_query` binds them locally (a plain string is a
    literal tagged `lang`); a binding for a variable the query does not use is a `QueryError`, before sending.
    """
    check_url(url)
    body = remote_query_text(text, bindings or {}, lang=lang).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT})
    media, answer = _send(request, timeout)
    return _read_answer(media, answer, url)


def remote_query_text(
    text: str, bindings: Mapping[str, str | Identifier], *, lang: str | None = DEFAULT_BINDING_LANG
) -> str:
    """The query as a server needs it: the standard prefixes it does not declare itself, the bindings as VALUES."""
    terms = binding_terms(text, bindings, lang=lang)
    return declare_prefixes(insert_values(text, terms))


def declare_prefixes(text: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """The prefixes the query does not declare itself, declared before it (a server knows none).

    All on the query's first line, so a server's error message names the line of the query as written.

    >>> declare_prefixes("PREFIX schema: <http://schema.org/>\\nASK {}", {"schema": "x:", "kg": "y:"})
    'PREFIX kg: <y:> PREFIX schema: <http://schema.org/>\\nASK {}'
    """
    tokens = _tokens(text)
    declared = {name.rstrip(":") for (kind, keyword, _), (_, name, _) in zip(tokens, tokens[1:], strict=False)
                if kind == "word" and keyword.upper() == "PREFIX"}
    lines = [f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in prefixes.items() if prefix not in declared]
    return " ".join([*lines, text])


def insert_values(text: str, terms: Mapping[str, Identifier]) -> str:
    """The query with `terms` bound by a VALUES block that opens its WHERE clause.

    There, a FILTER of the clause sees the values, as with a binding made before evaluation. A CONSTRUCT WHERE
    short form, or a clause that is one subquery, cannot hold the block: it goes after the query (same answer).

    >>> from rdflib import Literal
    >>> insert_values('SELECT ?n WHERE { ?p <urn:name> ?n }', {"n": Literal('a "b"', lang="zh")})
    'SELECT ?n WHERE { VALUES (?n) { ("a \\\\"b\\\\""@zh) } ?p <urn:name> ?n }'
    """
    if not terms:
        return text
    for name, term in terms.items():
        if isinstance(term, BNode) or not isinstance(term, Identifier):
            raise QueryError(f"cannot send ?{name} = {term!r} to a server: give a string, an IRI or a literal")
    block = f"VALUES ({' '.join('?' + name for name in terms)}) {{ ({' '.join(t.n3() for t in terms.values())}) }}"
    where = _where_clause_start(text)
    if where is None:
        return f"{text.rstrip()}\n{block}"
    return f"{text[:where]} {block}{text[where:]}"


# A lexer just fine enough to find the WHERE clause: comments, strings and IRIs are skipped whole, because they may
# hold braces, `#` or keywords. `<` before a space is the less-than operator, which an IRI cannot contain.
_TOKEN = compiled(
    r"""(?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w+)
    | (?P<word>[^\W\d][\w.-]*(?::[\w.:%-]*)?|:[\w.:%-]*)
    | (?P<space>\s+)
    | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, end offset) of each token but spaces and comments."""
    return [(m.lastgroup or "", m.group(), m.end()) for m in _TOKEN.finditer(text)
            if m.lastgroup not in ("space", "comment")]


def _where_clause_start(text: str) -> int | None:
    """The offset just inside the `{` that opens the query's WHERE clause, or None when it cannot take VALUES."""
    tokens = _tokens(text)
    form, where, groups, depth = None, False, 0, 0
    for index, (kind, value, end) in enumerate(tokens):
        word = value.upper() if kind == "word" else ""
        if depth == 0 and word in _FORMS and form is None:
            form = word
        elif depth == 0 and word == "WHERE":
            where = True
        elif value in ("(", "{"):
            if value == "{" and depth == 0 and form is not None:
                groups += 1
                if form != "CONSTRUCT" or groups == 2:
                    following = tokens[index + 1][1].upper() if index + 1 < len(tokens) else ""
                    return None if following == "SELECT" else end
                if where:
                    return None  # CONSTRUCT WHERE { … }: the pattern is the template too
            depth += 1
        elif value in (")", "}"):
            depth -= 1
    return None


# --- HTTP --------------------------------------------------------------------------------------------------


def _send(request: urllib.request.Request, timeout: float) -> tuple[str, bytes]:
    """Send a request; the answer's media type and body, or an `EndpointError` that says what went wrong."""
    _credentials(request)
    url = request.full_url
    try:
        with _opener(url).open(request, timeout=timeout) as answer:
            return answer.headers.get_content_type(), answer.read()
    except urllib.error.HTTPError as exc:
        raise EndpointError(f"{url} answered {exc.code} {exc.reason}{_server_message(exc)}") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
        raise EndpointError(f"cannot reach {url}: {reason}") from exc
    except (OSError, http.client.HTTPException) as exc:  # the connection broke while the answer came
        raise EndpointError(f"{url} broke off: {exc or type(exc).__name__}") from exc


def _opener(url: str) -> urllib.request.OpenerDirector:
    """No proxy for this machine's own server (a proxy from the environment could not reach it), else urllib's."""
    if urllib.parse.urlsplit(url).hostname in _LOOPBACK:
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def _server_message(exc: urllib.error.HTTPError) -> str:
    """The first line of a plain-text error body (Oxigraph, Fuseki and GraphDB say there what is wrong)."""
    if exc.headers is None or "html" in exc.headers.get_content_type():
        return ""
    try:
        body = exc.read(4096).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return ""
    line = next((line.strip() for line in body.splitlines() if line.strip()), "")
    return f": {_shorten(line)}" if line else ""


def _read_answer(media: str, answer: bytes, url: str) -> Result:
    """SPARQL results (JSON, XML, TSV) or a graph (any RDF syntax Oxigraph reads), as an rdflib `Result`."""
    results = ox.QueryResultsFormat.from_media_type(media)
    graph = ox.RdfFormat.from_media_type(media)
    try:
        if results is not None and results != ox.QueryResultsFormat.CSV:  # CSV loses the terms' kinds
            return oxigraph_result(ox.parse_query_results(answer, results))
        if graph is not None:
            return oxigraph_result(quad.triple for quad in ox.parse(answer, format=graph))
    except (SyntaxError, ValueError) as exc:
        raise EndpointError(f"cannot read the answer of {redact_url(url)} as {media}: {_shorten(str(exc))}") from exc
    raise EndpointError(f"{redact_url(url)} answered {media or 'no content type'}, which is neither SPARQL results "
                        "nor RDF")


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1].rstrip() + "…"


__all__ = ["Pushed", "check_url", "declare_prefixes", "insert_values", "push_graph", "query_endpoint",
           "redact_url", "remote_query_text", "store_url"]
