#!/usr/bin/env bash
# Infrastructure tests (Terraform parsed with hcl2json, the CI workflow, Dockerfiles, compose
# proxy routing, environment variable names, k6 scripts). Needs Node >= 20; no Docker, no
# Terraform providers. The last line is always "infra: <N> passed, <M> failed".
#
#   bash tests/infra/run.sh
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here" || exit 1

finish() {
  echo "infra: $1 passed, $2 failed"
  exit "$3"
}

if [[ ! -d node_modules/@cdktf/hcl2json || ! -d node_modules/yaml ]]; then
  if ! npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>npm-ci.log; then
    cat npm-ci.log >&2
    rm -f npm-ci.log
    finish 0 1 1
  fi
  rm -f npm-ci.log
fi

shopt -s nullglob
files=(*.test.js)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "no test files in $here" >&2
  finish 0 1 1
fi

tap="$(mktemp)"
trap 'rm -f "$tap"' EXIT

# Human-readable spec output on stdout, TAP to a file for the counts.
node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" \
  "${files[@]}"
rc=$?

count() {
  # TAP summary lines of the top-level run: "# pass 12", "# fail 0", ...
  local value
  value="$(grep -E "^# $1 [0-9]+$" "$tap" | tail -n 1 | awk '{print $3}')"
  echo "${value:-0}"
}

pass="$(count pass)"
fail="$(count fail)"
cancelled="$(count cancelled)"
skipped="$(count skipped)"
failed=$((fail + cancelled))

if [[ $skipped -gt 0 ]]; then
  echo "($skipped skipped: see the reasons above; they are not counted below)"
fi

if [[ $rc -ne 0 && $failed -eq 0 ]]; then
  failed=1 # the runner failed outside any test (e.g. a file did not load)
fi
if [[ $pass -eq 0 && $failed -eq 0 ]]; then
  echo "no test ran" >&2
  failed=1
fi

if [[ $failed -ne 0 || $rc -ne 0 ]]; then
  finish "$pass" "$failed" 1
fi
finish "$pass" 0 0
