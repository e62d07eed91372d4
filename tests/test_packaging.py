"""The wheel users install: its name, what it declares and what it carries (built here with hatchling)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
import zipfile
from email.parser import Parser

import pytest

from .conftest import ROOT

hatchling_wheel = pytest.importorskip("hatchling.builders.wheel", reason="building the wheel needs hatchling")
sys.path.insert(0, str(ROOT / "tools"))
import make_gazetteer  # noqa: E402

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
DISTRIBUTION = "kgraph-news"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    built = hatchling_wheel.WheelBuilder(str(ROOT)).build(directory=str(tmp_path_factory.mktemp("wheel")),
                                                          versions=["standard"])
    return zipfile.ZipFile(next(iter(built)))


def _metadata(wheel: zipfile.ZipFile) -> tuple[str, object]:
    info = next(name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))
    return info.rsplit("/", 1)[0], Parser().parsestr(wheel.read(info).decode("utf-8"))


def test_packaging_wheel_is_kgraph_news_holding_the_kgraph_package_and_command(wheel):
    dist_info, meta = _metadata(wheel)
    assert meta["Name"] == DISTRIBUTION
    assert {name.split("/")[0] for name in wheel.namelist()} == {"kgraph", dist_info}
    assert "kgraph = kgraph.cli:main" in wheel.read(f"{dist_info}/entry_points.txt").decode()
    assert meta["License-Expression"] == "MIT" and meta.get_all("Classifier") and meta.get_all("Project-URL")


def test_packaging_wheel_declares_every_distribution_kgraph_imports(wheel):
    """An import of a package the wheel does not require works here by luck (jinja2 came with pyvis)."""
    _, meta = _metadata(wheel)
    required, extras = set(), set()
    for line in meta.get_all("Requires-Dist"):
        name = _normal(re.match(r"[A-Za-z0-9_.-]+", line).group())
        (extras if "extra ==" in line else required).add(name)
    providers = importlib.metadata.packages_distributions()
    imported = set()
    for path in (ROOT / "kgraph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {top for top in imported if top in providers and top not in sys.stdlib_module_names}
    missing = {top for top in third_party if top != "kgraph" and not {_normal(d) for d in providers[top]} &
               (required | extras)}
    assert not missing
    assert {"jinja2", "markupsafe"} <= required
    assert any(line.replace(" ", "") == "networkx>=3.4" for line in meta.get_all("Requires-Dist"))


def test_packaging_wheel_ships_the_example_queries_the_readme_runs(wheel):
    used = set(re.findall(r"-f docs/queries/([a-z][a-z-]*\.rq)", README))
    assert used
    for name in used:
        assert wheel.read(f"kgraph/examples/queries/{name}") == (ROOT / "docs/queries" / name).read_bytes()


def test_packaging_wheel_ships_the_licences_of_kgraph_and_of_the_gazetteer(wheel):
    dist_info, _ = _metadata(wheel)
    names = wheel.namelist()
    assert f"{dist_info}/licenses/LICENSE" in names
    assert f"{dist_info}/licenses/kgraph/lexicons/gazetteer-LICENSE.txt" in names
    assert "MIT" in wheel.read("kgraph/lexicons/gazetteer-LICENSE.txt").decode()
    assert f"{dist_info}/licenses/kgraph/lexicons/traditional-LICENSE.txt" in names  # OpenCC's character table
    assert "Apache License" in wheel.read("kgraph/lexicons/traditional-LICENSE.txt").decode()


@pytest.mark.parametrize("line", re.findall(r"pip install (\"[^\"]+\"|[\w.-]+)", README))
def test_packaging_readme_install_lines_name_this_distribution_and_its_extras(line: str):
    """`pip install "kgraph[dask]"` would install the other project called kgraph on PyPI."""
    name, _, extras = line.strip('"').partition("[")
    assert name in (".", DISTRIBUTION)
    for extra in filter(None, extras.rstrip("]").split(",")):
        assert extra in PYPROJECT["project"]["optional-dependencies"]


def test_packaging_gazetteer_names_the_source_the_recipe_reproduces():
    shipped = (ROOT / "kgraph/lexicons/gazetteer.csv").read_text(encoding="utf-8").splitlines()
    assert f"sha256 {make_gazetteer.SOURCE_SHA256}" in shipped[1]
    assert make_gazetteer.SOURCE in shipped[1]


def test_packaging_gazetteer_recipe_places_counties_under_cities_and_depends_only_on_its_input():
    table = ("adcode,name,longitude,latitude\n"
             "990102000000,乙区,1.5,2.5\n990000000000,甲省,1.0,2.0\n990100000000,甲市,1.1,2.1\n"
             "980101000000,丙县,3.0,4.0\n980000000000,丙市,3.0,4.0\n").encode()
    made = make_gazetteer.make_gazetteer(table)
    assert made == make_gazetteer.make_gazetteer(table)
    rows = made.splitlines()[3:]
    assert rows == ["980000,丙市,province,,3.0,4.0", "980101,丙县,county,980000,3.0,4.0",
                    "990000,甲省,province,,1.0,2.0", "990100,甲市,city,990000,1.1,2.1",
                    "990102,乙区,county,990100,1.5,2.5"]
