#!/usr/bin/env bash
# Hot reads on PostgreSQL with and without the connection settings Mentori now defaults to (Max Auto Prepare,
# No Reset On Close), side by side in one run, for docs/performance.md. Loads bench/directory-data.sql (mentors,
# half as many mentees, rated sessions), then for each setting starts a Release server, warms it, and drives each
# endpoint with wrk -t2 -c32 for the given seconds. Prints one Markdown row per endpoint. Needs wrk and psql.
#   MENTORI_BENCH_PG="Host=/tmp/pgdev;Port=5433;Username=postgres" bash bench/hot-reads.sh [mentors] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
mentors=${1:-6667}
seconds=${2:-10}
database="mentori_hot_bench_$$"
pg="${MENTORI_BENCH_PG:?set MENTORI_BENCH_PG}"
libpq() { echo "$pg" | sed 's/Host=/host=/;s/;Port=/ port=/;s/;Username=/ user=/'; }
url=http://127.0.0.1:5212
work=$(mktemp -d)
server=

dotnet build -c Release src/Mentori.Server >/dev/null
psql "$(libpq) dbname=postgres" -qc "CREATE DATABASE $database" >/dev/null
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; psql "$(libpq) dbname=postgres" -qc "DROP DATABASE IF EXISTS $database" >/dev/null; rm -rf "$work"; }
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production Database__Provider=postgres Auth__Jwt__SigningKey="bench-signing-key-that-is-long-enough-for-hs256" \
  RateLimiting__Enabled=false Backups__Enabled=false Logging__LogLevel__Default=Warning Email__PickupDirectory="$work/outbox"
start() {
  ConnectionStrings__Mentori="$pg;Database=$database$1" dotnet src/Mentori.Server/bin/Release/net10.0/Mentori.Server.dll --urls "$url" >"$work/server.log" 2>&1 &
  server=$!
  until curl -fs "$url/health/ready" >/dev/null; do sleep 0.2; done
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=; }
post() { curl -fs -H 'Content-Type: application/json' -d "$2" "$url$1"; }

start "" # migrates
PGOPTIONS="-c bench.mentors=$mentors" psql "$(libpq) dbname=$database" -q -f bench/directory-data.sql >/dev/null
post /api/v1/auth/register '{"email":"bench@example.com","password":"Bench-passw0rd","role":"mentee","firstName":"Bench","lastName":"Mentee"}' >/dev/null
stop
mentor=$(psql "$(libpq) dbname=$database" -Atc "SELECT user_id FROM profiles p JOIN users u ON u.id = p.user_id WHERE u.role = 'mentor' AND u.is_active ORDER BY p.user_id LIMIT 1")

run() { # name path seconds -> "rps p50 p99"
  wrk -t2 -c32 -d"$3"s --latency -H "Authorization: Bearer $token" "$url$2" | awk '
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /^Requests\/sec/ { rps = $2 }
    END { printf "%.0f %s %s", rps, p50, p99 }'
}

declare -A results
for setting in before after; do
  if [ $setting = before ]; then start ";Max Auto Prepare=0;No Reset On Close=false"; else start ""; fi
  token=$(post /api/v1/auth/login '{"email":"bench@example.com","password":"Bench-passw0rd"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  for endpoint in "directory|/api/v1/mentors?limit=20" "search|/api/v1/mentors?q=lovelace&limit=20" "mentor|/api/v1/mentors/$mentor" \
                  "unread|/api/v1/messages/unread-count" "conversations|/api/v1/conversations" "sessions|/api/v1/sessions"; do
    name=${endpoint%%|*}; path=${endpoint#*|}
    run "$name" "$path" 3 >/dev/null # warm-up
    results[$setting,$name]=$(run "$name" "$path" "$seconds")
  done
  stop
done

echo "| endpoint | before rps | after rps | ratio | before p50 / p99 | after p50 / p99 |"
echo "|---|---|---|---|---|---|"
for name in directory search mentor unread conversations sessions; do
  read -r brps bp50 bp99 <<<"${results[before,$name]}"
  read -r arps ap50 ap99 <<<"${results[after,$name]}"
  echo "| $name | $brps | $arps | $(awk -v a="$arps" -v b="$brps" 'BEGIN { printf "%.2f", a / b }') | $bp50 / $bp99 | $ap50 / $ap99 |"
done
