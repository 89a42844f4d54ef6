#!/usr/bin/env bash
# What auditing costs: requests a second of a person's page (GET /people/{id}, signed in as a clinician) with the
# audit write on, and with it skipped, on PostgreSQL. Median of RUNS runs of DURATION seconds each.
# Usage: bash bench/person-page.sh [RUNS=3] [DURATION=15] [CONCURRENCY=32] [PEOPLE=10000] [WARMUP=20]
# (WARMUP seconds before each run: the JIT tiers up over the first thousands of requests.)
# The app runs in the "Benchmark" environment (the only one where Upcare:Audit:SkipWritesForBenchmark is honoured),
# behind what a load balancer sends: HTTP with X-Forwarded-Proto: https. The load generator runs on the same machine.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
DURATION=${2:-15}
WARMUP=${5:-20}
CONCURRENCY=${3:-32}
PEOPLE=${4:-10000}
source bench/common.sh
PG_OPTIONS="-c max_connections=200" source bench/postgres.sh
psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE bench" >/dev/null
export Database__Provider=Postgres
export ConnectionStrings__Upcare="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres;Maximum Pool Size=100"
export ASPNETCORE_ENVIRONMENT=Benchmark ASPNETCORE_FORWARDEDHEADERS_ENABLED=true
export Upcare__Demo=true Upcare__DemoPeople=$PEOPLE Upcare__DemoPassword=bench-demo-password
export Logging__LogLevel__Default=Warning

start_app() { # $1 = skip audit writes (true/false)
  hport=$(free_port)
  Upcare__Audit__SkipWritesForBenchmark=$1 $app --urls "http://127.0.0.1:$hport" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$hport/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "app did not start"; cat "$work/app.log"; exit 1
}
stop_app() { kill $app_pid; wait $app_pid 2>/dev/null || true; app_pid=""; }

echo "Seeding $PEOPLE people and the demo accounts into PostgreSQL…"
start_app false; stop_app
psql -h 127.0.0.1 -p "$port" -U postgres -d bench -Atc \
  "SELECT p.\"Id\" FROM \"People\" p JOIN \"Organisations\" o ON o.\"Id\" = p.\"GpPracticeId\" WHERE o.\"Code\" = 'A99901' ORDER BY p.\"NhsNumber\" LIMIT 500" >"$work/ids"
echo "$(wc -l <"$work/ids") person pages to go round"

declare -A result
for mode in on off; do
  skip=false; [ $mode = off ] && skip=true
  start_app $skip
  rps=()
  for i in $(seq "$RUNS"); do
    line=$($bench "http://127.0.0.1:$hport" clinician@demo.upcare.test bench-demo-password "$work/ids" "$DURATION" "$CONCURRENCY" "$WARMUP")
    echo "audit $mode, run $i: $line"
    rps+=("$(grep -Eo 'rps=[0-9]+' <<<"$line" | cut -d= -f2)")
  done
  stop_app
  result[$mode]=$(printf '%s\n' "${rps[@]}" | median)
done
entries=$(psql -h 127.0.0.1 -p "$port" -U postgres -d bench -Atc 'SELECT count(*) FROM "AuditEntries"')
echo
echo "Person page, PostgreSQL, $CONCURRENCY concurrent, median of $RUNS x ${DURATION}s on $(nproc) cores:"
echo "  with the audit write:    ${result[on]} requests/s"
echo "  without the audit write: ${result[off]} requests/s"
echo "  audit entries written:   $entries"
