#!/usr/bin/env bash
# Worst-case inputs of ~1 MB for every text format (issue 14, acceptance 3): deep nesting, a new key per line,
# one huge line, many columns (see generate.py). Each is scanned once with the Release CLI and --input-format;
# the verdict is "pass" when it finishes (any of exit 0/1/2, never a crash) in under 5 s wall and 500 MB peak RSS.
# The GC heap is capped at 1 GiB so a blow-up fails fast instead of taking the machine down.
#   bench/worstcase/run.sh [SIZE_BYTES]       (default 1000000)
# Prints one line per input, then "N/M pass"; exits 1 if any failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
size="${1:-1000000}"
artifacts="${VIGIL_ARTIFACTS:-/tmp/vigil-worstcase-artifacts}"
work="${TMPDIR:-/tmp}/vigil-worstcase-$size"

[[ -x /usr/bin/time ]] || { echo "worstcase: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }
VIGIL_ARTIFACTS="$artifacts" dotnet build "$repo/src/Vigil.Cli" -c Release --nologo -v quiet >&2 || exit 2
dll="$artifacts/bin/Vigil.Cli/release/vigil.dll"
rm -rf "$work"
python3 "$here/generate.py" "$work" "$size"

pass=0
total=0
printf '%-26s %5s %8s %8s %8s  %s\n' input exit wall_s cpu_s rss_MB verdict
for input in "$work"/*; do
  name="$(basename "$input")"
  format="${name%%.*}"
  stats="$work.stats"
  DOTNET_GCHeapHardLimit=0x40000000 /usr/bin/time -f "%e %U %S %M" -o "$stats" \
    timeout 60 dotnet "$dll" scan --input-format "$format" "$input" >/dev/null 2>"$work.err"
  code=$?
  read -r wall user sys rss <<<"$(tail -n 1 "$stats")"
  cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
  mb=$((rss / 1024))
  verdict=pass
  if [[ $code -gt 2 ]] || grep -q -e "internal error" -e "Unhandled exception" -e "Stack overflow" "$work.err"; then
    verdict="FAIL (exit $code: $(head -c 120 "$work.err" | tr '\n' ' '))"
  elif python3 -c "import sys; sys.exit(0 if $wall < 5 and $mb < 500 else 1)"; then
    verdict=pass
  else
    verdict="FAIL (limits)"
  fi

  [[ $verdict == pass ]] && pass=$((pass + 1))
  total=$((total + 1))
  printf '%-26s %5s %8s %8s %8s  %s\n' "$name" "$code" "$wall" "$cpu" "$mb" "$verdict"
done
rm -f "$work.stats" "$work.err"
echo "$pass/$total pass"
[[ $pass -eq $total ]]
