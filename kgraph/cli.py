"""The `kgraph` command: thin wrappers that parse options, call one library function and report.

Conventions shared by every command (sqlite-utils is the model): GRAPH arguments are optional and default to
output/graph.ttl; `-` reads standard input wherever a file is read and writes standard output wherever one is
written; `-o/--output` is where a command writes (a file, or a folder for `build` and csv exports; standard output
when not given, for the commands that print); `-q/--quiet` keeps only results, warnings and errors; bad input is one
`Error:` line, exit status 1, or 2 for a file that does not exist.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import json
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kgraph import __version__
from kgraph.errors import EmptyInputError, KgraphError, TimedOut
from kgraph.export import ALIASES as EXPORT_ALIASES
from kgraph.export import EXPORT_FORMATS
from kgraph.heap import heap_frozen
from kgraph.interrupt import signal_status, stopped_by_signals
from kgraph.rdf.vocab import DEFAULT_BASE

DEFAULT_OUT = Path("output")
DEFAULT_GRAPH = DEFAULT_OUT / "graph.ttl"
QUERY_FORMATS = ["table", "csv", "tsv", "json", "turtle"]  # kgraph.rdf.results.FORMATS, without importing rdflib here
QUERY_ENGINES = ["oxigraph", "rdflib"]  # kgraph.rdf.read.ENGINES; the first is the default
PACKAGED_SEEDS = Path(__file__).parent / "seeds"
DEFAULT_QUERY_TIMEOUT_S = 300.0
STDOUT = Path("-")  # `-o -`: standard output; `-` as an input: standard input
# docs/queries, in the wheel as kgraph/examples/queries and in a checkout beside the package
EXAMPLE_QUERIES = (Path(__file__).parent / "examples" / "queries", Path(__file__).parent.parent / "docs" / "queries")
_QUIET = "kgraph.quiet"


def example_query_path(path: Path) -> Path:
    """A query file as given; the README's `docs/queries/NAME.rq`, outside a checkout, is the copy kgraph ships."""
    if path.exists() or path.parent.as_posix() not in (".", "docs/queries"):
        return path
    return next((folder / path.name for folder in EXAMPLE_QUERIES if (folder / path.name).is_file()), path)


def default_inputs() -> list[Path]:
    """`seeds/` of the working folder when there is one, else the sample pages shipped in the package."""
    local = Path("seeds")
    return [local if local.is_dir() else PACKAGED_SEEDS]


# --- errors: one line, exit 1; 124 for a time limit; 2 for a file that is not there


class _TimedOut(click.ClickException):
    """A query stopped at its time limit: its own exit status, as GNU timeout(1) has."""

    exit_code = 124


class _NoSuchFile(click.ClickException):
    """A file named on the command line is not there: exit status 2, as click gives for other bad arguments."""

    exit_code = 2


def _one_line_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an expected failure anywhere in the command into one `Error: …` line and exit status 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KgraphError as error:
            if isinstance(error, TimedOut):
                raise _TimedOut(str(error)) from error
            raise click.ClickException(str(error)) from error
        except OSError as error:
            raise click.ClickException(f"{error.filename or ''}: {error.strerror or error}".lstrip(": ")) from error

    return run


def abort_on_signals(message: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Decorate a command: on Ctrl-C or SIGTERM print `Aborted: message` to stderr and exit 130 or 143."""

    def wrap(command: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            with stopped_by_signals():  # the handlers come back after the line is printed: a second Ctrl-C is ignored
                try:
                    command(*args, **kwargs)
                except KeyboardInterrupt as stop:
                    click.echo(f"Aborted: {message}", err=True)
                    raise click.exceptions.Exit(signal_status(stop)) from None

        return run

    return wrap


# --- shared arguments and options


def _quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta[_QUIET] = ctx.meta.get(_QUIET, False) or value


def quiet_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """-q/--quiet: only results, warnings and errors; no progress and no summary lines. Listed last in --help."""
    option = click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=_quiet, is_eager=True,
                          help="Print only results, warnings and errors (no progress, no summary).")
    command.__dict__.setdefault("__click_params__", []).insert(0, option)  # click lists them in reverse
    return command


def allow_remote_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--allow-remote, shared by the commands that read graphs: nothing reaches the network without it."""
    return click.option("--allow-remote", is_flag=True,
                        help="Let SPARQL SERVICE clauses and JSON-LD remote contexts reach the network.")(command)


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(command)


def output_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """-o/--output: where the command writes; `-` is standard output."""
    return click.option("-o", "--output", type=click.Path(path_type=Path), help=f"{what} (`-`: standard output).")


def graphs_argument(command: Callable[..., Any]) -> Callable[..., Any]:
    """[GRAPH]...: graph files (`-`: standard input), output/graph.ttl when none is given."""
    return click.argument("graph_files", nargs=-1, metavar="[GRAPH]...", type=click.Path(path_type=Path))(command)


def kgraph_command(*names: str, **settings: Any) -> Callable[[Callable[..., Any]], click.Command]:
    """A subcommand of `kgraph` with one-line errors and --quiet."""

    def wrap(command: Callable[..., Any]) -> click.Command:
        return cli.command(*names, **settings)(quiet_option(_one_line_errors(command)))

    return wrap


def say(message: str, *, err: bool = False) -> None:
    """A summary line, left out under --quiet."""
    if not click.get_current_context().meta.get(_QUIET):
        click.echo(message, err=err)


def is_quiet() -> bool:
    return bool(click.get_current_context().meta.get(_QUIET))


# --- files: `-` for standard input and output; a missing file is exit status 2


def _stdin_file(suffix: str) -> Path:
    """Standard input, copied to a temporary file that lasts as long as the command (the readers take paths)."""
    ctx = click.get_current_context()
    if "kgraph.stdin" in ctx.meta:
        raise click.UsageError("standard input (`-`) can be read only once")
    data = sys.stdin.buffer.read()
    if suffix == ".ttl" and data.lstrip()[:1] in (b"{", b"["):
        suffix = ".jsonld"
    folder = Path(ctx.with_resource(tempfile.TemporaryDirectory(prefix="kgraph-stdin-")))
    path = folder / f"stdin{suffix}"
    path.write_bytes(data)
    ctx.meta["kgraph.stdin"] = path
    return path


def input_path(path: Path, *, suffix: str = ".ttl", what: str = "graph file") -> Path:
    """The file to read for a path given on the command line: `-` is standard input, a missing file exit status 2."""
    if path == STDOUT:
        return _stdin_file(suffix)
    if not path.exists():
        hint = " (run kgraph build first, or name a graph file)" if path == DEFAULT_GRAPH else ""
        raise _NoSuchFile(f"no such {what}: {path}{hint}")
    return path


def graph_paths(graph_files: tuple[Path, ...] | list[Path]) -> list[Path]:
    """The graph files to read: those given (`-`: Turtle, N-Triples or JSON-LD on standard input), else
    output/graph.ttl."""
    return [input_path(Path(f)) for f in graph_files or [DEFAULT_GRAPH]]


def output_path(output: Path | None) -> Path | None:
    """`-o -` as the file that is standard output, written in place (kgraph.files); other paths as given."""
    return Path("/dev/stdout") if output == STDOUT else output


def emit(text: str, output: Path | None) -> None:
    """A command's result: on standard output, or into the file -o names (written whole, then moved into place)."""
    if output is None or output == STDOUT:
        click.echo(text)
        return
    from kgraph.files import write_atomic

    write_atomic(output, text + "\n")
    say(f"wrote {output}", err=True)


class _Heartbeat:
    """On a terminal, `validating… 30 s` every 30 s while a long step runs that reports no progress of its own."""

    def __init__(self, label: str, every: float = 30.0) -> None:
        self.label, self.every = label, every
        self.done = threading.Event()
        shown = sys.stderr.isatty() and not is_quiet()
        self.thread = threading.Thread(target=self._beat, daemon=True) if shown else None

    def _beat(self) -> None:
        start = time.monotonic()
        while not self.done.wait(self.every):
            click.echo(f"{self.label}… {time.monotonic() - start:.0f} s", err=True)

    def __enter__(self) -> None:
        if self.thread is not None:
            self.thread.start()

    def __exit__(self, *exc: object) -> None:
        self.done.set()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgraph")
def cli() -> None:
    """kgraph: a knowledge graph of who works with whom, from Chinese news articles.

    Shell completion: eval "$(_KGRAPH_COMPLETE=bash_source kgraph)" (zsh_source, fish_source for other shells).
    """
    warnings.showwarning = _show_warning


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: Any = None, line: str | None = None) -> None:
    """A library warning (a recoverable oddity) as one `Warning: …` line on stderr, without the code line."""
    click.echo(f"Warning: {message}", err=True)


def _build_progress(files: int, asked: bool | None) -> Any:
    from kgraph.progress import Progress, Stage

    terminal = sys.stderr.isatty()
    enabled = not is_quiet() and (terminal if asked is None else asked)
    stages = [Stage("reading", files), Stage("extracting", files), Stage("resolving people, organisations, places")]
    return Progress(sys.stderr, stages, enabled=enabled, terminal=terminal)


@kgraph_command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "--out", "out", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OUT, show_default=True, help="Folder for graph.ttl and graph.html.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the data's own nodes.")
@click.option("--lexicon", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of extra lexicon files (same names as kgraph/lexicons/*.txt) added to the defaults.")
@click.option("--year", type=click.IntRange(1900, 2100),
              help="Year of dates printed without one, when a page does not name it itself.")
@click.option("--merge-variants/--no-merge-variants", "merge", default=True, show_default=True,
              help="Merge spelling variants of a name (袁菁穗/袁青穗) when the evidence supports it.")
@click.option("--home", help="The district or county the paper calls 区/县 (default: inferred from the text).")
@click.option("--decisions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV of name@place pairs that are the same person or different people (see README).")
@click.option("--jobs", "-j", type=click.IntRange(0), default=0,
              help="Processes that read and extract files in parallel (default: one per core).")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Extract every file again instead of reusing OUT/.kgraph-cache (the cache is still refreshed).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on the dask.distributed cluster of this scheduler (kgraph-news[dask]), e.g. "
                   "tcp://host:8786.")
@click.option("--force", is_flag=True, help="Replace an existing graph even when the input holds no article.")
@click.option("--progress/--no-progress", "show_progress", default=None,
              help="Show the progress line on stderr [default: when stderr is a terminal].")
@abort_on_signals("the previous outputs are unchanged")
def build(inputs: tuple[Path, ...], out: Path, base: str, lexicon: Path | None, year: int | None,
          merge: bool, home: str | None, decisions: Path | None, jobs: int, no_cache: bool,
          scheduler: str | None, force: bool, show_progress: bool | None) -> None:
    """Build the graph from .txt files and folders (default: seeds/). `-` reads one page from standard input.

    Files unchanged since the last build into the same --output folder are taken from its cache.

    Example: kgraph build articles/ -o result/ --jobs 4
    """
    import os

    from kgraph.driver import run
    from kgraph.files import collect_files
    from kgraph.pipeline import load

    if out == STDOUT:
        raise click.UsageError("build writes a folder (graph.ttl, graph.html), not one stream: give -o FOLDER")
    pipeline = load(lexicon, home, year, merge=merge, decisions=decisions or (), base=base)
    workers = jobs or os.cpu_count() or 1
    files = collect_files([input_path(path, suffix=".txt") if path == STDOUT else path
                           for path in inputs] or default_inputs())
    cache = out / ".kgraph-cache"
    ttl, html = out / "graph.ttl", out / "graph.html"
    with _build_progress(len(files), show_progress) as progress, heap_frozen():
        try:
            result = run(pipeline, files, jobs=workers, cache=cache, use_cache=not no_cache, scheduler=scheduler,
                         progress=progress.step, allow_empty=force or not ttl.exists())
        except EmptyInputError as error:
            raise click.ClickException(f"{error}: {ttl} is left as it was (--force replaces it with an empty "
                                       "graph)") from error
        progress.stage(f"writing {ttl.name} and {html.name}")
        written = result.write(out, title="kgraph", jobs=workers)
    corpus, stats = result.corpus, result.stats
    titles = {post.title for person in corpus.people for post in person.posts}
    events = sum(1 for e in corpus.extractions if e.event)
    say(f"files {len(files)}, articles {len(corpus.articles)}, people {len(corpus.people)}, "
        f"titles {len(titles)}, organisations {len(corpus.organizations)}, places {len(corpus.places)}, "
        f"events {events}, triples {written.triples}")
    if stats.extracted < stats.files:
        say(f"extracted {stats.extracted} of {len(files)} files again, the others from {cache}")
    if corpus.home:
        say(f"home jurisdiction: {corpus.home} (区 and 县 in short names refer to it)")
    say(f"wrote {ttl} and {html}")
    if written.min_weight > 1:
        say(f"{html.name} draws the links of {written.min_weight} or more shared events, to stay quick in a "
            f"browser; all of them: kgraph render {ttl} --min-weight 1")


def _complete_query(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of QUERY: the named queries, and files."""
    from click.shell_completion import CompletionItem

    from kgraph.rdf.named_queries import named_queries

    names = [CompletionItem(q.name) for q in named_queries() if q.name.startswith(incomplete)]
    return names + [CompletionItem(incomplete, type="file")]


@kgraph_command()
@click.argument("args", nargs=-1, metavar="[GRAPH]... QUERY", shell_complete=_complete_query)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path),
              help="Read the query from a file (`-`: standard input); every argument is then a graph file.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries with their parameters.")
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True,
              help="table, csv, tsv, json (SPARQL results JSON; JSON-LD for graphs) or turtle (for graphs).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to a value (a Chinese string matches @zh literals); repeatable.")
@click.option("--engine", type=click.Choice(QUERY_ENGINES), default=QUERY_ENGINES[0], show_default=True,
              help="SPARQL engine: oxigraph (fast) or rdflib's own.")
@click.option("--endpoint", metavar="URL",
              help="Ask this SPARQL endpoint (kgraph serve, Fuseki, GraphDB ...) instead of reading graph files.")
@click.option("--timeout", type=click.FloatRange(0), default=DEFAULT_QUERY_TIMEOUT_S, show_default=True,
              metavar="SECONDS", help="Stop the query after this long (exit status 124); 0 for no limit.")
@output_option("File to write the answer to")
@allow_remote_option
@abort_on_signals("the query was stopped")
def query(args: tuple[str, ...], query_file: Path | None, list_queries: bool, fmt: str, params: tuple[str, ...],
          engine: str, endpoint: str | None, timeout: float, output: Path | None, allow_remote: bool) -> None:
    """Run SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE) or a named query over graph files or a SPARQL endpoint.

    QUERY is SPARQL text or the name of a query shipped with kgraph (see --list). GRAPH files may be Turtle,
    N-Triples, JSON-LD, TriG or N-Quads; without any (and without --endpoint), output/graph.ttl.

    Example: kgraph query who-works-with --param name=万玲玲
    """
    from kgraph.bounded import run_bounded
    from kgraph.rdf.named_queries import check_params, find_query, format_named_queries, named_queries
    from kgraph.rdf.offline import check_query
    from kgraph.rdf.query import answer_query
    from kgraph.rdf.results import format_result
    from kgraph.rdf.vocab import PREFIXES

    if list_queries:
        emit(format_named_queries(named_queries()), output)
        return
    if query_file is None and (not args or Path(args[-1]).is_file()):
        raise click.UsageError("give a query: SPARQL text, a named query (kgraph query --list) or -f FILE")
    if query_file is None:
        text, named = find_query(args[-1])
    elif query_file == STDOUT:
        text, named = sys.stdin.buffer.read().decode("utf-8"), None
    else:
        text, named = example_query_path(query_file).read_text(encoding="utf-8"), None
    given = [Path(a) for a in (args[:-1] if query_file is None else args)]
    bindings = _bindings(params)
    if named is not None:
        check_params(named, bindings)
    if endpoint is not None:
        if given:
            raise click.UsageError("give graph files or --endpoint, not both")
        from kgraph.rdf.endpoint import query_endpoint

        result = query_endpoint(endpoint, text, bindings=bindings, timeout=timeout or None)
        emit(format_result(result, fmt, prefixes=PREFIXES), output)
        return
    check_query(text, allow_remote=allow_remote)  # before loading a large graph for nothing
    work = functools.partial(answer_query, graph_paths(given), text, engine=engine, bindings=bindings,
                             fmt=fmt, allow_remote=allow_remote)
    emit(run_bounded(work, timeout=timeout or None, what="the query"), output)


def _bindings(params: tuple[str, ...]) -> dict[str, str]:
    bindings = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name:
            raise click.UsageError(f"--param wants NAME=VALUE, got {param!r}")
        bindings[name] = value
    return bindings


@kgraph_command()
@graphs_argument
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True,
              help="Port on 127.0.0.1 to listen on.")
@click.option("--location", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the store in this folder, to serve it again later without GRAPH (default: temporary).")
@click.option("--writable", is_flag=True,
              help="Open the update and store endpoints to writes (any local program or web page could write).")
def serve(graph_files: tuple[Path, ...], port: int, location: Path | None, writable: bool) -> None:
    """Serve graph files as a SPARQL endpoint on this machine with the Oxigraph server, until Ctrl-C.

    Needs kgraph-news[server]. Without GRAPH, output/graph.ttl, or with --location the store already in that
    folder. Read-only unless --writable. Queries see all graphs. Query it with kgraph query --endpoint; with
    --writable, add to it with kgraph push.

    Example: kgraph serve output/graph.ttl --port 7878
    """
    from kgraph.rdf.server import count_triples, sigterm_as_interrupt, start_server

    files = graph_paths(graph_files) if graph_files or location is None or not location.is_dir() else []
    with sigterm_as_interrupt():
        try:
            with start_server(files, port=port, location=location, writable=writable) as server:
                what = ", ".join(map(str, graph_files or files)) or str(location)
                say(f"serving {what}: {count_triples(server)} triples")
                if writable:
                    say("writable: any program or web page that reaches this port can change the store")
                    click.echo(f"query:  {server.query_url}\nupdate: {server.update_url}\nstore:  {server.store_url}")
                else:
                    say("read-only: updates and pushes are refused (--writable to allow them)")
                    click.echo(f"query:  {server.query_url}\nstore:  {server.store_url} (read)")
                say("Ctrl-C stops the server.")
                status = server.wait()
                complaint = server.complaint()
        except KeyboardInterrupt:
            say("stopped", err=True)
            return
    raise click.ClickException(f"the oxigraph server stopped (status {status}){': ' + complaint if complaint else ''}")


@kgraph_command()
@click.argument("args", nargs=-1, required=True, metavar="[GRAPH] URL")
@click.option("--graph", "graph_iri", metavar="IRI", help="Write into this named graph instead of the default graph.")
@click.option("--replace/--append", default=True, show_default=True,
              help="Replace the graph's content (HTTP PUT) or add to it (POST).")
def push(args: tuple[str, ...], graph_iri: str | None, replace: bool) -> None:
    """Send a graph file to a SPARQL store over the Graph Store Protocol (Oxigraph, Fuseki, GraphDB ...).

    Without GRAPH, output/graph.ttl. URL is the store's Graph Store Protocol address:
    http://HOST:7878/store for kgraph serve and Oxigraph, http://HOST:3030/DATASET/data for Fuseki,
    http://HOST:7200/repositories/REPO/rdf-graphs/service for GraphDB. TriG and N-Quads files name their own graphs
    and go to URL itself.

    Example: kgraph push output/graph.ttl http://localhost:3030/news/data --graph https://example.org/news
    """
    from kgraph.rdf.endpoint import push_graph, redact_url

    if len(args) > 2:
        raise click.UsageError("give at most one GRAPH file and the URL")
    *given, url = args
    graph_file = graph_paths([Path(g) for g in given])[0]
    done = push_graph(graph_file, url, graph=graph_iri, replace=replace)
    into = f"the graph <{graph_iri}>" if graph_iri else "the store" if done.target == url else "the default graph"
    say(f"{'replaced' if replace else 'added to'} {into} at {redact_url(url)} with {given[0] if given else graph_file} "
        f"({done.size} bytes)")


@kgraph_command()
@graphs_argument
@click.option("--shapes", type=click.Path(path_type=Path),
              help="SHACL shapes to use instead of kgraph's own (`-`: standard input).")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="Show at most this many problems.")
@allow_remote_option
@click.option("--sample", type=click.IntRange(1), default=2000, show_default=True, metavar="NODES",
              help="Check a seeded random sample of this many nodes when the graph has more (large graphs).")
@click.option("--all", "check_all", is_flag=True, help="Check every node, however long it takes.")
def validate(graph_files: tuple[Path, ...], shapes: Path | None, limit: int, allow_remote: bool, sample: int,
             check_all: bool) -> None:
    """Check graph files against the RDF contract (kgraph's SHACL shapes).

    Exit status 1 when a rule is broken (the graph does not conform), 2 when a file is not there. Violations break
    the contract; warnings are what it expects beyond (tags, provenance). Without GRAPH, output/graph.ttl. A graph of
    more than --sample nodes is checked on a sample, and says so (--all: every node).

    Example: kgraph validate output/graph.ttl
    """
    from kgraph.rdf.read import read_graph
    from kgraph.rdf.validate import format_report, read_shapes, sample_nodes, summarize, validate_graph

    files = graph_paths(graph_files)
    shapes_file = input_path(shapes, what="shapes file") if shapes is not None else None
    graph = read_graph(files, allow_remote=allow_remote)
    sampled = None if check_all else sample_nodes(graph, sample)
    scope = f" (in a sample of {sample:,} of {sampled[1]:,} nodes; --all checks every node)" if sampled else ""
    if sampled:
        say(f"checking a sample of {sample:,} of the {sampled[1]:,} nodes of {len(graph):,} triples", err=True)
    with _Heartbeat("validating"):
        report = validate_graph(graph, shapes=read_shapes(shapes_file, allow_remote=allow_remote),
                                allow_remote=allow_remote, focus=sampled[0] if sampled else None)
    if report.problems:
        click.echo(format_report(report, prefixes=dict(graph.namespaces()), limit=limit))
    names = ", ".join(str(f) for f in graph_files or files)
    if not report.conforms:
        raise click.ClickException(f"{names} does not conform: {summarize(report)}{scope}")
    say(f"{names} conforms: {summarize(report)}{scope}")


@kgraph_command()
@graphs_argument
@click.option("--format", "fmt", type=click.Choice([*EXPORT_FORMATS, *EXPORT_ALIASES], case_sensitive=False),
              required=True,
              help="graphml, gexf, json (node-link) or csv (Neo4j) for the people network; jsonld or nt for RDF.")
@output_option("File to write (a folder for csv); default: GRAPH with the format's suffix")
@click.option("--orgs/--no-orgs", default=False, help="Add organisations, linked to their people.")
@click.option("--places/--no-places", default=False, help="Add places, linked to the people of their events.")
@allow_remote_option
def export(graph_files: tuple[Path, ...], fmt: str, output: Path | None, orgs: bool, places: bool,
           allow_remote: bool) -> None:
    """Write a graph for Gephi, Cytoscape, networkx, Neo4j or any RDF store. Without GRAPH, output/graph.ttl.

    Example: kgraph export output/graph.ttl --format graphml -o people.graphml
    """
    from kgraph.export import export_graph, find_format
    from kgraph.rdf.read import read_graph

    found = find_format(fmt)
    if output == STDOUT and not found.suffix:
        raise click.UsageError(f"--format {found.name} writes a folder of files, not one stream: give -o FOLDER")
    files = graph_paths(graph_files)
    named = Path(graph_files[0]) if graph_files and graph_files[0] != STDOUT else files[0]
    if output is None and graph_files[:1] == (STDOUT,):
        raise click.UsageError("GRAPH is standard input: give -o FILE (or -o - for standard output)")
    target = output_path(output) or named.with_name(named.stem + (found.suffix or "-neo4j"))
    graph = read_graph(files, allow_remote=allow_remote)
    done = export_graph(graph, found.name, target, include_orgs=orgs, include_places=places)
    what = f"{done.triples} triples" if found.takes == "rdf" else f"{done.nodes} nodes, {done.edges} edges"
    say(f"wrote {'standard output' if output == STDOUT else target}: {what}", err=output == STDOUT)


@kgraph_command()
@graphs_argument
@output_option("HTML file to write; default: GRAPH with .html")
@click.option("--orgs/--no-orgs", default=False, help="Show the organisation layer when the page opens.")
@click.option("--places/--no-places", default=False, help="Show the place layer when the page opens.")
@click.option("--focus", metavar="NAME", help="Draw only this person and the people around them.")
@click.option("--depth", type=click.IntRange(0), default=1, show_default=True, help="How many links from --focus.")
@click.option("--min-weight", type=click.IntRange(1), default=1, show_default=True,
              help="Leave out links of fewer shared events (and people left with no link).")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path),
              help="Draw a PNG picture (kgraph-news[pictures]; `-`: standard output).")
@click.option("--svg", type=click.Path(dir_okay=False, path_type=Path),
              help="Draw an SVG picture (kgraph-news[pictures]; `-`: standard output).")
@allow_remote_option
def render(graph_files: tuple[Path, ...], output: Path | None, orgs: bool, places: bool, focus: str | None,
           depth: int, min_weight: int, png: Path | None, svg: Path | None, allow_remote: bool) -> None:
    """Draw the who-works-with-whom network of graph files as one offline HTML page, or as pictures.

    Without GRAPH, output/graph.ttl. With --png or --svg and no -o, only the pictures are written.

    Example: kgraph render output/graph.ttl --focus 万玲玲 --depth 2 -o wan.html
    """
    from kgraph.network import build_network, select_network
    from kgraph.picture import write_picture
    from kgraph.rdf.read import read_graph
    from kgraph.render import write_html

    files = graph_paths(graph_files)
    named = Path(graph_files[0]) if graph_files and graph_files[0] != STDOUT else files[0]
    if [p for p in (output, png, svg) if p == STDOUT][1:]:
        raise click.UsageError("only one of -o, --png and --svg can be standard output")
    graph = read_graph(files, allow_remote=allow_remote)
    net = select_network(build_network(graph, include_orgs=True, include_places=True), focus=focus, depth=depth,
                         min_weight=min_weight)
    title = f"{named.stem} · {focus}" if focus else named.stem
    targets = [(write_picture, path) for path in (png, svg) if path]
    if output or not targets:
        if output is None and graph_files[:1] == (STDOUT,):
            raise click.UsageError("GRAPH is standard input: give -o FILE (or -o - for standard output)")
        targets.insert(0, (write_html, output or named.with_suffix(".html")))
    for write, path in targets:
        write(net, output_path(path), title=title, show_orgs=orgs, show_places=places)
    people = sum(1 for _, kind in net.nodes(data="kind") if kind == "person")
    links = sum(1 for _, _, kind in net.edges(data="kind") if kind == "works_with")
    say(f"wrote {', '.join(str(path) for _, path in targets)}: {people} people, {links} links",
        err=STDOUT in (output, png, svg))


@kgraph_command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
@output_option("File to write to")
def articles(files: tuple[Path, ...], as_json: bool, output: Path | None) -> None:
    """Show how files were read: each article's headline, date, bylines and first words.

    `-` reads a page from standard input.

    Example: kgraph articles seeds/000_c7a8d9aedf48108c.txt
    """
    from kgraph.files import collect_files
    from kgraph.pipeline import read_articles
    from kgraph.text import read_pages

    paths = [input_path(path, suffix=".txt") if path == STDOUT else path for path in files]
    found = read_articles(read_pages(collect_files(paths)))
    if as_json:
        rows = [{"source": a.source, "index": a.index, "headline": a.headline, "subheadline": a.subheadline,
                 "date": a.date, "bylines": [{"name": b.name, "role": b.role.value} for b in a.bylines],
                 "start": a.start, "end": a.end, "body": a.body} for a in found]
        emit(json.dumps(rows, ensure_ascii=False, indent=1), output)
        return
    lines = []
    for a in found:
        byline = "、".join(f"{b.name}({b.role.value})" for b in a.bylines) or "-"
        lines.append(f"{a.source} #{a.index} [{a.start}:{a.end}] {a.date or '-'} | {a.headline}"
                     + (f" | {a.subheadline}" if a.subheadline else ""))
        lines.append(f"    by {byline}: {a.body[:60].replace(chr(10), ' ')}…")
    emit("\n".join(lines), output)


@kgraph_command()
@graphs_argument
@click.option("--merges", is_flag=True, help="Show the spelling variants merged into one person, and why.")
@click.option("--homonyms", is_flag=True, help="Show the names read as several people, and why.")
@json_option
@output_option("File to write to")
@allow_remote_option
def people(graph_files: tuple[Path, ...], merges: bool, homonyms: bool, as_json: bool, output: Path | None,
           allow_remote: bool) -> None:
    """List the people of graph files: role, titles, events, other spellings. Without GRAPH, output/graph.ttl.

    Example: kgraph people output/graph.ttl --merges
    """
    from kgraph.profile import format_splits, list_merges, list_people, list_splits
    from kgraph.rdf.read import read_graph

    graph = read_graph(graph_paths(graph_files), allow_remote=allow_remote)
    if homonyms:
        splits = list_splits(graph)
        emit(_json([dataclasses.asdict(split) for split in splits]) if as_json else format_splits(splits), output)
        return
    rows = list_merges(graph) if merges else list_people(graph)
    if as_json:
        emit(_json(rows), output)
    elif merges:
        emit("\n".join([*(f"{row['variant']} -> {row['kept']}: {row['reasons']}" for row in rows),
                        f"({len(rows)} merges)"]), output)
    else:
        emit("\n".join([*(f"{row['name']}\t{row['role']}\ttitles {row['titles']}\tevents {row['events']}"
                          + (f"  (also {row['aliases']})" if row["aliases"] else "") for row in rows),
                        f"({len(rows)} people)"]), output)


@kgraph_command()
@click.argument("args", nargs=-1, required=True, metavar="[GRAPH]... NAME")
@click.option("--top", default=10, show_default=True, help="How many co-workers to list.")
@json_option
@output_option("File to write to")
@allow_remote_option
def person(args: tuple[str, ...], top: int, as_json: bool, output: Path | None, allow_remote: bool) -> None:
    """Profile of one person: titles held (with dates and evidence), events, who they work with most.

    Without GRAPH, output/graph.ttl.

    Example: kgraph person output/graph.ttl 万玲玲
    """
    from kgraph.profile import format_profile, person_profiles
    from kgraph.rdf.read import read_graph

    *given, name = args
    graph = read_graph(graph_paths([Path(g) for g in given]), allow_remote=allow_remote)
    profiles = person_profiles(graph, name)
    if as_json:
        emit(_json([profile_json(profile, top=top) for profile in profiles]), output)
    else:
        emit("\n\n".join(format_profile(profile, top=top) for profile in profiles), output)


def profile_json(profile: Any, *, top: int) -> dict[str, Any]:
    """A person's profile with named fields, for `kgraph person --json`."""
    return {
        "name": profile.name, "role": profile.role, "locale": profile.locale, "aliases": list(profile.aliases),
        "career": [dict(zip(("title", "organisation", "place", "first", "last", "articles"), row, strict=True))
                   for row in profile.career],
        "titles": [dict(zip(("title", "organisation", "date", "headline", "source"), row, strict=True))
                   for row in profile.titles],
        "events": [dict(zip(("date", "type", "part", "headline"), row, strict=True)) for row in profile.events],
        "works_with": [{"name": name, "events": count} for name, count in profile.partners[:top]],
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


def main() -> None:
    """The `kgraph` command. Whatever it leaves is frozen out of the cycle collector as it ends: the interpreter's
    last collections would otherwise walk every object of every module once more before the process frees them
    all (0.1 s of CPU, an eighth of a one-page build)."""
    try:
        cli()
    finally:
        gc.freeze()
