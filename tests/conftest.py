"""Shared fixtures: the lexicon (loaded once) and one build of the seed pages per test session."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.lexicon import Lexicon, load_lexicon

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

jieba.setLogLevel(logging.WARNING)


@pytest.fixture(scope="session")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`kgraph build seeds --out DIR` run once; returns DIR."""
    out = tmp_path_factory.mktemp("seed-build")
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out
