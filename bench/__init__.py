"""Benchmarks: seed national-scale volumes into PostgreSQL and measure the API under load."""
