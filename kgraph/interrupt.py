"""Ctrl-C (SIGINT) and `kill` (SIGTERM) as one `Stopped` exception, and helper processes that end with their parent.

Both signals arrive as a KeyboardInterrupt in the main thread (`stopped_by_signals`), so the clean-up on the way
out (`kgraph.batch` ends its pool workers, temporary files are removed) is the same for both, and nothing
half-written replaces an output. Once one has arrived, more of either are ignored: a second Ctrl-C must not break
off that clean-up with a traceback. What the user sees (one line, status 128 + signal) is the CLI's business.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_PR_SET_PDEATHSIG = 1  # prctl(2), linux/prctl.h


class Stopped(KeyboardInterrupt):
    """Ctrl-C or SIGTERM, raised where the main thread is."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: object) -> None:
    for other in _SIGNALS:  # a second one must not interrupt the clean-up
        signal.signal(other, signal.SIG_IGN)
    raise Stopped(signum)


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise `Stopped` in the main thread; the old handlers come back after.
    Off the main thread (which alone may set handlers) nothing changes."""
    main = threading.current_thread() is threading.main_thread()
    previous = {signum: signal.signal(signum, _stop) for signum in _SIGNALS} if main else {}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)


def signal_status(stop: KeyboardInterrupt) -> int:
    """The shell's exit status for a stop: 128 + the signal (130 for Ctrl-C, 143 for SIGTERM)."""
    return 128 + getattr(stop, "signum", signal.SIGINT)


def end_with_parent(parent: int, signum: int = signal.SIGKILL) -> None:
    """In a child process: have the kernel send it `signum` when its parent ends (Linux; even by `kill -9`), and
    end it now if the parent `parent` is gone already. No helper then outlives a build or a server with nobody
    left to stop it. Only a prctl call, so it may run between fork and exec."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signum)
    if os.getppid() != parent:
        os._exit(1)
