"""Decode a page file: UTF-8 (with or without BOM) or GB18030, refusing binary files with one clear line."""

from __future__ import annotations

from pathlib import Path

from kgraph.errors import InputError

# share of control characters above which decoded bytes are not text but a binary that happened to decode
MAX_CONTROL_SHARE = 0.05
ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")


def _control_share(text: str) -> float:
    controls = sum(1 for c in text if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) and c not in ALLOWED_CONTROLS)
    return controls / len(text) if text else 0.0


def decode_bytes(data: bytes, *, name: str) -> str:
    """Text of a page file, newlines as `\\n`; GB18030 is tried after UTF-8 since it also covers GBK and GB2312."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM is text, even though it holds NUL bytes
        candidates: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data:
        raise InputError(f"{name}: not a text file (it contains NUL bytes)")
    else:
        candidates = ("utf-8-sig", "gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > MAX_CONTROL_SHARE:
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise InputError(f"{name}: not a text file (neither UTF-8 nor GB18030 text)")


def read_text(path: str | Path) -> str:
    """Read and decode one page file; an unreadable path is an `InputError`, not a traceback."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from err
    return decode_bytes(data, name=str(path))
