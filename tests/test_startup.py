"""A small build loads what its own text needs, no more: the start-up of `kgraph build` on one page (issue 17)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_BUILD = """
import sys
from pathlib import Path
from kgraph.driver import run
from kgraph.files import collect_files
from kgraph.pinyin import _table
from kgraph.pipeline import load
pipeline = load()
result = run(pipeline, collect_files([Path(sys.argv[1])]), jobs=1, use_cache=False)
words = pipeline.lex.words
print(len(result.people), words.pending, len(words) < words.size // 10, len(_table().phrases) < 10000,
      *(name in sys.modules for name in ("networkx", "kgraph.postag", "jieba", "pypinyin")))
"""


def test_small_build_loads_few_words_and_modules(tmp_path: Path) -> None:
    """A one-article page: the words of its own characters, not jieba's whole dictionary nor pypinyin's table;
    no networkx until a page is written, no part-of-speech tagger for a body printed after its headline, and
    neither jieba nor pypinyin."""
    page = tmp_path / "one.txt"
    page.write_text("本报讯 区长张三主持会议。\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _BUILD, str(page)], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "True", "True", "True", "False", "False", "False", "False"]


def test_workers_inherit_the_whole_dictionary(tmp_path: Path) -> None:
    """Pages read by a pool of forked workers: the parent loads the whole dictionary once before the fork, rather
    than each worker loading it for itself."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("本报讯 区长张三主持会议。\n", encoding="utf-8")
    code = ("import sys; from pathlib import Path; from kgraph.driver import run; "
            "from kgraph.files import collect_files; from kgraph.pipeline import load; "
            "p = load(); print(p.lex.words.pending); "
            "run(p, collect_files([Path(sys.argv[1])]), jobs=2, use_cache=False); print(p.lex.words.pending)")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_a_big_build_gives_jieba_rs_the_whole_dictionary_at_its_first_cut(tmp_path: Path) -> None:
    """Past `WHOLE_FOR` bytes of input the segmenter takes the whole dictionary at once, as every build that big
    ended up doing after feeding it a quarter bucket by bucket; a one-article page still gets its own words only.
    The cut is the same either way (tests/test_wordtable.py)."""
    small = tmp_path / "small"
    small.mkdir()
    (small / "one.txt").write_text("本报讯 区长张三主持会议。\n", encoding="utf-8")
    big = tmp_path / "big"
    big.mkdir()
    (big / "page.txt").write_text("本报讯 区长张三主持会议，副区长李四出席。\n" * 200, encoding="utf-8")
    code = ("import sys; from pathlib import Path; from kgraph.driver import run; "
            "from kgraph.files import collect_files; from kgraph.pipeline import load; "
            "p = load(); run(p, collect_files([Path(sys.argv[1])]), jobs=1, use_cache=False); "
            "print(p.lex.tokenizer.whole, p.lex.tokenizer._fed_words)")
    answers = [subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True,
                              check=True).stdout.split() for folder in (small, big)]
    assert answers[0][0] == "False" and int(answers[0][1]) > 0
    assert answers[1] == ["True", "0"]  # nothing fed before it was taken whole
