#!/usr/bin/env bash
# Issue 17's faults under a steady write load, for docs/operations.md: a PostgreSQL of its own (a temporary folder,
# port 5439), one Release server on it, and `Mentori.Bench faults` writing from SENDERS clients (session requests,
# ratings and messages, each with an id of the client's, sent again with it until answered) while this
# script stops PostgreSQL immediately (pg_ctl stop -m immediate) and starts it again STOPS times, then kills the
# server (kill -9) and starts it again KILLS times. It prints how long each recovery took (until /health/ready
# answers 200), then the load's own account: every answer, whether each acknowledged write is stored once, and the requests' emails.
#   bash bench/faults.sh [stops] [kills] [senders]
set -euo pipefail
cd "$(dirname "$0")/.."
stops=${1:-20}
kills=${2:-5}
senders=${3:-8}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d)
chmod 755 "$work"
pgdata="$work/pg"
port=5439
url=http://127.0.0.1:5299
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_start() { as_postgres "$bin/pg_ctl" -D "$pgdata" -l "$work/pg.log" -w -o "-p $port -k $work -c listen_addresses=''" start >/dev/null; }
pg_stop() { as_postgres "$bin/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null; }
server=""
cleanup() { [ -n "$server" ] && kill -9 "$server" 2>/dev/null; pg_stop 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

[ "$(id -u)" = 0 ] && chown postgres "$work"
as_postgres "$bin/initdb" -D "$pgdata" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg_start
psql -h "$work" -p $port -U postgres -qc "CREATE DATABASE mentori"
database="Host=$work;Port=$port;Username=postgres;Database=mentori"
export ASPNETCORE_ENVIRONMENT=Production Database__Provider=postgres ConnectionStrings__Mentori="$database" \
  Auth__Jwt__SigningKey="faults-signing-key-that-is-long-enough-for-hs256" RateLimiting__Enabled=false Backups__Enabled=false \
  Logging__LogLevel__Default=Warning Email__PickupDirectory="$work/outbox"
dotnet build -c Release -v q -nologo bench/Mentori.Bench >&2
server_dll=src/Mentori.Server/bin/Release/net10.0/Mentori.Server.dll
dotnet "$server_dll" migrate >/dev/null

start_server() { dotnet "$server_dll" --urls "$url" >>"$work/server.log" 2>&1 & server=$!; }
ready_after() { # seconds from now until /health/ready answers 200
  local from; from=$(date +%s.%N)
  until curl -fs -o /dev/null "$url/health/ready"; do sleep 0.05; done
  awk -v from="$from" -v to="$(date +%s.%N)" 'BEGIN { printf "%.2f", to - from }'
}
start_server
ready_after >/dev/null
seconds=$(( stops * 3 + kills * 5 + 10 ))
dotnet bench/Mentori.Bench/bin/Release/net10.0/Mentori.Bench.dll faults "$database" "$url" "$seconds" "$senders" >"$work/load.md" 2>"$work/load.err" &
load=$!
until grep -qs "^fault load:" "$work/load.err"; do # its accounts and sessions are made before the first fault
  kill -0 "$load" 2>/dev/null || { cat "$work/load.err" >&2; exit 1; }
  sleep 0.2
done
sleep 5

echo "| fault | recovery (s, until /health/ready is 200) |"
echo "|---|---|"
for i in $(seq 1 "$stops"); do
  pg_stop; sleep 0.5; pg_start
  echo "| PostgreSQL stop $i | $(ready_after) |"
  sleep 2
done
for i in $(seq 1 "$kills"); do
  kill -9 "$server"; wait "$server" 2>/dev/null || true
  start_server
  echo "| server kill $i | $(ready_after) |"
  sleep 3
done

wait "$load"
echo
cat "$work/load.md"
echo
cp "$work/server.log" "${TMPDIR:-/tmp}/mentori-faults-server.log"
echo "server log (kept as ${TMPDIR:-/tmp}/mentori-faults-server.log): $(grep -c '"LogLevel":"Error"' "$work/server.log" || true) errors, \
$(grep -c 'Unhandled exception' "$work/server.log" || true) unhandled exceptions"
# Each unhandled exception as its chain of types, outermost first: what the problem mapping did not know.
grep 'Unhandled exception' "$work/server.log" | while read -r line; do
  grep -o -E '"Exception":"[A-Za-z.]+|---> [A-Za-z.]+' <<<"$line" | sed -E 's/^"Exception":"//; s/^---> //' | paste -sd '>'
done | sort | uniq -c | sed 's/^/  /' || true
