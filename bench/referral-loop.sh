#!/usr/bin/env bash
# The social prescribing loop over HTTP on PostgreSQL: REFERRALS referrals, CONCURRENCY at once, each going through
# eight state changes by three users (refer, take on, contact, send, accept, start, complete, discharge) through the
# JSON API, with every access audited. Reports referrals completed a second, state changes a second, and the median
# and p95 of each step; RUNS runs, each on people never referred before. The load generator runs on the same machine,
# sending what a load balancer would (plain HTTP, X-Forwarded-Proto: https).
# Usage: bash bench/referral-loop.sh [REFERRALS=10000] [CONCURRENCY=32] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
REFERRALS=${1:-10000}
CONCURRENCY=${2:-32}
RUNS=${3:-3}
source bench/common.sh
PG_OPTIONS="-c max_connections=200" source bench/postgres.sh
psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE bench" >/dev/null
export Database__Provider=Postgres ConnectionStrings__Upcare="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres;Maximum Pool Size=100${PG_CONNECTION_EXTRA:-}"
export ASPNETCORE_ENVIRONMENT=Benchmark ASPNETCORE_FORWARDEDHEADERS_ENABLED=true Logging__LogLevel__Default=Warning Upcare__DataDirectory="$work/data"
# The load generator signs in its few users from one address.
export Upcare__SignIn__AttemptsPerMinute=100000

people=$(( REFERRALS * RUNS + 1000 ))
echo "Seeding $people people and 300 services…"
$app seed --people "$people" --services 300 --seed 42 | tail -2
rates=(); changes=()
for i in $(seq "$RUNS"); do
  hport=$(free_port)
  $app --urls "http://127.0.0.1:$hport" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 240); do curl -sf "http://127.0.0.1:$hport/health" >/dev/null 2>&1 && break; sleep 0.5; done
  $bench referral-loop "http://127.0.0.1:$hport" "$REFERRALS" "$CONCURRENCY" | tee "$work/run$i"
  kill $app_pid; wait $app_pid 2>/dev/null || true; app_pid=""
  rates+=("$(grep -Eo 'referrals_per_s=[0-9.]+' "$work/run$i" | cut -d= -f2)")
  changes+=("$(grep -Eo 'state_changes_per_s=[0-9.]+' "$work/run$i" | cut -d= -f2)")
done
echo
echo "Referral loop, PostgreSQL, $REFERRALS referrals x $RUNS runs, $CONCURRENCY concurrent, $(nproc) cores:"
echo "  referrals completed: $(printf '%s\n' "${rates[@]}" | median) a second (median of runs)"
echo "  state changes:       $(printf '%s\n' "${changes[@]}" | median) a second (median of runs)"
for step in refer take-on contact send accept start complete discharge; do
  p95s=$(for i in $(seq "$RUNS"); do grep -E "^step=$step " "$work/run$i" | grep -Eo 'p95_ms=[0-9.]+' | cut -d= -f2; done | median)
  medians=$(for i in $(seq "$RUNS"); do grep -E "^step=$step " "$work/run$i" | grep -Eo 'median_ms=[0-9.]+' | cut -d= -f2; done | median)
  echo "  $step: median ${medians} ms, p95 ${p95s} ms"
done
