// (a) Terraform ECS/IAM/Redis/ECR: cluster name, four services with the circuit breaker, secrets
// from SSM, log groups, autoscaling, least-privilege execution role, encrypted Redis.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  expr, squash, loadRouting, loadRootModule, loadChildModule, loadTfvars, readText,
} from './lib/common.js';
import { parse as parseYaml } from 'yaml';

const routing = loadRouting();
const root = await loadRootModule();
const ecs = await loadChildModule('ecs');
const iam = await loadChildModule('iam');
const workflow = parseYaml(readText('.github', 'workflows', 'ci.yml'));
const serviceKeys = Object.keys(routing.services).sort();

const containerDefinitions = squash(expr(ecs.resource.aws_ecs_task_definition.service.container_definitions));

test('ecs: cluster invorto-${var.environment}, matching the clusters the deploy jobs update', () => {
  assert.equal(root.locals.cluster_name, 'invorto-${var.environment}');
  assert.equal(expr(root.module.ecs.cluster_name), 'local.cluster_name');
  assert.equal(expr(ecs.resource.aws_ecs_cluster.this.name), 'var.cluster_name');
  const allowed = /contains\(\[(.*?)\], var\.environment\)/.exec(root.variable.environment.validation[0].condition)[1];
  const envs = [...allowed.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
  assert.deepEqual(envs, ['production', 'staging']);
  assert.equal(workflow.jobs['deploy-staging'].env.CLUSTER, 'invorto-staging');
  assert.equal(workflow.jobs['deploy-production'].env.CLUSTER, 'invorto-production');
  const insights = ecs.resource.aws_ecs_cluster.this.setting[0];
  assert.deepEqual(insights, { name: 'containerInsights', value: 'enabled' });
});

test('ecs: the four routing.json services run on Fargate behind their target groups', () => {
  assert.match(squash(expr(root.locals.ecs_services)), /^\{ for name, port in local\.service_ports : name => \{/);
  assert.equal(expr(root.module.ecs.services), 'local.ecs_services');
  assert.deepEqual(serviceKeys, ['api', 'realtime', 'telephony', 'webhooks']);
  const svc = ecs.resource.aws_ecs_service.service;
  assert.equal(expr(svc.for_each), 'var.services');
  assert.equal(svc.name, 'invorto-${each.key}');
  assert.equal(svc.launch_type, 'FARGATE');
  assert.equal(svc.network_configuration[0].assign_public_ip, false);
  assert.equal(expr(svc.load_balancer[0].target_group_arn), 'var.target_group_arns[each.key]');
  assert.equal(expr(svc.load_balancer[0].container_port), 'each.value.port');
  assert.equal(expr(root.module.ecs.target_group_arns), 'module.alb.target_group_arns');
  // every service key has sizing in both environments
  return Promise.all(['staging', 'production'].map(async (env) => {
    const vars = await loadTfvars(env);
    assert.deepEqual(Object.keys(vars.service_sizing).sort(), serviceKeys, `${env} service_sizing`);
  }));
});

test('ecs: deployment circuit breaker with rollback on every service', () => {
  const svc = ecs.resource.aws_ecs_service.service;
  assert.deepEqual(svc.deployment_circuit_breaker, [{ enable: true, rollback: true }]);
  // no other aws_ecs_service exists that could lack it
  assert.deepEqual(Object.keys(ecs.resource.aws_ecs_service), ['service']);
  assert.equal(svc.deployment_minimum_healthy_percent, 100);
});

test('ecs: task definitions per service (family invorto-<service>) on the routing.json port', () => {
  const td = ecs.resource.aws_ecs_task_definition.service;
  assert.equal(expr(td.for_each), 'var.services');
  assert.equal(td.family, 'invorto-${each.key}');
  assert.deepEqual(td.requires_compatibilities, ['FARGATE']);
  assert.equal(td.network_mode, 'awsvpc');
  assert.match(containerDefinitions, /containerPort = each\.value\.port/);
  assert.match(containerDefinitions, /image = "\$\{each\.value\.repository_url\}:\$\{var\.image_tag\}"/);
  assert.match(squash(expr(root.locals.ecs_services)), /port = port/);
  // the container health check runs the image's probe against the routing.json path
  assert.match(containerDefinitions, /command = \["CMD", "dotnet", "\/healthprobe\/HealthProbe\.dll", "http:\/\/127\.0\.0\.1:\$\{each\.value\.port\}\$\{var\.health_check\.path\}"\]/);
  assert.equal(expr(root.module.ecs.health_check), 'local.routing.health_check');
});

test('ecs: secrets come from SSM /invorto/<env>/<NAME> for DB_URL, REDIS_URL, REALTIME_* and JAMBONZ_*', async () => {
  const core = root.locals.core_secret_names;
  for (const name of ['DB_URL', 'REDIS_URL', 'REALTIME_API_KEY', 'REALTIME_WS_SECRET']) {
    assert.ok(core.includes(name), `${name} not a core secret`);
  }
  assert.deepEqual(root.locals.jambonz_secret_names, [
    'JAMBONZ_API_BASE_URL', 'JAMBONZ_ACCOUNT_SID', 'JAMBONZ_API_KEY', 'JAMBONZ_APPLICATION_SID', 'JAMBONZ_WEBHOOK_SECRET',
  ]);
  assert.deepEqual(root.locals.twilio_secret_names, ['TWILIO_AUTH_TOKEN']);
  assert.equal(
    squash(expr(root.locals.secret_names)),
    'concat( local.core_secret_names, var.enable_jambonz ? local.jambonz_secret_names : [], var.enable_twilio ? local.twilio_secret_names : [], var.provider_secret_names, )',
  );
  assert.equal(root.locals.ssm_parameter_prefix, '/invorto/${var.environment}');
  assert.match(
    squash(expr(root.locals.ssm_parameter_arns)),
    /^\{ for name in local\.secret_names : name => "arn:\$\{var\.aws_partition\}:ssm:\$\{var\.aws_region\}:\$\{var\.aws_account_id\}:parameter\$\{local\.ssm_parameter_prefix\}\/\$\{name\}" \}$/,
  );
  assert.equal(expr(root.module.ecs.secrets), 'local.ssm_parameter_arns');
  assert.match(containerDefinitions, /secrets = \[ for name in sort\(keys\(var\.secrets\)\) : \{ name = name, valueFrom = var\.secrets\[name\] \} \]/);
  for (const env of ['staging', 'production']) {
    const vars = await loadTfvars(env);
    const jambonz = vars.enable_jambonz ?? root.variable.enable_jambonz.default;
    assert.equal(jambonz, true, `${env}: JAMBONZ_* secrets must be wired`);
  }
  // plain environment never carries a secret name
  const plainExpr = squash(expr(root.locals.environment_variables));
  for (const name of [...core, ...root.locals.jambonz_secret_names, ...root.locals.twilio_secret_names]) {
    assert.ok(!new RegExp(`\\b${name}\\s*=`).test(plainExpr), `${name} set as a plain environment variable`);
  }
});

test('iam: the task execution role may read exactly the wired SSM parameters', () => {
  assert.equal(expr(root.module.iam.secret_parameter_arns), 'local.ssm_parameter_arns');
  const doc = iam.data.aws_iam_policy_document.task_execution_secrets;
  const statement = doc.statement[0];
  assert.deepEqual(statement.actions, ['ssm:GetParameters']);
  assert.equal(expr(statement.resources), 'sort(values(var.secret_parameter_arns))');
  assert.equal(expr(iam.resource.aws_iam_role_policy.task_execution_secrets.role), 'aws_iam_role.task_execution.id');
  // no other statement grants SSM
  const ssmGrants = Object.values(iam.data.aws_iam_policy_document)
    .flatMap((d) => d.statement ?? [])
    .filter((s) => (s.actions ?? []).some((a) => a.startsWith('ssm:')));
  assert.equal(ssmGrants.length, 1);
  assert.equal(expr(root.module.ecs.execution_role_arn), 'module.iam.task_execution_role_arn');
});

test('iam: GitHub OIDC deploy role trusts only the repository on main/develop', async () => {
  const subjects = squash(expr(iam.locals.github_subjects));
  assert.match(subjects, /"repo:\$\{var\.github_repository\}:ref:refs\/heads\/\$\{branch\}"/);
  const trust = iam.data.aws_iam_policy_document.github_assume.statement[0];
  assert.deepEqual(trust.actions, ['sts:AssumeRoleWithWebIdentity']);
  const conditions = Object.fromEntries(trust.condition.map((c) => [c.variable, c]));
  assert.equal(conditions['${local.github_oidc_host}:sub'].test, 'StringEquals');
  assert.equal(expr(conditions['${local.github_oidc_host}:sub'].values), 'local.github_subjects');
  assert.deepEqual(conditions['${local.github_oidc_host}:aud'].values, ['sts.amazonaws.com']);
  assert.equal(iam.locals.github_oidc_host, 'token.actions.githubusercontent.com');
  const branches = new Set();
  for (const env of ['staging', 'production']) {
    const vars = await loadTfvars(env);
    vars.github_branches.forEach((b) => branches.add(b));
    assert.match(vars.github_repository, /^[\w.-]+\/[\w.-]+$/);
  }
  assert.deepEqual([...branches].sort(), ['develop', 'main']);
  assert.deepEqual((await loadTfvars('staging')).github_branches, ['develop']);
  assert.deepEqual((await loadTfvars('production')).github_branches, ['main']);
});

test('logs: one CloudWatch log group /ecs/invorto-<service> per service, used by awslogs', () => {
  const lg = ecs.resource.aws_cloudwatch_log_group.service;
  assert.equal(expr(lg.for_each), 'var.services');
  assert.equal(lg.name, '/ecs/invorto-${each.key}');
  for (const s of serviceKeys) {
    assert.match(lg.name.replace('${each.key}', s), /^\/ecs\/invorto-[a-z]+$/);
  }
  assert.match(containerDefinitions, /awslogs-group = aws_cloudwatch_log_group\.service\[each\.key\]\.name/);
  assert.equal(expr(lg.kms_key_id), 'var.kms_key_arn');
});

test('autoscaling: CPU target tracking on every service, requests per target on realtime', () => {
  const target = ecs.resource.aws_appautoscaling_target.service;
  assert.equal(expr(target.for_each), 'var.services');
  const cpu = ecs.resource.aws_appautoscaling_policy.cpu;
  assert.equal(expr(cpu.for_each), 'var.services');
  assert.equal(cpu.target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].predefined_metric_type, 'ECSServiceAverageCPUUtilization');
  const req = ecs.resource.aws_appautoscaling_policy.requests;
  assert.equal(expr(req.for_each), 'toset(var.request_scaled_services)');
  const spec = req.target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0];
  assert.equal(spec.predefined_metric_type, 'ALBRequestCountPerTarget');
  assert.match(spec.resource_label, /\$\{var\.alb_arn_suffix\}\/\$\{var\.target_group_arn_suffixes\[each\.key\]\}/);
  assert.deepEqual(root.module.ecs.request_scaled_services, ['realtime']);
  // desired_count is left to autoscaling, task_definition to the deploy job
  assert.deepEqual(ecs.resource.aws_ecs_service.service.lifecycle[0].ignore_changes.map(expr).sort(), ['desired_count', 'task_definition']);
});

test('redis: replication group encrypted in transit and at rest, reachable only from tasks', async () => {
  const redis = await loadChildModule('redis');
  const rg = redis.resource.aws_elasticache_replication_group.this;
  assert.equal(rg.transit_encryption_enabled, true);
  assert.equal(rg.at_rest_encryption_enabled, true);
  assert.equal(rg.port, 6379);
  const sec = await loadChildModule('security');
  const ingress = sec.resource.aws_vpc_security_group_ingress_rule.redis_from_tasks;
  assert.equal(expr(ingress.referenced_security_group_id), 'aws_security_group.task[each.key].id');
  assert.equal(ingress.cidr_ipv4, undefined, 'redis must not be open to a CIDR');
  assert.equal(expr(ingress.from_port), 'var.redis_port');
  assert.equal(sec.variable.redis_port.default, 6379);
  // tasks accept traffic only from the ALB on their own port
  const taskIn = sec.resource.aws_vpc_security_group_ingress_rule.task_from_alb;
  assert.equal(expr(taskIn.referenced_security_group_id), 'aws_security_group.alb.id');
  assert.equal(expr(taskIn.from_port), 'each.value');
  assert.equal(expr(taskIn.to_port), 'each.value');
  const publicIngress = Object.entries(sec.resource.aws_vpc_security_group_ingress_rule)
    .filter(([, r]) => r.cidr_ipv4 === '0.0.0.0/0')
    .map(([name, r]) => [name, r.from_port]);
  assert.deepEqual(publicIngress.sort(), [['alb_http', 80], ['alb_https', 443]]);
});

test('ecr: one repository per image with scan on push and a lifecycle policy', async () => {
  const ecr = await loadChildModule('ecr');
  assert.equal(expr(root.module.ecr.repository_names), 'values(local.image_names)');
  const images = Object.values(routing.services).map((s) => s.image).sort();
  assert.deepEqual(images, ['invorto-api', 'invorto-realtime', 'invorto-telephony', 'invorto-webhooks']);
  const repo = ecr.resource.aws_ecr_repository.this;
  assert.equal(repo.image_scanning_configuration[0].scan_on_push, true);
  assert.equal(expr(repo.for_each), 'toset(var.repository_names)');
  const policy = ecr.resource.aws_ecr_lifecycle_policy.this;
  assert.equal(expr(policy.for_each), 'aws_ecr_repository.this');
  assert.match(squash(expr(policy.policy)), /countType = "imageCountMoreThan"/);
});
