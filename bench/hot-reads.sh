#!/usr/bin/env bash
# Hot reads on PostgreSQL with and without the connection settings Mentori now defaults to (Max Auto Prepare,
# No Reset On Close, custom plans), side by side in one run, for docs/performance.md. Loads bench/directory-data.sql
# (mentors, half as many mentees, rated sessions), starts two Release servers on it, one with the old settings, and
# drives each endpoint on both with wrk -t2 -c32 for the given seconds. Prints one Markdown row per endpoint.
# Needs wrk and psql.
#   MENTORI_BENCH_PG="Host=/tmp/pgdev;Port=5433;Username=postgres" bash bench/hot-reads.sh [mentors] [seconds]
# MENTORI_BENCH_AFTER adds to the connection string of the "after" server (to try another setting against the old ones).
set -euo pipefail
cd "$(dirname "$0")/.."
mentors=${1:-6667}
seconds=${2:-10}
database="mentori_hot_bench_$$"
pg="${MENTORI_BENCH_PG:?set MENTORI_BENCH_PG}"
libpq() { echo "$pg" | sed 's/Host=/host=/;s/;Port=/ port=/;s/;Username=/ user=/'; }
before_url=http://127.0.0.1:5212
after_url=http://127.0.0.1:5213
work=$(mktemp -d)
servers=()

dotnet build -c Release src/Mentori.Server >/dev/null
psql "$(libpq) dbname=postgres" -qc "CREATE DATABASE $database" >/dev/null
cleanup() { for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null; done; wait 2>/dev/null || true; psql "$(libpq) dbname=postgres" -qc "DROP DATABASE IF EXISTS $database" >/dev/null; rm -rf "$work"; }
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production Database__Provider=postgres Auth__Jwt__SigningKey="bench-signing-key-that-is-long-enough-for-hs256" \
  RateLimiting__Enabled=false Backups__Enabled=false Logging__LogLevel__Default=Warning Email__PickupDirectory="$work/outbox"
start() { # url, connection string suffix
  ConnectionStrings__Mentori="$pg;Database=$database$2" dotnet src/Mentori.Server/bin/Release/net10.0/Mentori.Server.dll --urls "$1" >>"$work/server.log" 2>&1 &
  servers+=($!)
  until curl -fs "$1/health/ready" >/dev/null; do sleep 0.2; done
}
post() { curl -fs -H 'Content-Type: application/json' -d "$3" "$1$2"; }

start "$before_url" ";Max Auto Prepare=0;No Reset On Close=false;Options=" # migrates, and stays as "before"
PGOPTIONS="-c bench.mentors=$mentors" psql "$(libpq) dbname=$database" -q -f bench/directory-data.sql >/dev/null
post "$before_url" /api/v1/auth/register '{"email":"bench@example.com","password":"Bench-passw0rd","role":"mentee","firstName":"Bench","lastName":"Mentee"}' >/dev/null
start "$after_url" "${MENTORI_BENCH_AFTER:-}"
mentor=$(psql "$(libpq) dbname=$database" -Atc "SELECT user_id FROM profiles p JOIN users u ON u.id = p.user_id WHERE u.role = 'mentor' AND u.is_active ORDER BY p.user_id LIMIT 1")
token=$(post "$before_url" /api/v1/auth/login '{"email":"bench@example.com","password":"Bench-passw0rd"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')

run() { # url path seconds -> "rps p50 p99"
  wrk -t2 -c32 -d"$3"s --latency -H "Authorization: Bearer $token" "$1$2" | awk '
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /^Requests\/sec/ { rps = $2 }
    END { printf "%.0f %s %s", rps, p50, p99 }'
}

# Both servers run throughout; each endpoint is measured on one, then the other, twice, so that the machine's
# drift from minute to minute falls on both alike. The rows give the second round; the ratio is of both rounds' sums.
echo "| endpoint | before rps | after rps | ratio (2 rounds) | before p50 / p99 | after p50 / p99 |"
echo "|---|---|---|---|---|---|"
for endpoint in "directory|/api/v1/mentors?limit=20" "search|/api/v1/mentors?q=lovelace&limit=20" "mentor|/api/v1/mentors/$mentor" \
                "unread|/api/v1/messages/unread-count" "conversations|/api/v1/conversations" "sessions|/api/v1/sessions"; do
  name=${endpoint%%|*}; path=${endpoint#*|}
  run "$before_url" "$path" 3 >/dev/null; run "$after_url" "$path" 3 >/dev/null # warm-up
  read -r b1 _ _ <<<"$(run "$before_url" "$path" "$seconds")"
  read -r a1 _ _ <<<"$(run "$after_url" "$path" "$seconds")"
  read -r b2 bp50 bp99 <<<"$(run "$before_url" "$path" "$seconds")"
  read -r a2 ap50 ap99 <<<"$(run "$after_url" "$path" "$seconds")"
  echo "| $name | $b2 | $a2 | $(awk -v a="$((a1 + a2))" -v b="$((b1 + b2))" 'BEGIN { printf "%.2f", a / b }') | $bp50 / $bp99 | $ap50 / $ap99 |"
done
