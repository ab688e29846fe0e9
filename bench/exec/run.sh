#!/usr/bin/env bash
# Exec bench, side by side on this machine in one run:
#   1. ExecBench (in-process daemon, real mTLS/HTTP2, fsynced audit): reused-connection latency and throughput;
#   2. the native `vigil exec 127.0.0.1:PORT -- true`, a new process and a new connection per call, against
#      `ssh -o BatchMode=yes localhost true` (key auth, loopback sshd started here) — wall and CPU, and the ratio.
# Usage: bench/exec/run.sh [calls]   (VIGIL_NATIVE=DIR reuses a published vigil instead of publishing one)
set -euo pipefail
CALLS="${1:-500}"
N="${VIGIL_BENCH_CLI_CALLS:-50}"
ART="${VIGIL_ARTIFACTS:-/tmp/art-bench-exec}"
export VIGIL_ARTIFACTS="$ART"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/var/tmp}/vigil-bench-exec.XXXXXX")"
SERVE_PID=""
SSHD_PID=""
trap 'kill $SERVE_PID $SSHD_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

if [ -n "${VIGIL_NATIVE:-}" ]; then
  NATIVE="$VIGIL_NATIVE"
else
  NATIVE="$WORK/native"
  dotnet publish -c Release "$ROOT/src/Vigil.Cli" -o "$NATIVE" >/dev/null
fi
VIGIL="$NATIVE/vigil"

dotnet build -c Release "$ROOT/bench/exec/ExecBench/ExecBench.csproj" >/dev/null
dotnet "$ART/bin/ExecBench/release/ExecBench.dll" "$CALLS" "$WORK/inproc"

# --- native CLI, one process per call ---
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
until grep -q '^vigil: listening' "$WORK/serve.err"; do i=$((i+1)); [ $i -lt 300 ] || exit 1; sleep 0.1; done
PORT=$(sed -n 's/^vigil: listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/serve.err")

# --- sshd on loopback only, key auth, its own host key and authorized_keys ---
if ! command -v sshd >/dev/null 2>&1 && [ ! -x /usr/sbin/sshd ]; then
  apt-get install -y -qq openssh-server openssh-client >/dev/null
fi
mkdir -p /run/sshd "$WORK/ssh"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/ssh/host" </dev/null
ssh-keygen -q -t ed25519 -N '' -f "$WORK/ssh/user" </dev/null
cp "$WORK/ssh/user.pub" "$WORK/ssh/authorized_keys"
SSH_PORT=$((20000 + RANDOM % 20000))
/usr/sbin/sshd -D -f /dev/null -h "$WORK/ssh/host" -p "$SSH_PORT" -o ListenAddress=127.0.0.1 \
  -o AuthorizedKeysFile="$WORK/ssh/authorized_keys" -o StrictModes=no -o PasswordAuthentication=no \
  -o KbdInteractiveAuthentication=no -o PidFile=none &
SSHD_PID=$!
SSH=(ssh -p "$SSH_PORT" -i "$WORK/ssh/user" -o BatchMode=yes -o StrictHostKeyChecking=no
     -o UserKnownHostsFile="$WORK/ssh/known_hosts" -o LogLevel=ERROR "$(id -un)@127.0.0.1")
i=0
until "${SSH[@]}" true 2>/dev/null; do i=$((i+1)); [ $i -lt 50 ] || { echo "sshd did not come up" >&2; exit 1; }; sleep 0.2; done

# Wall and CPU (user+sys of the loop's child processes, from bash's `times`) per call, in ms.
child_cpu() { times | tail -n 1 | awk '{ split($1,u,"m"); split($2,s,"m"); sub("s","",u[2]); sub("s","",s[2]); print u[1]*60+u[2]+s[1]*60+s[2] }'; }
measure() {
  local label=$1; shift
  local t0 t1 c0 c1 wall cpu
  c0=$(child_cpu)
  t0=$(date +%s%N)
  for _ in $(seq "$N"); do "$@" >/dev/null; done
  t1=$(date +%s%N)
  c1=$(child_cpu)
  wall=$(awk "BEGIN{printf \"%.1f\", ($t1 - $t0) / $N / 1e6}")
  cpu=$(awk "BEGIN{printf \"%.1f\", ($c1 - $c0) * 1000 / $N}")
  echo "| $label | $N | $wall | $cpu |"
  eval "${label%% *}_WALL=$wall"
}

echo
echo "| per call, new process + new connection | calls | wall ms | client CPU ms |"
echo "|---|---:|---:|---:|"
measure "vigil exec (native) -- true" "$VIGIL" exec "127.0.0.1:$PORT" --dir "$WORK/alice" --machine "$BOB" -- true
measure "ssh localhost true (key auth)" "${SSH[@]}" true
measure "local /bin/true" /bin/true
awk "BEGIN{printf \"\\nssh / vigil exec wall-clock ratio: %.1fx\\n\", $ssh_WALL / $vigil_WALL}"
