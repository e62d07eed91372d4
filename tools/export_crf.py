"""Export the name recogniser's CRF (kgraph/models/ner.crfsuite) as numpy tables (kgraph/models/ner.npz).

kgraph decodes the model with numpy (kgraph/extract/crf.py), a page of characters at a time, instead of building
ten attribute strings per character for crfsuite. The tables hold the very weights crfsuite uses: the labels and
attribute names come from pycrfsuite's `Tagger.info()`, but the weights from the model file's feature chunk, as
the float64 crfsuite reads (`info()` prints them rounded to six decimals, which would change a few decisions).

    python tools/export_crf.py                      # kgraph/models/ner.crfsuite -> kgraph/models/ner.npz

The file is an uncompressed .npz with fixed member order and dates, so the same model gives the same bytes. Per
attribute kind (see `kgraph.extract.ner.features`): `{kind}_keys`, the sorted characters (a to e: code points)
or pairs (f to j: first * 0x110000 + second) that have weights; `{kind}_mask`, per key a bit for each label that
has a weight; `{kind}_weights`, those weights in key-then-label order. S and T are weight vectors; `transitions`
is the label-to-label matrix; `labels` the label names in crfsuite's order (ties go to the lower index).
"""

from __future__ import annotations

import argparse
import io
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

MODELS = Path(__file__).resolve().parents[1] / "kgraph" / "models"
UNIGRAMS, BIGRAMS, FLAGS = "abcde", "fghij", "ST"
PAIR = 0x110000  # one past the last code point: a pair's key is first * PAIR + second
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


def read_features(raw: bytes) -> np.ndarray:
    """The feature chunk of a crfsuite 1st-order model (crf1d_model.c): type (0 state, 1 transition), source
    (attribute or label id), destination label id and weight, for every feature."""
    magic, _, kind, version = struct.unpack_from("<4sI4sI", raw, 0)
    if (magic, kind, version) != (b"lCRF", b"FOMC", 100):
        raise ValueError(f"not a crfsuite 1st-order model (version 100): {magic!r} {kind!r} {version}")
    (offset,) = struct.unpack_from("<I", raw, 28)
    chunk, _, count = struct.unpack_from("<4sII", raw, offset)
    if chunk != b"FEAT":
        raise ValueError(f"no feature chunk at {offset:#x}")
    return np.frombuffer(raw, dtype=_FEATURE, count=count, offset=offset + 12)


def key_of(name: str) -> int:
    """The key of an attribute's characters: a code point, or a pair of them."""
    points = [ord(c) for c in name[1:]]
    return points[0] if len(points) == 1 else points[0] * PAIR + points[1]


def export_tables(path: Path) -> dict[str, np.ndarray]:
    """The numpy tables of the crfsuite model at `path`, by member name in the order they are written."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    info = tagger.info()
    labels = sorted(info.labels, key=lambda label: int(info.labels[label]))
    attributes = {int(number): name for name, number in info.attributes.items()}
    features = read_features(path.read_bytes())
    state, transition = features[features["type"] == 0], features[features["type"] == 1]
    if len(state) + len(transition) != len(features):
        raise ValueError("a feature of an unknown type")
    size = len(labels)
    tables: dict[str, np.ndarray] = {"labels": np.array(labels)}
    matrix = np.zeros((size, size))
    matrix[transition["src"], transition["dst"]] = transition["weight"]
    tables["transitions"] = matrix
    names = [attributes[int(src)] for src in state["src"]]
    for kind in UNIGRAMS + BIGRAMS:
        width = 2 if kind in UNIGRAMS else 3
        rows = [i for i, name in enumerate(names) if name[0] == kind and len(name) == width]
        keys = np.array([key_of(names[i]) for i in rows], dtype=np.uint32 if kind in UNIGRAMS else np.int64)
        dst, weight = state["dst"][rows], state["weight"][rows]
        order = np.lexsort((dst, keys))
        keys, dst, weight = keys[order], dst[order], weight[order]
        unique, first = np.unique(keys, return_index=True)
        mask = np.zeros(len(unique), dtype=np.uint16)
        np.bitwise_or.at(mask, np.searchsorted(unique, keys), (1 << dst).astype(np.uint16))
        if len(np.unique(keys.astype(np.int64) * 16 + dst)) != len(keys):
            raise ValueError(f"attribute kind {kind}: a label weighted twice")
        tables |= {f"{kind}_keys": unique, f"{kind}_mask": mask, f"{kind}_weights": weight}
    for kind in FLAGS:
        vector = np.zeros(size)
        rows = [i for i, name in enumerate(names) if name == kind]
        vector[state["dst"][rows]] = state["weight"][rows]
        tables[kind] = vector
    covered = sum(len(tables[f"{kind}_weights"]) for kind in UNIGRAMS + BIGRAMS)
    covered += sum(1 for name in names if name in FLAGS)
    if covered != len(state):
        raise ValueError(f"{len(state) - covered} state features of attributes kgraph does not make")
    return tables


def write_npz(tables: dict[str, np.ndarray], out: Path) -> None:
    """An .npz that `numpy.load` reads, the same bytes for the same tables (np.savez stamps the time)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, array in tables.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            member = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            member.external_attr = 0o644 << 16
            archive.writestr(member, buffer.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, nargs="?", default=MODELS / "ner.crfsuite")
    parser.add_argument("--out", type=Path, default=MODELS / "ner.npz")
    args = parser.parse_args()
    write_npz(export_tables(args.model), args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
