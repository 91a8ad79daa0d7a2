"""Benchmarks of docgen against the import floor and a peer tool (``make bench``)."""
