// (d) docker-compose.yml and its nginx proxy reproduce the ALB routing of infra/routing.json.
// The last test runs the real nginx (when installed) against stub backends, WebSocket included.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  SAMPLE_PATHS, albRoute, findAll, loadRootModule, loadRouting, nginxLocations, nginxRoute, parseNginx, readText,
} from './lib/common.js';

const routing = loadRouting();
const confText = readText('infra', 'compose', 'nginx.conf');
const conf = parseNginx(confText);
const locations = nginxLocations(conf);
const compose = parseYaml(readText('docker-compose.yml'), { merge: true });
const root = await loadRootModule();

const upstreams = Object.fromEntries(
  findAll(conf, 'upstream').map((u) => [u.args[0], u.children.filter((d) => d.name === 'server').map((d) => d.args[0])]),
);
const serviceOfUpstream = (name) => {
  const [server] = upstreams[name] ?? [];
  if (!server) {
    return null;
  }
  const [host, port] = server.split(':');
  return { host, port: Number(port) };
};

/** routing.json pattern -> the nginx location that reproduces it. */
function expectedLocation(pattern) {
  if (/^\/[^*?]*\/\*$/.test(pattern)) {
    return { modifier: '^~', path: pattern.slice(0, -1) };
  }
  if (!/[*?]/.test(pattern)) {
    return { modifier: '=', path: pattern };
  }
  throw new Error(`routing pattern ${pattern} has no nginx equivalent in this mapping`);
}

test('nginx: one location per routing.json path, to the upstream of the rule service', () => {
  const expected = new Set();
  for (const rule of routing.rules) {
    for (const p of rule.paths) {
      const loc = expectedLocation(p);
      expected.add(`${loc.modifier} ${loc.path} -> ${rule.service}`);
      if (loc.modifier === '^~') {
        // nginx would 301 the bare prefix to prefix/; it needs an exact location answering like the ALB
        const bare = loc.path.slice(0, -1);
        expected.add(`= ${bare} -> ${albRoute(routing.rules, bare) ?? routing.default_action.status_code}`);
      }
    }
  }
  const actual = locations
    .filter((l) => !(l.modifier === '' && l.path === '/'))
    .map((l) => `${l.modifier} ${l.path} -> ${l.upstream ?? l.returns}`);
  assert.equal(actual.length, new Set(actual).size, 'duplicate location');
  assert.deepEqual(actual.sort(), [...expected].sort());
});

test('nginx: upstreams point at the compose service on its routing.json port', () => {
  for (const [name, svc] of Object.entries(routing.services)) {
    const target = serviceOfUpstream(name);
    assert.ok(target, `upstream ${name} missing`);
    assert.deepEqual(target, { host: name, port: svc.port });
    assert.ok(compose.services[name], `compose service ${name}`);
  }
  assert.deepEqual(Object.keys(upstreams).sort(), Object.keys(routing.services).sort());
});

test('nginx: unmatched paths get the ALB default 404', () => {
  const fallback = locations.find((l) => l.modifier === '' && l.path === '/');
  assert.ok(fallback, 'location / missing');
  assert.equal(fallback.returns, routing.default_action.status_code);
  assert.equal(locations.filter((l) => !l.upstream && l.returns === null).length, 0);
});

test('nginx and ALB pick the same service for every sample path', () => {
  for (const path of SAMPLE_PATHS) {
    const loc = nginxRoute(locations, path);
    const viaNginx = loc?.upstream ?? null;
    assert.equal(viaNginx, albRoute(routing.rules, path), path);
  }
});

test('nginx: WebSocket upgrade headers, HTTP/1.1 and the ALB idle timeout on :8000', () => {
  const server = findAll(conf, 'server').find((s) => s.children);
  const directive = (name) => server.children.filter((d) => d.name === name && !d.children);
  const map = findAll(conf, 'map').find((m) => m.args[0] === '$http_upgrade');
  assert.ok(map, 'map $http_upgrade');
  const mapVar = map.args[1];
  const headers = Object.fromEntries(directive('proxy_set_header').map((d) => [d.args[0], d.args[1]]));
  assert.equal(headers.Upgrade, '$http_upgrade');
  assert.equal(headers.Connection, mapVar);
  assert.equal(map.children.find((c) => c.name === 'default').args[0], 'upgrade');
  assert.deepEqual(directive('proxy_http_version')[0].args, ['1.1']);
  // locations that override proxy_set_header would lose the inherited upgrade headers
  for (const l of locations.filter((l) => l.upstream === 'realtime')) {
    assert.ok(!l.directives.some((d) => d.name === 'proxy_set_header'), `${l.path} overrides headers`);
  }
  const seconds = (v) => Number(v.replace(/s$/, ''));
  assert.ok(seconds(directive('proxy_read_timeout')[0].args[0]) >= root.variable.alb_idle_timeout.default);
  assert.deepEqual(directive('listen')[0].args, ['8000']);
});

test('compose: postgres:15, redis:7, migrate one-shot, four hosts from their Dockerfiles, proxy on :8000', () => {
  const s = compose.services;
  assert.equal(s.postgres.image, 'postgres:15');
  assert.equal(s.redis.image, 'redis:7');
  assert.ok(s.postgres.healthcheck && s.redis.healthcheck);

  assert.equal(s.migrate.build.dockerfile, routing.services.api.dockerfile);
  assert.deepEqual(s.migrate.command, ['migrate']);
  assert.equal(s.migrate.restart, 'no');
  assert.equal(s.migrate.depends_on.postgres.condition, 'service_healthy');

  for (const [name, svc] of Object.entries(routing.services)) {
    const c = s[name];
    assert.equal(c.build.context, '.');
    assert.equal(c.build.dockerfile, svc.dockerfile);
    assert.equal(c.depends_on.migrate.condition, 'service_completed_successfully', `${name} waits for migrate`);
    assert.equal(c.depends_on.postgres.condition, 'service_healthy');
    assert.equal(c.depends_on.redis.condition, 'service_healthy');
    const probe = c.healthcheck.test.join(' ');
    assert.ok(probe.includes(`:${svc.port}${routing.health_check.path}`), `${name} healthcheck ${probe}`);
    assert.ok(c.environment.DB_URL && c.environment.REDIS_URL, `${name} DB_URL/REDIS_URL`);
    assert.equal(c.environment.MIGRATE_ON_START, 'false');
  }

  const proxy = s.proxy;
  assert.match(proxy.image, /^nginx:/);
  assert.ok(proxy.ports.includes('8000:8000'));
  assert.ok(proxy.volumes.some((v) => v.startsWith('./infra/compose/nginx.conf:/etc/nginx/nginx.conf')));
  for (const name of Object.keys(routing.services)) {
    assert.equal(proxy.depends_on[name].condition, 'service_healthy');
  }
});

// ---------------------------------------------------------------------------------------------
// Live: the real nginx with this config, stub backends on free ports.
// ---------------------------------------------------------------------------------------------

function findNginx() {
  for (const bin of ['nginx', '/usr/sbin/nginx']) {
    const r = spawnSync(bin, ['-v'], { encoding: 'utf8' });
    if (!r.error) {
      return bin;
    }
  }
  return null;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

function stubBackend(name) {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ service: name, path: req.url }));
  });
  server.on('upgrade', (req, socket) => {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    const proto = req.headers['sec-websocket-protocol'];
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\n` +
        (proto ? `Sec-WebSocket-Protocol: ${proto}\r\n` : '') +
        '\r\n',
    );
    const payload = Buffer.from(JSON.stringify({ t: 'ready', service: name, path: req.url }));
    socket.end(Buffer.concat([Buffer.from([0x81, payload.length]), payload]));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const get = (port, path) =>
  new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      })
      .on('error', reject);
  });

const upgrade = (port, path, protocol) =>
  new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path,
      agent: false,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('0123456789abcdef').toString('base64'),
        'Sec-WebSocket-Protocol': protocol,
      },
    });
    req.on('upgrade', (res, socket, head) => {
      let data = head;
      socket.on('data', (d) => (data = Buffer.concat([data, d])));
      socket.on('end', () => resolve({ status: res.statusCode, protocol: res.headers['sec-websocket-protocol'], frame: data }));
      socket.on('error', reject);
    });
    req.on('response', (res) => resolve({ status: res.statusCode }));
    req.on('error', reject);
    req.end();
  });

test('live: nginx with this config routes like the ALB and passes WebSocket upgrades', { timeout: 30000 }, async (t) => {
  const nginx = findNginx();
  if (!nginx) {
    t.skip('nginx not installed');
    return;
  }
  const backends = {};
  for (const name of Object.keys(routing.services)) {
    backends[name] = await stubBackend(name);
  }
  const proxyPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'invorto-nginx-'));
  mkdirSync(join(dir, 'logs'));
  let conf = confText;
  for (const [name, svc] of Object.entries(routing.services)) {
    const before = conf;
    conf = conf.replace(`server ${name}:${svc.port};`, `server 127.0.0.1:${backends[name].address().port};`);
    assert.notEqual(conf, before, `upstream server ${name}:${svc.port} not found`);
  }
  // Test-only substitutions: loopback port instead of :8000, log files instead of /dev/std*.
  conf = conf
    .replace(/listen 8000;/, `listen 127.0.0.1:${proxyPort};`)
    .replace(/access_log \/dev\/stdout;/, 'access_log off;')
    .replace(/error_log \/dev\/stderr (\w+);/, `error_log ${join(dir, 'logs', 'error.log')} $1;`);
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const proc = spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'logs', 'error.log'), '-g', `daemon off; pid ${join(dir, 'nginx.pid')};`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  try {
    let up = false;
    for (let i = 0; i < 50 && !up; i++) {
      await new Promise((r) => setTimeout(r, 100));
      up = await get(proxyPort, '/').then(() => true, () => false);
      assert.equal(proc.exitCode, null, `nginx exited: ${stderr}`);
    }
    assert.ok(up, `nginx did not start: ${stderr}`);

    for (const path of SAMPLE_PATHS) {
      const expected = albRoute(routing.rules, path);
      const res = await get(proxyPort, path);
      if (expected === null) {
        assert.equal(res.status, 404, `${path} should be 404`);
      } else {
        assert.equal(res.status, 200, `${path}: ${res.status} ${res.body}`);
        assert.deepEqual(JSON.parse(res.body), { service: expected, path }, path);
      }
    }

    for (const path of ['/realtime/voice?callId=canary-1', '/v1/realtime/voice']) {
      const ws = await upgrade(proxyPort, path, 'test-api-key');
      assert.equal(ws.status, 101, `${path} upgrade`);
      assert.equal(ws.protocol, 'test-api-key', 'subprotocol passed through and echoed');
      assert.equal(ws.frame[0], 0x81, 'a text frame comes back through the proxy');
      const msg = JSON.parse(ws.frame.subarray(2, 2 + ws.frame[1]).toString());
      assert.deepEqual(msg, { t: 'ready', service: 'realtime', path });
    }
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    await Promise.all(Object.values(backends).map((s) => new Promise((r) => s.close(r))));
    rmSync(dir, { recursive: true, force: true });
  }
});
