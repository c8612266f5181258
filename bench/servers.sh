# Sourced by bench/ceiling.sh, bench/fixed-rate.sh and bench/writes.sh: a generated PostgreSQL database, Mentori and
# the ceiling app (raw Npgsql, `Mentori.Bench ceiling`) on it, both Release builds, and the hot reads they are driven
# with.
#   needs: MENTORI_BENCH_PG (a PostgreSQL connection string without a database), $database, wrk and psql.
# MENTORI_BENCH_BASELINE, when set, is another build's Mentori.Server.dll, run in the ceiling's place: a change measured
# against the build before it (copy bin/Release/net10.0 aside before building the change).
# A database that does not exist yet is created and filled by `generate` with MENTORI_BENCH_PLAN (10 000 users by
# default: 6 667 mentors, 3 333 mentees, 10 000 sessions, 50 000 messages, 5 000 ratings).

pg="${MENTORI_BENCH_PG:?set MENTORI_BENCH_PG, e.g. Host=/tmp/pgbench;Port=5433;Username=postgres}"
plan=${MENTORI_BENCH_PLAN:---mentors 6667 --mentees 3333 --sessions 10000 --messages 50000 --ratings 5000}
libpq() { echo "$pg" | sed 's/Host=/host=/;s/;Port=/ port=/;s/;Username=/ user=/;s/;Password=/ password=/'; }
sql() { psql "$(libpq) dbname=$database" -Atc "$1"; }
mentori_url=http://127.0.0.1:5212
ceiling_url=http://127.0.0.1:5213
signing_key="bench-signing-key-that-is-long-enough-for-hs256"
work=$(mktemp -d)
servers=()
# Emails queued while measuring compete with the requests for the machine: say how many, so a run beside a backlog
# (data that makes many emails due at once) is seen as one. Generated data starts without one.
started_at=$(date -u '+%Y-%m-%d %H:%M:%S')
emails_queued() { sql "SELECT count(*) FROM email_outbox WHERE created_at >= '$started_at'" 2>/dev/null || echo "?"; }
cleanup() {
  echo "emails queued by Mentori while measuring: $(emails_queued)" >&2
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null; done; wait 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production Database__Provider=postgres Auth__Jwt__SigningKey="$signing_key" \
  RateLimiting__Enabled=false Backups__Enabled=false Logging__LogLevel__Default=Warning Email__PickupDirectory="$work/outbox" \
  ConnectionStrings__Mentori="$pg;Database=$database"
server_dll=src/Mentori.Server/bin/Release/net10.0/Mentori.Server.dll
bench_dll=bench/Mentori.Bench/bin/Release/net10.0/Mentori.Bench.dll

dotnet build -c Release -v q -nologo bench/Mentori.Bench >&2 # and the server it references; its errors show
if [ -z "$(psql "$(libpq) dbname=postgres" -Atc "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
  psql "$(libpq) dbname=postgres" -qc "CREATE DATABASE $database" >/dev/null
  # shellcheck disable=SC2086 # the plan is a list of options
  dotnet "$server_dll" generate $plan >&2
fi

wait_for() { until curl -fs -o /dev/null "$1"; do sleep 0.2; done; }
dotnet "$server_dll" --urls "$mentori_url" >>"$work/mentori.log" 2>&1 &
servers+=($!)
other=ceiling
if [ -n "${MENTORI_BENCH_BASELINE:-}" ]; then
  other=baseline
  dotnet "$MENTORI_BENCH_BASELINE" --urls "$ceiling_url" >>"$work/ceiling.log" 2>&1 &
else
  dotnet "$bench_dll" ceiling "$pg;Database=$database" "$ceiling_url" "$signing_key" >>"$work/ceiling.log" 2>&1 &
fi
servers+=($!)
wait_for "$mentori_url/health/ready"
wait_for "$ceiling_url/api/v1/mentors"

# The most active mentee (generate makes it mentee1), the most booked mentor, and the mentee's longest thread.
mentor=$(sql "SELECT id FROM users WHERE email = 'mentor1@example.com'")
mentee=$(sql "SELECT id FROM users WHERE email = 'mentee1@example.com'")
counterpart=$(sql "SELECT CASE WHEN sender_id = '$mentee' THEN receiver_id ELSE sender_id END FROM messages
                   WHERE sender_id = '$mentee' OR receiver_id = '$mentee' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
# An access token lives 15 minutes: each measurement signs in afresh (Mentori issues it; the ceiling checks it with the same key).
token() { curl -fs -H 'Content-Type: application/json' -d '{"email":"mentee1@example.com","password":"Mentori!2026"}' \
  "$mentori_url/api/v1/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'; }

endpoints=(
  "directory|/api/v1/mentors"
  "directory, topic|/api/v1/mentors?expertise=python"
  "search|/api/v1/mentors?q=lovelace"
  "mentor|/api/v1/mentors/$mentor"
  "free slots|/api/v1/mentors/$mentor/slots"
  "my sessions|/api/v1/sessions"
  "conversations|/api/v1/conversations"
  "thread page|/api/v1/conversations/$counterpart/messages"
  "unread count|/api/v1/messages/unread-count"
)

# url seconds token -> "rps p50 p99 errors" of a closed loop (wrk -t2 -c32); errors are non-2xx answers and socket errors.
closed_loop() {
  wrk -t2 -c32 -d"$2"s --latency -H "Authorization: Bearer $3" "$1" | awk '
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { errors += $NF } /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%.0f %s %s %d", rps, p50, p99, errors }'
}
