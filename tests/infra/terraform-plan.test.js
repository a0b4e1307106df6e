// Terraform with the real AWS provider, when the machine has it: `terraform init -backend=false`
// + `terraform validate`, then the CI-style offline plan of both environments (placeholder
// credentials, empty local state), asserting on the evaluated plan rather than on the HCL text.
//
// Needs the terraform binary and a provider filesystem mirror (TF_PLUGIN_MIRROR, default
// /opt/tf-plugins); providers are never downloaded. Skipped otherwise: CI's `terraform` job runs
// the same validate and plan with network access.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRouting, loadTfvars, repoPath } from './lib/common.js';

const routing = loadRouting();
const mirror = process.env.TF_PLUGIN_MIRROR || '/opt/tf-plugins';
const hasTerraform = !spawnSync('terraform', ['version'], { encoding: 'utf8' }).error;
const hasMirror = existsSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws'));
const skip = !hasTerraform ? 'terraform not installed' : !hasMirror ? `no provider mirror at ${mirror}` : false;

let work;
let tfDir;
let env;
const plans = {};
const evaluated = {};

function tf(args, input) {
  const res = spawnSync('terraform', args, { cwd: tfDir, env, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) {
    throw new Error(`terraform ${args.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
  }
  return res.stdout;
}

function resources(plan) {
  const out = [];
  const walk = (m) => {
    (m.resources ?? []).forEach((r) => out.push(r));
    (m.child_modules ?? []).forEach(walk);
  };
  walk(plan.planned_values.root_module);
  return out;
}

const ofType = (plan, type) => resources(plan).filter((r) => r.type === type && r.mode === 'managed');

before(() => {
  if (skip) {
    return;
  }
  work = mkdtempSync(join(tmpdir(), 'invorto-tf-'));
  cpSync(repoPath('infra'), join(work, 'infra'), {
    recursive: true,
    filter: (src) => !/[/\\]\.terraform([/\\]|$)|\.tfstate|tfplan/.test(src),
  });
  tfDir = join(work, 'infra', 'terraform');
  writeFileSync(
    join(work, 'cli.tfrc'),
    `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`,
  );
  env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: join(work, 'cli.tfrc'),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    TF_VAR_offline_plan: 'true',
    AWS_ACCESS_KEY_ID: 'offline-plan-placeholder',
    AWS_SECRET_ACCESS_KEY: 'offline-plan-placeholder',
    CHECKPOINT_DISABLE: '1',
  };
  tf(['init', '-backend=false', '-input=false', '-no-color']);
});

after(() => {
  if (work) {
    rmSync(work, { recursive: true, force: true });
  }
});

test('terraform validate', { skip, timeout: 120000 }, () => {
  const out = tf(['validate', '-no-color']);
  assert.match(out, /Success! The configuration is valid\./);
});

test('offline plan of staging and production (as CI runs it)', { skip, timeout: 300000 }, () => {
  writeFileSync(join(tfDir, 'ci_backend_override.tf'), 'terraform {\n  backend "local" {}\n}\n');
  tf(['init', '-input=false', '-reconfigure', '-no-color']);
  for (const name of ['staging', 'production']) {
    tf(['plan', '-input=false', '-lock=false', '-refresh=false', '-no-color', `-var-file=environments/${name}.tfvars`, `-out=${name}.tfplan`]);
    plans[name] = JSON.parse(tf(['show', '-json', `${name}.tfplan`]));
    const expr = 'jsonencode({ env = local.environment_variables, per_service = local.service_environment, secrets = local.ssm_parameter_arns })';
    const out = tf(['console', '-no-color', `-var-file=environments/${name}.tfvars`], `${expr}\n`).trim();
    evaluated[name] = JSON.parse(JSON.parse(out.split('\n').at(-1)));
    assert.ok(ofType(plans[name], 'aws_lb').length === 1, `${name}: one ALB`);
  }
});

for (const name of ['staging', 'production']) {
  const plan = () => {
    assert.ok(plans[name], 'plan not produced');
    return plans[name];
  };

  test(`${name}: listener rules evaluate to routing.json, in priority order`, { skip }, () => {
    const rules = ofType(plan(), 'aws_lb_listener_rule')
      .map((r) => ({ priority: r.values.priority, paths: r.values.condition[0].path_pattern[0].values, service: r.values.tags.Service }))
      .sort((a, b) => a.priority - b.priority);
    const expected = routing.rules
      .map((r) => ({ priority: r.priority, paths: r.paths, service: r.service }))
      .sort((a, b) => a.priority - b.priority);
    assert.deepEqual(rules, expected);
    const idx = (p) => rules.findIndex((r) => r.paths.includes(p));
    assert.ok(idx('/v1/realtime/*') < idx('/v1/*'));
  });

  test(`${name}: target groups on 8080/8081/8082/8085 with the routing.json health check`, { skip }, () => {
    const tgs = Object.fromEntries(ofType(plan(), 'aws_lb_target_group').map((r) => [r.index, r.values]));
    assert.deepEqual(
      Object.fromEntries(Object.entries(tgs).map(([k, v]) => [k, v.port])),
      { api: 8080, realtime: 8081, telephony: 8085, webhooks: 8082 },
    );
    for (const [svc, v] of Object.entries(tgs)) {
      assert.equal(v.target_type, 'ip', svc);
      const hc = v.health_check[0];
      assert.deepEqual(
        { path: hc.path, interval: hc.interval, timeout: hc.timeout, healthy: hc.healthy_threshold, unhealthy: hc.unhealthy_threshold, matcher: hc.matcher },
        { path: '/health', interval: 15, timeout: 5, healthy: 2, unhealthy: 3, matcher: '200' },
        svc,
      );
      const sticky = (v.stickiness ?? []).find((s) => s.enabled);
      assert.equal(sticky?.type, svc === 'realtime' ? 'lb_cookie' : undefined, `${svc} stickiness`);
    }
    const lb = ofType(plan(), 'aws_lb')[0].values;
    assert.equal(lb.idle_timeout, 3600);
    assert.equal(lb.drop_invalid_header_fields, true);
    const https = ofType(plan(), 'aws_lb_listener').find((l) => l.values.port === 443).values;
    assert.equal(https.protocol, 'HTTPS');
    const http = ofType(plan(), 'aws_lb_listener').find((l) => l.values.port === 80).values;
    assert.equal(http.default_action[0].redirect[0].protocol, 'HTTPS');
  });

  test(`${name}: cluster invorto-${name}, four services with circuit breaker + rollback, log groups`, { skip }, async () => {
    assert.equal(ofType(plan(), 'aws_ecs_cluster')[0].values.name, `invorto-${name}`);
    assert.equal(plan().planned_values.outputs.cluster_name.value, `invorto-${name}`);
    const services = ofType(plan(), 'aws_ecs_service');
    assert.deepEqual(services.map((s) => s.values.name).sort(), ['invorto-api', 'invorto-realtime', 'invorto-telephony', 'invorto-webhooks']);
    for (const s of services) {
      assert.deepEqual(s.values.deployment_circuit_breaker, [{ enable: true, rollback: true }], s.values.name);
      assert.equal(s.values.launch_type, 'FARGATE');
    }
    const logs = ofType(plan(), 'aws_cloudwatch_log_group').map((l) => l.values.name).filter((n) => n.startsWith('/ecs/'));
    assert.deepEqual(logs.sort(), ['/ecs/invorto-api', '/ecs/invorto-realtime', '/ecs/invorto-telephony', '/ecs/invorto-webhooks']);
    const families = ofType(plan(), 'aws_ecs_task_definition').map((t) => t.values.family).sort();
    assert.deepEqual(families, ['invorto-api', 'invorto-realtime', 'invorto-telephony', 'invorto-webhooks']);
    const policies = ofType(plan(), 'aws_appautoscaling_policy').map((p) => p.values.target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].predefined_metric_type);
    assert.equal(policies.filter((t) => t === 'ECSServiceAverageCPUUtilization').length, 4);
    assert.equal(policies.filter((t) => t === 'ALBRequestCountPerTarget').length, 1);
  });

  test(`${name}: secrets from SSM /invorto/${name}/*, and the execution role reads exactly those`, { skip }, async () => {
    const vars = await loadTfvars(name);
    const { secrets, env: plain, per_service: perService } = evaluated[name];
    for (const n of ['DB_URL', 'REDIS_URL', 'REALTIME_API_KEY', 'REALTIME_WS_SECRET', 'JAMBONZ_API_BASE_URL', 'JAMBONZ_ACCOUNT_SID', 'JAMBONZ_API_KEY', 'JAMBONZ_APPLICATION_SID', 'JAMBONZ_WEBHOOK_SECRET']) {
      assert.equal(secrets[n], `arn:aws:ssm:${vars.aws_region}:${vars.aws_account_id}:parameter/invorto/${name}/${n}`, n);
    }
    for (const n of Object.keys(secrets)) {
      assert.ok(!(n in plain), `${n} is both secret and plain`);
    }
    assert.equal(plain.ASPNETCORE_ENVIRONMENT, 'Production');
    assert.equal(plain.PUBLIC_BASE_URL, `https://${vars.domain_name}`);
    assert.equal(plain.REALTIME_WS_URL, `wss://${vars.domain_name}/realtime/voice`);
    assert.equal(plain.TELEPHONY_GLOBAL_MAX_CONCURRENCY, String(vars.telephony_global_max_concurrency));
    assert.equal(perService.api.MIGRATE_ON_START, 'true');

    const policy = ofType(plan(), 'aws_iam_role_policy').find((p) => p.values.name === 'read-invorto-secrets');
    const doc = JSON.parse(policy.values.policy);
    assert.equal(doc.Statement.length, 1);
    assert.equal(doc.Statement[0].Action, 'ssm:GetParameters');
    assert.deepEqual([].concat(doc.Statement[0].Resource).sort(), Object.values(secrets).sort());
  });

  test(`${name}: Redis encrypted, ECR scans on push, WAF only where enabled`, { skip }, async () => {
    const vars = await loadTfvars(name);
    const rg = ofType(plan(), 'aws_elasticache_replication_group')[0].values;
    assert.equal(rg.transit_encryption_enabled, true);
    assert.equal(String(rg.at_rest_encryption_enabled), 'true');
    const repos = ofType(plan(), 'aws_ecr_repository');
    assert.deepEqual(repos.map((r) => r.values.name).sort(), ['invorto-api', 'invorto-realtime', 'invorto-telephony', 'invorto-webhooks']);
    repos.forEach((r) => assert.equal(r.values.image_scanning_configuration[0].scan_on_push, true));
    assert.equal(ofType(plan(), 'aws_wafv2_web_acl').length, vars.enable_waf ? 1 : 0);
  });
}
