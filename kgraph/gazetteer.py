"""China's administrative divisions (province, city, county), shipped as `kgraph/lexicons/gazetteer.csv`.

The table comes from the adcodes of the cpca package, 0.5.5 (MIT licence, `gazetteer-LICENSE.txt` beside it;
`tools/make_gazetteer.py` reproduces it byte for byte).
Each division has its adcode, level, parent and coordinates, so a place read in the text can be placed in its
hierarchy (荆州区 ⊂ 荆州市 ⊂ 湖北省) and on a map. Short forms (荆州, 河南, 广西) are known too.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from importlib import resources

from kgraph.regex import compiled

_PSEUDO = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# the peoples an autonomous division is named for (黔西南布依族苗族自治州, 伊犁哈萨克自治州): a name of several
# characters may stand without 族, a name of one character (白, 水, 回) only with it
_PEOPLES = ("柯尔克孜", "乌孜别克", "维吾尔", "哈萨克", "达斡尔", "俄罗斯", "鄂温克", "鄂伦春", "塔吉克", "塔塔尔",
            "蒙古", "布依", "朝鲜", "土家", "哈尼", "傈僳", "高山", "拉祜", "东乡", "纳西", "景颇", "仫佬", "布朗",
            "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "德昂", "保安", "裕固", "独龙", "赫哲", "门巴", "珞巴",
            "基诺", "回", "藏", "苗", "彝", "壮", "满", "侗", "瑶", "白", "傣", "黎", "佤", "畲", "水", "土", "羌",
            "怒", "京")
_PEOPLE = "|".join(f"{p}族?" if len(p) > 1 else f"{p}族" for p in _PEOPLES)
_SHORTENS = compiled(rf"^(.{{2,}}?)(?:{_PEOPLE})*(?:特别行政区|自治区|自治州|自治县|地区|省|市|县|盟)$")


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    level: str  # province | city | county
    parent: str | None
    longitude: float | None
    latitude: float | None


@dataclass(frozen=True)
class Gazetteer:
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]  # full names and short forms

    @functools.cached_property
    def full_names(self) -> frozenset[str]:
        """The divisions' own names (荆州市), not their short forms (荆州)."""
        return frozenset(division.name for division in self.by_code.values())

    @functools.cached_property
    def full_name_ending(self) -> re.Pattern[str]:
        """The last characters of full names (市, 县, 旗 ...): where a full name may end in a text."""
        return compiled("[" + "".join(sorted({name[-1] for name in self.full_names})) + "]")

    @functools.cached_property
    def full_name_tails(self) -> dict[str, tuple[int, ...]]:
        """The lengths (3 to 5) of the full names by their last three characters (州市 of 荆州市, 安县 of 红安县):
        where a full name may end, one lookup tells which of those lengths to try, most often none."""
        sizes: dict[str, set[int]] = {}
        for name in self.full_names:
            if 3 <= len(name) <= 5:
                sizes.setdefault(name[-3:], set()).add(len(name))
        return {tail: tuple(sorted(found)) for tail, found in sizes.items()}

    def ancestors(self, division: Division) -> list[Division]:
        """Parent first, up to the province."""
        chain, code = [], division.parent
        while code and code in self.by_code:
            chain.append(self.by_code[code])
            code = self.by_code[code].parent
        return chain


def short_name(name: str) -> str | None:
    """荆州市 -> 荆州, 广西壮族自治区 -> 广西, 恩施土家族苗族自治州 -> 恩施; None for a name too short to shorten
    (兴县) and for districts, which are not written without their 区 (荆州区 is not 荆州)."""
    match = _SHORTENS.match(name)
    return match.group(1) if match else None


@functools.cache
def load_gazetteer() -> Gazetteer:
    text = resources.files("kgraph.lexicons").joinpath("gazetteer.csv").read_text(encoding="utf-8")
    rows = csv.reader(io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#"))))
    header = next(rows)
    fields = [header.index(name) for name in ("adcode", "name", "level", "parent", "longitude", "latitude")]
    raw = {row[0]: row for row in ([row[i] for i in fields] for row in rows)}  # tuples: DictReader took twice as long
    pseudo = {code for code, row in raw.items() if row[1] in _PSEUDO}
    by_code: dict[str, Division] = {}
    for code, (_, name, level, parent, lon, lat) in raw.items():
        if code in pseudo:
            continue
        while parent in pseudo:
            parent = raw[parent][3]
        by_code[code] = Division(code, name, level, parent or None, float(lon) if lon else None,
                                 float(lat) if lat else None)
    by_name: dict[str, list[Division]] = {}
    for division in by_code.values():
        by_name.setdefault(division.name, []).append(division)
        if short := short_name(division.name):
            by_name.setdefault(short, []).append(division)
    return Gazetteer(by_code, {name: tuple(items) for name, items in by_name.items()})


LEVELS = (("省", 5), ("自治区", 5), ("特别行政区", 5), ("市", 4), ("自治州", 4), ("地区", 4), ("盟", 4), ("区", 3),
          ("县", 3), ("旗", 3), ("镇", 2), ("乡", 2), ("苏木", 2), ("街道", 2), ("村", 1), ("嘎查", 1), ("社区", 1),
          ("居委会", 1), ("片区", 1), ("大队", 1))


def place_level(name: str) -> int:
    """5 province, 4 city, 3 county, 2 town, 1 village or community, 0 anything else (roads, parks)."""
    for suffix, level in LEVELS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return level
    divisions = load_gazetteer().by_name.get(name, ())
    return {"province": 5, "city": 4, "county": 3}[divisions[0].level] if divisions else 0
