#!/usr/bin/env bash
# Mentori at a fixed rate, for docs/performance.md: for each hot read, the closed-loop maximum (wrk -t2 -c32), then
# half of it held for the given seconds by `Mentori.Bench fixed-rate`, an open loop (requests start on time whether or
# not earlier ones have answered; latency counts from when each was due), so latency is measured at a steady load
# rather than at saturation. The goal: p99 within 5x p50, with no errors. Needs wrk and psql.
#   MENTORI_BENCH_PG="Host=/tmp/pgbench;Port=5433;Username=postgres" bash bench/fixed-rate.sh DATABASE [seconds]
# DATABASE is generated first when it does not exist (MENTORI_BENCH_PLAN, see bench/servers.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
database=${1:?name the database (generated when it does not exist)}
seconds=${2:-20}
source bench/servers.sh

echo "| endpoint | maximum rps | held rps | p50 | p99 | p99 / p50 | errors |"
echo "|---|---|---|---|---|---|---|"
for endpoint in "${endpoints[@]}"; do
  name=${endpoint%%|*}; path=${endpoint#*|}
  [[ $name =~ ${MENTORI_BENCH_ONLY:-.} ]] || continue
  bearer=$(token)
  closed_loop "$mentori_url$path" 3 "$bearer" >/dev/null # warm-up
  read -r maximum _ _ _ <<<"$(closed_loop "$mentori_url$path" 10 "$bearer")"
  read -r held p50 p99 errors <<<"$(dotnet "$bench_dll" fixed-rate "$mentori_url$path" "$((maximum / 2))" "$seconds" "$bearer")"
  awk -v name="$name" -v maximum="$maximum" -v held="$held" -v p50="$p50" -v p99="$p99" -v errors="$errors" \
    'BEGIN { printf "| %s | %d | %d | %.2fms | %.2fms | %.1f | %d |\n", name, maximum, held, p50, p99, (p50 > 0 ? p99 / p50 : 0), errors }'
done
