// A deterministic stand-in for the k6 runtime, enough to execute the repository's k6 scripts in
// node: k6, k6/http, k6/ws and k6/metrics are replaced by the modules below, HTTP answers come
// from a route table, and WebSocket sessions run on a virtual clock against a scripted server
// that behaves like the Realtime host (ready after start, end after end).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function newSim(overrides = {}) {
  return {
    http: [], // { method, url, params }
    checks: [], // { name, ok }
    metrics: [], // { metric, value }
    sockets: [], // { url, params, events: [{ at, dir, kind, data }], closedAt }
    routes: overrides.routes ?? {},
    wsServer: { readyAfterMs: 30, sendReady: true, ...(overrides.wsServer ?? {}) },
  };
}

const shims = {
  k6: `
const sim = () => globalThis.__k6sim;
export function check(value, sets) {
  let all = true;
  for (const [name, fn] of Object.entries(sets)) {
    let ok = false;
    try { ok = Boolean(fn(value)); } catch (e) { ok = false; }
    sim().checks.push({ name, ok });
    all = all && ok;
  }
  return all;
}
export function group(name, fn) { return fn(); }
export function sleep() {}
export function fail(msg) { throw new Error(msg); }
export default { check, group, sleep, fail };
`,
  'k6/http': `
const sim = () => globalThis.__k6sim;
function respond(method, url, params) {
  sim().http.push({ method, url, params: params ?? {} });
  const path = new URL(url).pathname;
  const route = sim().routes[method + ' ' + path] ?? { status: 404, body: '' };
  const r = typeof route === 'function' ? route(url, params ?? {}) : route;
  const body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  return { status: r.status, body, json: () => JSON.parse(body) };
}
export function get(url, params) { return respond('GET', url, params); }
export function expectedStatuses(...codes) { return { expected: codes }; }
export default { get, expectedStatuses };
`,
  'k6/metrics': `
const sim = () => globalThis.__k6sim;
class Metric { constructor(name) { this.name = name; } add(value) { sim().metrics.push({ metric: this.name, value }); } }
export class Counter extends Metric {}
export class Rate extends Metric {}
export class Trend extends Metric {}
export class Gauge extends Metric {}
`,
  'k6/ws': `
const sim = () => globalThis.__k6sim;
export function connect(url, params, handler) {
  const s = sim();
  const rec = { url, params, events: [], closedAt: null };
  s.sockets.push(rec);
  const realNow = Date.now;
  const base = realNow();
  let now = 0;
  let seq = 0;
  const timers = [];
  const listeners = {};
  let closed = false;
  const schedule = (at, fn, every) => timers.push({ at, fn, every, seq: seq++ });
  const emit = (name, ...args) => (listeners[name] ?? []).forEach((fn) => fn(...args));
  const server = (kind, data) => {
    rec.events.push({ at: now, dir: 'in', kind, data });
    emit(kind === 'text' ? 'message' : 'binaryMessage', data);
  };
  const socket = {
    on(name, fn) { (listeners[name] ??= []).push(fn); },
    send(text) {
      if (closed) return;
      rec.events.push({ at: now, dir: 'out', kind: 'text', data: text });
      const msg = JSON.parse(text);
      if (msg.t === 'start' && s.wsServer.sendReady) {
        schedule(now + s.wsServer.readyAfterMs, () => server('text', JSON.stringify({ t: 'ready', callId: 'srv-1', sampleRate: 16000 })));
      }
      if (msg.t === 'end') {
        schedule(now + 10, () => server('text', JSON.stringify({ t: 'end', reason: 'client' })));
      }
    },
    sendBinary(buf) {
      if (closed) return;
      rec.events.push({ at: now, dir: 'out', kind: 'binary', data: buf });
    },
    setTimeout(fn, ms) { schedule(now + ms, fn); },
    setInterval(fn, ms) { schedule(now + ms, fn, ms); },
    close() { if (!closed) { closed = true; rec.closedAt = now; } },
  };
  Date.now = () => base + now;
  try {
    handler(socket);
    emit('open');
    while (!closed && timers.length > 0 && now < 600000) {
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const t = timers.shift();
      now = t.at;
      if (t.every) schedule(t.at + t.every, t.fn, t.every);
      t.fn();
    }
    emit('close', 1000);
  } finally {
    Date.now = realNow;
  }
  return { status: 101, url };
}
export default { connect };
`,
};

let shimDir;
const createdDirs = [];
function shimUrl(spec) {
  if (!shimDir) {
    shimDir = mkdtempSync(join(tmpdir(), 'k6-sim-'));
    createdDirs.push(shimDir);
    for (const [name, code] of Object.entries(shims)) {
      writeFileSync(join(shimDir, `${name.replace('/', '-')}.mjs`), code);
    }
  }
  return pathToFileURL(join(shimDir, `${spec.replace('/', '-')}.mjs`)).href;
}

let loadCount = 0;

/** Import a k6 script with the shims in place of k6's modules. */
export async function loadScript(absPath, env, sim, vu = 1) {
  globalThis.__k6sim = sim;
  globalThis.__ENV = env;
  globalThis.__VU = vu;
  globalThis.__ITER = 0;
  const src = readFileSync(absPath, 'utf8');
  const imports = [...src.matchAll(/from\s+'(k6(?:\/[a-z]+)?)'/g)].map((m) => m[1]);
  for (const spec of imports) {
    if (!(spec in shims)) {
      throw new Error(`script imports ${spec}, which the simulator does not provide`);
    }
  }
  const rewritten = src.replace(/from\s+'(k6(?:\/[a-z]+)?)'/g, (_, spec) => `from '${shimUrl(spec)}'`);
  const dir = mkdtempSync(join(tmpdir(), 'k6-script-'));
  createdDirs.push(dir);
  const file = join(dir, `script-${loadCount++}.mjs`);
  writeFileSync(file, rewritten);
  return import(pathToFileURL(file).href);
}

/** Remove the temporary shim and script directories. */
export function cleanup() {
  for (const d of createdDirs) {
    rmSync(d, { recursive: true, force: true });
  }
  createdDirs.length = 0;
  shimDir = undefined;
}
