#!/usr/bin/env bash
# NAB harness: runs `vigil watch --no-follow --scores` over every series of the NAB training half and scores the
# result with the shared NAB scorer, twice: the scorer's threshold sweep over Vigil's scores, and --binary over
# Vigil's own alerts. Usage: bench/nab/run.sh [RESULTS_DIR]   (VIGIL=path/to/vigil to skip the build)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
nab="$repo/../shared/data/nab-train"
scorer="$repo/../shared/tools/nab_score.py"
out="${1:-${TMPDIR:-/tmp}/vigil-nab}"

if [[ -z "${VIGIL:-}" ]]; then
    echo "nab: building Release" >&2
    dotnet build "$repo/src/Vigil.Cli" -c Release --nologo -v quiet >&2
    VIGIL="$repo/src/Vigil.Cli/bin/Release/net10.0/vigil"
fi

rm -rf "$out"
start=$(date +%s.%N)
for file in "$nab"/data/*/*.csv; do
    category="$(basename "$(dirname "$file")")"
    "$VIGIL" watch --no-follow --scores "$file" | python3 "$here/to_nab.py" "$file" "$category" "$out"
done
end=$(date +%s.%N)
echo "nab: detector over $(ls "$nab"/data/*/*.csv | wc -l) series in $(echo "$end - $start" | bc) s (incl. process start-up)" >&2

sweep=$(python3 "$scorer" --nab "$nab" --results "$out/scores" --allow-missing | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join("%s=%.2f" % kv for kv in d.items()))')
binary=$(python3 "$scorer" --nab "$nab" --results "$out/alerts" --allow-missing --binary | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join("%s=%.2f" % kv for kv in d.items()))')
echo "NAB training half, threshold sweep over --scores: $sweep"
echo "NAB training half, Vigil's own alerts (--binary):  $binary"
