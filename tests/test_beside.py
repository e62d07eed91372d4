"""Work beside this process: a forked child computes on the memory it shares, and its answer or its error comes back;
an error here ends the child."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from kgraph.beside import available, beside
from kgraph.errors import KgraphError

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forking shares memory on Linux")


def test_beside_returns_both_results_the_child_reading_what_it_shares():
    shared = [str(n) for n in range(10_000)]  # made before the fork: read by the child, never sent to it
    assert available()
    here, there = beside(lambda: len(shared), lambda: (os.getpid(), "".join(shared[-3:])), doing="joining")
    assert here == 10_000
    assert there[0] != os.getpid() and there[1] == "999799989999"


def test_beside_raises_the_childs_error_here():
    def fail() -> None:
        raise KgraphError("no page today")

    with pytest.raises(KgraphError, match="no page today"):
        beside(lambda: 1, fail, doing="drawing the page")


def test_beside_an_error_that_cannot_be_sent_comes_back_as_its_message():
    class Local(Exception):  # a class of a function's own: pickle cannot find it again
        pass

    def fail() -> None:
        raise Local("lost in the pipe")

    with pytest.raises(RuntimeError, match="telling namesakes apart failed: Local: lost in the pipe"):
        beside(lambda: 1, fail, doing="telling namesakes apart")


def test_beside_a_child_that_dies_is_one_error_here():
    with pytest.raises(KgraphError, match=r"the process drawing the page ended unexpectedly \(exit status 3\)"):
        beside(lambda: 1, lambda: os._exit(3), doing="drawing the page")


def test_beside_an_error_here_ends_the_child(tmp_path: Path):
    started = tmp_path / "child"

    def wait() -> None:
        started.write_text(str(os.getpid()))
        time.sleep(600)

    def fail() -> None:
        while not started.exists() or not started.read_text():
            time.sleep(0.01)
        raise ValueError("stopped here")

    with pytest.raises(ValueError, match="stopped here"):
        beside(fail, wait, doing="waiting")
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left sleeping
        os.kill(int(started.read_text()), 0)
