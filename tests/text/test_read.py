"""Decoding page files: UTF-8 with or without BOM, GB18030, newline normalisation, and a clear error for binaries."""

from __future__ import annotations

import pytest

from kgraph.errors import InputError
from kgraph.text.read import decode_bytes, read_text

SNIPPET = "本报讯（通讯员何华安）5月26日，2022年荆州市“安康杯”劳动竞赛启动仪式在荆州区举行。"


@pytest.mark.parametrize(
    "data",
    [
        SNIPPET.encode("utf-8"),
        b"\xef\xbb\xbf" + SNIPPET.encode("utf-8"),
        SNIPPET.encode("gb18030"),
        SNIPPET.encode("gbk"),
        SNIPPET.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16-bom"],
)
def test_decodes_every_supported_encoding(data: bytes) -> None:
    assert decode_bytes(data, name="page.txt") == SNIPPET


def test_gb2312_text_decodes() -> None:
    text = "区委书记万玲玲主持会议"
    assert decode_bytes(text.encode("gb2312"), name="page.txt") == text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_newlines_become_line_feeds(newline: str) -> None:
    raw = f"荆\n州区{newline}张远重{newline}{newline}主持".encode()
    assert decode_bytes(raw, name="page.txt") == "荆\n州区\n张远重\n\n主持"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        bytes(range(0x80, 0x100)) * 4,
        bytes(range(1, 9)) * 20 + "荆州".encode(),
    ],
    ids=["nul-bytes", "undecodable", "control-characters"],
)
def test_binary_input_is_one_clear_error(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        decode_bytes(data, name="photo.png")
    message = str(err.value)
    assert message.startswith("photo.png: not a text file")
    assert "\n" not in message


def test_read_text_reads_a_gb18030_file(tmp_path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(SNIPPET.encode("gb18030"))
    assert read_text(path) == SNIPPET


def test_read_text_names_the_binary_file(tmp_path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02")
    with pytest.raises(InputError, match=r"scan\.pdf: not a text file"):
        read_text(path)


def test_missing_file_is_an_input_error(tmp_path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_text(tmp_path / "absent.txt")
