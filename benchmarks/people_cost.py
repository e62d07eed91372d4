"""What finding people costs in CPU seconds, in process: `extract_people` over the articles of a folder of pages,
both passes (the second with the names known in the whole corpus, found per page as a build finds them).

The pages are split and read by the recogniser first, untimed, so only the people finders are measured; each pass
is timed with `time.process_time()`, the least of `--repeat` runs (the machine is shared, and its noise only ever
adds time). A fingerprint of everything found is printed too: two versions of kgraph that find the same people
print the same one.

    python benchmarks/people_cost.py /tmp/c10k --repeat 3
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

from kgraph.batch import KnownNames
from kgraph.extract import extract_people, known_names, read_entities_of
from kgraph.pipeline import fill_years, load
from kgraph.text import split_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, help="a folder of .txt pages")
    parser.add_argument("--limit", type=int, default=None, help="read only the first LIMIT pages")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    lex = load().lex
    pages = []
    for path in sorted(args.pages.glob("*.txt"))[:args.limit]:
        articles = tuple(fill_years(split_articles(path.read_text(encoding="utf-8"), path.name, lex), None))
        pages.append((articles, read_entities_of(articles, lex)))
    first = second = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        firsts = [[extract_people(a, lex, entities=e) for a, e in zip(*page, strict=True)] for page in pages]
        first = min(first, time.process_time() - start)
    known = KnownNames(known_names(people for page in firsts for people in page))
    relevant = [known.relevant(articles) for articles, _ in pages]
    for _ in range(args.repeat):
        start = time.process_time()
        seconds = [[extract_people(a, lex, names, first=f, entities=e)
                    for a, f, e in zip(articles, page, entities, strict=True)]
                   for (articles, entities), page, names in zip(pages, firsts, relevant, strict=True)]
        second = min(second, time.process_time() - start)
    fingerprint = hashlib.sha1(repr((firsts, seconds)).encode()).hexdigest()[:16]
    print(f"{sum(len(a) for a, _ in pages)} articles: pass 1 {first:.2f} s, pass 2 {second:.2f} s, "
          f"together {first + second:.2f} s CPU; fingerprint {fingerprint}")


if __name__ == "__main__":
    main()
