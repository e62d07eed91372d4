"""The front door of `kgraph serve`: an HTTP proxy that refuses requests that would make the server reach out.

The Oxigraph server runs any `SERVICE` clause it is sent, so anyone who can query it (a web page in the user's
browser included) could make it fetch any address; it has no switch to turn that off. The server listens on a
private port and this proxy on the advertised one: it passes every request on, except a query or update with
`SERVICE` (or an update with `LOAD`, which fetches a document), which it answers 403 with one line saying why.
"""

from __future__ import annotations

import http.client
import http.server
import re
import signal
import threading
import urllib.parse

from kgraph.rdf.offline import find_service
from kgraph.regex import compiled

__all__ = ["Guard", "refusal"]

_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
        "transfer-encoding", "upgrade", "host", "content-length"}
_LOAD = compiled(r"(?<![\w:?$])LOAD(?![\w:-])", re.IGNORECASE)
_TIMEOUT_S = 3600.0


def refusal(method: str, path: str, content_type: str, body: bytes) -> str | None:
    """Why a request must not reach the server (it would make the server fetch something), or None."""
    parts = urllib.parse.urlsplit(path)
    texts = [value for values in urllib.parse.parse_qs(parts.query).values() for value in values]
    media = content_type.split(";")[0].strip().lower()
    if method == "POST" and media == "application/x-www-form-urlencoded":
        texts += [v for vs in urllib.parse.parse_qs(body.decode("utf-8", "replace")).values() for v in vs]
    elif method == "POST" and media in ("application/sparql-query", "application/sparql-update"):
        texts.append(body.decode("utf-8", "replace"))
    for text in texts:
        service = find_service(text)
        if service is not None:
            return f"refused SERVICE {service}: this server does not send queries to other endpoints"
        if parts.path.rstrip("/").endswith("update") and _LOAD.search(text):
            return "refused LOAD: this server does not fetch documents from other addresses"
    return None


class _Handler(http.server.BaseHTTPRequestHandler):
    upstream: tuple[str, int]
    protocol_version = "HTTP/1.1"

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        why = refusal(self.command, self.path, self.headers.get("Content-Type", ""), body)
        if why is not None:
            self._answer(403, why)
            return
        connection = http.client.HTTPConnection(*self.upstream, timeout=_TIMEOUT_S)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
            connection.request(self.command, self.path, body=body if body or length else None, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
        except OSError as exc:
            self._answer(502, f"the oxigraph server did not answer: {exc}")
            return
        finally:
            connection.close()
        self.send_response(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in _HOP:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _answer(self, status: int, text: str) -> None:
        data = (text + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _forward

    def log_message(self, *args: object) -> None:
        return None


class Guard:
    """The proxy on `host:port`, passing allowed requests to the server at `upstream`; runs in a thread."""

    def __init__(self, host: str, port: int, upstream: tuple[str, int]) -> None:
        handler = type("Handler", (_Handler,), {"upstream": upstream})
        self.server = http.server.ThreadingHTTPServer((host, port), handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False  # a kept-alive connection must not hold up the stop
        self.thread = threading.Thread(target=self._serve, name="kgraph-guard", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        """Serve with Ctrl-C and SIGTERM blocked in this thread (and the threads it starts): the kernel then gives
        them to the main thread, which may be waiting for the server process and must wake up to stop it."""
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        self.server.serve_forever()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
