"""`kgraph` with the name recogniser stubbed out: it reads no names, so a build costs everything but the recogniser.

    python benchmarks/no_recogniser.py build /tmp/c10k --out /tmp/o10k --no-cache --jobs 1 --quiet
"""

import sys

from kgraph.extract import ner

ner.Recogniser.__init__ = lambda self, *args, **kwargs: None
ner.Recogniser.entities = lambda self, text: []
ner.Recogniser.entities_of = lambda self, texts: [[] for _ in texts]

from kgraph.cli import main  # noqa: E402  (after the stub, so every stage sees it)

if __name__ == "__main__":
    sys.argv[0] = "kgraph"
    main()
