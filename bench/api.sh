#!/usr/bin/env bash
# Benchmark of GET /v1/calls: seeds 100,000 calls for one tenant in PostgreSQL, runs the Api host on Kestrel
# (127.0.0.1), drives each listing scenario at a fixed open-loop rate, and records the figures in
# bench/results/api.json and docs/benchmarks.md. Starts a throwaway PostgreSQL+Redis unless DB_URL/REDIS_URL are set.
# Usage: bench/api.sh [--rows 100000] [--rate 200] [--seconds 20]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DB_URL:-}" ] || [ -z "${REDIS_URL:-}" ]; then
  # shellcheck source=../scripts/test-servers.sh
  source scripts/test-servers.sh
fi

mkdir -p bench/results
dotnet build bench/Invorto.Bench.Api -c Release -v q -nologo >/dev/null
dotnet bench/Invorto.Bench.Api/bin/Release/net10.0/Invorto.Bench.Api.dll \
  --out bench/results/api.json --plans bench/results/api-plans.txt "$@"

python3 - "$*" <<'PY'
import json, re, sys
args = sys.argv[1]
r = json.load(open("bench/results/api.json"))
goal_p95 = 20.0
verdict = "meets" if r["calls_list_p95_ms"] < goal_p95 else "misses"
rows = [
    ("unfiltered", "`/v1/calls`"),
    ("status_completed", "`/v1/calls?status=completed`"),
    ("agent_outbound", "`/v1/calls?agentId=…&direction=outbound`"),
    ("page3_cursor", "`/v1/calls?cursor=<page 3>`"),
]
lines = [
    "## REST API: GET /v1/calls",
    "",
    f"- Machine: {r['machine']}",
    f"- Date: {r['date']}",
    f"- Command: `bench/api.sh{(' ' + args) if args else ''}` (Release; throwaway PostgreSQL and Redis on loopback when DB_URL/REDIS_URL are unset)",
    f"- Data: {r['rows']:,} calls of one tenant over 90 days, 5 agents, mixed statuses and directions, seeded by binary COPY, then `VACUUM (ANALYZE)`.",
    f"- Unloaded reference (one request at a time, unfiltered): p50 {r['calls_list_sequential_p50_ms']} ms.",
    f"- Machine load (1-minute load average from other work sharing these 2 cores): {r['load_avg_1m_at_start']} before the scenarios, {r['load_avg_1m_at_end']} after. Above ~2 the figures measure contention as much as the API.",
    f"- Load: open loop at {r['rate_rps']} requests/s for {r['seconds_per_scenario']} s per scenario, after a warm-up of 5 s per scenario at the same rate; latency counted from each request's scheduled start (no coordinated omission), Api host and driver in one process on the same machine as PostgreSQL.",
    "",
    "| scenario | p50 ms | p95 ms | p99 ms | max ms | achieved req/s |",
    "|---|---|---|---|---|---|",
]
for key, label in rows:
    lines.append(f"| {label} | {r[key + '_p50_ms']} | {r[key + '_p95_ms']} | {r[key + '_p99_ms']} | {r[key + '_max_ms']} | {r[key + '_achieved_rps']} |")
lines += [
    "",
    f"Goal: p95 < {goal_p95:g} ms at {r['rate_rps']} req/s on this machine. Worst p95 over the scenarios: **{r['calls_list_p95_ms']} ms** — the run {verdict} the goal. Failed requests: {r['failures']}.",
    "Query plans of the three SQL shapes are in `bench/results/api-plans.txt`.",
    "",
    "Reading the figures:",
    "",
    "- The SQL is not the cost: each listing shape runs in under 1 ms in PostgreSQL (`EXPLAIN ANALYZE` in the plans file), walking the (tenant_id, created_at desc) index and filtering. A request costs a few ms of host CPU (API-key lookup, EF materialisation of 51 rows, JSON), and on 2 cores that competes with PostgreSQL, the in-process driver and whatever else the machine runs; the load average above says how much else there was.",
    "- The tail comes from CPU contention, not from a query: in short runs whichever scenario went first was hit hardest, whatever its filter (with the unfiltered listing moved last, it had the best p95). Hence the warm-up at rate for every path; the first scenario still carries more of the tail.",
    "- Indexes: none is needed for these shapes at this data mix. A filter on a rare value walks more of the created_at index per page (about 51 / share rows: `status=canceled` at 2 % reads ~2,500 entries). If that shows up, (tenant_id, status, created_at desc) would serve `status=`, (tenant_id, agent_id, created_at desc) `agentId=`, and (tenant_id, campaign_id, created_at desc) `campaignId=`, which matters most because one campaign is a small share of a large tenant.",
    "",
]
section = "\n".join(lines)
path = "docs/benchmarks.md"
try:
    doc = open(path).read()
except FileNotFoundError:
    doc = "# Benchmarks\n\nFigures measured on the machine named in each section; rerun the command to refresh one.\n\n"
pattern = re.compile(r"## REST API: GET /v1/calls\n.*?(?=\n## |\Z)", re.S)
doc = pattern.sub(lambda _: section.rstrip("\n") + "\n", doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + section
open(path, "w").write(doc)
print(f"Updated {path}")
PY
