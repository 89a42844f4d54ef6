#!/usr/bin/env bash
# Measures what the foundation issue asks for, as the median of RUNS runs:
#   - seeding PEOPLE synthetic people into a fresh SQLite file and a fresh PostgreSQL database
#   - the app's start time (process start until /health answers 200) and its memory (RSS) after start
# Usage: bash bench/seed-and-start.sh [PEOPLE=100000] [RUNS=3]
# PostgreSQL runs from the installed binaries on a throwaway loopback port, as the tests do.
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${1:-100000}
RUNS=${2:-3}
source bench/common.sh
seconds_of() { grep -Eo 'in [0-9.]+ s' | grep -Eo '[0-9.]+'; }
# PostgreSQL: one server for the benchmark, a fresh database per run.
source bench/postgres.sh

sqlite_times=(); pg_times=()
for i in $(seq "$RUNS"); do
  t=$(Upcare__DataDirectory="$work/sqlite$i" ASPNETCORE_ENVIRONMENT=Production $app seed --people "$PEOPLE" --seed 42 | seconds_of)
  sqlite_times+=("$t"); echo "SQLite run $i: $t s"
  psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE bench$i" >/dev/null
  t=$(Database__Provider=Postgres ConnectionStrings__Upcare="Host=127.0.0.1;Port=$port;Database=bench$i;Username=postgres" \
      ASPNETCORE_ENVIRONMENT=Production $app seed --people "$PEOPLE" --seed 42 | seconds_of)
  pg_times+=("$t"); echo "PostgreSQL run $i: $t s"
done

# Start time and memory: the app on the seeded SQLite file from run 1 (migrations already applied).
start_times=(); rss=()
for i in $(seq "$RUNS"); do
  hport=$(free_port)
  begin=$(date +%s.%N)
  Upcare__DataDirectory="$work/sqlite1" ASPNETCORE_ENVIRONMENT=Production Upcare__PublicBaseUrl="http://127.0.0.1:$hport" Upcare__Audit__ChainKey="benchmark chain key, not a secret, 32+ chars" $app --urls "http://127.0.0.1:$hport" >"$work/app.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$hport/health" >/dev/null; do sleep 0.05; done
  end=$(date +%s.%N)
  sleep 2
  start_times+=("$(echo "$begin $end" | awk '{ printf "%.2f", $2 - $1 }')")
  rss+=("$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' /proc/$pid/status)")
  kill $pid; wait $pid 2>/dev/null || true
done

echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "Seed $PEOPLE people, SQLite:     median $(printf '%s\n' "${sqlite_times[@]}" | median) s  (runs: ${sqlite_times[*]})"
echo "Seed $PEOPLE people, PostgreSQL: median $(printf '%s\n' "${pg_times[@]}" | median) s  (runs: ${pg_times[*]})"
echo "Start to first healthy answer:   median $(printf '%s\n' "${start_times[@]}" | median) s  (runs: ${start_times[*]})"
echo "Memory (RSS) 2 s after start:    median $(printf '%s\n' "${rss[@]}" | median) MiB  (runs: ${rss[*]})"
