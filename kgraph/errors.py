"""One error base, so the CLI can turn any expected failure into a single line for the user."""


class KgraphError(Exception):
    """An expected failure: bad input, a bad query, a missing file. The message is shown to the user as is."""


class InputError(KgraphError):
    """An input path or file that cannot be read as article text."""


class QueryError(KgraphError):
    """A SPARQL query that cannot be parsed or run."""


class GraphError(KgraphError):
    """A graph file that is missing or cannot be parsed."""


class ValidationError(KgraphError):
    """A graph that cannot be checked against SHACL shapes (the shapes themselves are broken)."""
