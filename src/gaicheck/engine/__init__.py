"""The evaluation engine: pure functions from a declaration and a catalog to findings."""
