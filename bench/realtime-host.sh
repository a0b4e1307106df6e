# shellcheck shell=bash
# Sourced by bench/realtime.sh and bench/realtime-heap.sh: starting and stopping the servers under test on 127.0.0.1,
# so both measure the Realtime host in the same environment. The caller sets REALTIME (the host's dll) and traps
# stop_server on exit; server_pid holds the running server.

server_pid=""

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

new_key() { echo "bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"; }

# Waits up to 60 s for http://127.0.0.1:$1/health; fails if the server exits first ($2: its log).
wait_healthy() {
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$1/health" 2>/dev/null; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited; log:" >&2; cat "$2" >&2; return 1; }
    sleep 0.1
  done
  echo "server not healthy after 60 s; log:" >&2; cat "$2" >&2
  return 1
}

# Starts the Realtime host (Release build at $REALTIME) with the canary agent on the scripted providers and waits for health.
# Usage: start_realtime_host PORT DATA_DIR API_KEY LOG
start_realtime_host() {
  mkdir -p "$2"
  ASPNETCORE_URLS="http://127.0.0.1:$1" ASPNETCORE_ENVIRONMENT=Development INVORTO_DATA_DIR="$2" CONVERSATION_PROVIDERS=scripted \
    REALTIME_API_KEY="$3" REALTIME_CONNECTS_PER_SEC=10000 REALTIME_CANARY_BARGEIN_MIN_SPEECH_MS=20 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 \
    SCRIPTED_TTS_MS_PER_CHAR=30 SCRIPTED_LLM_ANSWER="Sure, I can help with that. Our plans start at ninety nine rupees a month." \
    dotnet "$REALTIME" >"$4" 2>&1 &
  server_pid=$!
  wait_healthy "$1" "$4"
}
