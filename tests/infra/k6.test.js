// k6 scripts: they parse as ES modules, read API_URL / WS_URL / API_KEY from __ENV, and — run on a
// simulated k6 runtime (k6-sim/sim.js) — speak the REST and Realtime protocols as the runbook
// describes: GET /v1/health, GET /v1/agents with a bearer key; WebSocket with the key as
// subprotocol, {"t":"start","agentId":"canary-agent"}, a "ready" answer, 20 ms frames of 640 bytes.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath, readText } from './lib/common.js';
import { cleanup, loadScript, newSim } from './k6-sim/sim.js';

after(cleanup);

const SCRIPTS = ['tests/performance/api-smoke.js', 'tests/performance/realtime-ws.js', 'tests/load/k6-load-test.js'];
const ENV = { API_URL: 'https://staging.example.test', WS_URL: 'wss://staging.example.test/realtime/voice', API_KEY: 'inv_test_key', SESSION_SECONDS: '1', CALL_SECONDS: '1' };
const okRoutes = {
  'GET /v1/health': { status: 200, body: { status: 'ok', service: 'api' } },
  'GET /v1/agents': (url, params) =>
    params.headers?.Authorization === `Bearer ${ENV.API_KEY}` ? { status: 200, body: { data: [], nextCursor: null } } : { status: 401, body: { code: 'invalid_api_key' } },
};

test('k6 scripts are valid ES modules and read API_URL, WS_URL, API_KEY from __ENV', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k6-syntax-'));
  try {
    for (const rel of SCRIPTS) {
      const copy = join(dir, rel.replace(/\//g, '_') + '.mjs');
      copyFileSync(repoPath(rel), copy);
      const res = spawnSync(process.execPath, ['--check', copy], { encoding: 'utf8' });
      assert.equal(res.status, 0, `${rel}: ${res.stderr}`);
      const src = readText(rel);
      assert.match(src, /__ENV\.API_KEY/, `${rel} API_KEY`);
      assert.ok(/__ENV\.API_URL/.test(src) || /__ENV\.WS_URL/.test(src), `${rel} API_URL/WS_URL`);
      assert.match(src, /export const options\b/, `${rel} options`);
    }
    assert.match(readText('tests/load/k6-load-test.js'), /__ENV\.API_URL[\s\S]*__ENV\.WS_URL/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('api-smoke: GET /v1/health without auth, GET /v1/agents with the bearer key, checks pass', async () => {
  const sim = newSim({ routes: okRoutes });
  const mod = await loadScript(repoPath('tests/performance/api-smoke.js'), ENV, sim);
  mod.setup();
  mod.default();
  const health = sim.http.find((r) => r.url === `${ENV.API_URL}/v1/health`);
  assert.ok(health, 'GET /v1/health');
  assert.equal(health.params.headers?.Authorization, undefined);
  const agents = sim.http.find((r) => new URL(r.url).pathname === '/v1/agents');
  assert.ok(agents, 'GET /v1/agents');
  assert.equal(agents.params.headers.Authorization, `Bearer ${ENV.API_KEY}`);
  assert.ok(sim.checks.length >= 4);
  assert.deepEqual(sim.checks.filter((c) => !c.ok), []);
  assert.ok(Object.keys(mod.options.thresholds).length > 0);
});

test('api-smoke: a 401 from /v1/agents fails its checks; a missing API_KEY stops the run', async () => {
  const sim = newSim({ routes: { ...okRoutes, 'GET /v1/agents': { status: 401, body: { code: 'invalid_api_key' } } } });
  const mod = await loadScript(repoPath('tests/performance/api-smoke.js'), ENV, sim);
  mod.default();
  assert.ok(sim.checks.some((c) => !c.ok && /agents/.test(c.name)), 'agents check fails');
  const noKey = await loadScript(repoPath('tests/performance/api-smoke.js'), { ...ENV, API_KEY: '' }, newSim());
  assert.throws(() => noKey.setup(), /API_KEY/);
});

function sessionReport(sock) {
  const out = sock.events.filter((e) => e.dir === 'out');
  const texts = out.filter((e) => e.kind === 'text').map((e) => ({ at: e.at, msg: JSON.parse(e.data) }));
  const frames = out.filter((e) => e.kind === 'binary');
  const ready = sock.events.find((e) => e.dir === 'in' && e.kind === 'text' && JSON.parse(e.data).t === 'ready');
  return { texts, frames, ready };
}

function assertVoiceSession(sock, key, sessionSeconds) {
  assert.equal(sock.params.headers['Sec-WebSocket-Protocol'], key, 'key as subprotocol');
  const url = new URL(sock.url);
  assert.equal(`${url.protocol}//${url.host}${url.pathname}`, ENV.WS_URL);
  assert.ok(url.searchParams.get('callId'), 'callId query');
  const { texts, frames, ready } = sessionReport(sock);
  assert.deepEqual(texts[0], { at: 0, msg: { t: 'start', agentId: 'canary-agent' } }, 'start first, on open');
  assert.ok(ready, 'server ready');
  assert.ok(frames.length > 0, 'audio frames');
  for (const f of frames) {
    assert.equal(f.data.byteLength, 640);
  }
  assert.ok(frames[0].at >= ready.at, 'audio after ready');
  const gaps = frames.slice(1).map((f, i) => f.at - frames[i].at);
  assert.deepEqual([...new Set(gaps)], [20], '20 ms cadence');
  const expected = (sessionSeconds * 1000) / 20;
  assert.ok(Math.abs(frames.length - expected) <= 1, `${frames.length} frames for ${sessionSeconds}s`);
  const samples = new Int16Array(frames[0].data);
  assert.ok(samples.some((v) => v !== 0), 'frames carry PCM16 samples');
  const end = texts.find((t) => t.msg.t === 'end');
  assert.ok(end && end.at >= frames.at(-1).at, 'end after the audio');
  assert.notEqual(sock.closedAt, null, 'socket closed');
}

test('realtime-ws: subprotocol key, start, ready, 20 ms x 640-byte frames, end', async () => {
  const sim = newSim();
  const mod = await loadScript(repoPath('tests/performance/realtime-ws.js'), ENV, sim);
  mod.setup();
  mod.default();
  assert.equal(sim.sockets.length, 1);
  assertVoiceSession(sim.sockets[0], ENV.API_KEY, 1);
  assert.deepEqual(sim.checks.filter((c) => !c.ok), []);
  assert.deepEqual(sim.metrics.filter((m) => m.metric === 'realtime_ready').map((m) => m.value), [true]);
});

test('realtime-ws: no ready from the server -> no audio, closed after the timeout, check fails', async () => {
  const sim = newSim({ wsServer: { sendReady: false } });
  const mod = await loadScript(repoPath('tests/performance/realtime-ws.js'), ENV, sim);
  mod.default();
  const { frames } = sessionReport(sim.sockets[0]);
  assert.equal(frames.length, 0);
  assert.ok(sim.sockets[0].closedAt > 0 && sim.sockets[0].closedAt <= 10000, 'closed by the ready timeout');
  assert.ok(sim.checks.some((c) => c.name === 'ready received' && !c.ok));
  assert.deepEqual(sim.metrics.filter((m) => m.metric === 'realtime_ready').map((m) => m.value), [false]);
});

test('load test: REST and call scenarios export their exec functions and rotate comma-separated keys', async () => {
  const sim = newSim({ routes: { ...okRoutes, 'GET /v1/agents': { status: 200, body: { data: [] } } } });
  const env = { ...ENV, API_KEY: 'key-a, key-b' };
  const mod = await loadScript(repoPath('tests/load/k6-load-test.js'), env, sim, 1);
  for (const [name, sc] of Object.entries(mod.options.scenarios)) {
    assert.equal(typeof mod[sc.exec], 'function', `scenario ${name} exec ${sc.exec}`);
  }
  mod.setup();
  mod.rest();
  assert.ok(sim.http.some((r) => r.url === `${ENV.API_URL}/v1/health`));
  const agents = sim.http.find((r) => new URL(r.url).pathname === '/v1/agents');
  assert.equal(agents.params.headers.Authorization, 'Bearer key-b', 'VU 1 takes the second key');
  mod.call();
  assertVoiceSession(sim.sockets[0], 'key-b', 1);
  assert.deepEqual(sim.checks.filter((c) => !c.ok), []);
});
