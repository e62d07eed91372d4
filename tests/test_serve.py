"""`kgraph serve`, `kgraph push` and `kgraph query --endpoint` against the real Oxigraph server on 127.0.0.1.

The server runs as `python -m kgraph serve` in a subprocess, as a user starts it; push and query go through the
CLI. Skipped when the `oxigraph` program (kgraph-news[server], part of kgraph-news[test]) is missing. The error
tests at the end need no server.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph
from rdflib.compare import isomorphic

from kgraph.cli import cli
from kgraph.errors import ServerError
from kgraph.rdf import server as server_module
from kgraph.rdf.read import read_store

from .conftest import ROOT

try:
    server_module.find_oxigraph()
    HAVE_OXIGRAPH = True
except ServerError:
    HAVE_OXIGRAPH = False
needs_oxigraph = pytest.mark.skipif(not HAVE_OXIGRAPH, reason="the oxigraph program is missing: "
                                    "pip install 'kgraph-news[server]'")

WHO = ["who-works-with", "--param", "name=万玲玲"]
LOCAL = r"Error: http://127\.0\.0\.1:\d+"


@dataclass
class Served:
    """A `kgraph serve` subprocess and what it printed."""

    process: subprocess.Popen[str]
    port: int
    lines: list[str]

    @property
    def query(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    @property
    def store(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"

    def stop(self, signum: int = signal.SIGINT) -> tuple[int, str]:
        """Stop it as Ctrl-C (or `kill`) would; its exit status and stderr."""
        self.process.send_signal(signum)
        _, err = self.process.communicate(timeout=60)
        return self.process.returncode, err


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


def serve(*args: str | Path, temporary: Path | None = None) -> Served:
    """Start `kgraph serve ARGS --port P` and read its lines up to `Ctrl-C stops the server.`; with `temporary`,
    as the system's temporary folder."""
    port = free_port()
    command = [sys.executable, "-m", "kgraph", "serve", *map(str, args), "--port", str(port)]
    env = None if temporary is None else {**os.environ, "TMPDIR": str(temporary)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               env=env)
    lines: list[str] = []
    while not lines or not lines[-1].startswith("Ctrl-C"):
        line = process.stdout.readline()
        if not line:  # it ended before serving
            _, err = process.communicate(timeout=60)
            pytest.fail(f"kgraph serve ended with {process.returncode}: {''.join(lines)}{err}")
        lines.append(line.rstrip("\n"))
    return Served(process, port, lines)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def triples(served: Served, graph: str | None = None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    result = run("query", "--endpoint", served.query, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", "--format", "csv")
    assert result.exit_code == 0, result.output
    return int(result.output.split()[1])


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' graph (the committed snapshot), copied: others may rewrite output/ while the tests run."""
    copy = tmp_path_factory.mktemp("serve") / "graph.ttl"
    shutil.copyfile(ROOT / "output" / "graph.ttl", copy)
    return copy


@pytest.fixture(scope="module")
def served(graph_file: Path) -> Iterator[Served]:
    running = serve(graph_file, "--writable")
    yield running
    if running.process.poll() is None:
        running.stop()


@needs_oxigraph
def test_serve_prints_the_endpoints_and_the_triples_it_holds(served: Served, graph_file: Path):
    base = f"http://127.0.0.1:{served.port}"
    assert served.lines[0] == f"serving {graph_file}: {len(read_store(graph_file))} triples"
    assert served.lines[1].startswith("writable: ")
    assert served.lines[2:5] == [f"query:  {base}/query", f"update: {base}/update", f"store:  {base}/store"]


def _cross_origin_update(port: int) -> int:
    """What a web page's hidden form does: a urlencoded POST to /update with another site as its Origin."""
    body = urllib.parse.urlencode({"update": "INSERT DATA { <urn:evil> <urn:p> <urn:o> }"}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/update", data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Origin": "https://evil.example"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


@needs_oxigraph
def test_serve_is_read_only_by_default_and_refuses_a_cross_origin_update(graph_file: Path):
    running = serve(graph_file)
    try:
        base = f"http://127.0.0.1:{running.port}"
        assert running.lines[1] == "read-only: updates and pushes are refused (--writable to allow them)"
        assert running.lines[2:4] == [f"query:  {base}/query", f"store:  {base}/store (read)"]
        before = triples(running)
        assert _cross_origin_update(running.port) >= 400
        pushed = run("push", graph_file, f"{base}/store", "--append")
        assert pushed.exit_code == 1 and pushed.output.startswith("Error: ")
        assert triples(running) == before
        assert run("query", "--endpoint", running.query, *WHO, "--format", "csv").output == \
            run("query", graph_file, *WHO, "--format", "csv").output
    finally:
        assert running.stop()[0] == 0


@needs_oxigraph
def test_push_never_prints_a_password_in_the_url(served: Served, graph_file: Path):
    url = f"http://admin:s3cret@127.0.0.1:{served.port}/store"
    pushed = run("push", graph_file, url, "--graph", "https://example.org/graphs/secret")
    assert pushed.exit_code == 0, pushed.output
    assert "s3cret" not in pushed.output and f"admin:***@127.0.0.1:{served.port}/store" in pushed.output
    missing = run("push", graph_file, f"http://admin:s3cret@127.0.0.1:{free_port()}/store")
    assert missing.exit_code == 1 and "s3cret" not in missing.output


@needs_oxigraph
@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_endpoint_answers_as_the_local_engine_does(served: Served, graph_file: Path, fmt: str):
    local = run("query", graph_file, *WHO, "--format", fmt)
    remote = run("query", "--endpoint", served.query, *WHO, "--format", fmt)
    assert local.exit_code == 0 and remote.exit_code == 0, local.output + remote.output
    assert remote.output == local.output
    assert "黄惊华" in remote.output  # an answer, not two empty tables


@needs_oxigraph
def test_query_endpoint_graphs_and_booleans(served: Served, graph_file: Path):
    describe = ["DESCRIBE ?p WHERE { ?p schema:name ?n }", "--param", "n=万玲玲", "--format", "turtle"]
    local, remote = run("query", graph_file, *describe), run("query", "--endpoint", served.query, *describe)
    assert remote.exit_code == 0, remote.output
    assert isomorphic(Graph().parse(data=remote.output, format="turtle"),
                      Graph().parse(data=local.output, format="turtle"))
    ask = run("query", "--endpoint", served.query, "ASK { ?p schema:name ?n }", "--param", "n=万玲玲",
              "--format", "json")
    assert json.loads(ask.output) == {"head": {}, "boolean": True}


@needs_oxigraph
def test_push_replaces_or_adds_to_a_named_graph(served: Served, graph_file: Path, tmp_path: Path):
    name, size = "https://example.org/graphs/seeds", len(read_store(graph_file))
    for _ in range(2):  # --replace (the default) twice: the same triples, not twice as many
        pushed = run("push", graph_file, served.store, "--graph", name)
        assert pushed.exit_code == 0, pushed.output
        assert pushed.output == f"replaced the graph <{name}> at {served.store} with {graph_file} " \
                                f"({graph_file.stat().st_size} bytes)\n"
        assert triples(served, name) == size
    extra = tmp_path / "extra.nt"
    extra.write_text('<urn:test:s> <https://schema.org/name> "加一"@zh .\n', encoding="utf-8")
    assert run("push", extra, served.store, "--graph", name, "--append").exit_code == 0
    assert triples(served, name) == size + 1
    assert run("push", extra, served.store, "--graph", name).exit_code == 0
    assert triples(served, name) == 1


@needs_oxigraph
@pytest.mark.parametrize(("args", "message"), [
    (["push", "{bad}", "{store}"], LOCAL + r"/store\?default answered 400 Bad Request: .*line 2"),
    (["push", "{graph}", "{base}/nothing"], LOCAL + r"/nothing\?default answered 404 Not Found"),
    (["query", "--endpoint", "{query}", "SELECT ?x WHERE {{ ?x"], LOCAL + r"/query answered 400 Bad Request: .+"),
])
def test_server_refusals_are_one_line_with_its_message(served: Served, graph_file: Path, tmp_path: Path,
                                                       args: list[str], message: str):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:s> <urn:p> <urn:o> .\n<urn:s> <urn:p> .\n", encoding="utf-8")
    values = {"bad": bad, "graph": graph_file, "store": served.store, "query": served.query,
              "base": f"http://127.0.0.1:{served.port}"}
    result = run(*(arg.format(**values) for arg in args))
    assert result.exit_code == 1
    assert re.fullmatch(message + ".*\n", result.output), result.output
    assert result.output.count("\n") == 1


@needs_oxigraph
def test_serve_stops_on_ctrl_c_and_is_gone(graph_file: Path):
    running = serve(graph_file)
    assert listening(running.port)
    status, err = running.stop(signal.SIGINT)
    assert status == 0 and "Traceback" not in err and "stopped" in err
    assert not listening(running.port)
    result = run("query", "--endpoint", running.query, "strongest-collaborations")
    assert result.exit_code == 1 and result.output.startswith(f"Error: cannot reach {running.query}")


@needs_oxigraph
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_serve_killed_with_sigkill_leaves_no_server_behind(graph_file: Path, tmp_path: Path):
    running = serve(graph_file, temporary=tmp_path)
    assert listening(running.port)
    running.process.kill()  # kgraph gets no chance to stop the server: the kernel must
    running.process.communicate(timeout=60)
    deadline = time.monotonic() + 15
    while listening(running.port) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not listening(running.port)
    [orphan] = tmp_path.glob("kgraph-serve-*")  # its temporary store: nothing of it was left to remove it
    again = serve(graph_file, temporary=tmp_path)  # the next one does
    try:
        assert [folder.name for folder in tmp_path.glob("kgraph-serve-*")] != [orphan.name]
        assert not orphan.exists()
    finally:
        assert again.stop()[0] == 0
    assert not any(tmp_path.glob("kgraph-serve-*"))


@pytest.mark.skipif(os.name != "posix", reason="asking whether a process is alive without ending it is POSIX's")
def test_a_temporary_store_is_removed_only_when_its_owner_has_ended(tmp_path: Path):
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                           check=True)
    owners = {"orphan": ended.stdout.strip(), "alive": str(os.getppid()), "garbled": "x"}
    for name, owner in owners.items():
        folder = tmp_path / f"{server_module.TEMPORARY_PREFIX}{name}"
        (folder / "store").mkdir(parents=True)
        (folder / server_module.OWNER_FILE).write_text(owner, encoding="ascii")
    (tmp_path / f"{server_module.TEMPORARY_PREFIX}unowned").mkdir()  # not ours to judge
    (tmp_path / "someone-else").mkdir()
    server_module._remove_orphans(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kgraph-serve-alive", "kgraph-serve-garbled", "kgraph-serve-unowned", "someone-else"]


@needs_oxigraph
def test_serve_location_keeps_the_store_for_the_next_serve(graph_file: Path, tmp_path: Path):
    store = tmp_path / "store"
    first = serve(graph_file, "--location", store)  # loaded by `oxigraph load`, not pushed
    assert first.stop(signal.SIGTERM)[0] == 0  # `kill PID` stops it as cleanly as Ctrl-C
    assert not listening(first.port)
    again = serve("--location", store)  # no GRAPH: what the folder holds
    try:
        assert again.lines[0] == f"serving {store}: {len(read_store(graph_file))} triples"
        assert run("query", "--endpoint", again.query, *WHO, "--format", "csv").output == \
            run("query", graph_file, *WHO, "--format", "csv").output
    finally:
        assert again.stop()[0] == 0


@needs_oxigraph
def test_serve_errors_are_one_line(graph_file: Path, tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:s> <urn:p> .\n", encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = run("serve", graph_file, "--port", port)
    assert busy.exit_code == 1 and busy.output == f"Error: cannot listen on 127.0.0.1:{port}: Address already in " \
                                                  "use; choose another --port\n"
    for args in ([bad], [bad, "--location", tmp_path / "store"], [tmp_path / "missing.ttl"]):
        port = free_port()
        result = run("serve", *args, "--port", port)
        missing = args[0] == tmp_path / "missing.ttl"  # a file that is not there: exit status 2, as everywhere
        assert result.exit_code == (2 if missing else 1)
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1
        assert not listening(port)  # a server that could not load its graph is stopped


def test_serve_without_the_oxigraph_program(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, graph_file: Path):
    monkeypatch.setattr(server_module.sysconfig, "get_path", lambda name: str(tmp_path))
    monkeypatch.setattr(server_module.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setattr(server_module.shutil, "which", lambda name: None)
    result = run("serve", graph_file)
    assert result.exit_code == 1
    assert result.output == "Error: the oxigraph server is not installed: pip install 'kgraph-news[server]'\n"


@pytest.mark.parametrize("args", [
    ["query", "--endpoint", "{closed}/query", "strongest-collaborations"],
    ["push", "{graph}", "{closed}/store"],
])
def test_unreachable_endpoint_is_one_line(args: list[str], graph_file: Path):
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    result = run(*(arg.format(closed=closed, graph=graph_file) for arg in args))
    assert result.exit_code == 1
    assert re.fullmatch(rf"Error: cannot reach {re.escape(closed)}/\w+(\?default)?: .+\n", result.output), result.output


@pytest.mark.parametrize(("args", "message"), [
    (["query", "--endpoint", "ftp://example.org/sparql", "strongest-collaborations"],
     "Error: not an http(s) URL: 'ftp://example.org/sparql'\n"),
    (["push", "{graph}", "file:///tmp/store"], "Error: not an http(s) URL: 'file:///tmp/store'\n"),
    (["query", "{graph}", "--endpoint", "http://127.0.0.1:9/query", "strongest-collaborations"],
     "give graph files or --endpoint, not both"),
])
def test_bad_endpoint_arguments(args: list[str], message: str, graph_file: Path):
    result = run(*(arg.format(graph=graph_file) for arg in args))
    assert result.exit_code in (1, 2) and message in result.output


def _send(port: int, path: str, *, data: bytes | None = None, content_type: str | None = None) -> tuple[int, str]:
    headers = {"Origin": "https://evil.example"} | ({"Content-Type": content_type} if content_type else {})
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, headers=headers,
                                     method="POST" if data is not None else "GET")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@needs_oxigraph
def test_serve_refuses_service_and_load_so_the_server_fetches_nothing(served: Served):
    hits: list[str] = []

    class Listener(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 -- http.server's names
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            return None

    listener = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Listener)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{listener.server_address[1]}/sparql"
    query = f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}"
    try:
        tries = [
            _send(served.port, "/query?" + urllib.parse.urlencode({"query": query})),
            _send(served.port, "/query", data=urllib.parse.urlencode({"query": query}).encode(),
                  content_type="application/x-www-form-urlencoded"),
            _send(served.port, "/query", data=query.encode(), content_type="application/sparql-query"),
            _send(served.port, "/update", data=f"LOAD <{url}>".encode(), content_type="application/sparql-update"),
        ]
    finally:
        listener.shutdown()
        listener.server_close()
    assert [status for status, _ in tries] == [403, 403, 403, 403]
    assert tries[0][1].strip() == f"refused SERVICE <{url}>: this server does not send queries to other endpoints"
    assert hits == []
    assert _send(served.port, "/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))[0] == 200
