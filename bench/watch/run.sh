#!/usr/bin/env bash
# Times `vigil watch --no-follow` (Release) on a generated metric file (default 10M rows): CPU time (user+sys), wall
# time, peak RSS and rows per second per core of CPU time. Wall time is only meaningful on an idle machine.
# Usage: bench/watch/run.sh [ROWS] [RUNS]    (defaults 10000000 and 1)
set -euo pipefail

rows="${1:-10000000}"
runs="${2:-1}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${TMPDIR:-/tmp}/vigil-bench-watch"
data="$work/watch-$rows.csv"

if [[ ! -x /usr/bin/time ]]; then
    echo "bench: /usr/bin/time is missing (Debian/Ubuntu: apt-get install -y time)" >&2
    exit 2
fi

mkdir -p "$work"
if [[ ! -s "$data" ]]; then
    echo "bench: generating $rows rows -> $data" >&2
    awk -v rows="$rows" -f "$here/gen.awk" > "$data.tmp"
    mv "$data.tmp" "$data"
fi

if [[ -z "${VIGIL:-}" ]]; then
    echo "bench: building Release" >&2
    dotnet build "$repo/src/Vigil.Cli" -c Release --nologo -v quiet >&2
    VIGIL="$repo/src/Vigil.Cli/bin/Release/net10.0/vigil"
fi

for ((i = 1; i <= runs; i++)); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$VIGIL" watch --no-follow "$data" > "$work/alerts.ndjson"
    read -r wall user sys rss < "$work/time.txt"
    awk -v rows="$rows" -v wall="$wall" -v user="$user" -v sys="$sys" -v rss="$rss" -v alerts="$(wc -l < "$work/alerts.ndjson")" 'BEGIN {
        cpu = user + sys
        printf "watch --no-follow: %d rows, %d alerts: wall %.2f s, cpu %.2f s (user %.2f + sys %.2f), peak RSS %.0f MiB, %.2f M rows/s per core of CPU\n",
            rows, alerts, wall, cpu, user, sys, rss / 1024, rows / cpu / 1e6
    }'
done
