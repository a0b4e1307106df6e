#!/usr/bin/env bash
# Concurrency limiter benchmark: acquire+release pairs/s against a local Redis from 1 and from 4 processes.
# Uses REDIS_URL when set (127.0.0.1 only); otherwise starts a throwaway redis-server and stops it on exit.
# Writes bench/results/limiter.json and the "Concurrency limiter" section of docs/benchmarks.md.
# Extra arguments go to the benchmark, e.g. bench/limiter.sh --duration-sec 5
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${REDIS_URL:-}" ]; then
  command -v redis-server >/dev/null || { echo "redis-server not found: apt-get install -y redis-server, or set REDIS_URL" >&2; exit 1; }
  dir="$(mktemp -d)"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)))"
  stop_redis() {
    if [ -f "$dir/redis.pid" ]; then
      pid="$(cat "$dir/redis.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    fi
    rm -rf "$dir"
  }
  trap stop_redis EXIT
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
    --pidfile "$dir/redis.pid" --dir "$dir" --logfile "$dir/redis.log"
  for _ in $(seq 1 100); do
    if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG && [ -f "$dir/redis.pid" ]; then break; fi
    sleep 0.05
  done
  REDIS_URL="127.0.0.1:$port"
fi

dotnet build -c Release --nologo -v quiet bench/Invorto.Bench.Limiter
dotnet bench/Invorto.Bench.Limiter/bin/Release/net10.0/Invorto.Bench.Limiter.dll \
  --redis "$REDIS_URL" \
  --out bench/results/limiter.json \
  --doc docs/benchmarks.md \
  --command "bench/limiter.sh${*:+ $*}" \
  "$@"
