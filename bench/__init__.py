"""Benchmarks: `bench/run.py` (throughput and scale), `bench/describe_quality.py`."""
