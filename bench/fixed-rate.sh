#!/usr/bin/env bash
# Mentori at a fixed rate, for docs/performance.md: for each hot read, the closed-loop maximum (wrk -t2 -c32), then
# half of it held for the given seconds with hey (-q per worker, 32 workers), so latency is measured at a steady
# load rather than at saturation. The goal: p99 within 5x p50, with no errors. Needs wrk, hey and psql.
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
  bearer=$(token)
  closed_loop "$mentori_url$path" 3 "$bearer" >/dev/null # warm-up
  read -r maximum _ _ _ <<<"$(closed_loop "$mentori_url$path" 10 "$bearer")"
  per_worker=$(awk -v m="$maximum" 'BEGIN { q = m / 2 / 32; printf "%.2f", q < 0.1 ? 0.1 : q }')
  hey -z "${seconds}s" -c 32 -q "$per_worker" -H "Authorization: Bearer $bearer" "$mentori_url$path" >"$work/hey.txt"
  awk -v name="$name" -v maximum="$maximum" '
    /Requests\/sec/ { rps = $2 } /50% in/ { p50 = $3 * 1000 } /99% in/ { p99 = $3 * 1000 }
    /^Status code distribution/ { section = "status" } /^Error distribution/ { section = "error" }
    /^ +\[[0-9]+\]/ { n = $1; gsub(/[][]/, "", n); if (section == "status" && n !~ /^2/) errors += $2; if (section == "error") errors += n }
    END { printf "| %s | %d | %.0f | %.2fms | %.2fms | %.1f | %d |\n", name, maximum, rps, p50, p99, (p50 > 0 ? p99 / p50 : 0), errors }' "$work/hey.txt"
done
