"""Figures: architecture diagrams and lineage trees (graphviz), charts (matplotlib). Lands next."""
