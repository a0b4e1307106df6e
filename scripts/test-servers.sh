#!/usr/bin/env bash
# Sourced by scripts/test.sh. Starts a throwaway PostgreSQL cluster and Redis server on loopback
# (unless DB_URL / REDIS_URL are already set), exports DB_URL and REDIS_URL, and stops both on exit.

INVORTO_TEST_STATE="$(mktemp -d /tmp/invorto-test.XXXXXX)"
chmod 755 "$INVORTO_TEST_STATE"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

stop_test_servers() {
  if [ -n "${INVORTO_PG_DATA:-}" ] && [ -f "$INVORTO_PG_DATA/postmaster.pid" ]; then
    as_postgres "'$INVORTO_PG_BIN/pg_ctl' -D '$INVORTO_PG_DATA' -m immediate -w stop" >/dev/null 2>&1 || true
  fi
  if [ -f "$INVORTO_TEST_STATE/redis.pid" ]; then
    kill "$(cat "$INVORTO_TEST_STATE/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$INVORTO_TEST_STATE"
}

start_postgres() {
  INVORTO_PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -z "$INVORTO_PG_BIN" ]; then
    echo "PostgreSQL server binaries not found (apt-get install postgresql, or set DB_URL)" >&2
    return 1
  fi
  INVORTO_PG_DATA="$INVORTO_TEST_STATE/pg"
  local port
  port="$(free_port)"
  mkdir -p "$INVORTO_PG_DATA"
  if [ "$(id -u)" = "0" ]; then chown -R postgres "$INVORTO_TEST_STATE"; fi
  as_postgres "'$INVORTO_PG_BIN/initdb' -D '$INVORTO_PG_DATA' -U postgres -A trust -E UTF8 --no-sync" >/dev/null
  as_postgres "'$INVORTO_PG_BIN/pg_ctl' -D '$INVORTO_PG_DATA' -l '$INVORTO_TEST_STATE/pg.log' -w start -o \"-p $port -k $INVORTO_TEST_STATE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\"" >/dev/null
  psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE invorto LOGIN PASSWORD 'invorto' CREATEDB" \
    -c "CREATE DATABASE invorto OWNER invorto" >/dev/null
  export DB_URL="postgres://invorto:invorto@127.0.0.1:$port/invorto"
  echo "PostgreSQL ($("$INVORTO_PG_BIN/postgres" --version | awk '{print $3}')) on 127.0.0.1:$port"
}

start_redis() {
  if ! command -v redis-server >/dev/null; then
    echo "redis-server not found (apt-get install redis-server, or set REDIS_URL)" >&2
    return 1
  fi
  local port
  port="$(free_port)"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
    --pidfile "$INVORTO_TEST_STATE/redis.pid" --dir "$INVORTO_TEST_STATE" --logfile "$INVORTO_TEST_STATE/redis.log"
  for _ in $(seq 1 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export REDIS_URL="redis://127.0.0.1:$port"
  echo "Redis ($(redis-server --version | awk '{print $3}')) on 127.0.0.1:$port"
}

trap stop_test_servers EXIT
if [ -z "${DB_URL:-}" ]; then start_postgres; else echo "PostgreSQL from DB_URL"; fi
if [ -z "${REDIS_URL:-}" ]; then start_redis; else echo "Redis from REDIS_URL"; fi
