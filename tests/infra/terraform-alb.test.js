// (a) Terraform ALB: listener rules, target groups and health checks come from infra/routing.json,
// and routing.json itself says what the runbook says.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import {
  TF_ROOT, SAMPLE_PATHS, albRoute, albPatternMatches, expr, squash,
  loadRouting, loadRootModule, loadChildModule, loadTfvars,
} from './lib/common.js';

const routing = loadRouting();
const root = await loadRootModule();
const alb = await loadChildModule('alb');

test('routing.json: service ports are api 8080, realtime 8081, webhooks 8082, telephony 8085', () => {
  const ports = Object.fromEntries(Object.entries(routing.services).map(([k, v]) => [k, v.port]));
  assert.deepEqual(ports, { api: 8080, realtime: 8081, webhooks: 8082, telephony: 8085 });
});

test('routing.json: rules have unique priorities, known services and the service port', () => {
  const priorities = routing.rules.map((r) => r.priority);
  assert.equal(new Set(priorities).size, priorities.length, 'duplicate priority');
  for (const rule of routing.rules) {
    assert.ok(Number.isInteger(rule.priority) && rule.priority >= 1 && rule.priority <= 50000, `priority ${rule.priority}`);
    assert.ok(rule.service in routing.services, `unknown service ${rule.service}`);
    assert.equal(rule.port, routing.services[rule.service].port, `rule ${rule.priority} port`);
    assert.ok(rule.paths.length >= 1 && rule.paths.length <= 5, 'ALB allows 1-5 path values per condition');
    for (const p of rule.paths) {
      assert.match(p, /^\/[A-Za-z0-9_\-.$/~"'@:+*?&]*$/, `ALB path pattern ${p}`);
      assert.ok(p.length <= 128, `${p} longer than 128`);
    }
  }
});

test('routing.json: the runbook routes (§1) with /v1/realtime/* ahead of /v1/*', () => {
  const byPath = (p) => routing.rules.find((r) => r.paths.includes(p));
  const expected = {
    '/v1/*': 'api',
    '/v1/realtime/*': 'realtime',
    '/realtime/*': 'realtime',
    '/webhooks/*': 'webhooks',
    '/telephony/*': 'telephony',
  };
  for (const [path, service] of Object.entries(expected)) {
    const rule = byPath(path);
    assert.ok(rule, `no rule for ${path}`);
    assert.equal(rule.service, service, path);
  }
  assert.ok(byPath('/v1/realtime/*').priority < byPath('/v1/*').priority, '/v1/realtime/* must win over /v1/*');
});

test('routing.json: every rule is reachable (no earlier rule shadows all of its paths)', () => {
  const sorted = [...routing.rules].sort((a, b) => a.priority - b.priority);
  sorted.forEach((rule, i) => {
    for (const p of rule.paths) {
      const probe = p.replace(/\*/g, 'x').replace(/\?/g, 'x');
      const winner = sorted.slice(0, i).find((r) => r.paths.some((q) => albPatternMatches(q, probe)));
      assert.equal(winner, undefined, `${p} (priority ${rule.priority}) is shadowed by priority ${winner?.priority}`);
    }
  });
});

test('routing.json: sample requests reach the service the spec puts them on', () => {
  const expected = {
    '/v1/health': 'api',
    '/v1/agents': 'api',
    '/v1/realtime/sessions': 'api', // spec §4: POST /v1/realtime/sessions is an Api endpoint
    '/v1/realtime/voice': 'realtime', // spec §5.1
    '/realtime/voice': 'realtime',
    '/realtime/jambonz': 'realtime',
    '/realtime/twilio': 'realtime',
    '/webhooks/anything': 'webhooks',
    '/telephony/jambonz/call': 'telephony',
    '/telephony/twilio/status': 'telephony',
    '/health': null, // container health is not routed publicly
    '/metrics': null,
  };
  for (const [path, service] of Object.entries(expected)) {
    assert.equal(albRoute(routing.rules, path), service, path);
  }
  // and nothing in the sample set lands on a service outside the map
  for (const p of SAMPLE_PATHS) {
    const s = albRoute(routing.rules, p);
    assert.ok(s === null || s in routing.services, p);
  }
});

test('routing.json: health check /health, interval 15, timeout 5, healthy 2, unhealthy 3', () => {
  assert.deepEqual(
    {
      path: routing.health_check.path,
      interval: routing.health_check.interval_seconds,
      timeout: routing.health_check.timeout_seconds,
      healthy: routing.health_check.healthy_threshold,
      unhealthy: routing.health_check.unhealthy_threshold,
      matcher: routing.health_check.matcher,
    },
    { path: '/health', interval: 15, timeout: 5, healthy: 2, unhealthy: 3, matcher: '200' },
  );
  assert.ok(routing.health_check.timeout_seconds < routing.health_check.interval_seconds, 'ALB requires timeout < interval');
});

test('terraform root reads infra/routing.json with jsondecode(file(...))', () => {
  const e = expr(root.locals.routing);
  const m = /^jsondecode\(file\("\$\{path\.module\}\/([^"]+)"\)\)$/.exec(e);
  assert.ok(m, `local.routing is ${e}`);
  assert.equal(resolve(TF_ROOT, m[1]), resolve(TF_ROOT, '..', 'routing.json'));
  assert.equal(squash(expr(root.locals.service_ports)), '{ for name, svc in local.routing.services : name => svc.port }');
});

test('terraform root passes routing rules, ports and health check to the alb module', () => {
  const call = root.module.alb;
  assert.equal(call.source, './modules/alb');
  assert.equal(expr(call.rules), 'local.routing.rules');
  assert.equal(expr(call.health_check), 'local.routing.health_check');
  assert.equal(expr(call.default_action), 'local.routing.default_action');
  assert.equal(expr(call.service_ports), 'local.service_ports');
});

test('alb: one listener rule per routing rule with its priority, paths and target group', () => {
  const rule = alb.resource.aws_lb_listener_rule?.route;
  assert.ok(rule, 'aws_lb_listener_rule.route missing');
  assert.match(squash(expr(rule.for_each)), /^\{ for (\w+) in var\.rules : format\("%05d", \1\.priority\) => \1 \}$/);
  assert.equal(expr(rule.listener_arn), 'aws_lb_listener.https.arn');
  assert.equal(expr(rule.priority), 'each.value.priority');
  assert.equal(expr(rule.condition[0].path_pattern[0].values), 'each.value.paths');
  assert.equal(rule.action[0].type, 'forward');
  assert.equal(expr(rule.action[0].target_group_arn), 'aws_lb_target_group.service[each.value.service].arn');
  // the rules variable carries exactly the fields routing.json has
  const ruleType = squash(expr(alb.variable.rules.type));
  for (const field of Object.keys(routing.rules[0])) {
    assert.ok(ruleType.includes(`${field} =`), `variable rules lacks ${field}`);
  }
  // zero-padded keys sort in priority order, so plan output lists rules in evaluation order
  const keys = routing.rules.map((r) => String(r.priority).padStart(5, '0'));
  assert.deepEqual([...keys].sort(), [...routing.rules].sort((a, b) => a.priority - b.priority).map((r) => String(r.priority).padStart(5, '0')));
});

test('alb: ip target groups on each service port with the routing.json health check', () => {
  const tg = alb.resource.aws_lb_target_group?.service;
  assert.ok(tg, 'aws_lb_target_group.service missing');
  assert.equal(expr(tg.for_each), 'var.service_ports');
  assert.equal(expr(tg.port), 'each.value');
  assert.equal(tg.target_type, 'ip');
  assert.equal(tg.protocol, 'HTTP');
  const hc = tg.health_check[0];
  const mapping = {
    path: 'path',
    matcher: 'matcher',
    interval: 'interval_seconds',
    timeout: 'timeout_seconds',
    healthy_threshold: 'healthy_threshold',
    unhealthy_threshold: 'unhealthy_threshold',
  };
  for (const [attr, key] of Object.entries(mapping)) {
    assert.equal(expr(hc[attr]), `var.health_check.${key}`, `health_check.${attr}`);
    assert.ok(key in routing.health_check, `routing.json health_check.${key}`);
  }
  assert.equal(hc.port, 'traffic-port');
});

test('alb: HTTPS listener with the ACM certificate, HTTP redirects to HTTPS', () => {
  const https = alb.resource.aws_lb_listener.https;
  assert.equal(https.port, 443);
  assert.equal(https.protocol, 'HTTPS');
  assert.equal(expr(https.certificate_arn), 'var.certificate_arn');
  assert.equal(https.default_action[0].type, 'fixed-response');
  assert.equal(expr(root.module.alb.certificate_arn), 'var.certificate_arn');

  const http = alb.resource.aws_lb_listener.http;
  assert.equal(http.port, 80);
  assert.equal(http.default_action[0].type, 'redirect');
  assert.deepEqual(http.default_action[0].redirect[0], { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' });
});

test('alb: realtime target group is sticky (lb_cookie) and the ALB idle timeout is raised for WebSockets', async () => {
  const tg = alb.resource.aws_lb_target_group.service;
  const sticky = tg.dynamic?.stickiness?.[0];
  assert.ok(sticky, 'dynamic stickiness block missing');
  assert.match(expr(sticky.for_each), /contains\(var\.sticky_services, each\.key\)/);
  assert.equal(sticky.content[0].type, 'lb_cookie');
  assert.equal(sticky.content[0].enabled, true);

  assert.equal(expr(root.module.alb.sticky_services), 'var.sticky_services');
  assert.deepEqual(root.variable.sticky_services.default, ['realtime']);

  const lb = alb.resource.aws_lb.this;
  assert.equal(expr(lb.idle_timeout), 'var.idle_timeout');
  assert.equal(expr(root.module.alb.idle_timeout), 'var.alb_idle_timeout');
  assert.ok(root.variable.alb_idle_timeout.default >= 3600, 'default idle timeout');
  for (const env of ['staging', 'production']) {
    const vars = await loadTfvars(env);
    if ('sticky_services' in vars) {
      assert.ok(vars.sticky_services.includes('realtime'), `${env} sticky_services`);
    }
    const timeout = vars.alb_idle_timeout ?? root.variable.alb_idle_timeout.default;
    assert.ok(timeout >= 3600, `${env} idle timeout ${timeout}`);
  }
  // realtime drains longer than the default
  const delay = root.variable.deregistration_delay_seconds.default;
  assert.ok(delay.realtime > 30, 'realtime deregistration delay');
  assert.equal(lb.drop_invalid_header_fields, true);
});

test('waf: optional web ACL with the AWS managed common rule set, associated with the ALB', async () => {
  const waf = await loadChildModule('waf');
  assert.equal(expr(root.module.waf.count), 'var.enable_waf ? 1 : 0');
  assert.equal(root.variable.enable_waf.type, '${bool}');
  const acl = waf.resource.aws_wafv2_web_acl.this;
  assert.equal(acl.scope, 'REGIONAL');
  const groups = waf.locals.managed_rule_groups;
  assert.ok('AWSManagedRulesCommonRuleSet' in groups);
  const rule = acl.dynamic.rule[0].content[0];
  assert.equal(rule.statement[0].managed_rule_group_statement[0].vendor_name, 'AWS');
  assert.equal(expr(waf.resource.aws_wafv2_web_acl_association.alb.resource_arn), 'var.alb_arn');
  assert.equal(expr(root.module.waf.alb_arn), 'module.alb.alb_arn');
});
