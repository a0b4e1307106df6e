// k6 load test: REST traffic and concurrent voice sessions together (runbook §7).
//
//   k6 run tests/load/k6-load-test.js \
//     -e API_URL=https://staging.invortoai.com \
//     -e WS_URL=wss://staging.invortoai.com/realtime/voice \
//     -e API_KEY=inv_staging_...
//
// API_URL  base URL without /v1           WS_URL  the voice WebSocket endpoint
// API_KEY  one key, or several separated by commas (VUs rotate them). The service limits each key
//          to API_RATE_LIMIT_PER_MIN REST requests (default 60) and REALTIME_CONNECTS_PER_SEC
//          connects (default 3): give enough keys, or raise those limits on staging, for the
//          rates below, otherwise the 429s/4429s are the limiter working, not a failure of scale.
// REST_RPS (10), CALLS (20 concurrent sessions), CALL_SECONDS (30), RAMP (1m), HOLD (3m)

import http from 'k6/http';
import ws from 'k6/ws';
import { check, sleep } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';

const API_URL = (__ENV.API_URL || 'http://localhost:8000').replace(/\/+$/, '');
const WS_URL = __ENV.WS_URL || 'ws://localhost:8000/realtime/voice';
const API_KEYS = (__ENV.API_KEY || '').split(',').map((k) => k.trim()).filter((k) => k.length > 0);

const REST_RPS = Number(__ENV.REST_RPS || 10);
const CALLS = Number(__ENV.CALLS || 20);
const CALL_SECONDS = Number(__ENV.CALL_SECONDS || 30);
const RAMP = __ENV.RAMP || '1m';
const HOLD = __ENV.HOLD || '3m';

const FRAME_MS = 20;
const FRAME_BYTES = 640;

const readyRate = new Rate('realtime_ready');
const timeToReady = new Trend('realtime_time_to_ready', true);
const framesSent = new Counter('realtime_audio_frames_sent');
const framesReceived = new Counter('realtime_audio_frames_received');
const rateLimited = new Counter('rate_limited_responses');

export const options = {
  scenarios: {
    rest: {
      executor: 'ramping-arrival-rate',
      exec: 'rest',
      startRate: 1,
      timeUnit: '1s',
      preAllocatedVUs: Math.max(5, REST_RPS),
      maxVUs: Math.max(20, REST_RPS * 5),
      stages: [
        { target: REST_RPS, duration: RAMP },
        { target: REST_RPS, duration: HOLD },
        { target: 0, duration: '30s' },
      ],
    },
    calls: {
      executor: 'ramping-vus',
      exec: 'call',
      startVUs: 0,
      stages: [
        { target: CALLS, duration: RAMP },
        { target: CALLS, duration: HOLD },
        { target: 0, duration: '30s' },
      ],
      gracefulRampDown: `${CALL_SECONDS + 15}s`,
    },
  },
  thresholds: {
    'http_req_failed{scenario:rest}': ['rate<0.02'],
    'http_req_duration{endpoint:health}': ['p(95)<300'],
    'http_req_duration{endpoint:agents}': ['p(95)<1000'],
    realtime_ready: ['rate>0.98'],
    realtime_time_to_ready: ['p(95)<1500'],
    ws_connecting: ['p(95)<1500'],
  },
};

function makeFrame() {
  const buffer = new ArrayBuffer(FRAME_BYTES);
  const view = new DataView(buffer);
  for (let i = 0; i < FRAME_BYTES / 2; i++) {
    view.setInt16(i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / 16000) * 800), true);
  }
  return buffer;
}

const FRAME = makeFrame();

function keyFor(vu) {
  return API_KEYS[vu % API_KEYS.length];
}

export function setup() {
  if (API_KEYS.length === 0) {
    throw new Error('API_KEY is required (one key or a comma-separated list)');
  }
}

export function rest() {
  const health = http.get(`${API_URL}/v1/health`, { tags: { endpoint: 'health' } });
  check(health, { 'health is 200': (r) => r.status === 200 });

  const agents = http.get(`${API_URL}/v1/agents?limit=20`, {
    headers: { Authorization: `Bearer ${keyFor(__VU)}` },
    tags: { endpoint: 'agents' },
    responseCallback: http.expectedStatuses(200, 429),
  });
  if (agents.status === 429) {
    rateLimited.add(1);
  }
  check(agents, { 'agents is 200 (or rate limited)': (r) => r.status === 200 || r.status === 429 });
}

export function call() {
  const callId = `k6-load-${__VU}-${__ITER}-${Date.now()}`;
  const url = `${WS_URL}${WS_URL.indexOf('?') >= 0 ? '&' : '?'}callId=${encodeURIComponent(callId)}`;
  let openedAt = 0;
  let ready = false;

  const res = ws.connect(
    url,
    { headers: { 'Sec-WebSocket-Protocol': keyFor(__VU) }, tags: { endpoint: 'realtime-voice' } },
    (socket) => {
      socket.on('open', () => {
        openedAt = Date.now();
        socket.send(JSON.stringify({ t: 'start', agentId: 'canary-agent' }));
        socket.setTimeout(() => {
          if (!ready) {
            socket.close();
          }
        }, 5000);
      });

      socket.on('message', (data) => {
        let msg;
        try {
          msg = JSON.parse(data);
        } catch (e) {
          return;
        }
        if (msg.t === 'ready' && !ready) {
          ready = true;
          timeToReady.add(Date.now() - openedAt);
          socket.setInterval(() => {
            socket.sendBinary(FRAME);
            framesSent.add(1);
          }, FRAME_MS);
          socket.setTimeout(() => {
            socket.send(JSON.stringify({ t: 'end', reason: 'client' }));
            socket.setTimeout(() => socket.close(), 2000);
          }, CALL_SECONDS * 1000);
        } else if (msg.t === 'end' || msg.t === 'error') {
          socket.close();
        }
      });

      socket.on('binaryMessage', () => framesReceived.add(1));

      socket.on('close', (code) => {
        if (code === 4429) {
          rateLimited.add(1);
        }
      });

      socket.setTimeout(() => socket.close(), (CALL_SECONDS + 10) * 1000);
    },
  );

  readyRate.add(ready);
  check(res, { 'upgrade is 101': (r) => r !== undefined && r !== null && r.status === 101 });
  sleep(1);
}
