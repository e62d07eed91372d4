"""What reading a page costs in CPU seconds, in process: `split_articles`, the recogniser (`read_entities_of`) and
pass 1's `extract_people`, the three parts of `kgraph.pipeline.read_page`, over a folder of pages.

Each part is timed with `time.process_time()` over all pages, the least of `--repeat` runs (the machine is shared,
and its noise only ever adds time); the recogniser is loaded before the clock starts. A fingerprint of the articles
and names found is printed too: two versions of kgraph that read the same print the same one.

    python benchmarks/read_cost.py /tmp/c10k --repeat 3
    PYTHONPATH=/path/to/other/checkout python benchmarks/read_cost.py /tmp/c10k    # another version, same pages
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

from kgraph.extract import extract_people, read_entities_of
from kgraph.pipeline import fill_years, load
from kgraph.text import split_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, help="a folder of .txt pages")
    parser.add_argument("--limit", type=int, default=None, help="read only the first LIMIT pages")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    lex = load().lex
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in sorted(args.pages.glob("*.txt"))[:args.limit]]
    read_entities_of(split_articles(texts[0][1], texts[0][0], lex), lex)  # the recogniser's tables, loaded
    best = [float("inf")] * 3
    for _ in range(args.repeat):
        start = time.process_time()
        pages = [tuple(fill_years(split_articles(text, name, lex), None)) for name, text in texts]
        split = time.process_time()
        names = [read_entities_of(articles, lex) for articles in pages]
        read = time.process_time()
        people = [[extract_people(a, lex, entities=e) for a, e in zip(articles, found, strict=True)]
                  for articles, found in zip(pages, names, strict=True)]
        end = time.process_time()
        best = [min(old, new) for old, new in zip(best, (split - start, read - split, end - read), strict=True)]
    fingerprint = hashlib.sha1(repr((pages, names, people)).encode()).hexdigest()[:16]
    print(f"{sum(map(len, pages))} articles: split_articles {best[0]:.2f} s, recogniser {best[1]:.2f} s, "
          f"extract_people {best[2]:.2f} s, together {sum(best):.2f} s CPU; fingerprint {fingerprint}")


if __name__ == "__main__":
    main()
