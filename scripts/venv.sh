#!/usr/bin/env bash
# Creates .venv if needed and installs the locked dependency set (with test tools when $1 is
# "test") from requirements/*.txt with --require-hashes, then the project itself with --no-deps.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed")'
lock="requirements/app.txt"
[ "${1:-}" = "test" ] && lock="requirements/test.txt"
recorded="$(sed -n 's/^# lock-inputs-sha256: //p' "$lock" 2>/dev/null || true)"
current="$("$PYTHON" scripts/lock_inputs.py)"
if [ "$recorded" != "$current" ]; then
    echo "$lock is stale: pyproject.toml's dependencies changed since it was made." >&2
    echo "Run \`make lock\` and commit requirements/." >&2
    exit 1
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
stamp=".venv/.installed-$(basename "$lock" .txt)"
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    pip=(.venv/bin/python -m pip --quiet --disable-pip-version-check)
    "${pip[@]}" install --require-hashes --no-deps -r "$lock"
    "${pip[@]}" install --no-deps -e .
    touch "$stamp"
fi
