"""Pages printed in traditional characters (Hong Kong, Macau, Taiwan, many overseas papers) read as simplified.

The lexicons, the surnames and the recogniser all know simplified Chinese, so a traditional page would give
almost no names. Each traditional character is replaced by its simplified one, one for one (OpenCC's character
table, `lexicons/traditional.tsv`), so every offset still points where it did; names and organisations are then
given in simplified characters. A simplified page with a few traditional characters in it (a name printed 陳)
is left as it is.
"""

from __future__ import annotations

import functools
from importlib import resources

# share of Chinese characters that only traditional text uses, from which a page is read as traditional: in
# traditional news it is about a quarter (們, 這, 會, 國, 說); in simplified news close to none
TRADITIONAL_SHARE = 0.05
_SAMPLE = 20_000


@functools.cache
def _table() -> dict[int, str]:
    text = resources.files("kgraph.lexicons").joinpath("traditional.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {ord(traditional): simplified for traditional, simplified in pairs}


def is_traditional(text: str) -> bool:
    """Whether a page is printed in traditional characters."""
    sample = text[:_SAMPLE]
    chinese = sum(1 for c in sample if "\u3400" <= c <= "\u9fff")
    table = _table()
    return chinese > 0 and sum(1 for c in sample if ord(c) in table) >= TRADITIONAL_SHARE * chinese


def as_simplified(text: str) -> str:
    """The page in simplified characters if it is printed in traditional ones, else the page as it is."""
    return text.translate(_table()) if is_traditional(text) else text
