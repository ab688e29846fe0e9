#!/usr/bin/env bash
# Start-up cost of `vigil scan` on a 10-row CSV: process CPU time (user+sys, from getrusage) and wall, for the JIT
# build (`dotnet vigil.dll`) and a ReadyToRun publish. Usage: bench/startup/run.sh [RUNS]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'id,reading\n1,10\n2,11\n3,9\n4,10\n5,12\n6,8\n7,11\n8,10\n9,9\n10,1000\n' > "$work/ten.csv"

dotnet build src/Vigil.Cli -c Release -v q --nologo > /dev/null
VIGIL_ARTIFACTS="$work/artifacts" dotnet publish src/Vigil.Cli -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$work/r2r" -v q --nologo > /dev/null

jit=src/Vigil.Cli/bin/Release/net10.0/vigil.dll
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/startup/measure.py "JIT: vigil --version" "$runs" dotnet "$jit" --version
python3 bench/startup/measure.py "JIT: vigil scan ten.csv" "$runs" dotnet "$jit" scan "$work/ten.csv" -o json
python3 bench/startup/measure.py "R2R: vigil --version" "$runs" dotnet "$work/r2r/vigil.dll" --version
python3 bench/startup/measure.py "R2R: vigil scan ten.csv" "$runs" dotnet "$work/r2r/vigil.dll" scan "$work/ten.csv" -o json
