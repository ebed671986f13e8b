#!/usr/bin/env bash
# Sets up and runs every test: domain purity, the domain's coverage, both databases, the contract.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh test
bash scripts/postgres.sh
export MARAC_TEST_PG_URL="${MARAC_TEST_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}"
echo "== import contracts (domain/ stays pure)"
.venv/bin/lint-imports
echo "== lint"
.venv/bin/ruff check .
echo "== tests (SQLite and PostgreSQL), with 100% branch coverage of domain/"
.venv/bin/pytest -p no:cacheprovider --cov=domain --cov-branch --cov-report=term-missing \
    --cov-fail-under=100 "$@"
