"""What every feature shares: cursors, query-parameter checks, field types and access helpers.

Features import these from here, never from one another (an import-linter contract in
pyproject.toml keeps it so); this package imports no feature."""
