"""Quality floors on the seed gold: no change may quietly lower them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SHARED

FLOORS = {"people": 0.97, "positions": 0.95, "organizations": 0.90, "places": 0.88, "works_with": 0.95,
          "articles": 0.95}

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file(),
                                reason="../shared/eval/score.py and the gold are not beside this checkout")


@pytest.fixture(scope="module")
def scores(seed_build: Path) -> dict:
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(seed_build / "graph.ttl"),
                          str(SHARED / "gold" / "seeds"), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_quality_f1_floor(scores: dict, key: str):
    assert scores[key]["f1"] >= FLOORS[key], scores[key]
