"""Write kgraph/lexicons/traditional.tsv, the character table that reads traditional Chinese as simplified.

The source is OpenCC's TSCharacters.txt (traditional character -> simplified candidates, Apache License 2.0), as
carried by the PyPI package opencc-python-reimplemented 0.1.7, file `opencc/dictionary/TSCharacters.txt`:

    pip download --no-deps opencc-python-reimplemented==0.1.7 -d /tmp/opencc
    python tools/make_traditional.py /tmp/opencc/opencc_python_reimplemented-0.1.7-py2.py3-none-any.whl

Only the first candidate of each character is kept, and only where it differs from the character: one character
for one, so that every offset into a page still points at the same place once the page is read as simplified.
The output is the same, byte for byte, for the same input.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import zipfile
from pathlib import Path

MEMBER = "opencc/dictionary/TSCharacters.txt"
SHA256 = "6b5a0a799bea2bb22c001f635eaa3fc2904310f0c08addbff275477a80ecf09a"
OUT = Path(__file__).resolve().parent.parent / "kgraph" / "lexicons" / "traditional.tsv"
HEADER = ("# Traditional Chinese characters and the simplified character kgraph reads them as, one for one.\n"
          "# From OpenCC's TSCharacters.txt (Apache License 2.0, see traditional-LICENSE.txt), first candidate only;\n"
          "# written by tools/make_traditional.py from opencc-python-reimplemented 0.1.7.\n")


def table(raw: bytes) -> list[tuple[str, str]]:
    """(traditional, simplified) pairs, one character each, in the source's order."""
    pairs = []
    for line in raw.decode("utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(first) == 1 and first != key:
            pairs.append((key, first))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wheel", type=Path)
    args = parser.parse_args()
    with zipfile.ZipFile(args.wheel) as wheel:
        raw = wheel.read(MEMBER)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SHA256:
        print(f"warning: {MEMBER} has sha256 {digest}, not the {SHA256} the shipped table was made from",
              file=sys.stderr)
    OUT.write_text(HEADER + "".join(f"{t}\t{s}\n" for t, s in table(raw)), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
