"""A command stopped by Ctrl-C (SIGINT) or `kill` (SIGTERM) ends with one line and the shell's status, 128 + signal.

Both arrive as a KeyboardInterrupt in the main thread, so the clean-up on the way out (`kgraph.batch` ends its pool
workers, temporary files are removed) is the same for both, and nothing half-written replaces an output. Once one
has arrived, more of either are ignored: a second Ctrl-C must not break off that clean-up with a traceback.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

import click

Command = Callable[..., None]


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


def abort_on_signals(message: str) -> Callable[[Command], Command]:
    """Decorate a command: on Ctrl-C or SIGTERM print `Aborted: message` to stderr and exit 130 or 143."""

    def wrap(command: Command) -> Command:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            main = threading.current_thread() is threading.main_thread()  # only it may set signal handlers
            previous = {signum: signal.signal(signum, _stop) for signum in _SIGNALS} if main else {}
            try:
                command(*args, **kwargs)
            except KeyboardInterrupt as stop:
                click.echo(f"Aborted: {message}", err=True)
                raise click.exceptions.Exit(128 + getattr(stop, "signum", signal.SIGINT)) from None
            finally:
                for signum, handler in previous.items():
                    signal.signal(signum, signal.SIG_DFL if handler is None else handler)

        return run

    return wrap


def end_with_parent(parent: int, signum: int = signal.SIGKILL) -> None:
    """In a child process: have the kernel send it `signum` when its parent ends (Linux; even by `kill -9`), and
    end it now if the parent `parent` is gone already. No helper then outlives a build or a server with nobody
    left to stop it. Only a prctl call, so it may run between fork and exec."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signum)
    if os.getppid() != parent:
        os._exit(1)
