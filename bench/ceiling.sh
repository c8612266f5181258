#!/usr/bin/env bash
# Mentori against the ceiling (the same hot reads, SQL and JSON straight from Npgsql, `Mentori.Bench ceiling`), side by
# side in one run, for docs/performance.md. Both Release servers run throughout; each endpoint is driven with
# wrk -t2 -c32 on one and then the other, twice, so that the machine's drift falls on both alike. The rows give the
# second round; the ratio (Mentori ÷ ceiling) is of both rounds' sums. Needs wrk and psql.
#   MENTORI_BENCH_PG="Host=/tmp/pgbench;Port=5433;Username=postgres" bash bench/ceiling.sh DATABASE [seconds]
# DATABASE is generated first when it does not exist (MENTORI_BENCH_PLAN, see bench/servers.sh). With
# MENTORI_BENCH_BASELINE (see there) the other side is an earlier build of Mentori instead of the ceiling.
# MENTORI_BENCH_ONLY, a regular expression, keeps the endpoints whose names match.
set -euo pipefail
cd "$(dirname "$0")/.."
database=${1:?name the database (generated when it does not exist)}
seconds=${2:-10}
source bench/servers.sh

echo "| endpoint | Mentori rps | $other rps | ratio (2 rounds) | Mentori p50 / p99 | $other p50 / p99 | errors |"
echo "|---|---|---|---|---|---|---|"
for endpoint in "${endpoints[@]}"; do
  name=${endpoint%%|*}; path=${endpoint#*|}
  [[ $name =~ ${MENTORI_BENCH_ONLY:-.} ]] || continue
  bearer=$(token)
  closed_loop "$mentori_url$path" 3 "$bearer" >/dev/null; closed_loop "$ceiling_url$path" 3 "$bearer" >/dev/null # warm-up
  read -r m1 _ _ me1 <<<"$(closed_loop "$mentori_url$path" "$seconds" "$bearer")"
  read -r c1 _ _ ce1 <<<"$(closed_loop "$ceiling_url$path" "$seconds" "$bearer")"
  read -r m2 mp50 mp99 me2 <<<"$(closed_loop "$mentori_url$path" "$seconds" "$bearer")"
  read -r c2 cp50 cp99 ce2 <<<"$(closed_loop "$ceiling_url$path" "$seconds" "$bearer")"
  ratio=$(awk -v m="$((m1 + m2))" -v c="$((c1 + c2))" 'BEGIN { printf "%.2f", m / c }')
  echo "| $name | $m2 | $c2 | $ratio | $mp50 / $mp99 | $cp50 / $cp99 | $((me1 + me2 + ce1 + ce2)) |"
done
