#!/usr/bin/env bash
# Realtime capacity benchmark (issue 11): for each run, the bare Kestrel baseline (bench/Invorto.Bench.RealtimeBaseline)
# and then the Realtime host are each driven by bench/Invorto.Bench.Realtime over real WebSockets on 127.0.0.1 with a
# step search over N concurrent sessions. Three runs; the medians go to bench/results/realtime.json (run files in
# bench/results/realtime-runs/) and the "Realtime capacity" section of docs/benchmarks.md.
# A full run then measures the live heap per session (bench/realtime-heap.sh) into the same realtime.json.
# Usage: bench/realtime.sh [--quick] [--target baseline|realtime|both] [load tool options, e.g. --measure-sec 10]
# --quick: one run with short steps; --quick or a single target prints the summary and leaves results and docs alone.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

quick=0
target=both
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; extra+=(--quick) ;;
    --target) target="$2"; shift ;;
    *) extra+=("$1") ;;
  esac
  shift
done
case "$target" in baseline|realtime|both) ;; *) echo "--target must be baseline, realtime or both" >&2; exit 2 ;; esac
runs=3
[ "$quick" = 1 ] && runs=1

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Socket completions run inline on the epoll threads in the servers (same conditions for both) and in the load tool,
# whose receive loops only time and count frames.
export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
dotnet build bench/Invorto.Bench.Realtime -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/Invorto.Bench.RealtimeBaseline -c Release -nologo -v q -clp:ErrorsOnly
if [ "$target" != baseline ]; then
  dotnet build src/Hosts/Invorto.Realtime -c Release -nologo -v q -clp:ErrorsOnly
fi
TOOL="$ROOT/bench/Invorto.Bench.Realtime/bin/Release/net10.0/Invorto.Bench.Realtime.dll"
BASELINE="$ROOT/bench/Invorto.Bench.RealtimeBaseline/bin/Release/net10.0/Invorto.Bench.RealtimeBaseline.dll"
REALTIME="$ROOT/src/Hosts/Invorto.Realtime/bin/Release/net10.0/Invorto.Realtime.dll"

# shellcheck source=bench/realtime-host.sh
source "$ROOT/bench/realtime-host.sh"
work="$(mktemp -d)"
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT

files=()
for run in $(seq 1 "$runs"); do
  if [ "$target" != realtime ]; then
    port="$(free_port)"
    DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 dotnet "$BASELINE" --port "$port" >"$work/baseline-$run.log" 2>&1 &
    server_pid=$!
    wait_healthy "$port" "$work/baseline-$run.log"
    echo "== run $run/$runs: baseline (pid $server_pid, port $port)"
    dotnet "$TOOL" run --target-name baseline --url "ws://127.0.0.1:$port/realtime/voice" --key bench \
      --server-pid "$server_pid" --out "$work/baseline-$run.json" "${extra[@]}"
    stop_server
    files+=("$work/baseline-$run.json")
  fi
  if [ "$target" != baseline ]; then
    port="$(free_port)"
    key="$(new_key)"
    start_realtime_host "$port" "$work/data-$run" "$key" "$work/realtime-$run.log"
    echo "== run $run/$runs: Realtime host (pid $server_pid, port $port)"
    dotnet "$TOOL" run --target-name realtime --url "ws://127.0.0.1:$port/realtime/voice" --key "$key" --agent canary-agent \
      --server-pid "$server_pid" --out "$work/realtime-$run.json" "${extra[@]}"
    stop_server
    files+=("$work/realtime-$run.json")
  fi
done

if [ "$quick" = 1 ] || [ "$target" != both ]; then
  dotnet "$TOOL" aggregate --runs "${files[@]}"
  for f in "${files[@]}"; do echo "== $(basename "$f")"; cat "$f"; done
else
  mkdir -p bench/results/realtime-runs
  cp "${files[@]}" bench/results/realtime-runs/
  dotnet "$TOOL" aggregate --runs "${files[@]}" --out bench/results/realtime.json --doc docs/benchmarks.md \
    --command "bench/realtime.sh${extra[*]:+ ${extra[*]}}"
  # The aggregate rewrites realtime.json: the live heap per session (heap_* keys) is measured again and merged in.
  bash bench/realtime-heap.sh --no-build
fi
