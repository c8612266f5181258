#!/usr/bin/env bash
# Issue 15's writes on Mentori (requesting a session, accepting it, sending a message) and sending a message on the
# ceiling's raw insert, side by side in one run, for docs/performance.md: `Mentori.Bench writes` with new pairs of a
# mentor and a mentee on the generated DATABASE (see bench/servers.sh), one request at a time per pair.
#   MENTORI_BENCH_PG="Host=/tmp/pgbench;Port=5433;Username=postgres" bash bench/writes.sh DATABASE [seconds] [pairs]
set -euo pipefail
cd "$(dirname "$0")/.."
database=${1:?name the database (generated when it does not exist)}
seconds=${2:-10}
pairs=${3:-16}
unset MENTORI_BENCH_BASELINE # the other side must be the ceiling: its raw insert is what messages are compared with
source bench/servers.sh

dotnet "$bench_dll" writes "$pg;Database=$database" "$mentori_url" "$ceiling_url" "$seconds" "$pairs"
