"""HTML input: parse (`dom`), prune page chrome (`prune`), extract the article text (`extract`)."""
