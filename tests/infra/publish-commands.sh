#!/usr/bin/env bash
# Proves that every infra/docker/*.Dockerfile builds: runs, from the repository root, the exact
# `dotnet restore` and `dotnet publish` lines of each Dockerfile (publish output redirected from
# /app to a temporary directory), checks that the ENTRYPOINT assembly was published, and builds
# and runs the HEALTHCHECK probe once.
#
#   bash tests/infra/publish-commands.sh            # run them
#   bash tests/infra/publish-commands.sh --dry-run  # only print the commands
#
# Exits non-zero if any command fails or a Dockerfile does not have exactly one publish line.
set -uo pipefail

dry_run=0
[[ "${1:-}" == "--dry-run" ]] && dry_run=1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root" || exit 1

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

passed=0
failed=0

run() {
  echo "+ $*"
  if [[ $dry_run -eq 1 ]]; then
    return 0
  fi
  "$@"
}

# The RUN line(s) of a Dockerfile starting with the given command, "RUN " removed.
run_lines() {
  grep -E "^RUN $2( |$)" "$1" | sed -E 's/^RUN //'
}

for dockerfile in infra/docker/*.Dockerfile; do
  svc="$(basename "$dockerfile" .Dockerfile)"
  echo "== $svc ($dockerfile)"

  mapfile -t publish < <(run_lines "$dockerfile" "dotnet publish")
  mapfile -t restore < <(run_lines "$dockerfile" "dotnet restore")
  if [[ ${#publish[@]} -ne 1 || ${#restore[@]} -ne 1 ]]; then
    echo "FAIL $svc: expected one 'RUN dotnet restore' and one 'RUN dotnet publish' line, found ${#restore[@]} and ${#publish[@]}"
    failed=$((failed + 1))
    continue
  fi

  read -r -a restore_cmd <<<"${restore[0]}"
  read -r -a publish_cmd <<<"${publish[0]}"

  # Redirect "-o /app" to the temporary directory; anything else is left exactly as written.
  redirected=0
  for i in "${!publish_cmd[@]}"; do
    if [[ "${publish_cmd[$i]}" == "-o" && "${publish_cmd[$((i + 1))]:-}" == "/app" ]]; then
      publish_cmd[i + 1]="$out/$svc"
      redirected=1
    fi
  done
  if [[ $redirected -ne 1 ]]; then
    echo "FAIL $svc: the publish line does not write to '-o /app': ${publish[0]}"
    failed=$((failed + 1))
    continue
  fi

  entry="$(grep -E '^ENTRYPOINT ' "$dockerfile" | sed -E 's/.*"([^"]+\.dll)".*/\1/')"

  if run "${restore_cmd[@]}" && run "${publish_cmd[@]}"; then
    if [[ $dry_run -eq 1 || -f "$out/$svc/$entry" ]]; then
      echo "ok   $svc -> $entry"
      passed=$((passed + 1))
    else
      echo "FAIL $svc: $entry (ENTRYPOINT) not in the publish output"
      failed=$((failed + 1))
    fi
  else
    echo "FAIL $svc: publish failed"
    failed=$((failed + 1))
  fi
done

# The HEALTHCHECK probe: build it as the Dockerfiles do and check it reports an unreachable
# endpoint as unhealthy (exit 1) rather than crashing.
echo "== healthprobe"
if run dotnet build infra/docker/healthprobe/HealthProbe.csproj -c Release -o "$out/healthprobe"; then
  if [[ $dry_run -eq 1 ]]; then
    passed=$((passed + 1))
  else
    HEALTHPROBE_TIMEOUT_SEC=2 dotnet "$out/healthprobe/HealthProbe.dll" "http://127.0.0.1:9/health"
    rc=$?
    if [[ $rc -eq 1 ]]; then
      echo "ok   healthprobe (unreachable endpoint -> exit 1)"
      passed=$((passed + 1))
    else
      echo "FAIL healthprobe: exit $rc for an unreachable endpoint (expected 1)"
      failed=$((failed + 1))
    fi
  fi
else
  echo "FAIL healthprobe: build failed"
  failed=$((failed + 1))
fi

echo "publish: $passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 0 ]]
