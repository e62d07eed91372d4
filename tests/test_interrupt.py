"""`kill` (SIGTERM) stops a command as Ctrl-C does; tests/test_batch.py interrupts real builds."""

from __future__ import annotations

import signal

import click
from click.testing import CliRunner

from kgraph.cli import abort_on_signals


def test_interrupt_sigterm_aborts_the_command_with_one_line_and_status_143():
    received = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: received.append(signum))  # if not replaced
    try:

        @click.command()
        @abort_on_signals("nothing was changed")
        def command() -> None:
            signal.raise_signal(signal.SIGTERM)
            click.echo("not stopped")

        result = CliRunner().invoke(command)
        assert (result.exit_code, result.stdout, result.stderr) == (143, "", "Aborted: nothing was changed\n")
        assert received == []
        signal.raise_signal(signal.SIGTERM)  # the handler from before is back
        assert received == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_interrupt_ctrl_c_aborts_the_command_with_status_130():
    @click.command()
    @abort_on_signals("nothing was changed")
    def command() -> None:
        raise KeyboardInterrupt

    result = CliRunner().invoke(command)
    assert (result.exit_code, result.stderr) == (130, "Aborted: nothing was changed\n")


def test_interrupt_a_second_ctrl_c_does_not_break_off_the_clean_up():
    cleaned = []

    @click.command()
    @abort_on_signals("nothing was changed")
    def command() -> None:
        try:
            signal.raise_signal(signal.SIGINT)
        finally:
            signal.raise_signal(signal.SIGINT)  # impatient: pressed again while the workers are being ended
            signal.raise_signal(signal.SIGTERM)
            cleaned.append(True)

    result = CliRunner().invoke(command)
    assert (result.exit_code, result.stderr, cleaned) == (130, "Aborted: nothing was changed\n", [True])
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # Ctrl-C works as before afterwards
