#!/usr/bin/env bash
# Runs every Upcare test: unit, integration on SQLite and on a real PostgreSQL server, and browser tests
# in Debian's Chromium. Installs what a fresh Debian machine lacks, or says exactly what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
pg_found=""
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && pg_found="$d"
done
[ -n "$pg_found" ] || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v npm >/dev/null || need_apt+=(nodejs npm)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "Missing: ${need_apt[*]}. Install them with: sudo apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
fi
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is missing: see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2; exit 1; }

# Front-end packages (nhsuk-frontend for the app, axe-core for the browser tests) from the lock file.
npm ci --no-audit --no-fund --loglevel=error

dotnet restore Upcare.slnx
dotnet build Upcare.slnx --no-restore -c Release

log=$(mktemp)
status=0
dotnet test Upcare.slnx --no-build -c Release 2>&1 | tee "$log" || status=$?

# One plain closing line for every test assembly together.
sum() { grep -Eo "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
