"""Reading page files, repairing PDF-extracted text and splitting pages into articles."""

from kgraph.text.clean import clean_text
from kgraph.text.read import decode_bytes, read_pages, read_text
from kgraph.text.segment import split_articles

__all__ = ["clean_text", "decode_bytes", "read_pages", "read_text", "split_articles"]
