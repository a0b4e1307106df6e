#!/usr/bin/env bash
# Starts the README's one-process launcher on embedded defaults (no DB_URL, no REDIS_URL, empty data dir),
# checks what the foundation promises over real HTTP, and writes "<passed> <failed>" to the file given as $1.
set -uo pipefail
cd "$(dirname "$0")/.."
COUNTS="${1:-/dev/null}"
DATA="$(mktemp -d /tmp/invorto-smoke.XXXXXX)"
LOG="$DATA/launcher.log"
passed=0
failed=0

check() {
  local name="$1"; shift
  if "$@" >/dev/null 2>&1; then
    passed=$((passed + 1)); echo "  ok   $name"
  else
    failed=$((failed + 1)); echo "  FAIL $name"
  fi
}

env -u DB_URL -u REDIS_URL INVORTO_DATA_DIR="$DATA" ASPNETCORE_ENVIRONMENT=Development \
  dotnet run -c Release --no-build --project src/Hosts/Invorto.Local >"$LOG" 2>&1 &
LAUNCHER=$!
cleanup() { kill "$LAUNCHER" 2>/dev/null; wait "$LAUNCHER" 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -fsS localhost:8085/health >/dev/null 2>&1 && break
  sleep 0.5
done

for port in 8080 8081 8082 8085; do
  check "GET :$port/health is {\"status\":\"ok\"}" bash -c "curl -fsS localhost:$port/health | grep -q '\"status\":\"ok\"'"
  check "GET :$port/metrics is Prometheus text" bash -c "curl -fsS localhost:$port/metrics | grep -q '^# TYPE '"
  check "GET :$port/health/ready is 200" curl -fsS localhost:$port/health/ready
done
check "GET :8080/v1/health" bash -c "curl -fsS localhost:8080/v1/health | grep -q '\"service\":\"api\"'"
check "launcher prints where each service listens" bash -c "grep -q 'invorto telephony  listening on http://localhost:8085' '$LOG'"
check "POST /v1/agents without a key is 401 invalid_api_key" bash -c \
  "curl -s -o /dev/stdout -w '%{http_code}' -X POST localhost:8080/v1/agents -H 'content-type: application/json' -d '{}' | grep -q 'invalid_api_key.*401$'"

KEY="$(env -u DB_URL -u REDIS_URL INVORTO_DATA_DIR="$DATA" dotnet run -c Release --no-build --project src/Hosts/Invorto.Api -- create-tenant smoke 2>/dev/null | sed -n 's/^Admin API key (shown once, store it now): //p')"
check "create-tenant prints an admin key once" test -n "$KEY"
check "POST /v1/agents with the bootstrapped key is 201" bash -c \
  "test \"\$(curl -s -o /dev/null -w '%{http_code}' -X POST localhost:8080/v1/agents -H 'Authorization: Bearer $KEY' -H 'content-type: application/json' -d '{\"name\":\"Smoke\",\"config\":{\"prompt\":\"You are a helpful agent.\"}}')\" = 201"

if [ "$failed" -gt 0 ]; then
  echo "launcher log (last 40 lines):"; tail -40 "$LOG"
fi
echo "$passed $failed" >"$COUNTS"
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
