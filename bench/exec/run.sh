#!/bin/sh
# Exec round-trip bench: builds and runs ExecBench (in-process daemon, real mTLS, fsynced audit), then times the
# CLI itself (`vigil exec 127.0.0.1:PORT -- true`, one process per call) against a local /bin/true.
# Usage: bench/exec/run.sh [calls]   (results go to stdout as Markdown rows)
set -eu
CALLS="${1:-500}"
ART="${VIGIL_ARTIFACTS:-/tmp/art-bench-exec}"
export VIGIL_ARTIFACTS="$ART"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/var/tmp}/vigil-bench-exec.XXXXXX")"
trap 'kill "$SERVE_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
SERVE_PID=""

dotnet build -c Release "$ROOT/bench/exec/ExecBench/ExecBench.csproj" >/dev/null
dotnet build -c Release "$ROOT/src/Vigil.Cli/Vigil.Cli.csproj" >/dev/null
dotnet "$ART/bin/ExecBench/release/ExecBench.dll" "$CALLS" "$WORK/inproc"

# CLI loop: every call is a new process (runtime start-up, key load, TLS handshake).
VIGIL="dotnet $ART/bin/Vigil.Cli/release/vigil.dll"
$VIGIL keygen --dir "$WORK/bob" >/dev/null
$VIGIL keygen --dir "$WORK/alice" > "$WORK/alice.ids"
AGENT=$(awk '/agent_id/{print $2}' "$WORK/alice.ids")
MACHINE=$(awk '/machine_id/{print $2}' "$WORK/alice.ids")
BOB=$($VIGIL id --dir "$WORK/bob" | awk '/machine_id/{print $2}')
cat > "$WORK/acl.toml" <<TOML
[exec]
enabled = true
audit_log_path = "$WORK/audit.log"
[[exec.allow]]
agent_id = "$AGENT"
machine_id = "$MACHINE"
[[exec.allow.commands]]
argv = ["true"]
TOML
$VIGIL serve --dir "$WORK/bob" --acl "$WORK/acl.toml" --listen 127.0.0.1:0 2> "$WORK/serve.err" &
SERVE_PID=$!
i=0
until grep -q listening "$WORK/serve.err"; do i=$((i+1)); [ $i -lt 300 ] || exit 1; sleep 0.1; done
PORT=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/serve.err")
N=50
start=$(date +%s%N)
for _ in $(seq $N); do $VIGIL exec "127.0.0.1:$PORT" --dir "$WORK/alice" --machine "$BOB" -- true; done
end=$(date +%s%N)
echo "| vigil exec CLI, one process per call | $N | | | $(awk "BEGIN{printf \"%.1f\", ($end - $start) / $N / 1e6}") | |"
start=$(date +%s%N)
for _ in $(seq $N); do /bin/true; done
end=$(date +%s%N)
echo "| local /bin/true from sh | $N | | | $(awk "BEGIN{printf \"%.2f\", ($end - $start) / $N / 1e6}") | |"
# Optional baseline: VIGIL_BENCH_SSH="ssh -p 2222 -i KEY -o BatchMode=yes user@127.0.0.1" (default: ssh localhost).
SSH_CMD="${VIGIL_BENCH_SSH:-ssh -o BatchMode=yes -o ConnectTimeout=2 localhost}"
if $SSH_CMD true 2>/dev/null; then
  start=$(date +%s%N)
  for _ in $(seq $N); do $SSH_CMD true; done
  end=$(date +%s%N)
  echo "| ssh true, new connection per call | $N | | | $(awk "BEGIN{printf \"%.1f\", ($end - $start) / $N / 1e6}") | |"
fi
