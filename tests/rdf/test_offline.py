"""Reading a graph or running a query reaches no network unless --allow-remote (issue 20): a local listener
counts what reaches it, and Python's own connections are cut off while the commands run."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.rdf.offline import RemoteRefused, find_service, offline

SEED_GRAPH = Path(__file__).resolve().parents[2] / "output" / "graph.ttl"


class _Listener(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def _answer(self) -> None:
        self.hits.append(f"{self.command} {self.path}")
        body = json.dumps({"@context": {"name": "https://schema.org/name"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Listener)
    hits: list[str] = []
    _Listener.hits = hits
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def cut_off(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Python's connections fail and are recorded (Oxigraph's Rust client is seen by the listener instead)."""
    tried: list[object] = []
    real = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            tried.append(address)
            raise OSError("network cut off in this test")
        real(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return tried


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("silent", ["", "SILENT "])
def test_offline_service_query_is_refused(listener: tuple[str, list[str]], cut_off: list[object], engine: str,
                                          silent: str):
    url, hits = listener
    code, output = run("query", "--engine", engine, str(SEED_GRAPH),
                       f"SELECT * WHERE {{ SERVICE {silent}<{url}/sparql> {{ ?s ?p ?o }} }}")
    assert code == 1
    assert output.strip() == (f"Error: refused SERVICE <{url}/sparql>: kgraph does not send queries to other "
                              "endpoints unless --allow-remote is given")
    assert hits == [] and cut_off == []


def test_offline_service_is_refused_in_a_named_query_file(listener: tuple[str, list[str]], tmp_path: Path):
    url, hits = listener
    query = tmp_path / "q.rq"
    query.write_text(f"# no call out\nSELECT * WHERE {{ ?s ?p ?o . \\u0053ERVICE <{url}/x> {{ ?s ?p ?o }} }}\n")
    code, output = run("query", str(SEED_GRAPH), "-f", str(query))
    assert code == 1 and "refused SERVICE" in output and hits == []


def test_offline_service_with_allow_remote_reaches_the_listener(listener: tuple[str, list[str]]):
    url, hits = listener
    query = f"SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}"
    run("query", "--allow-remote", str(SEED_GRAPH), query)
    assert hits and hits[0].startswith("POST /sparql")


@pytest.mark.parametrize("text", [
    'SELECT ?service WHERE { ?service <urn:SERVICE> "SERVICE" } # SERVICE',
    "SELECT * WHERE { ?s kg:service ?o }",
])
def test_offline_find_service_ignores_names_strings_and_comments(text: str):
    assert find_service(text) is None


@pytest.mark.parametrize("command", [
    ["query", "--engine", "rdflib", "{file}", "SELECT * WHERE { ?s ?p ?o }"],
    ["query", "{file}", "SELECT * WHERE { ?s ?p ?o }"],
    ["validate", "{file}"], ["people", "{file}"], ["person", "{file}", "万玲玲"], ["render", "{file}"],
    ["export", "{file}", "--format", "nt"],
])
def test_offline_remote_jsonld_context_is_refused(listener: tuple[str, list[str]], cut_off: list[object],
                                                  tmp_path: Path, command: list[str]):
    url, hits = listener
    graph = tmp_path / "remote.jsonld"
    graph.write_text(json.dumps([{"@id": "urn:x"}, {"@context": [{"a": "urn:a"}, f"{url}/ctx.jsonld"],
                                                    "@id": "urn:a", "name": "x"}]))
    code, output = run(*(part.replace("{file}", str(graph)) for part in command))
    assert code == 1
    assert output.strip().splitlines()[-1] == (f"Error: {graph}: refused JSON-LD context {url}/ctx.jsonld: kgraph "
                                               "does not fetch remote contexts unless --allow-remote is given")
    assert hits == [] and cut_off == []


def test_offline_blocks_any_python_connection_inside_the_block(listener: tuple[str, list[str]]):
    url, hits = listener
    with offline(), pytest.raises(RemoteRefused, match="refused to open"):
        urllib.request.urlopen(url + "/anything", timeout=5)
    with offline(allow_remote=True):
        urllib.request.urlopen(url + "/allowed", timeout=5).read()
    assert hits == ["GET /allowed"]


def test_offline_shapes_with_service_are_refused(listener: tuple[str, list[str]], cut_off: list[object],
                                                 tmp_path: Path):
    url, hits = listener
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(f"""@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:s> a sh:NodeShape ; sh:targetClass <https://schema.org/Person> ;
  sh:sparql [ sh:select \"\"\"SELECT $this WHERE {{ SERVICE <{url}/shacl> {{ $this ?p ?o }} }}\"\"\" ] .
""", encoding="utf-8")
    code, output = run("validate", str(SEED_GRAPH), "--shapes", str(shapes))
    assert code == 1
    assert output.strip() == (f"Error: refused SERVICE <{url}/shacl>: kgraph does not send queries to other "
                              "endpoints unless --allow-remote is given")
    assert hits == [] and cut_off == []
