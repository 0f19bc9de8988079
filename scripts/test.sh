#!/usr/bin/env bash
# npm test after the Debian tools: the static checks (scripts/static-checks.sh: both typechecks and
# the import boundaries) run beside jest rather than before it. jest leaves about an eighth of two
# cores idle while its suites wait on promtool, workerd and chromium, and the checks fill that
# instead of holding jest back by ~25 s. Their output is printed after jest's; either failing fails
# the run. Arguments go to jest.
set -uo pipefail
cd "$(dirname "$0")/.."
checks=$(mktemp)
trap 'rm -f "$checks"' EXIT
bash scripts/static-checks.sh >"$checks" 2>&1 &
pid=$!
npx jest "$@"
jest_status=$?
wait "$pid"
checks_status=$?
cat "$checks"
[ "$checks_status" -eq 0 ] || echo "npm test: the static checks failed (above)" >&2
[ "$jest_status" -eq 0 ] && [ "$checks_status" -eq 0 ]
