#!/usr/bin/env bash
# Issue 17's fuzzing at full size, for docs/operations.md: Fuzzing/FuzzTests with REQUESTS generated requests to
# each operation that takes input (the suite sends 200), on PostgreSQL and on SQLite, then each run's table of answers.
# A failure prints its seed; pass it as SEED to replay the same requests.
#   bash bench/fuzz.sh [requests] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-10000}
seed=${2:-}
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 dotnet build -v q -nologo tests/Mentori.Tests >&2
status=0
for class in FuzzOnPostgres FuzzOnSqlite; do
  report=$(mktemp)
  started=$(date +%s)
  result=passed
  env MENTORI_FUZZ_REQUESTS="$requests" MENTORI_FUZZ_REPORT="$report" ${seed:+MENTORI_FUZZ_SEED=$seed} \
    dotnet tests/Mentori.Tests/bin/Debug/net10.0/Mentori.Tests.dll -class "Mentori.Tests.Fuzzing.$class" >&2 || { status=1; result=FAILED; }
  echo "### $class: $result ($(( $(date +%s) - started )) s)"
  echo
  cat "$report"
  echo
  rm -f "$report"
done
exit "$status"
