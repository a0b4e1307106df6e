#!/usr/bin/env bash
# Live managed heap per Realtime session (goal ≤ 20 KB). For each of --low and --high: starts a fresh Realtime host
# (Release, the environment of bench/realtime.sh), holds that many streaming sessions of bench/Invorto.Bench.Realtime
# (caller script included) for --hold-sec, takes --dumps `dotnet-gcdump collect` dumps of the host (each forces a full
# GC first) and stops it. Then it records the slope of the median live heap, (heap(high) − heap(low)) / (high − low),
# as heap_bytes_per_session (with heap_objects_per_session, heap_sessions_low/high ...) in bench/results/realtime.json,
# keeping its other keys. The
# per-type growth per session goes to bench/results/realtime-heap.json, the dumps and their reports to --dump-dir.
# The same measurement on the bare Kestrel baseline (bench/Invorto.Bench.RealtimeBaseline: a WebSocket server that only
# streams frames both ways) is recorded as heap_baseline_bytes_per_session, the floor any WebSocket session costs here;
# --no-baseline skips it.
# Usage: bench/realtime-heap.sh [--low 100] [--high 300] [--hold-sec 10] [--dumps 2] [--dump-dir DIR] [--no-build]
#        [--no-baseline] [--out bench/results/realtime.json] [--types-out bench/results/realtime-heap.json]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

low=100
high=300
hold=10
dumps=2
build=1
baseline=1
dump_dir=""
out=bench/results/realtime.json
types_out=bench/results/realtime-heap.json
while [ $# -gt 0 ]; do
  case "$1" in
    --low) low="$2"; shift ;;
    --high) high="$2"; shift ;;
    --hold-sec) hold="$2"; shift ;;
    --dumps) dumps="$2"; shift ;;
    --dump-dir) dump_dir="$2"; shift ;;
    --out) out="$2"; shift ;;
    --types-out) types_out="$2"; shift ;;
    --no-build) build=0 ;;
    --no-baseline) baseline=0 ;;
    *) echo "unknown option $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
# dotnet-gcdump comes from the repository's tool manifest (dotnet-tools.json).
dotnet tool restore >/dev/null
if [ "$build" = 1 ]; then
  dotnet build bench/Invorto.Bench.Realtime -c Release -nologo -v q -clp:ErrorsOnly
  dotnet build src/Hosts/Invorto.Realtime -c Release -nologo -v q -clp:ErrorsOnly
  if [ "$baseline" = 1 ]; then dotnet build bench/Invorto.Bench.RealtimeBaseline -c Release -nologo -v q -clp:ErrorsOnly; fi
fi
BASELINE="$ROOT/bench/Invorto.Bench.RealtimeBaseline/bin/Release/net10.0/Invorto.Bench.RealtimeBaseline.dll"
TOOL="$ROOT/bench/Invorto.Bench.Realtime/bin/Release/net10.0/Invorto.Bench.Realtime.dll"
REALTIME="$ROOT/src/Hosts/Invorto.Realtime/bin/Release/net10.0/Invorto.Realtime.dll"

# shellcheck source=bench/realtime-host.sh
source "$ROOT/bench/realtime-host.sh"
work="$(mktemp -d)"
keep_dumps=1
if [ -z "$dump_dir" ]; then dump_dir="$work/dumps"; keep_dumps=0; fi
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT

# A fresh host per count: ended calls leave state behind for a while (the in-process timeline streams keep a call's
# entries for 2 h without Redis), so sessions closed at the low count would otherwise count at the high one.
for n in "$low" "$high"; do
  port="$(free_port)"
  key="$(new_key)"
  start_realtime_host "$port" "$work/data-$n" "$key" "$work/realtime-$n.log"
  echo "== heap: Realtime host (pid $server_pid, port $port), $n sessions"
  dotnet "$TOOL" hold --target-name realtime --url "ws://127.0.0.1:$port/realtime/voice" --key "$key" --agent canary-agent \
    --server-pid "$server_pid" --sessions "$n" --hold-sec "$hold" --dumps "$dumps" --dump-dir "$dump_dir"
  stop_server
done

# Exact bytes per type come from the dumps' object graphs, read with the reader inside the restored dotnet-gcdump tool;
# without it the per-type bytes of strings and arrays are the report's estimates (the totals are exact either way).
gcdump_version="$(python3 -c 'import json; print(json.load(open("dotnet-tools.json"))["tools"]["dotnet-gcdump"]["version"])')"
gcdump_dll="$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/dotnet-gcdump/$gcdump_version" -name dotnet-gcdump.dll -path '*/any/*' 2>/dev/null | sort | tail -n 1 || true)"
graph=()
if [ -n "$gcdump_dll" ]; then graph=(--gcdump-dll "$gcdump_dll"); else echo "dotnet-gcdump.dll not found: per-type bytes estimated" >&2; fi
reports() { for i in $(seq 1 "$dumps"); do echo "$dump_dir/heap-$1-$i.txt"; done; }
mapfile -t low_reports < <(reports "$low")
mapfile -t high_reports < <(reports "$high")
dotnet "$TOOL" heap --low "$low" --low-reports "${low_reports[@]}" --high "$high" --high-reports "${high_reports[@]}" \
  --hold-sec "$hold" --out "$out" --types-out "$types_out" "${graph[@]}" \
  --command "bench/realtime-heap.sh --low $low --high $high --hold-sec $hold --dumps $dumps"

if [ "$baseline" = 1 ]; then
  for n in "$low" "$high"; do
    port="$(free_port)"
    DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 dotnet "$BASELINE" --port "$port" >"$work/baseline-$n.log" 2>&1 &
    server_pid=$!
    wait_healthy "$port" "$work/baseline-$n.log"
    echo "== heap: bare baseline (pid $server_pid, port $port), $n sessions"
    dotnet "$TOOL" hold --target-name baseline --url "ws://127.0.0.1:$port/realtime/voice" --key bench --agent canary-agent \
      --server-pid "$server_pid" --sessions "$n" --hold-sec "$hold" --dumps "$dumps" --dump-dir "$dump_dir/baseline"
    stop_server
  done
  mapfile -t low_reports < <(reports "$low" | sed "s#^$dump_dir/#$dump_dir/baseline/#")
  mapfile -t high_reports < <(reports "$high" | sed "s#^$dump_dir/#$dump_dir/baseline/#")
  dotnet "$TOOL" heap --low "$low" --low-reports "${low_reports[@]}" --high "$high" --high-reports "${high_reports[@]}" \
    --hold-sec "$hold" --out "$work/baseline-heap.json" --types-out "$work/baseline-heap-types.json" \
    --command "bench/realtime-heap.sh (bare baseline)" >/dev/null
  python3 - "$out" "$work/baseline-heap.json" <<'PY'
import json, sys
out, measured = sys.argv[1], json.load(open(sys.argv[2]))
figures = json.load(open(out))
figures["heap_baseline_bytes_per_session"] = measured["heap_bytes_per_session"]
figures["heap_engine_bytes_per_session"] = figures["heap_bytes_per_session"] - measured["heap_bytes_per_session"]
json.dump(figures, open(out, "w"), indent=2)
open(out, "a").write("\n")
print(f"heap_baseline_bytes_per_session {measured['heap_bytes_per_session']} (bare Kestrel WebSocket session); "
      f"the Realtime host's own share {figures['heap_engine_bytes_per_session']} B per session")
PY
fi
if [ "$keep_dumps" = 1 ]; then echo "dumps and reports kept in $dump_dir"; fi
