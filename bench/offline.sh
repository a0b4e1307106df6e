#!/usr/bin/env bash
# Offline speech benchmark: eSpeak NG synthesis (first audio per reply, real-time factor) and PocketSphinx recognition of
# eSpeak's speech with the agent's grammar (word accuracy, real-time factor) at 16 and 8 kHz, through the same provider
# classes a call uses; then web calls over real WebSockets against the Realtime host (Release, embedded SQLite in a
# throwaway data directory, 127.0.0.1): turn latency on the offline providers, offline sessions per core (step search),
# and the platform's own turn overhead with instant local fakes of Deepgram, OpenAI and ElevenLabs
# (bench/Invorto.Bench.Offline). Writes bench/results/offline.json and the "Offline speech" section of docs/benchmarks.md.
# The Realtime host runs pinned to core 1 (taskset -c 1), the load tool to core 0 (its own affinity); run it on a quiet machine.
# Needs: apt-get install espeak-ng libespeak-ng1 libpocketsphinx3 pocketsphinx-en-us; taskset (util-linux); 2+ cores.
# Usage: bash bench/offline.sh [--rounds N] [--quick] [--no-calls]
#   --quick: 2 rounds and short call windows, prints the figures, leaves results and docs alone (about 6 min)
#   --no-calls: only the speech figures (prints them; results and docs need the call figures too)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=10
quick=0
calls=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --quick) quick=1; rounds=2 ;;
    --no-calls) calls=0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Invorto.Bench.Offline -c Release -nologo -v q -clp:ErrorsOnly
TOOL=bench/Invorto.Bench.Offline/bin/Release/net10.0/Invorto.Bench.Offline.dll
args=(--rounds "$rounds")
work=""
if [ "$calls" = 1 ]; then
  dotnet build src/Hosts/Invorto.Realtime -c Release -nologo -v q -clp:ErrorsOnly
  dotnet build src/Hosts/Invorto.Api -c Release -nologo -v q -clp:ErrorsOnly
  work="$(mktemp -d /tmp/invorto-offline-bench.XXXXXX)"
  trap 'rm -rf "$work"' EXIT
  args+=(--realtime-dll src/Hosts/Invorto.Realtime/bin/Release/net10.0/Invorto.Realtime.dll
    --api-dll src/Hosts/Invorto.Api/bin/Release/net10.0/Invorto.Api.dll --work "$work")
  if [ "$(nproc)" -ge 2 ]; then
    args+=(--host-core 1 --client-core 0)
  fi
fi
[ "$quick" = 1 ] && args+=(--quick)

load_before="$(cut -d' ' -f1 /proc/loadavg)"
if [ "$quick" = 1 ] || [ "$calls" = 0 ]; then
  dotnet "$TOOL" "${args[@]}" --load-before "$load_before"
else
  mkdir -p bench/results
  dotnet "$TOOL" "${args[@]}" --out bench/results/offline.json --doc docs/benchmarks.md \
    --command "bash bench/offline.sh" --load-before "$load_before"
fi
