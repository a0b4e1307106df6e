#!/usr/bin/env bash
# The test command of README.md: builds the solution, runs every test project against real PostgreSQL
# and Redis, smoke-tests the one-process launcher, runs the infrastructure checks, and ends with
# one summary line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

# shellcheck source=scripts/test-servers.sh
source scripts/test-servers.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
RESULTS="$INVORTO_TEST_STATE/results"
mkdir -p "$RESULTS"

dotnet tool restore >/dev/null
dotnet build Invorto.sln -c Release -nologo -clp:ErrorsOnly

status=0
for project in tests/Invorto.*.Tests/*.csproj; do
  name="$(basename "$project" .csproj)"
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" || status=1
done

echo "== dotnet format --verify-no-changes"
if dotnet format Invorto.sln --verify-no-changes --no-restore >"$RESULTS/format.log" 2>&1; then
  echo "1 0" >"$RESULTS/format.counts"; echo "  ok   code style"
else
  echo "0 1" >"$RESULTS/format.counts"; grep -E "error|warning" "$RESULTS/format.log" | head -20
  status=1
fi

echo "== launcher smoke test"
bash scripts/smoke-local.sh "$RESULTS/smoke.counts" || status=1

echo "== infrastructure checks"
bash tests/infra/run.sh | tee "$RESULTS/infra.log" || status=1

echo "== each Dockerfile's dotnet publish line"
bash tests/infra/publish-commands.sh >"$RESULTS/publish.full.log" 2>&1 || status=1
grep -E "^(ok|FAIL|publish:) " "$RESULTS/publish.full.log" | tee "$RESULTS/publish.log"

python3 - "$RESULTS" <<'PY' || status=1
import glob, re, sys, xml.etree.ElementTree as ET
results = sys.argv[1]
passed = failed = skipped = 0
for trx in glob.glob(f"{results}/*.trx"):
    counters = ET.parse(trx).getroot().find(".//{*}Counters")
    total, executed = int(counters.get("total")), int(counters.get("executed"))
    passed += int(counters.get("passed"))
    failed += int(counters.get("failed")) + int(counters.get("error")) + int(counters.get("timeout")) + int(counters.get("aborted"))
    skipped += total - executed
    for result in ET.parse(trx).getroot().findall(".//{*}UnitTestResult"):
        if result.get("outcome") not in ("Passed", "NotExecuted"):
            message = result.find(".//{*}Message")
            lines = (message.text or "").strip().splitlines() if message is not None else []
            print(f"FAILED {result.get('testName')}: {(lines[0] if lines else '')[:300]}")
for extra in (f"{results}/smoke.counts", f"{results}/format.counts"):
    try:
        p, f = open(extra).read().split()
        passed += int(p); failed += int(f)
    except FileNotFoundError:
        failed += 1
for log, label in ((f"{results}/infra.log", "infra"), (f"{results}/publish.log", "publish")):
    try:
        m = re.search(label + r": (\d+) passed, (\d+) failed", open(log).read())
    except FileNotFoundError:
        m = None
    if m:
        passed += int(m.group(1)); failed += int(m.group(2))
    else:
        print(f"{label}: no summary line", file=sys.stderr)
        failed += 1
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
PY
exit $status
