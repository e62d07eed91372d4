"""Open a page in Debian's headless Chromium, cut off from the network, and read what it drew.

Chromium is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: fd 3 in, fd 4 out, messages
ending in NUL), so no port is opened. Every console error, uncaught exception and request the page makes is
collected. Used by tests/test_browser.py and benchmarks/render_bench.py.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = next((path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    # No network: every host name fails to resolve and every request goes to a proxy nobody listens on.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome:", "devtools:")


@dataclass
class PageReport:
    """What a page did: its `#kg-state` attributes, errors, requests off this machine, seconds until drawn."""

    state: dict[str, str]
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    seconds: float = 0.0
    value: Any = None


class Chromium:
    """One headless Chromium with a fresh profile; use as a context manager."""

    def __init__(self, *, width: int = 1400, height: int = 900) -> None:
        if CHROMIUM is None:
            raise RuntimeError("chromium is not installed")
        self.profile = tempfile.mkdtemp(prefix="kgraph-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # The child's ends go above fd 9, so putting them on 3 and 4 cannot clobber one another.
        for low in (to_browser_r, from_browser_w):
            high = fcntl.fcntl(low, fcntl.F_DUPFD_CLOEXEC, 10)
            os.close(low)
            if low == to_browser_r:
                to_browser_r = high
            else:
                from_browser_w = high
        command = [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={width},{height}",
                   "--remote-debugging-pipe", "about:blank"]  # fmt: skip
        # bash puts the two pipe ends on fd 3 and 4, where chromium looks for them.
        shell = f'exec "$@" 3<&{to_browser_r} 4>&{from_browser_w} {to_browser_r}<&- {from_browser_w}>&-'
        self.process = subprocess.Popen(
            ["bash", "-c", shell, "chromium", *command],
            pass_fds=(to_browser_r, from_browser_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next_id = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self._events: queue.Queue[dict[str, Any]] = queue.Queue()
        self._lock = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError, RuntimeError):
            self.send("Browser.close", timeout=5)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read(self) -> None:
        buffer = b""
        while chunk := os.read(self._from_browser, 1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        self._replies[message["id"]] = message
                        self._lock.notify_all()
                else:
                    self._events.put(message)
        os.close(self._from_browser)
        with self._lock:
            self._lock.notify_all()

    def send(self, method: str, params: dict | None = None, *, session: str | None = None, timeout: float = 60) -> dict:
        """Call a DevTools method and wait for its result."""
        with self._lock:
            self._next_id += 1
            number = self._next_id
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._lock:
            while number not in self._replies:
                left = deadline - time.monotonic()
                if left <= 0 or not self._reader.is_alive():
                    raise TimeoutError(f"no answer to {method}")
                self._lock.wait(left)
            reply = self._replies.pop(number)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def open(
        self, page: Path, *, script: str | None = None, screenshot: Path | None = None, timeout: float = 120
    ) -> PageReport:
        """Load `page` in a new tab and wait until `#kg-state` says drawn; then run `script` (its value goes into
        the report as `value`), save a screenshot if asked, and report."""
        tab = self.tab(page, timeout=timeout)
        try:
            if script is not None:
                tab.report.value = tab.evaluate(script)
                time.sleep(0.5)  # an animation or a redraw
            if screenshot is not None:
                tab.screenshot(screenshot)
            return tab.collect()
        finally:
            tab.close()

    def tab(self, page: Path, *, fragment: str = "", timeout: float = 120) -> Tab:
        """A new tab with `page` (and `#fragment`) loaded and drawn, to drive with real input events."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.send(f"{domain}.enable", session=session)
        self._drain()
        started = time.monotonic()
        url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
        self.send("Page.navigate", {"url": url}, session=session)
        state: dict[str, str] = {}
        while time.monotonic() - started < timeout:
            state = self._evaluate(session, STATE_SCRIPT) or {}
            if state.get("state") == "drawn" or state.get("errors"):
                break
            time.sleep(0.05)
        seconds = time.monotonic() - started
        time.sleep(0.3)  # let a late error surface
        state = self._evaluate(session, STATE_SCRIPT) or state
        return Tab(self, target, session, PageReport(state=state, seconds=seconds))

    def _evaluate(self, session: str, expression: str) -> Any:
        result = self.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session=session
        )
        return result.get("result", {}).get("value")

    def _drain(self) -> list[dict[str, Any]]:
        events = []
        while True:
            try:
                events.append(self._events.get_nowait())
            except queue.Empty:
                return events

    @staticmethod
    def _collect(event: dict[str, Any], report: PageReport) -> None:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            report.errors.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            report.errors.append(" ".join(str(arg.get("value", arg.get("description"))) for arg in params["args"]))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            report.errors.append(params["entry"].get("text", "log error"))
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if not url.startswith(LOCAL_SCHEMES):
                report.requests.append(url)


STATE_SCRIPT = """(() => {
  const state = document.getElementById("kg-state");
  if (!state) return null;
  const out = {};
  for (const attribute of state.attributes) {
    if (attribute.name.startsWith("data-")) out[attribute.name.slice(5)] = attribute.value;
  }
  return out;
})()"""


class Tab:
    """One open page: evaluate script, send the mouse and keys as a user would, take screenshots."""

    def __init__(self, browser: Chromium, target: str, session: str, report: PageReport) -> None:
        self.browser, self.target, self.session, self.report = browser, target, session, report

    def evaluate(self, expression: str) -> Any:
        """The value of `expression`; an exception in the page raises here."""
        result = self.browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                   "awaitPromise": True}, session=self.session)  # fmt: skip
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise RuntimeError(details.get("exception", {}).get("description") or details.get("text"))
        return result.get("result", {}).get("value")

    def mouse(self, x: float, y: float, kind: str = "mouseMoved", *, clicks: int = 1) -> None:
        """A real pointer event at page coordinates: `mouseMoved`, `mousePressed` or `mouseReleased`."""
        params: dict[str, Any] = {"type": kind, "x": x, "y": y}
        if kind != "mouseMoved":
            params |= {"button": "left", "clickCount": clicks}
        self.browser.send("Input.dispatchMouseEvent", params, session=self.session)

    def click(self, x: float, y: float, *, clicks: int = 1) -> None:
        self.mouse(x, y)
        for count in range(1, clicks + 1):
            self.mouse(x, y, "mousePressed", clicks=count)
            self.mouse(x, y, "mouseReleased", clicks=count)

    def key(self, key: str, code: str | None = None, key_code: int = 0) -> None:
        for kind in ("keyDown", "keyUp"):
            self.browser.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": code or key,
                              "windowsVirtualKeyCode": key_code}, session=self.session)  # fmt: skip

    def screenshot(self, path: Path) -> None:
        shot = self.browser.send("Page.captureScreenshot", {"format": "png"}, session=self.session)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def state(self) -> dict[str, str]:
        return self.evaluate(STATE_SCRIPT) or {}

    def collect(self) -> PageReport:
        """The report, with every error and request seen so far."""
        for event in self.browser._drain():
            Chromium._collect(event, self.report)
        return self.report

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError, RuntimeError):
            self.browser.send("Target.closeTarget", {"targetId": self.target})

    def __enter__(self) -> Tab:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
