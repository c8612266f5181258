#!/usr/bin/env bash
# Mentori on SQLite at two sizes side by side, for docs/performance.md: the hot reads of bench/ceiling.sh on a file of
# 10 000 users and one of ten times the rows, both Release servers running throughout, each read driven with
# wrk -t2 -c32 on the small one and then the large one, twice; prints each size's rps, p50 and p99 (second round) and
# the p50 ratio, large ÷ small. There is no raw-SQL ceiling on SQLite: Mentori.Bench's ceiling is Npgsql.
#   bash bench/sqlite-scale.sh [folder] [seconds]
# The files are generated into the folder (default /tmp/mentori-sqlite-bench) when missing. Needs wrk and sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:-/tmp/mentori-sqlite-bench}
seconds=${2:-10}
small_plan="--mentors 6667 --mentees 3333 --sessions 10000 --messages 50000 --ratings 5000"
large_plan="--mentors 10000 --mentees 40000 --sessions 100000 --messages 500000 --ratings 50000"
small_url=http://127.0.0.1:5214
large_url=http://127.0.0.1:5215
server_dll=src/Mentori.Server/bin/Release/net10.0/Mentori.Server.dll
work=$(mktemp -d)
servers=()
cleanup() { for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production Database__Provider=sqlite Auth__Jwt__SigningKey="bench-signing-key-that-is-long-enough-for-hs256" \
  RateLimiting__Enabled=false Backups__Enabled=false Logging__LogLevel__Default=Warning Email__PickupDirectory="$work/outbox"
dotnet build -c Release -v q -nologo src/Mentori.Server >&2
mkdir -p "$folder"
for size in small large; do
  file="$folder/mentori-$size.db"
  if [ ! -f "$file" ]; then
    plan_name="${size}_plan"
    # shellcheck disable=SC2086 # the plan is a list of options
    ConnectionStrings__Mentori="Data Source=$file" dotnet "$server_dll" generate ${!plan_name} >&2
  fi
done

start() { # size url
  ConnectionStrings__Mentori="Data Source=$folder/mentori-$1.db" dotnet "$server_dll" --urls "$2" >>"$work/$1.log" 2>&1 &
  servers+=($!)
}
start small "$small_url"
start large "$large_url"
for url in "$small_url" "$large_url"; do until curl -fs -o /dev/null "$url/health/ready"; do sleep 0.2; done; done

# The busiest mentor and mentee of each file (generate makes them mentor1 and mentee1), and the mentee's longest thread.
sql() { sqlite3 "$folder/mentori-$1.db" "$2"; }
paths() { # size -> one "name|path" per line
  local mentor mentee counterpart
  mentor=$(sql "$1" "SELECT id FROM users WHERE email = 'mentor1@example.com'")
  mentee=$(sql "$1" "SELECT id FROM users WHERE email = 'mentee1@example.com'")
  counterpart=$(sql "$1" "SELECT CASE WHEN sender_id = '$mentee' THEN receiver_id ELSE sender_id END FROM messages
                          WHERE sender_id = '$mentee' OR receiver_id = '$mentee' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
  printf '%s\n' "directory|/api/v1/mentors" "directory, topic|/api/v1/mentors?expertise=python" "search|/api/v1/mentors?q=lovelace" \
    "mentor|/api/v1/mentors/$mentor" "free slots|/api/v1/mentors/$mentor/slots" "my sessions|/api/v1/sessions" \
    "conversations|/api/v1/conversations" "thread page|/api/v1/conversations/$counterpart/messages" "unread count|/api/v1/messages/unread-count"
}
mapfile -t small_paths < <(paths small)
mapfile -t large_paths < <(paths large)
token() { curl -fs -H 'Content-Type: application/json' -d '{"email":"mentee1@example.com","password":"Mentori!2026"}' \
  "$1/api/v1/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'; }
# url seconds token -> "rps p50 p99 errors" (as in bench/servers.sh)
closed_loop() {
  wrk -t2 -c32 -d"$2"s --latency -H "Authorization: Bearer $3" "$1" | awk '
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { errors += $NF } /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%.0f %s %s %d", rps, p50, p99, errors }'
}
in_ms() { awk -v t="$1" 'BEGIN { v = t + 0; if (t ~ /us$/) v /= 1000; else if (t ~ /ms$/) v *= 1; else if (t ~ /s$/) v *= 1000; print v }'; }

echo "| endpoint | small rps | large rps | small p50 / p99 | large p50 / p99 | p50 large ÷ small | errors |"
echo "|---|---|---|---|---|---|---|"
for i in "${!small_paths[@]}"; do
  name=${small_paths[$i]%%|*}; small=${small_paths[$i]#*|}; large=${large_paths[$i]#*|}
  small_token=$(token "$small_url"); large_token=$(token "$large_url")
  closed_loop "$small_url$small" 3 "$small_token" >/dev/null; closed_loop "$large_url$large" 3 "$large_token" >/dev/null # warm-up
  read -r _ _ _ se1 <<<"$(closed_loop "$small_url$small" "$seconds" "$small_token")"
  read -r _ _ _ le1 <<<"$(closed_loop "$large_url$large" "$seconds" "$large_token")"
  read -r s2 sp50 sp99 se2 <<<"$(closed_loop "$small_url$small" "$seconds" "$small_token")"
  read -r l2 lp50 lp99 le2 <<<"$(closed_loop "$large_url$large" "$seconds" "$large_token")"
  ratio=$(awk -v l="$(in_ms "$lp50")" -v s="$(in_ms "$sp50")" 'BEGIN { printf "%.2f", l / s }')
  echo "| $name | $s2 | $l2 | $sp50 / $sp99 | $lp50 / $lp99 | $ratio | $((se1 + le1 + se2 + le2)) |"
done
