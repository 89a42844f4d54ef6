#!/usr/bin/env bash
# The FHIR API at 100,000 people (FHIR issue): seeds PEOPLE people with two years of activity into PostgreSQL, registers
# two benchmark systems (a practice's system, a data platform allowed Bulk Data export) with a fresh key, then in RUNS
# fresh app starts measures Patient reads and searches a second (CONCURRENCY in flight for DURATION s after WARMUP s, going
# round 2,000 people registered at the practice) and a Bulk Data export of every type (resources a second).
# Usage: bash bench/fhir.sh [PEOPLE=100000] [RUNS=3] [DURATION=15] [CONCURRENCY=32] [WARMUP=10]
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${1:-100000}
RUNS=${2:-3}
DURATION=${3:-15}
CONCURRENCY=${4:-32}
WARMUP=${5:-10}
source bench/common.sh
PG_OPTIONS="-c shared_buffers=4GB -c work_mem=64MB -c effective_cache_size=12GB -c random_page_cost=1.1 -c max_connections=200" source bench/postgres.sh
psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE bench" >/dev/null
export Database__Provider=Postgres
export ConnectionStrings__Upcare="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres;Maximum Pool Size=100"
export ASPNETCORE_ENVIRONMENT=Benchmark Upcare__DataDirectory="$work/data" Logging__LogLevel__Default=Warning

$app seed --people "$PEOPLE" --activity $((PEOPLE * 5)) --seed 42 | tail -1
jwks=$($bench fhir-key "$work/bench-key.pem")
export Upcare__Fhir__Clients__0__ClientId=bench-practice Upcare__Fhir__Clients__0__Name="Benchmark practice system" \
  Upcare__Fhir__Clients__0__Role=Clinician Upcare__Fhir__Clients__0__OrganisationCode=A99901 \
  Upcare__Fhir__Clients__0__Scopes="system/Patient.rs" Upcare__Fhir__Clients__0__Jwks="$jwks" \
  Upcare__Fhir__Clients__1__ClientId=bench-platform Upcare__Fhir__Clients__1__Name="Benchmark data platform" \
  Upcare__Fhir__Clients__1__Role=Commissioner Upcare__Fhir__Clients__1__OrganisationCode=QXX \
  Upcare__Fhir__Clients__1__Scopes="system/*.rs" Upcare__Fhir__Clients__1__BulkExport=true Upcare__Fhir__Clients__1__Jwks="$jwks"
psql -h 127.0.0.1 -p "$port" -U postgres -d bench -Atc \
  "SELECT p.\"Id\" || ',' || p.\"NhsNumber\" FROM \"People\" p JOIN \"Organisations\" o ON o.\"Id\" = p.\"GpPracticeId\" WHERE o.\"Code\" = 'A99901' ORDER BY p.\"NhsNumber\" LIMIT 2000" >"$work/people"

for i in $(seq "$RUNS"); do
  hport=$(free_port)
  $app --urls "http://127.0.0.1:$hport" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$hport/health" >/dev/null 2>&1 && break; sleep 0.5; done
  echo "Run $i"
  $bench fhir "http://127.0.0.1:$hport" "$work/bench-key.pem" "$work/people" "$DURATION" "$CONCURRENCY" "$WARMUP" || { tail -40 "$work/app.log"; exit 1; }
  kill $app_pid; wait $app_pid 2>/dev/null || true; app_pid=""
done
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
