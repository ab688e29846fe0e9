#!/usr/bin/env bash
# Coverage-guided fuzzing of every Vigil parser, the ACL loader, both request decoders and audit verify.
#   bench/fuzz/run.sh [--execs N] [--targets "a b ..."] [--jobs J] [--max-len BYTES] [--smoke]
# Builds bench/fuzz/Vigil.Fuzz into bench/fuzz/out, instruments the Vigil assemblies with SharpFuzz (the
# sharpfuzz tool is installed into bench/fuzz/.tools on first use), then runs each target in its own process
# for N executions (default 1,000,000; --smoke: 3,000). A process that dies (stack overflow, abort) is a
# crash too: its last input is kept from the memory-mapped current-input file. Findings go to bench/fuzz/work/.
# Prints one line per target and exits 1 if any target found a crash.
set -uo pipefail
cd "$(dirname "$0")/../.."

execs=1000000
targets=""
jobs=1
maxlen=8192
while [ $# -gt 0 ]; do
  case "$1" in
    --execs) execs="$2"; shift 2 ;;
    --targets) targets="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --max-len) maxlen="$2"; shift 2 ;;
    --smoke) execs=3000; shift ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
tools=bench/fuzz/.tools
out=bench/fuzz/out
work=bench/fuzz/work
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null || { echo "run.sh: cannot install sharpfuzz" >&2; exit 2; }
fi

rm -rf "$out"
dotnet publish bench/fuzz/Vigil.Fuzz -c Release -o "$out" -v q --nologo >/dev/null || { echo "run.sh: build failed" >&2; exit 2; }
for assembly in Vigil.Core Vigil.Formats Vigil.Exec Vigil.Server; do
  "$tools/sharpfuzz" "$out/$assembly.dll" >/dev/null || { echo "run.sh: cannot instrument $assembly" >&2; exit 2; }
done

[ -n "$targets" ] || targets=$(dotnet "$out/Vigil.Fuzz.dll" list --samples ../shared/data/real-samples)
mkdir -p "$work"

# One target per process; J processes at a time. Each writes its line to $work/<target>.line.
fuzz_one() {
  local target="$1" dir="$work/${1//:/-}" start status line
  start=$(date +%s.%N)
  line=$(dotnet "$out/Vigil.Fuzz.dll" "$target" --execs "$execs" --max-len "$maxlen" --samples ../shared/data/real-samples --out "$work" 2>"$dir.stderr")
  status=$?
  if [ "$status" -le 1 ]; then
    echo "$line" >"$dir.line"
  else
    # The process died: keep the input it was running.
    mkdir -p "$dir/findings"
    python3 - "$dir/current-input" "$dir/findings/died-$status.bin" <<'PY'
import struct, sys
raw = open(sys.argv[1], 'rb').read()
n = struct.unpack('<i', raw[:4])[0]
open(sys.argv[2], 'wb').write(raw[4:4 + n])
PY
    echo "$target died with exit $status after $(python3 -c "import sys; print(round($(date +%s.%N) - $start, 1))") s; input kept in $dir/findings/died-$status.bin" >"$dir.line"
  fi
  return "$status"
}

crashed=0
running=0
for target in $targets; do
  fuzz_one "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || crashed=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || crashed=1
  running=$((running - 1))
done

for target in $targets; do
  cat "$work/${target//:/-}.line"
done
exit "$crashed"
