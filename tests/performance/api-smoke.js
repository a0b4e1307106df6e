// k6 smoke test of the public REST surface (runbook §7; run by CI on develop when K6_CLOUD_TOKEN is set).
//
//   k6 run tests/performance/api-smoke.js -e API_URL=https://staging.invortoai.com -e API_KEY=inv_staging_...
//
// API_URL  base URL without /v1 (default http://localhost:8000, the compose proxy)
// API_KEY  a tenant API key (Authorization: Bearer); GET /v1/agents needs it
// VUS, DURATION  optional load shape (defaults 1 VU for 30s: stays under the default per-key
//                limit API_RATE_LIMIT_PER_MIN=60)

import http from 'k6/http';
import { check, group, sleep } from 'k6';

const API_URL = (__ENV.API_URL || 'http://localhost:8000').replace(/\/+$/, '');
const API_KEY = __ENV.API_KEY || '';

export const options = {
  vus: Number(__ENV.VUS || 1),
  duration: __ENV.DURATION || '30s',
  thresholds: {
    checks: ['rate>0.99'],
    'http_req_failed{endpoint:health}': ['rate<0.01'],
    'http_req_failed{endpoint:agents}': ['rate<0.01'],
    'http_req_duration{endpoint:health}': ['p(95)<300'],
    'http_req_duration{endpoint:agents}': ['p(95)<800'],
  },
};

export function setup() {
  if (!API_KEY) {
    throw new Error('API_KEY is required (a tenant key for GET /v1/agents)');
  }
}

function json(res) {
  try {
    return res.json();
  } catch (e) {
    return null;
  }
}

export default function () {
  group('GET /v1/health', () => {
    const res = http.get(`${API_URL}/v1/health`, { tags: { endpoint: 'health' } });
    const body = json(res);
    check(res, {
      'health is 200': (r) => r.status === 200,
      'health says ok': () => body !== null && body.status === 'ok',
    });
  });

  group('GET /v1/agents', () => {
    const res = http.get(`${API_URL}/v1/agents?limit=10`, {
      headers: { Authorization: `Bearer ${API_KEY}` },
      tags: { endpoint: 'agents' },
    });
    const body = json(res);
    check(res, {
      'agents is 200': (r) => r.status === 200,
      'agents is a page': () => body !== null && Array.isArray(body.data),
    });
  });

  sleep(2);
}
