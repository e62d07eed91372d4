"""kgraph: a knowledge graph of people, titles, organisations and places from Chinese news."""

__version__ = "0.1.0"
