"""One error base, so the CLI can turn any expected failure into a single line for the user."""


class KgraphError(Exception):
    """An expected failure: bad input, a bad query, a missing file. The message is shown to the user as is."""


class InputError(KgraphError):
    """An input path or file that cannot be read as article text."""


class EmptyInputError(InputError):
    """Input that holds no article: a build of it would be an empty graph."""


class LexiconError(InputError):
    """A lexicon file with a line kgraph cannot use (`--lexicon DIR`)."""


class OutputError(KgraphError):
    """An output that cannot be written (a full disk, a folder in the way, no permission)."""


class QueryError(KgraphError):
    """A SPARQL query that cannot be parsed or run."""


class TimedOut(QueryError):
    """Work that took longer than its time limit and was stopped (`kgraph query --timeout`)."""


class GraphError(KgraphError):
    """A graph file that is missing or cannot be parsed."""


class ValidationError(KgraphError):
    """A graph that cannot be checked against SHACL shapes (the shapes themselves are broken)."""


class SchedulerError(KgraphError):
    """A dask scheduler that cannot be reached or used (`kgraph build --scheduler`), or dask not installed."""


class EndpointError(KgraphError):
    """A SPARQL endpoint or graph store that cannot be reached, refuses a request or answers what kgraph cannot read."""


class ServerError(KgraphError):
    """The Oxigraph server (`kgraph serve`) that is not installed, cannot load the graph or cannot start."""
