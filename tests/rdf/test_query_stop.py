"""A runaway query stops: at --timeout (exit status 124) and on Ctrl-C (130), with both engines (issue 20)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SEED_GRAPH = Path(__file__).resolve().parents[2] / "output" / "graph.ttl"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 8,000^3 rows: hours


def kgraph(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "kgraph", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_query_timeout_stops_a_runaway_query(engine: str):
    start = time.monotonic()
    process = kgraph("query", "--engine", engine, "--timeout", "2", str(SEED_GRAPH), CROSS_JOIN)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 124
    assert err.strip() == "Error: the query stopped after 2 s (--timeout SECONDS to allow longer, 0 for no limit)"
    assert time.monotonic() - start < 30


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_query_ctrl_c_stops_the_default_engine(engine: str):
    process = kgraph("query", "--engine", engine, "--timeout", "0", str(SEED_GRAPH), CROSS_JOIN)
    time.sleep(3)  # loading done, deep in the join
    assert process.poll() is None
    stopped = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert time.monotonic() - stopped < 10
    assert process.returncode == 130
    assert err.strip() == "Aborted: the query was stopped" and "Traceback" not in err


def test_query_errors_inside_the_worker_are_one_line():
    process = kgraph("query", str(SEED_GRAPH), "SELECT ?x WHERE { ?x <urn:p> ?y } ORDER BY ?z ?z ?")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1 and err.startswith("Error: ") and err.count("\n") == 1
