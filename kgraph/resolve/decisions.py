"""A user's forced decisions on people who share a name, for the cases evidence cannot settle.

A small CSV, one decision a line: two `name@place` and `same` or `different`. The place is any division the
mentions are placed in (桃源县, 常德市, 湖南省, 湖南) or the name of a source file:

    a,b,decision
    王勇@荆州区,王勇@桃源县,different
    张明@沙市区,张明@荆州区,same
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from kgraph.errors import InputError

_HEADER = ["a", "b", "decision"]
_CHOICES = {"same": True, "different": False}


@dataclass(frozen=True, slots=True)
class Decision:
    """Mentions of `name` placed at `a` and at `b` are one person (`same`) or two."""

    name: str
    a: str
    b: str
    same: bool
    origin: str  # file:line, for the reasons written into the graph


def _split(cell: str, where: str) -> tuple[str, str]:
    name, at, place = cell.strip().partition("@")
    if not at or not name or not place:
        raise InputError(f"{where}: {cell!r} is not name@place (e.g. 王勇@荆州区)")
    return name.strip(), place.strip()


def parse_decisions(text: str, origin: str = "decisions.csv") -> tuple[Decision, ...]:
    """The decisions of a CSV text; a bad line is an error naming its file and line.

    >>> parse_decisions("a,b,decision\\n王勇@荆州区,王勇@桃源县,different\\n")[0].same
    False
    """
    rows = [row for row in csv.reader(io.StringIO(text))]
    decisions = []
    for number, row in enumerate(rows, 1):
        where = f"{origin}:{number}"
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if [cell.strip().lower() for cell in row] == _HEADER:
            continue
        if len(row) != 3 or row[2].strip().lower() not in _CHOICES:
            raise InputError(f"{where}: want name@place,name@place,same|different, got {','.join(row)!r}")
        (name_a, a), (name_b, b) = _split(row[0], where), _split(row[1], where)
        if name_a != name_b:
            raise InputError(f"{where}: a decision is about one name, got {name_a} and {name_b}")
        decisions.append(Decision(name_a, a, b, _CHOICES[row[2].strip().lower()], where))
    return tuple(decisions)


def read_decisions(path: Path) -> tuple[Decision, ...]:
    """The decisions of a CSV file (UTF-8, with or without a BOM)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read the decisions ({err})") from err
    return parse_decisions(text, str(path))
