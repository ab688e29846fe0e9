#!/usr/bin/env bash
# Side-by-side, in one run: `vigil scan -o json` vs the pandas + numpy modified-z script vs `wc -l`, on the same
# generated request-log CSV (bench/scan/gen_requests.py). Prints wall, CPU (user+sys) and peak RSS per tool, the
# median of RUNS runs each (interleaved, so machine noise hits both alike), and the Vigil/pandas ratios.
# Usage: bench/scan/vs-pandas.sh [ROWS] [RUNS]      (defaults: 10000000 rows ≈ 248 MB, 3 runs)
# Needs: /usr/bin/python3 with Debian's python3-pandas, /usr/bin/time (apt-get install -y python3-pandas time).
set -euo pipefail

rows="${1:-10000000}"
runs="${2:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${VIGIL_BENCH_DIR:-/var/tmp/vigil-bench-scan}"
publish="$work/publish"
data="$work/requests-$rows.csv"

for need in /usr/bin/time /usr/bin/python3; do
    [[ -x $need ]] || { echo "bench: $need is missing (apt-get install -y time python3-pandas)" >&2; exit 2; }
done
/usr/bin/python3 -c 'import pandas' 2>/dev/null || { echo "bench: pandas missing (apt-get install -y python3-pandas)" >&2; exit 2; }

mkdir -p "$work"
if [[ ! -s $data ]]; then
    echo "bench: generating $rows rows -> $data" >&2
    /usr/bin/python3 "$here/gen_requests.py" "$rows" "$data.tmp"
    mv "$data.tmp" "$data"
fi

echo "bench: publishing vigil (Release) -> $publish" >&2
dotnet publish "$repo/src/Vigil.Cli" -c Release -o "$publish" --nologo -v quiet >&2
vigil="$publish/vigil"

# measure NAME CMD... → appends "wall cpu rss_mib" to $work/NAME.times; stdout of CMD goes to $work/NAME.out
measure() {
    local name=$1; shift
    local log="$work/$name.time"
    set +e
    /usr/bin/time -f '%e %U %S %M' -o "$log" "$@" > "$work/$name.out" 2> "$work/$name.err"
    local code=$?
    set -e
    if [[ $name == vigil && $code -gt 1 ]] || [[ $name != vigil && $code -ne 0 ]]; then
        echo "bench: $name failed (exit $code):" >&2; cat "$work/$name.err" >&2; exit 2
    fi
    # GNU time prefixes "Command exited with non-zero status N" when vigil exits 1 (anomalies found): read the last line.
    tail -n 1 "$log" | awk '{printf "%.3f %.3f %d\n", $1, $2 + $3, $4 / 1024}' >> "$work/$name.times"
}

rm -f "$work"/*.times
cat "$data" > /dev/null   # warm the page cache
for ((r = 1; r <= runs; r++)); do
    measure vigil "$vigil" scan -o json "$data"
    cp "$work/vigil.out" "$work/envelope-$r.json"
    measure pandas /usr/bin/python3 "$here/pandas_modz.py" "$data"
    measure wc wc -l "$data"
done

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
col() { awk -v c="$2" '{print $c}' "$work/$1.times" | median; }

size=$(stat -c %s "$data")
echo "input: $rows rows, $((size / 1000000)) MB ($data); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %10s %10s %12s\n' tool "wall s" "cpu s" "peak RSS MiB"
for t in vigil pandas wc; do
    printf '%-8s %10s %10s %12s\n' "$t" "$(col $t 1)" "$(col $t 2)" "$(col $t 3)"
done
awk -v pw="$(col pandas 1)" -v vw="$(col vigil 1)" -v pc="$(col pandas 2)" -v vc="$(col vigil 2)" \
    'BEGIN {printf "vigil is %.1fx faster than pandas by wall time, %.1fx by CPU time\n", pw / vw, pc / vc}'
echo "memory rule: peak RSS <= 2 x numeric payload + 100 MB = $((rows * 3 * 8 * 2 / 1048576 + 100)) MiB"
for ((r = 2; r <= runs; r++)); do
    cmp -s "$work/envelope-1.json" "$work/envelope-$r.json" || { echo "bench: envelopes differ between runs" >&2; exit 2; }
done
echo "vigil envelopes byte-identical across $runs runs; pandas flagged: $(grep -o 'flagged=[0-9]*' "$work/pandas.out" | tr '\n' ' ')"
