#!/usr/bin/env bash
# Lighthouse on the public pages (home, directory, a mentor page, sign-in), for docs/web-ui.md: performance,
# accessibility and best practices, each of which should be at least 95. Publishes a Release build, gives it the
# sample data on SQLite, serves it in Production on loopback, and runs Lighthouse (bench/lighthouse/, npm ci) on
# Debian's Chromium with its default mobile emulation (a mid-range phone on slow 4G, simulated) and again with its
# desktop preset. Prints one Markdown row per page and preset; the reports stay in the printed folder.
#   bash bench/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
url=http://127.0.0.1:5233
work=$(mktemp -d)
server=
chromium=${CHROMIUM:-/usr/bin/chromium}

(cd bench/lighthouse && npm ci --silent --no-audit --no-fund)
dotnet publish src/Mentori.Server -c Release -o "$work/app" >/dev/null
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

export ConnectionStrings__Mentori="Data Source=$work/mentori.db" Auth__Jwt__SigningKey="bench-signing-key-that-is-long-enough-for-hs256" \
  Backups__Enabled=false Email__PickupDirectory="$work/outbox" Logging__LogLevel__Default=Warning
start() {
  (cd "$work/app" && ASPNETCORE_ENVIRONMENT=$1 exec dotnet Mentori.Server.dll --urls "$url" >"$work/server-$1.log" 2>&1) &
  server=$!
  until curl -fs "$url/health/ready" >/dev/null; do sleep 0.2; done
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=; }

start Development # once, for the sample data
stop
start Production
mentor=$(curl -fs "$url/api/v1/mentors?q=jane&limit=1" | sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')

flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
echo "| page | preset | performance | accessibility | best practices | FCP | LCP | TBT | CLS |"
echo "|---|---|---|---|---|---|---|---|---|"
for page in "home /" "directory /mentors" "mentor /mentors/$mentor" "sign-in /sign-in"; do
  set -- $page
  for preset in mobile desktop; do
    report="$work/$1-$preset.json"
    extra=()
    [ "$preset" = desktop ] && extra=(--preset=desktop)
    bench/lighthouse/node_modules/.bin/lighthouse "$url$2" "${extra[@]}" --quiet --output=json --output-path="$report" \
      --only-categories=performance,accessibility,best-practices --chrome-path="$chromium" --chrome-flags="$flags"
    node -e '
      const r = require(process.argv[1]), c = r.categories, a = r.audits, s = k => Math.round(c[k].score * 100);
      console.log(`| ${process.argv[2]} | ${process.argv[3]} | ${s("performance")} | ${s("accessibility")} | ${s("best-practices")} | ` +
        `${a["first-contentful-paint"].displayValue} | ${a["largest-contentful-paint"].displayValue} | ` +
        `${a["total-blocking-time"].displayValue} | ${a["cumulative-layout-shift"].displayValue} |`);
    ' "$report" "$1" "$preset"
  done
done
echo "Reports: $work"
