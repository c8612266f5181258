#!/usr/bin/env bash
# What counting the per-user limits in Redis costs a write, for docs/performance.md: two Release servers on one
# small generated PostgreSQL database and one Redis (the chat backplane of both), the same but for the limits —
# off on the first, on (counted in Redis, with permits no load reaches) on the second. wrk sends messages as
# mentee1 to a counterpart it shares a session with (-t2 -c16, SECONDS each), to one server and then the other,
# ROUNDS times after a warm-up run on each; it prints each run and the ratio of the two servers' requests per second.
#   MENTORI_BENCH_PG="Host=/tmp/pgdev;Port=5433;Username=postgres" bash bench/rate-limit-counters.sh [seconds] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
rounds=${2:-3}
pg="${MENTORI_BENCH_PG:?set MENTORI_BENCH_PG}"
database="mentori_limits_bench_$$"
libpq() { echo "$pg" | sed 's/Host=/host=/;s/;Port=/ port=/;s/;Username=/ user=/;s/;Password=/ password=/'; }
sql() { psql "$(libpq) dbname=$database" -Atc "$1"; }
redis_port=6391
without=http://127.0.0.1:5221
with=http://127.0.0.1:5222
work=$(mktemp -d)

dotnet build -c Release -v q -nologo bench/Mentori.Bench >&2  # builds the server too
psql "$(libpq) dbname=postgres" -qc "CREATE DATABASE $database" >/dev/null
redis-server --port $redis_port --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
pids=($!)
# Servers first, Redis last: a backplane that vanishes under a stopping server makes its shutdown noisy.
cleanup() { kill "${pids[@]:1}" 2>/dev/null || true; wait "${pids[@]:1}" 2>/dev/null || true; kill "${pids[0]}" 2>/dev/null || true; wait 2>/dev/null || true
  psql "$(libpq) dbname=postgres" -qc "DROP DATABASE IF EXISTS $database" >/dev/null; rm -rf "$work"; }
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production Database__Provider=postgres ConnectionStrings__Mentori="$pg;Database=$database" \
  Auth__Jwt__SigningKey="bench-signing-key-that-is-long-enough-for-hs256" Redis__ConnectionString="127.0.0.1:$redis_port" \
  Backups__Enabled=false Logging__LogLevel__Default=Warning Email__PickupDirectory="$work/outbox"
server_dll=src/Mentori.Server/bin/Release/net10.0/Mentori.Server.dll
dotnet "$server_dll" generate --mentors 100 --mentees 100 --sessions 400 --messages 1000 --ratings 50 >/dev/null
RateLimiting__Enabled=false dotnet "$server_dll" --urls "$without" >"$work/without.log" 2>&1 &
pids+=($!)
RateLimiting__Enabled=true RateLimiting__MessagesPerUser__PermitLimit=1000000000 RateLimiting__WritesPerUser__PermitLimit=1000000000 \
  dotnet "$server_dll" --urls "$with" >"$work/with.log" 2>&1 &
pids+=($!)
for url in "$without" "$with"; do
  until curl -fs -o /dev/null "$url/health/ready"; do sleep 0.2; done
done

mentee=$(sql "SELECT id FROM users WHERE email = 'mentee1@example.com'")
counterpart=$(sql "SELECT mentor_id FROM sessions WHERE mentee_id = '$mentee' LIMIT 1")
token=$(curl -fs -H 'Content-Type: application/json' -d '{"email":"mentee1@example.com","password":"Mentori!2026"}' \
  "$without/api/v1/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"receiverId":"$counterpart","content":"How did the interview go?"}'
LUA

# url -> "rps p50 p99 errors"; errors are non-2xx answers and socket errors.
run() {
  wrk -t2 -c16 -d"$seconds"s --latency -s "$work/post.lua" -H "Authorization: Bearer $token" "$1/api/v1/messages" | awk '
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { errors += $NF } /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%.0f %s %s %d", rps, p50, p99, errors }'
}

# Warm both up first (JIT, pools, the thread's pages): the first seconds of each are slower than the rest.
run "$without" >/dev/null
run "$with" >/dev/null

echo "| round | per-user limits | messages per second | p50 | p99 | not 2xx |"
echo "|---|---|---|---|---|---|"
total_without=0
total_with=0
for round in $(seq 1 "$rounds"); do
  read -r rps p50 p99 errors <<<"$(run "$without")"
  echo "| $round | off | $rps | $p50 | $p99 | $errors |"
  total_without=$((total_without + rps))
  read -r rps p50 p99 errors <<<"$(run "$with")"
  echo "| $round | on, counted in Redis | $rps | $p50 | $p99 | $errors |"
  total_with=$((total_with + rps))
done
echo
awk -v on="$total_with" -v off="$total_without" 'BEGIN { printf "messages per second, limits counted in Redis ÷ no limits, over %d rounds: %.2f\n", '"$rounds"', on / off }'
echo "Redis commands run: $(redis-cli -p $redis_port info commandstats | grep -E '^cmdstat_(evalsha|eval|incr|incrby|pexpire|publish)' | tr '\r\n' '  ')"
