#!/usr/bin/env bash
# Offline speech benchmark: eSpeak NG synthesis (first audio per reply, real-time factor) and PocketSphinx recognition of
# eSpeak's speech with the agent's grammar (word accuracy, real-time factor) at 16 and 8 kHz, through the same provider
# classes a call uses (bench/Invorto.Bench.Offline). Writes bench/results/offline.json and the "Offline speech" section of
# docs/benchmarks.md. Needs: apt-get install espeak-ng libespeak-ng1 libpocketsphinx3 pocketsphinx-en-us
# Usage: bash bench/offline.sh [--rounds N] [--quick]   (--quick: 2 rounds, prints the figures, leaves results and docs alone)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=10
quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --quick) quick=1; rounds=2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Invorto.Bench.Offline -c Release -nologo -v q -clp:ErrorsOnly
TOOL=bench/Invorto.Bench.Offline/bin/Release/net10.0/Invorto.Bench.Offline.dll
load_before="$(cut -d' ' -f1 /proc/loadavg)"
if [ "$quick" = 1 ]; then
  dotnet "$TOOL" --rounds "$rounds"
else
  mkdir -p bench/results
  dotnet "$TOOL" --rounds "$rounds" --out bench/results/offline.json --doc docs/benchmarks.md \
    --command "bash bench/offline.sh" --load-before "$load_before"
fi
