#!/usr/bin/env bash
# The Debian tools the test suite runs for real (npm test calls this first, and so does .ci/run):
# promtool and prometheus (rule checks, rule unit tests), amtool and alertmanager, the blackbox
# exporter, chromium (headless screenshots of the status page and report) and sqlite3 (the status
# page tests corrupt the Durable Object's stored values in its SQLite file). Missing ones are
# installed when this runs as root with apt; otherwise it stops at once with the exact command.
set -euo pipefail

# command -> Debian package
tools=(promtool:prometheus prometheus:prometheus amtool:prometheus-alertmanager prometheus-alertmanager:prometheus-alertmanager prometheus-blackbox-exporter:prometheus-blackbox-exporter chromium:chromium sqlite3:sqlite3)
need=()
for t in "${tools[@]}"; do
  cmd=${t%%:*} pkg=${t#*:}
  if ! command -v "$cmd" >/dev/null 2>&1 && [[ " ${need[*]-} " != *" $pkg "* ]]; then need+=("$pkg"); fi
done
[ ${#need[@]} -eq 0 ] && exit 0

install="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${need[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages the tests need: ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  exit 0
fi
echo "the tests need Debian packages that are missing: ${need[*]}" >&2
echo "install them with (as root):" >&2
echo "  $install" >&2
exit 1
