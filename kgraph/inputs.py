"""What a build reads: texts, (name, text) pairs, files and folders, as one list of named pages.

A `str` is always text, never a path: a notebook passes article text far more often than file names, and a
text that happened to name a file would otherwise be read from disk. Paths are `pathlib.Path` (any
`os.PathLike`). Files keep the names `kgraph build` gives them (`kgraph.files.source_names`); a text without a
name is called `text-001`, `text-002` ... after its place among the inputs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kgraph.errors import EmptyInputError, InputError
from kgraph.files import collect_files, source_names

Input = str | os.PathLike | tuple[str, str]

__all__ = ["Input", "Page", "collect_inputs", "no_article"]


@dataclass(frozen=True, slots=True)
class Page:
    """One input page: its source name and either its text or the file that holds it."""

    name: str
    text: str | None = None
    path: Path | None = None


def collect_inputs(inputs: Input | Iterable[Input]) -> list[Page]:
    """The pages of `inputs`, in order; folders give their .txt files, sorted, and a file named twice counts once.

    >>> [page.name for page in collect_inputs(["本报讯……", ("a.txt", "本报讯……")])]
    ['text-001', 'a.txt']
    >>> collect_inputs([42])
    Traceback (most recent call last):
    kgraph.errors.InputError: input 1 is a int: give a text (str), a (name, text) pair or a pathlib.Path
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    elif not isinstance(inputs, Iterable):
        raise InputError(f"inputs are a {type(inputs).__name__}: give a list of texts, (name, text) pairs or paths")
    items: list[tuple[str, str] | Path] = []
    for number, item in enumerate(inputs, 1):
        if isinstance(item, str):
            items.append((f"text-{number:03d}", item))
        elif isinstance(item, os.PathLike):
            items.extend(collect_files([Path(item)]))
        elif isinstance(item, tuple | list) and len(item) == 2 and all(isinstance(x, str) for x in item):
            items.append((item[0], item[1]))
        else:
            raise InputError(f"input {number} is a {type(item).__name__}: give a text (str), a (name, text) pair "
                             "or a pathlib.Path")
    files = list(dict.fromkeys(item for item in items if isinstance(item, Path)))
    names = dict(zip(files, source_names(files), strict=True))
    pages, seen = [], set()
    for item in items:
        if isinstance(item, Path):
            if item not in seen:
                seen.add(item)
                pages.append(Page(names[item], path=item))
        else:
            pages.append(Page(item[0], text=item[1]))
    return pages


def no_article(pages: list[Page]) -> EmptyInputError:
    """The error for input that holds no article, worded as `kgraph build` words it."""
    files = sum(1 for page in pages if page.path is not None)
    texts = len(pages) - files
    parts = [f"{n} input {what}{'s' * (n != 1)}" for n, what in ((files, "file"), (texts, "text")) if n]
    if not parts:
        return EmptyInputError("no input: give texts, (name, text) pairs, files or folders")
    message = f"no article in {' and '.join(parts)}"
    named = next((page.text for page in pages if page.text and len(page.text) < 256 and "\0" not in page.text
                  and Path(page.text).exists()), None)
    if named is not None:
        message += f" (a str is text: to read the file {named}, pass Path({named!r}))"
    return EmptyInputError(message)
