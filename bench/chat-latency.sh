#!/usr/bin/env bash
# Chat delivery latency on one instance and across two (Redis backplane), written for docs/performance.md.
# Needs PostgreSQL (a connection string allowed to create databases in $MENTORI_BENCH_PG) and redis-server.
#   MENTORI_BENCH_PG="Host=/tmp/pgdev;Port=5433;Username=postgres" bash bench/chat-latency.sh [messages]
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-500}
database="mentori_chat_bench_$$"
pg="${MENTORI_BENCH_PG:?set MENTORI_BENCH_PG}"
redis_port=6390

dotnet build -c Release bench/Mentori.Bench >/dev/null  # builds the server too
psql "$(echo "$pg" | sed 's/Host=/host=/;s/;Port=/ port=/;s/;Username=/ user=/') dbname=postgres" -qc "CREATE DATABASE $database" >/dev/null
redis-server --port $redis_port --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
pids=($!)
# Servers first, Redis last: a backplane that vanishes under a stopping server makes its shutdown fail.
cleanup() { kill "${pids[@]:1}" 2>/dev/null || true; wait "${pids[@]:1}" 2>/dev/null || true; kill "${pids[0]}" 2>/dev/null || true; wait 2>/dev/null || true
  psql "$(echo "$pg" | sed 's/Host=/host=/;s/;Port=/ port=/;s/;Username=/ user=/') dbname=postgres" -qc "DROP DATABASE IF EXISTS $database" >/dev/null; }
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production Database__Provider=postgres ConnectionStrings__Mentori="$pg;Database=$database" \
  Auth__Jwt__SigningKey="bench-signing-key-that-is-long-enough-for-hs256" Auth__RequireVerifiedEmail=false \
  Auth__BcryptWorkFactor=10 RateLimiting__Enabled=false Redis__ConnectionString="127.0.0.1:$redis_port" \
  Logging__LogLevel__Default=Warning Email__PickupDirectory="$(mktemp -d)"
dotnet src/Mentori.Server/bin/Release/net10.0/Mentori.Server.dll migrate >/dev/null
for port in 5201 5202; do
  dotnet src/Mentori.Server/bin/Release/net10.0/Mentori.Server.dll --urls "http://127.0.0.1:$port" >/dev/null &
  pids+=($!)
done
for port in 5201 5202; do
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.2; done
done

bench=bench/Mentori.Bench/bin/Release/net10.0/Mentori.Bench.dll
dotnet $bench chat-latency http://127.0.0.1:5201 http://127.0.0.1:5201 "$messages"
dotnet $bench chat-latency http://127.0.0.1:5201 http://127.0.0.1:5202 "$messages"
