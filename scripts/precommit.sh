#!/usr/bin/env bash
# Fast checks to run before a commit: format, lint, both typechecks.
set -e
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }
npx eslint .
npx tsc -p tsconfig.node.json --noEmit
npx tsc -p tsconfig.web.json --noEmit
echo "precommit: ok"
