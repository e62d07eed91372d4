"""RDF side of kgraph: the vocabulary, building the graph, and querying it with SPARQL."""
