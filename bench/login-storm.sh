#!/usr/bin/env bash
# Reads while sign-ins saturate bcrypt, for docs/performance.md. One run measures both hashers side by side:
# "unbounded" (every sign-in hashes at once, as before Auth:BcryptConcurrency existed) and "bounded" (the defaults).
# For each: GET /mentors/{id} with 4 connections unloaded, then again while 32 connections post /auth/login.
# Needs PostgreSQL (a connection string allowed to create databases in $MENTORI_BENCH_PG) and wrk.
#   MENTORI_BENCH_PG="Host=/tmp/pgdev;Port=5433;Username=postgres" bash bench/login-storm.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
database="mentori_login_bench_$$"
pg="${MENTORI_BENCH_PG:?set MENTORI_BENCH_PG}"
psql_admin() { psql "$(echo "$pg" | sed 's/Host=/host=/;s/;Port=/ port=/;s/;Username=/ user=/') dbname=postgres" -qc "$1" >/dev/null; }
url=http://127.0.0.1:5211
work=$(mktemp -d)
server=

dotnet build -c Release src/Mentori.Server >/dev/null
psql_admin "CREATE DATABASE $database"
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; psql_admin "DROP DATABASE IF EXISTS $database"; rm -rf "$work"; }
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production Database__Provider=postgres ConnectionStrings__Mentori="$pg;Database=$database" \
  Auth__Jwt__SigningKey="bench-signing-key-that-is-long-enough-for-hs256" RateLimiting__Enabled=false \
  Logging__LogLevel__Default=Warning Email__PickupDirectory="$work/outbox"
dll=src/Mentori.Server/bin/Release/net10.0/Mentori.Server.dll

start() {
  dotnet $dll --urls "$url" "$@" >"$work/server.log" 2>&1 &
  server=$!
  until curl -fs "$url/health/ready" >/dev/null; do sleep 0.2; done
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=; }
post() { curl -fs -H 'Content-Type: application/json' -d "$2" "$url$1"; }

start
post /api/v1/auth/register '{"email":"storm@example.com","password":"Storm-passw0rd","role":"mentee","firstName":"Storm","lastName":"User"}' >/dev/null
mentor=$(post /api/v1/auth/register '{"email":"page@example.com","password":"Page-passw0rd","role":"mentor","firstName":"Page","lastName":"Mentor"}' \
  | sed -E 's/.*"user":\{"id":"([^"]+)".*/\1/')
stop

cat >"$work/login.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"email":"storm@example.com","password":"Storm-passw0rd"}'
wrk.headers["Content-Type"] = "application/json"
LUA

# "p50 p99 rps" of a wrk --latency report.
summary() { awk '/^ +50%/{p50=$2} /^ +99%/{p99=$2} /^Requests\/sec/{rps=$2} END{print p50, p99, rps}' "$1"; }
# "signed in per second, turned away (503) of all" of the storm's wrk report.
storm_summary() { awk '/Non-2xx/{n=$5} /requests in/{t=$1; d=$4; sub(/s,?$/, "", d)} END{printf "%.1f | %d of %d\n", (t - n) / d, n, t}' "$1"; }

echo "| hasher | reads unloaded p50 / p99 (rps) | reads during the storm p50 / p99 (rps) | p99 ratio | sign-ins done/s | sign-ins answered 503 |"
echo "|---|---|---|---|---|---|"
for mode in unbounded bounded; do
  if [ $mode = unbounded ]; then start --Auth:BcryptConcurrency=1024 --Auth:BcryptQueueLimit=100000 --Auth:BcryptMaxWait=00:01:00; else start; fi
  curl -fs "$url/api/v1/mentors/$mentor" >/dev/null
  wrk -t1 -c4 -d2s "$url/api/v1/mentors/$mentor" >/dev/null  # warm-up
  wrk -t1 -c4 -d"${seconds}s" --latency "$url/api/v1/mentors/$mentor" >"$work/unloaded.txt"
  wrk -t1 -c32 -d"$((seconds + 4))s" -s "$work/login.lua" "$url/api/v1/auth/login" >"$work/storm.txt" &
  storm=$!
  sleep 2
  wrk -t1 -c4 -d"${seconds}s" --latency "$url/api/v1/mentors/$mentor" >"$work/loaded.txt"
  wait $storm
  stop
  read -r u50 u99 urps <<<"$(summary "$work/unloaded.txt")"
  read -r l50 l99 lrps <<<"$(summary "$work/loaded.txt")"
  ratio=$(python3 -c "import re
def ms(v):
    n, unit = re.fullmatch(r'([0-9.]+)(us|ms|s)', v).groups()
    return float(n) * {'us': 0.001, 'ms': 1, 's': 1000}[unit]
print(f'{ms(\"$l99\") / ms(\"$u99\"):.1f}')")
  echo "| $mode | $u50 / $u99 ($urps) | $l50 / $l99 ($lrps) | $ratio | $(storm_summary "$work/storm.txt") |"
done
