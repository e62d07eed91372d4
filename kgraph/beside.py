"""Two pieces of work at once on two cores: one in this process, the other in a forked child that shares its memory.

A build's late stages run one after the other on one core while `--jobs` asked for more (its pool is closed by
then): the page is drawn while the Turtle is written, and half the names of a large corpus are told apart while
this process does the other half. Forking shares what both read (the corpus) without copying or pickling it; only
the child's answer comes back, through a pipe. The child only computes: this process writes every file, so a build
stopped while the child runs (Ctrl-C, `kill`, even `kill -9`, which takes the child with it) replaces no file.
Linux only (`available`): elsewhere, or for small work, the caller does both itself.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar

from kgraph.errors import KgraphError
from kgraph.interrupt import end_with_parent

__all__ = ["available", "beside"]

A = TypeVar("A")
B = TypeVar("B")


def available() -> bool:
    """Whether `beside` may fork here (Linux: the child shares the parent's memory as it is)."""
    return sys.platform.startswith("linux")


def beside(here: Callable[[], A], there: Callable[[], B], *, doing: str) -> tuple[A, B]:
    """`here()` in this process while a forked child computes `there()` (what it is `doing`, for errors); both
    results. An error in the child is raised here, as the same exception when it can be pickled; this process's own
    error kills the child."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_in_child, args=(there, doing, os.getpid(), sender),
                            name=f"kgraph: {doing}", daemon=True)
    child.start()
    sender.close()
    done = False
    try:
        mine = here()
        try:
            outcome, value = receiver.recv()
        except EOFError:
            child.join()
            raise KgraphError(f"the process {doing} ended unexpectedly (exit status {child.exitcode})") from None
        done = True
    finally:
        if not done:
            child.kill()
        child.join()
        receiver.close()
    if outcome == "value":
        return mine, value
    raise value


def _in_child(there: Callable[[], object], doing: str, parent: int, sender: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which ends this process
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    end_with_parent(parent)
    try:
        value = there()
        sender.send(("value", value))
    except Exception as exc:  # raised again in the parent, as the same error when it can be sent
        try:
            sender.send(("error", exc))
        except Exception:
            sender.send(("error", RuntimeError(f"{doing} failed: {type(exc).__name__}: {exc}")))
    finally:
        sender.close()
