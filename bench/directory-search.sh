#!/usr/bin/env bash
# Directory search latency, in process and over HTTP, on SQLite and PostgreSQL: a directory of SERVICES synthetic
# services; each search is a need + 5 km around a random postcode of the demo area + open on Tuesday at 11:00 (a fixed
# "open at" rather than the clock's "open now", so every run asks the same); one search at a time; REQUESTS searches
# after 200 warm-up ones (the JIT's second tier and the connection pool settled); median of RUNS runs of the median and of the p95.
# Usage: bash bench/directory-search.sh [SERVICES=50000] [RUNS=3] [REQUESTS=500]   (PROVIDERS="Postgres" for one provider)
set -euo pipefail
cd "$(dirname "$0")/.."
SERVICES=${1:-50000}
RUNS=${2:-3}
REQUESTS=${3:-500}
source bench/common.sh
source bench/postgres.sh
psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE bench" >/dev/null
export ASPNETCORE_ENVIRONMENT=Benchmark Logging__LogLevel__Default=Warning Upcare__DataDirectory="$work/data"

for provider in ${PROVIDERS:-Sqlite Postgres}; do
  if [ $provider = Postgres ]; then
    export Database__Provider=Postgres ConnectionStrings__Upcare="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres"
  else
    export Database__Provider=Sqlite ConnectionStrings__Upcare=""
  fi
  echo "$provider: seeding $SERVICES services…"
  $app seed --services "$SERVICES" --seed 42 | tail -1
  for mode in inprocess http; do
    medians=(); p95s=()
    for i in $(seq "$RUNS"); do
      if [ $mode = http ]; then
        hport=$(free_port)
        $app --urls "http://127.0.0.1:$hport" >"$work/app.log" 2>&1 &
        app_pid=$!
        for _ in $(seq 240); do curl -sf "http://127.0.0.1:$hport/health" >/dev/null 2>&1 && break; sleep 0.5; done
        line=$($bench directory-http "http://127.0.0.1:$hport" "$REQUESTS")
        kill $app_pid; wait $app_pid 2>/dev/null || true; app_pid=""
      else
        line=$($bench directory-inprocess "$REQUESTS")
      fi
      echo "  $mode run $i: $line"
      medians+=("$(grep -Eo 'median_ms=[0-9.]+' <<<"$line" | cut -d= -f2)")
      p95s+=("$(grep -Eo 'p95_ms=[0-9.]+' <<<"$line" | cut -d= -f2)")
    done
    echo "$provider $mode: median $(printf '%s\n' "${medians[@]}" | median) ms, p95 $(printf '%s\n' "${p95s[@]}" | median) ms"
  done
done
