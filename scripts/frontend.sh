#!/usr/bin/env bash
# Builds the browser app into frontend/dist only when needed: `npm ci` when package-lock.json
# changed since the last install, `npm run build` (type check, Vite, the 150 KB JavaScript
# budget) when a source file is newer than the last build.
set -euo pipefail
cd "$(dirname "$0")/../frontend"
if ! command -v npm >/dev/null; then
    echo "Node.js 20.19+ with npm is needed to build the browser app (frontend/)." >&2
    exit 1
fi
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.marac-lock 2>/dev/null)" != "$lock_sum" ]; then
    npm ci --no-audit --no-fund --loglevel=error
    echo "$lock_sum" > node_modules/.marac-lock
    rm -f dist/index.html
fi
if [ ! -f dist/index.html ] || [ -n "$(find src index.html vite.config.ts tsconfig.json \
        package-lock.json scripts -newer dist/index.html -print -quit)" ]; then
    npm run --silent build
fi
