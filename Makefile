.PHONY: run test openapi bench bench-meetings lock

# Set up and run the service on SQLite with the demo loaded (http://127.0.0.1:8000/docs).
run:
	bash scripts/run.sh

# Set up and run every test (what CI runs).
test:
	bash scripts/test.sh

# Regenerate the hashed lock files (requirements/app.txt, requirements/test.txt) from
# pyproject.toml; scripts/venv.sh refuses a lock older than pyproject.toml's dependencies.
lock:
	bash scripts/lock.sh

# Export the API contract to openapi/openapi.json.
openapi:
	bash scripts/venv.sh && .venv/bin/python -m api.export_openapi

# National-scale referrals benchmark on the local PostgreSQL (about 10 minutes); figures go to
# bench/results/. Needs wrk, installed from Debian's packages when missing.
bench:
	bash scripts/venv.sh test && bash scripts/postgres.sh
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	.venv/bin/python bench/referrals.py

# Meeting-cycle benchmark (agenda, minutes, meeting list) on the national dataset plus a year of
# meetings for 50 panels; BENCH_ARGS="--referrals 100000" for a smaller scale, "--quick" to
# check it works. Figures go to bench/results/meetings-latest.md (a smaller scale: meetings-N-latest.md).
bench-meetings:
	bash scripts/venv.sh test && bash scripts/postgres.sh
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	.venv/bin/python bench/meetings.py $(BENCH_ARGS)
