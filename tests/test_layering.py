"""The package's imports follow the pipeline: no cycle, no stage reaching forward, and a later stage uses an earlier
one only through its public modules (style guide, principle 1). Read from the source with `ast`, so an import
inside a function counts as much as one at the top; one under `if TYPE_CHECKING:` does not run and is left out."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "kgraph"

# Modules every stage may use: the package root, the domain records, errors, lexicons and their word cut and
# part-of-speech cut and word table, the gazetteer, file writes, pinyin and the cache of derived data it loads from,
# the garbage collector's settings (a stage that drops networkx graphs frees them: `kgraph.heap`), and work on a
# second core (resolution tells namesakes apart in two processes: `kgraph.beside`).
FOUNDATION = {"kgraph", "kgraph.errors", "kgraph.model", "kgraph.lexicon", "kgraph.wordcut", "kgraph.postag",
              "kgraph.wordtable", "kgraph.gazetteer", "kgraph.files", "kgraph.interrupt", "kgraph.models",
              "kgraph.lexicons", "kgraph.derived", "kgraph.pinyin", "kgraph.heap", "kgraph.regex", "kgraph.beside"}
# The stages in order, by module prefix. What is neither foundation nor a stage is the edge that drives them
# (pipeline, driver, batch, cluster, inputs, outputs, result, cli): it may import anything, and nothing imports it
# but the edge.
STAGES = {"kgraph.text": 1, "kgraph.extract": 2, "kgraph.resolve": 3, "kgraph.rdf": 4, "kgraph.network": 5,
          "kgraph.profile": 5, "kgraph.render": 6, "kgraph.picture": 6, "kgraph.export": 7}
# What a later stage may import of an earlier one.
PUBLIC = {"kgraph.text", "kgraph.extract", "kgraph.resolve", "kgraph.rdf.vocab", "kgraph.rdf.build",
          "kgraph.rdf.cached", "kgraph.rdf.read", "kgraph.rdf.query", "kgraph.rdf.named_queries", "kgraph.rdf.results",
          "kgraph.rdf.turtle", "kgraph.network", "kgraph.render", "kgraph.export"}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in (child, *_runtime_nodes(child)))
            continue
        yield node
        yield from _runtime_nodes(node)


def imports_of(name: str) -> set[str]:
    """The kgraph modules `name` imports, wherever in the file."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "kgraph")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "kgraph":
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return {target for target in found if target in MODULES and target != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def stage_of(name: str) -> int | None:
    """The stage number, 0 for the foundation, None for the edge."""
    if name in FOUNDATION:
        return 0
    return next((stage for prefix, stage in STAGES.items() if name == prefix or name.startswith(prefix + ".")), None)


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                cycles.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def layering_problems(graph: dict[str, set[str]]) -> list[str]:
    problems = [f"cycle: {' <-> '.join(cycle)}" for cycle in find_cycles(graph)]
    for name, targets in sorted(graph.items()):
        here = stage_of(name)
        for target in sorted(targets):
            there = stage_of(target)
            if here is None:
                continue  # the edge drives the stages and may use any of them
            if there is None:
                problems.append(f"{name} (stage {here}) imports the edge module {target}")
            elif there > here:
                problems.append(f"{name} (stage {here}) imports {target} of the later stage {there}")
            elif 0 < there < here and target not in PUBLIC:
                problems.append(f"{name} (stage {here}) imports {target}, an internal of stage {there}")
    return problems


def test_layering_the_package_imports_follow_the_stages():
    assert layering_problems(GRAPH) == []


def test_layering_sees_imports_inside_functions_and_every_stage():
    assert "kgraph.network" in GRAPH["kgraph.render.style"]  # imported inside colour_schemes
    assert {stage_of(name) for name in MODULES} >= {None, 0, 1, 2, 3, 4, 5, 6, 7}


def test_layering_only_the_command_imports_click():
    """The library raises and returns; printing, exit statuses and click belong to the CLI (rdf.server once imported
    click through kgraph.interrupt)."""
    users = [name for name, path in MODULES.items()
             if any(isinstance(node, ast.Import | ast.ImportFrom)
                    and "click" in ([a.name.split(".")[0] for a in node.names] if isinstance(node, ast.Import)
                                    else [(node.module or "").split(".")[0]])
                    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))]
    assert users == ["kgraph.cli"]


@pytest.mark.parametrize(("edit", "problem"), [
    ({"kgraph.text.read": {"kgraph.pipeline"}}, "imports the edge module kgraph.pipeline"),
    ({"kgraph.rdf.build": {"kgraph.network"}}, "imports kgraph.network of the later stage 5"),
    ({"kgraph.resolve.entities": {"kgraph.extract.orgs"}}, "imports kgraph.extract.orgs, an internal of stage 2"),
    ({"kgraph.batch": {"kgraph.cluster"}}, "cycle: kgraph.batch <-> kgraph.cluster"),
])
def test_layering_fails_on_each_kind_of_bad_import(edit: dict[str, set[str]], problem: str):
    graph = {name: set(targets) | edit.get(name, set()) for name, targets in GRAPH.items()}
    assert any(problem in line for line in layering_problems(graph))
