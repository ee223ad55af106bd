"""Reproducible recipes that build factmark's bundled resources from the data beside the project."""
