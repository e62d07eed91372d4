"""Shared fixtures: the lexicon (loaded once) and one build of the seed pages per test session."""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

import jieba
import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.lexicon import Lexicon, load_lexicon

from .chromium import CHROMIUM, Chromium

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

jieba.setLogLevel(logging.WARNING)


def seasoned_texts(pool: str, odd: Sequence[str], count: int, seed: int) -> list[str]:
    """`count` stretches of `pool` with up to five of `odd` put in, and as many strings of `pool`'s characters and
    `odd` at random: what the word cuts are tested against their reference on."""
    rng = random.Random(seed)
    alphabet = sorted(set(pool[:3000])) + list(odd)
    texts = []
    for _ in range(count):
        start = rng.randrange(len(pool))
        chars = list(pool[start:start + rng.randint(1, 40)])
        for _ in range(rng.randint(0, 5)):
            chars.insert(rng.randint(0, len(chars)), rng.choice(odd))
        texts.append("".join(chars))
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))))
    return texts


@pytest.fixture(scope="session")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def browser() -> Iterator[Chromium]:
    """One headless Chromium for every browser test: starting one takes seconds."""
    if CHROMIUM is None:
        pytest.skip("needs Debian's chromium (apt-get install chromium; .ci/run installs it as root)")
    with Chromium() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`kgraph build seeds --out DIR` run once; returns DIR."""
    out = tmp_path_factory.mktemp("seed-build")
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out
