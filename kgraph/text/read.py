"""Decode a page file: UTF-8 (with or without BOM), GB18030 or Big5, refusing binary files with one clear line.

Big5 bytes (traditional Chinese, Taiwan and Hong Kong) mostly decode as GB18030 too, into garbage: kana, Greek and
rare characters where words should be. GB18030 text whose Chinese characters are mostly outside GB2312 (the 6,763
characters of everyday simplified Chinese) is read as Big5 instead, when it decodes as Big5.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from kgraph.errors import InputError
from kgraph.files import source_names
from kgraph.regex import compiled

# share of control characters above which decoded bytes are not text but a binary that happened to decode
MAX_CONTROL_SHARE = 0.05
ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")


# C0 and C1 control characters but the allowed ones (tab, newlines, form feeds): counted by the regex engine. Listed
# one by one: the class of everything else (`[^\t...\xa0-\U0010ffff]`) took 5 ms to compile, a step per character
_CONTROL_CHARS = "".join(c for c in map(chr, range(0xA0)) if not " " <= c <= "~" and c not in ALLOWED_CONTROLS)
_CONTROLS = compiled(f"[{re.escape(_CONTROL_CHARS)}]")


def _control_share(text: str) -> float:
    return len(_CONTROLS.findall(text)) / len(text) if text else 0.0


def decode_bytes(data: bytes, *, name: str) -> str:
    """Text of a page file, newlines as `\\n`; GB18030 is tried after UTF-8 since it also covers GBK and GB2312."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM is text, even though it holds NUL bytes
        candidates: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data:
        raise InputError(f"{name}: not a text file (it contains NUL bytes)")
    else:
        candidates = ("utf-8-sig", "gb18030", "big5hkscs")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > MAX_CONTROL_SHARE:
            break
        if encoding == "gb18030" and _everyday_share(text) < MIN_EVERYDAY_SHARE and _decodes(data, "big5hkscs"):
            continue  # Big5 read as GB18030
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise InputError(f"{name}: not a text file (neither UTF-8, GB18030 nor Big5 text)")


MIN_EVERYDAY_SHARE = 0.8  # simplified news: over 0.99 of its Chinese characters are in GB2312; Big5 misread: ~0.5
_SAMPLE = 200_000  # characters looked at: enough to tell, and flat in the size of the file


def _everyday_share(text: str) -> float:
    """The share of non-ASCII letters that GB2312 holds (its hanzi, punctuation and full-width forms)."""
    wide = [c for c in text[:_SAMPLE] if ord(c) > 0x7F and not c.isspace()]
    if not wide:
        return 1.0
    everyday = 0
    for char in wide:
        try:
            code = char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        everyday += code[0] >= 0xB0 or code[0] in (0xA1, 0xA3)  # hanzi rows, punctuation and full-width ASCII
    return everyday / len(wide)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def read_text(path: str | Path) -> str:
    """Read and decode one page file; an unreadable path is an `InputError`, not a traceback."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from err
    return decode_bytes(data, name=str(path))


def read_pages(files: Sequence[Path]) -> Iterator[tuple[str, str]]:
    """(source name, decoded text) for each file; undecodable or binary files raise InputError."""
    for name, path in zip(source_names(files), files, strict=True):
        yield name, read_text(path)
