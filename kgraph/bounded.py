"""Run a piece of work in a child process that can be stopped: a time limit, and Ctrl-C that works.

Oxigraph evaluates a query in Rust without returning to Python, so neither a signal handler nor a timer in this
process can stop a runaway query (a three-way cross join ran on for ten minutes after Ctrl-C). The work runs in a
forked child instead; this process only waits, and kills the child when the time is up or Ctrl-C arrives. The
child sends back its result, or the one-line message of a `KgraphError`, through a pipe.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from kgraph.errors import KgraphError, TimedOut
from kgraph.interrupt import end_with_parent

__all__ = ["TimedOut", "run_bounded"]

T = TypeVar("T")


def _child(send: Connection, parent: int, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    end_with_parent(parent)
    try:
        send.send(("ok", func(*args)))
    except KgraphError as error:
        send.send(("error", error))
    except BaseException:  # noqa: BLE001 -- an unexpected failure keeps its traceback, shown by the parent
        send.send(("crash", traceback.format_exc()))
    finally:
        send.close()


def run_bounded(func: Callable[..., T], *args: Any, timeout: float | None, what: str) -> T:
    """`func(*args)` in a child process; `TimedOut` after `timeout` seconds (None: no limit), KeyboardInterrupt
    on Ctrl-C, with the child killed either way. `what` names the work in the time-out message."""
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, os.getpid(), func, args), daemon=True)
    process.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise TimedOut(f"{what} stopped after {timeout:g} s (--timeout SECONDS to allow longer, 0 for no limit)")
        try:
            kind, value = receive.recv()
        except EOFError:
            process.join()
            raise KgraphError(f"{what} ended without an answer (exit status {process.exitcode})") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()
    if kind == "error":
        raise value
    if kind == "crash":
        raise RuntimeError(f"{what} failed in its worker process:\n{value}")
    return value
