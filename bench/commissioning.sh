#!/usr/bin/env bash
# Commissioner pages at region scale (commissioning issue): seeds PEOPLE synthetic people with two years of
# personalised care and about ACTIVITY hospital activity records into PostgreSQL (binary COPY, `seed --activity`),
# starts the app in demo mode on it (demo accounts, synthetic IMD lookup), then times each commissioner page over
# HTTP, one request at a time, REQUESTS times after WARMUP, in RUNS fresh app starts. Prints each run's table.
# Usage: bash bench/commissioning.sh [PEOPLE=1000000] [ACTIVITY=5000000] [RUNS=3] [REQUESTS=7] [WARMUP=2]
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${1:-1000000}
ACTIVITY=${2:-5000000}
RUNS=${3:-3}
REQUESTS=${4:-7}
WARMUP=${5:-2}
source bench/common.sh
# PostgreSQL as a small dedicated server on SSD would run it: a sixth of memory for shared buffers, room to sort and
# hash, random reads costed as on SSD.
PG_OPTIONS="-c shared_buffers=4GB -c work_mem=64MB -c effective_cache_size=12GB -c random_page_cost=1.1" source bench/postgres.sh
psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE bench" >/dev/null
export Database__Provider=Postgres
export ConnectionStrings__Upcare="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres"
export ASPNETCORE_ENVIRONMENT=Benchmark ASPNETCORE_FORWARDEDHEADERS_ENABLED=true Upcare__DataDirectory="$work/data"
export Logging__LogLevel__Default=Warning

begin=$(date +%s)
$app seed --people "$PEOPLE" --activity "$ACTIVITY" --seed 42 | tail -1
echo "Seeded in $(( $(date +%s) - begin )) s; database $(psql -h 127.0.0.1 -p "$port" -U postgres -d bench -Atc "SELECT pg_size_pretty(pg_database_size('bench'))")"

for i in $(seq "$RUNS"); do
  hport=$(free_port)
  Upcare__Demo=true Upcare__DemoPassword=bench-demo-password $app --urls "http://127.0.0.1:$hport" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$hport/health" >/dev/null 2>&1 && break; sleep 0.5; done
  echo
  echo "Run $i"
  $bench commissioning "http://127.0.0.1:$hport" commissioner@demo.upcare.test bench-demo-password "$REQUESTS" "$WARMUP" || { cat "$work/app.log" | tail -40; exit 1; }
  kill $app_pid; wait $app_pid 2>/dev/null || true; app_pid=""
done
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
