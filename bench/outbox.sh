#!/usr/bin/env bash
# Outbox sender throughput on PostgreSQL: MESSAGES emails queued, one to each of MESSAGES seeded people, sent with the
# app's sender through GOV.UK Notify's official client to the local Notify-shaped server (tests/Upcare.TestDoubles,
# in the load generator's process, so it shares the 2 cores); each message claimed, sent and recorded; RUNS runs.
# Usage: bash bench/outbox.sh [MESSAGES=5000] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES=${1:-5000}
RUNS=${2:-3}
source bench/common.sh
source bench/postgres.sh
psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE bench" >/dev/null
export ASPNETCORE_ENVIRONMENT=Benchmark Logging__LogLevel__Default=Warning Upcare__DataDirectory="$work/data"
export Database__Provider=Postgres ConnectionStrings__Upcare="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres"
echo "Seeding $MESSAGES people…"
$app seed --people "$MESSAGES" --services 10 --seed 42 | tail -1
rates=()
for i in $(seq "$RUNS"); do
  $bench outbox "$MESSAGES" | tee "$work/run$i"
  rates+=("$(grep -o 'per_second=[0-9]*' "$work/run$i" | cut -d= -f2)")
done
echo "median messages a second: $(printf '%s\n' "${rates[@]}" | median) (runs: ${rates[*]})"
