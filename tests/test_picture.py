"""kgraph.picture: the network as a PNG or SVG picture, with Chinese names drawn in a CJK font."""

from __future__ import annotations

import importlib
import warnings
from pathlib import Path

import networkx as nx
import pytest

from kgraph.errors import KgraphError
from kgraph.picture import MISSING_FONT, MISSING_MATPLOTLIB, SAMPLE, find_cjk_font, write_picture

from .test_render import make_net

matplotlib = pytest.importorskip("matplotlib", reason="pictures need the kgraph-news[pictures] extra (matplotlib)")


@pytest.fixture(scope="module")
def font() -> Path:
    try:
        return find_cjk_font()
    except KgraphError:
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-microhei; .ci/run installs it as root)")


def test_picture_finds_a_font_that_draws_chinese(font: Path) -> None:
    from matplotlib import ft2font

    charmap = ft2font.FT2Font(str(font)).get_charmap()
    assert all(ord(char) in charmap for char in SAMPLE + "周远栋孟可欣")


def test_picture_png_draws_every_name_without_a_missing_glyph(font: Path, tmp_path: Path) -> None:
    target = tmp_path / "network.png"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)" where it would draw a box
        write_picture(make_net(), target, title="荆州区")
    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert target.stat().st_size > 10_000


def test_picture_svg_writes_text_as_paths(font: Path, tmp_path: Path) -> None:
    target = tmp_path / "network.svg"
    write_picture(make_net(), target, title="荆州区")
    svg = target.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<text" not in svg  # no font needed to view it
    assert svg.count("<path") > 10


def test_picture_draws_the_layers_asked_for(font: Path) -> None:
    from kgraph.picture import draw_picture

    def labels(figure) -> list[str]:
        return [text.get_text() for text in figure.legends[0].get_texts()]

    assert not any("机构" in label for label in labels(draw_picture(make_net())))
    assert any("机构 organization" in label for label in labels(draw_picture(make_net(), show_orgs=True)))


def test_picture_of_an_empty_network(font: Path, tmp_path: Path) -> None:
    write_picture(nx.Graph(), tmp_path / "empty.png")
    assert (tmp_path / "empty.png").is_file()


def test_picture_names_the_formats_it_writes(tmp_path: Path) -> None:
    with pytest.raises(KgraphError, match=r"network.gif: a picture is png or svg, not gif"):
        write_picture(make_net(), tmp_path / "network.gif")


def test_picture_without_matplotlib_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def without_matplotlib(name: str, *args: object) -> object:
        if name.split(".")[0] == "matplotlib":
            raise ImportError(f"No module named {name!r}")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", without_matplotlib)
    with pytest.raises(KgraphError) as error:
        write_picture(make_net(), tmp_path / "network.png")
    assert str(error.value) == MISSING_MATPLOTLIB
    assert MISSING_MATPLOTLIB == "static pictures need matplotlib: pip install 'kgraph-news[pictures]'"


def test_picture_without_a_cjk_font_says_which_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib import font_manager

    latin = [font for font in font_manager.fontManager.ttflist if font.name == "DejaVu Sans"]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", latin)
    with pytest.raises(KgraphError) as error:
        find_cjk_font()
    assert str(error.value) == MISSING_FONT
    assert "apt-get install fonts-wqy-microhei" in MISSING_FONT
