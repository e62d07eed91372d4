"""The `kgraph` command: thin wrappers that parse options, call one library function and report."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kgraph import __version__
from kgraph.errors import KgraphError
from kgraph.rdf.vocab import DEFAULT_BASE

DEFAULT_OUT = Path("output")
PACKAGED_SEEDS = Path(__file__).parent / "seeds"


def default_inputs() -> list[Path]:
    """`seeds/` of the working folder when there is one, else the sample pages shipped in the package."""
    local = Path("seeds")
    return [local if local.is_dir() else PACKAGED_SEEDS]


def _run(action: Callable[[], Any]) -> Any:
    """Turn an expected failure into one `Error: …` line and exit status 1."""
    try:
        return action()
    except KgraphError as error:
        raise click.ClickException(str(error)) from error
    except OSError as error:
        raise click.ClickException(f"{error.filename or ''}: {error.strerror}".lstrip(": ")) from error


class _Progress:
    """A progress bar on a terminal, nothing when piped."""

    def __init__(self, total: int, label: str) -> None:
        self.bar = click.progressbar(length=total, label=label, file=sys.stderr) if sys.stderr.isatty() else None

    def __enter__(self) -> Callable[[str], None]:
        if self.bar is None:
            return lambda _: None
        self.bar.__enter__()
        return lambda _: self.bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgraph")
def cli() -> None:
    """kgraph: a knowledge graph of who works with whom, from Chinese news articles."""


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "-o", "out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder for graph.ttl and graph.html.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the data's own nodes.")
@click.option("--lexicon", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of extra lexicon files (same names as kgraph/lexicons/*.txt) added to the defaults.")
@click.option("--year", type=click.IntRange(1900, 2100),
              help="Year of dates printed without one, when a page does not name it itself.")
@click.option("--merge-variants/--no-merge-variants", "merge", default=True, show_default=True,
              help="Merge spelling variants of a name (袁菁穗/袁青穗) when the evidence supports it.")
@click.option("--home", help="The district or county the paper calls 区/县 (default: inferred from the text).")
def build(inputs: tuple[Path, ...], out: Path, base: str, lexicon: Path | None, year: int | None,
          merge: bool, home: str | None) -> None:
    """Build the graph from .txt files and folders (default: seeds/).

    Example: kgraph build articles/ --out result/
    """
    from kgraph.files import collect_files, read_pages
    from kgraph.jurisdiction import find_division
    from kgraph.network import build_network
    from kgraph.pipeline import extract_corpus, read_articles
    from kgraph.rdf.build import build_graph
    from kgraph.rdf.turtle import write_turtle
    from kgraph.render import write_html

    division = _run(lambda: find_division(home)) if home else None
    files = _run(lambda: collect_files(list(inputs) or default_inputs()))
    articles = _run(lambda: read_articles(read_pages(files), year=year))
    with _Progress(len(articles), "Extracting") as step:
        corpus = _run(lambda: extract_corpus(articles, lexicon=lexicon, merge=merge, home=division, progress=step))
    graph = build_graph(corpus, base=base)
    ttl, html = out / "graph.ttl", out / "graph.html"
    _run(lambda: write_turtle(graph, ttl))
    _run(lambda: write_html(build_network(graph), html, title="kgraph"))
    titles = {post.title for person in corpus.people for post in person.posts}
    events = sum(1 for e in corpus.extractions if e.event)
    click.echo(f"files {len(files)}, articles {len(corpus.articles)}, people {len(corpus.people)}, "
               f"titles {len(titles)}, organisations {len(corpus.organizations)}, places {len(corpus.places)}, "
               f"events {events}, triples {len(graph)}")
    if corpus.home:
        click.echo(f"home jurisdiction: {corpus.home} (区 and 县 in short names refer to it)")
    click.echo(f"wrote {ttl} and {html}")


@cli.command()
@click.argument("graph_file", metavar="GRAPH", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path), help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to a value (a Chinese string matches @zh literals); repeatable.")
def query(graph_file: Path, sparql: str | None, query_file: Path | None, fmt: str, params: tuple[str, ...]) -> None:
    """Run a SPARQL SELECT, ASK or CONSTRUCT query over a graph file.

    Example: kgraph query output/graph.ttl 'SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }'
    """
    from kgraph.rdf.query import format_result, read_graph, run_query

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query either as an argument or with -f FILE")
    if query_file is not None:
        sparql = _run(lambda: query_file.read_text(encoding="utf-8"))
    bindings = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name:
            raise click.UsageError(f"--param wants NAME=VALUE, got {param!r}")
        bindings[name] = value
    graph = _run(lambda: read_graph(graph_file))
    result = _run(lambda: run_query(graph, sparql, bindings=bindings or None))
    click.echo(_run(lambda: format_result(result, fmt, prefixes=dict(graph.namespaces()))))


@cli.command()
@click.argument("graph_file", metavar="GRAPH", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write (default: GRAPH with .html).")
@click.option("--orgs/--no-orgs", default=False, help="Show the organisation layer when the page opens.")
@click.option("--places/--no-places", default=False, help="Show the place layer when the page opens.")
@click.option("--focus", metavar="NAME", help="Draw only this person and the people around them.")
@click.option("--depth", type=click.IntRange(0), default=1, show_default=True, help="How many links from --focus.")
@click.option("--min-weight", type=click.IntRange(1), default=1, show_default=True,
              help="Leave out links of fewer shared events (and people left with no link).")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path), help="Draw a PNG picture (kgraph[pictures]).")
@click.option("--svg", type=click.Path(dir_okay=False, path_type=Path), help="Draw an SVG picture (kgraph[pictures]).")
def render(graph_file: Path, output: Path | None, orgs: bool, places: bool, focus: str | None, depth: int,
           min_weight: int, png: Path | None, svg: Path | None) -> None:
    """Draw the who-works-with-whom network of a graph file as one offline HTML page, or as pictures.

    With --png or --svg and no -o, only the pictures are written.

    Example: kgraph render output/graph.ttl --focus 万玲玲 --depth 2 -o wan.html
    """
    from kgraph.network import build_network, select_network
    from kgraph.picture import write_picture
    from kgraph.rdf.query import read_graph
    from kgraph.render import write_html

    graph = _run(lambda: read_graph(graph_file))
    net = _run(lambda: select_network(build_network(graph, include_orgs=True, include_places=True), focus=focus,
                                      depth=depth, min_weight=min_weight))
    title = f"{graph_file.stem} · {focus}" if focus else graph_file.stem
    targets = [(write_picture, path) for path in (png, svg) if path]
    if output or not targets:
        targets.insert(0, (write_html, output or graph_file.with_suffix(".html")))
    for write, path in targets:
        _run(lambda write=write, path=path: write(net, path, title=title, show_orgs=orgs, show_places=places))
    people = sum(1 for _, kind in net.nodes(data="kind") if kind == "person")
    links = sum(1 for _, _, kind in net.edges(data="kind") if kind == "works_with")
    click.echo(f"wrote {', '.join(str(path) for _, path in targets)}: {people} people, {links} links")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def articles(files: tuple[Path, ...], as_json: bool) -> None:
    """Show how files were read: each article's headline, date, bylines and first words.

    Example: kgraph articles seeds/000_c7a8d9aedf48108c.txt
    """
    from kgraph.files import collect_files, read_pages
    from kgraph.pipeline import read_articles

    found = _run(lambda: read_articles(read_pages(_run(lambda: collect_files(list(files))))))
    if as_json:
        rows = [{"source": a.source, "index": a.index, "headline": a.headline, "subheadline": a.subheadline,
                 "date": a.date, "bylines": [{"name": b.name, "role": b.role.value} for b in a.bylines],
                 "start": a.start, "end": a.end, "body": a.body} for a in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for a in found:
        byline = "、".join(f"{b.name}({b.role.value})" for b in a.bylines) or "-"
        click.echo(f"{a.source} #{a.index} [{a.start}:{a.end}] {a.date or '-'} | {a.headline}"
                   + (f" | {a.subheadline}" if a.subheadline else ""))
        click.echo(f"    by {byline}: {a.body[:60].replace(chr(10), ' ')}…")


@cli.command()
@click.argument("graph_file", metavar="GRAPH", type=click.Path(path_type=Path))
@click.option("--merges", is_flag=True, help="Show the spelling variants merged into one person, and why.")
def people(graph_file: Path, merges: bool) -> None:
    """List the people of a graph file: role, titles, events, other spellings.

    Example: kgraph people output/graph.ttl --merges
    """
    from kgraph.profile import list_merges, list_people
    from kgraph.rdf.query import read_graph

    graph = _run(lambda: read_graph(graph_file))
    if merges:
        rows = list_merges(graph)
        for row in rows:
            click.echo(f"{row['variant']} -> {row['kept']}: {row['reasons']}")
        click.echo(f"({len(rows)} merges)")
        return
    rows = list_people(graph)
    for row in rows:
        alias = f"  (also {row['aliases']})" if row["aliases"] else ""
        click.echo(f"{row['name']}\t{row['role']}\ttitles {row['titles']}\tevents {row['events']}{alias}")
    click.echo(f"({len(rows)} people)")


@cli.command()
@click.argument("graph_file", metavar="GRAPH", type=click.Path(path_type=Path))
@click.argument("name")
@click.option("--top", default=10, show_default=True, help="How many co-workers to list.")
def person(graph_file: Path, name: str, top: int) -> None:
    """Profile of one person: titles held (with dates and evidence), events, who they work with most.

    Example: kgraph person output/graph.ttl 万玲玲
    """
    from kgraph.profile import format_profile, person_profile
    from kgraph.rdf.query import read_graph

    graph = _run(lambda: read_graph(graph_file))
    click.echo(format_profile(_run(lambda: person_profile(graph, name)), top=top))


def main() -> None:
    cli()
