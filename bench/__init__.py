"""Benchmarks: each module runs on its own (`python -m bench.NAME`) and prints ratios."""
