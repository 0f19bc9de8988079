#!/usr/bin/env bash
# npm test's checks before jest, side by side: the project's typecheck (one core for ~25 s), the
# status page Worker's and the import boundaries. Each one's output is printed whole, in this order,
# once all have ended; the script fails if any of them failed.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
names=(project worker boundaries)
node node_modules/typescript/bin/tsc --noEmit -p . >"$out/project" 2>&1 & pids=($!)
node node_modules/typescript/bin/tsc --noEmit -p statuspage/worker >"$out/worker" 2>&1 & pids+=($!)
node node_modules/dependency-cruiser/bin/dependency-cruise.mjs --config .dependency-cruiser.js --output-type err . >"$out/boundaries" 2>&1 & pids+=($!)
status=0
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}"; then cat "$out/${names[$i]}"; else echo "${names[$i]} check failed:" >&2; cat "$out/${names[$i]}" >&2; status=1; fi
done
exit $status
