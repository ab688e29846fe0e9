#!/usr/bin/env bash
# Times `vigil scan` (Release) on a generated 1M-row, 4-column CSV: wall time and peak RSS.
# Usage: bench/scan/run.sh [ROWS] [RUNS]    (defaults 1000000 and 3)
# Target on a 2-core machine: < 3 s wall and < 500 MB peak RSS.
set -euo pipefail

rows="${1:-1000000}"
runs="${2:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
artifacts="${VIGIL_ARTIFACTS:-/tmp/vigil-bench-artifacts}"
work="${TMPDIR:-/tmp}/vigil-bench-scan"
data="$work/scan-$rows.csv"

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

echo "bench: building Release" >&2
VIGIL_ARTIFACTS="$artifacts" dotnet build "$repo/src/Vigil.Cli" -c Release --nologo -v quiet >&2
dll="$artifacts/bin/Vigil.Cli/release/vigil.dll"

size=$(stat -c %s "$data")
echo "input: $data ($rows rows, $((size / 1024 / 1024)) MiB); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= runs; r++)); do
    log="$work/time-$r.log"
    set +e
    /usr/bin/time -v dotnet "$dll" scan "$data" > "$work/envelope-$r.json" 2> "$log"
    code=$?
    set -e
    if [[ $code -gt 1 ]]; then
        echo "bench: vigil failed (exit $code):" >&2
        cat "$log" >&2
        exit 2
    fi
    wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
    cpu=$(grep 'Percent of CPU' "$log" | awk '{print $NF}')
    user=$(grep 'User time (seconds)' "$log" | awk '{print $NF}')
    sys=$(grep 'System time (seconds)' "$log" | awk '{print $NF}')
    # CPU seconds matter on a shared machine: wall time there mostly measures the other tenants.
    echo "run $r: wall $wall, cpu ${user}s user + ${sys}s sys ($cpu), peak RSS $((rss / 1024)) MiB, exit $code"
done

if ! cmp -s "$work/envelope-1.json" "$work/envelope-$runs.json"; then
    echo "bench: envelopes differ between runs (determinism failure)" >&2
    exit 2
fi
echo "envelopes byte-identical across $runs runs ($(stat -c %s "$work/envelope-1.json") bytes)"
