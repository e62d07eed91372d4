"""tools/train_ner.py re-trains the recogniser: on a small corpus of our own, the model it writes reads names."""

from __future__ import annotations

import subprocess
import sys

import pycrfsuite

from kgraph.extract.ner import features, spans

from .conftest import ROOT

SENTENCES = [("张明远在北京工作。", "B-PER M-PER E-PER O B-LOC E-LOC O O O"),
             ("李红霞来到上海。", "B-PER M-PER E-PER O O B-LOC E-LOC O"),
             ("王建国在南京开会。", "B-PER M-PER E-PER O B-LOC E-LOC O O O")]


def test_train_ner_writes_a_model_that_reads_names(tmp_path, lex):
    corpus = tmp_path / "train.txt"
    corpus.write_text("\n\n".join("\n".join(f"{c} {label}" for c, label in zip(text, labels.split(), strict=True))
                                  for text, labels in SENTENCES * 20) + "\n", encoding="utf-8")
    model = tmp_path / "ner.crfsuite"
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "train_ner.py"), str(corpus), "--out", str(model)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    text = "张明远在上海工作。"
    found = {(e.kind, e.text) for e in spans(tagger.tag(features(text, lex.surnames)), text)}
    assert found == {("PER", "张明远"), ("LOC", "上海")}
    roles = (tmp_path / "name_roles.tsv").read_text(encoding="utf-8").splitlines()
    assert roles[0] == "character\tsurname\tgiven\ttext"
    assert "张\t1\t0\t20" in roles and "明\t0\t1\t20" in roles  # each distinct name once, text counts all
