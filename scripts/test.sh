#!/usr/bin/env bash
# Sets up and runs every test: import contracts, lint, types, the domain's coverage, both
# databases, the contract.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh test
bash scripts/postgres.sh
export MARAC_TEST_PG_URL="${MARAC_TEST_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}"
echo "== import contracts (domain/ stays pure; features share only api/common and models)"
.venv/bin/lint-imports
echo "== lint"
.venv/bin/ruff check .
echo "== types (mypy: strict on domain/, checked on api/; settings in pyproject.toml)"
.venv/bin/mypy
echo "== browser app: build (type check, 150 KB JavaScript budget), types match the contract, unit tests"
bash scripts/frontend.sh
(cd frontend && npm run --silent check-types-drift && npx vitest run)
echo "== browser app end to end: Debian's Chromium against the real API, axe on every screen"
if [ ! -x /usr/bin/chromium ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
(cd frontend && node e2e/run.mjs)
echo "== tests (SQLite and PostgreSQL), with 100% branch coverage of domain/"
# pytest-xdist: MARAC_TEST_WORKERS processes (2 by default: CI's cores; 0 runs in this process).
# Each worker makes its own uniquely named databases; pytest-cov combines the workers' coverage.
.venv/bin/pytest -p no:cacheprovider -n "${MARAC_TEST_WORKERS:-2}" --cov=domain --cov-branch \
    --cov-report=term-missing --cov-fail-under=100 "$@"
