"""Benchmarks: `python -m bench` runs them all; figures go in bench/RESULTS.md."""
