// k6 WebSocket check of the Realtime voice protocol (spec §5.1, runbook §6A canary).
//
//   k6 run tests/performance/realtime-ws.js -e WS_URL=wss://staging.invortoai.com/realtime/voice -e API_KEY=...
//
// WS_URL   the voice endpoint (default ws://localhost:8000/realtime/voice, the compose proxy)
// API_KEY  sent as the WebSocket subprotocol: REALTIME_API_KEY (may start canary-agent) or a tenant key
// VUS, DURATION, SESSION_SECONDS  optional load shape (defaults 2 VUs, 30s, 10 s per session;
//                                 stays under REALTIME_CONNECTS_PER_SEC=3 per key)
//
// Each session: connect with the key as subprotocol, send {"t":"start","agentId":"canary-agent"},
// expect a {"t":"ready"} text message, then stream 20 ms binary frames of 640 bytes
// (PCM16LE mono 16 kHz), then {"t":"end"} and close.

import ws from 'k6/ws';
import { check } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';

const WS_URL = __ENV.WS_URL || 'ws://localhost:8000/realtime/voice';
const API_KEY = __ENV.API_KEY || '';
const SESSION_SECONDS = Number(__ENV.SESSION_SECONDS || 10);
const READY_TIMEOUT_MS = 5000;

const FRAME_MS = 20;
const FRAME_BYTES = 640; // 320 samples x 2 bytes = 20 ms at 16 kHz

const readyRate = new Rate('realtime_ready');
const timeToReady = new Trend('realtime_time_to_ready', true);
const framesSent = new Counter('realtime_audio_frames_sent');
const framesReceived = new Counter('realtime_audio_frames_received');

export const options = {
  vus: Number(__ENV.VUS || 2),
  duration: __ENV.DURATION || '30s',
  thresholds: {
    realtime_ready: ['rate>0.99'],
    realtime_time_to_ready: ['p(95)<1500'],
    ws_connecting: ['p(95)<1000'],
    checks: ['rate>0.99'],
  },
};

// A quiet 440 Hz tone: real-looking audio without speech.
function makeFrame() {
  const buffer = new ArrayBuffer(FRAME_BYTES);
  const view = new DataView(buffer);
  for (let i = 0; i < FRAME_BYTES / 2; i++) {
    view.setInt16(i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / 16000) * 800), true);
  }
  return buffer;
}

const FRAME = makeFrame();

export function setup() {
  if (!API_KEY) {
    throw new Error('API_KEY is required (sent as the WebSocket subprotocol)');
  }
}

export default function () {
  const callId = `k6-${__VU}-${__ITER}-${Date.now()}`;
  const url = `${WS_URL}${WS_URL.indexOf('?') >= 0 ? '&' : '?'}callId=${encodeURIComponent(callId)}`;
  const params = {
    headers: { 'Sec-WebSocket-Protocol': API_KEY },
    tags: { endpoint: 'realtime-voice' },
  };

  let openedAt = 0;
  let ready = false;

  const res = ws.connect(url, params, (socket) => {
    socket.on('open', () => {
      openedAt = Date.now();
      socket.send(JSON.stringify({ t: 'start', agentId: 'canary-agent' }));

      socket.setTimeout(() => {
        if (!ready) {
          socket.close();
        }
      }, READY_TIMEOUT_MS);
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
        }, SESSION_SECONDS * 1000);
      } else if (msg.t === 'end' || msg.t === 'error') {
        socket.close();
      }
    });

    socket.on('binaryMessage', () => framesReceived.add(1));

    // Hard stop, whatever the server does.
    socket.setTimeout(() => socket.close(), (SESSION_SECONDS + 10) * 1000);
  });

  readyRate.add(ready);
  check(res, { 'upgrade is 101': (r) => r !== undefined && r !== null && r.status === 101 });
  check(ready, { 'ready received': (r) => r === true });
}
