"""Pages printed in traditional characters (Hong Kong, Macau, Taiwan, many overseas papers) read as simplified.

The lexicons, the surnames and the recogniser all know simplified Chinese, so a traditional page would give
almost no names. Each traditional character is replaced by its simplified one, one for one (OpenCC's character
table, `lexicons/traditional.tsv`), so every offset still points where it did; names and organisations are then
given in simplified characters. A simplified page with a few traditional characters in it (a name printed 陳)
is left as it is.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from kgraph.regex import compiled

# share of Chinese characters that only traditional text uses, from which a page is read as traditional: in
# traditional news it is about a quarter (們, 這, 會, 國, 說); in simplified news close to none
TRADITIONAL_SHARE = 0.05
_SAMPLE = 20_000


@functools.cache
def _table() -> dict[int, str]:
    text = resources.files("kgraph.lexicons").joinpath("traditional.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {ord(traditional): simplified for traditional, simplified in pairs}


_NOT_CHINESE = compiled("[^\u3400-\u9fff]+")
_ASTRAL = compiled("[\U00010000-\U0010ffff]")


@functools.cache
def _traditional_bmp() -> re.Pattern[str]:
    """One character of the table below U+10000. The regex engine tests such a class by a bitmap, which counts them
    ten times faster than a Python loop; a class with astral characters would be a slow list, so they are apart."""
    return compiled("[" + "".join(re.escape(chr(code)) for code in sorted(_table()) if code <= 0xFFFF) + "]")


def is_traditional(text: str) -> bool:
    """Whether a page is printed in traditional characters."""
    sample = text[:_SAMPLE]
    table = _table()
    traditional = len(_traditional_bmp().findall(sample)) + sum(1 for c in _ASTRAL.findall(sample) if ord(c) in table)
    if not traditional:  # most pages: no need to count their Chinese characters
        return False
    chinese = len(_NOT_CHINESE.sub("", sample))
    return chinese > 0 and traditional >= TRADITIONAL_SHARE * chinese


def as_simplified(text: str) -> str:
    """The page in simplified characters if it is printed in traditional ones, else the page as it is."""
    return text.translate(_table()) if is_traditional(text) else text
