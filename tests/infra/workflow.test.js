// (b) .github/workflows/ci.yml mirrors the runbook gates (§0, §3-§5, §7, §8, §10).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { loadRouting, readText } from './lib/common.js';

const text = readText('.github', 'workflows', 'ci.yml');
const wf = parseYaml(text);
const jobs = wf.jobs;
const routing = loadRouting();
const SERVICES = Object.keys(routing.services);

const steps = (job) => jobs[job].steps ?? [];
// shell line continuations joined, so one command is one line
const runOf = (job) => steps(job).map((s) => (s.run ?? '').replace(/\\\n\s*/g, ' ')).join('\n');
const stepUsing = (job, action) => steps(job).find((s) => (s.uses ?? '').startsWith(action));
const needs = (job) => [].concat(jobs[job].needs ?? []);
const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

test('the gated jobs exist', () => {
  for (const job of ['lint', 'build', 'test', 'terraform', 'security', 'images', 'deploy-staging', 'deploy-production', 'k6']) {
    assert.ok(jobs[job], `job ${job} missing`);
  }
  assert.deepEqual(Object.keys(wf.on).sort(), ['pull_request', 'push', 'workflow_dispatch']);
  assert.deepEqual(wf.on.push.branches.sort(), ['develop', 'main']);
});

test('lint: dotnet format --verify-no-changes, and nothing in the workflow swallows failures', () => {
  assert.match(runOf('lint'), /dotnet format\s+\S*\s*--verify-no-changes/);
  assert.doesNotMatch(text, /\|\|\s*true/, 'no "|| true" anywhere');
  assert.equal(jobs.lint['continue-on-error'], undefined);
  for (const s of steps('lint')) {
    assert.notEqual(s['continue-on-error'], true, `lint step ${s.name} must not continue on error`);
  }
});

test('build and test: ordered after lint; test uses postgres:15 and redis:7 via DB_URL/REDIS_URL', () => {
  assert.deepEqual(needs('build'), ['lint']);
  assert.deepEqual(needs('test'), ['build']);
  const services = jobs.test.services;
  assert.equal(services.postgres.image, 'postgres:15');
  assert.equal(services.redis.image, 'redis:7');
  assert.match(jobs.test.env.DB_URL, /localhost:5432/);
  assert.match(jobs.test.env.REDIS_URL, /localhost:6379/);
  assert.match(runOf('test'), /^bash scripts\/test\.sh$/m);
  assert.match(runOf('build'), /bash tests\/infra\/publish-commands\.sh/);
});

test('terraform: fmt -check, init -backend=false, validate, plan, artifacts plan.txt + outputs.json', () => {
  const run = runOf('terraform');
  const order = ['terraform fmt -check', 'terraform init -backend=false', 'terraform validate', 'terraform plan'];
  let last = -1;
  for (const cmd of order) {
    const at = run.indexOf(cmd);
    assert.ok(at > last, `${cmd} missing or out of order`);
    last = at;
  }
  assert.match(run, /> plan\.txt/);
  assert.match(run, /> outputs\.json/);
  const upload = stepUsing('terraform', 'actions/upload-artifact');
  assert.ok(upload, 'upload-artifact step');
  const paths = upload.with.path.split('\n').map((p) => p.trim()).filter(Boolean).sort();
  assert.deepEqual(paths, ['infra/terraform/outputs.json', 'infra/terraform/plan.txt']);
  assert.equal(jobs.terraform.defaults.run['working-directory'], 'infra/terraform');
  assert.match(run, /-var-file=environments\/staging\.tfvars/);
});

test('security: Trivy HIGH,CRITICAL gated, tfsec, Semgrep p/ci with guarded upload, audit non-blocking', () => {
  const trivy = stepUsing('security', 'aquasecurity/trivy-action');
  assert.ok(trivy, 'trivy step');
  assert.equal(trivy.with['scan-type'], 'fs');
  assert.equal(trivy.with.severity, 'HIGH,CRITICAL');
  assert.equal(String(trivy.with['exit-code']), '1');
  assert.notEqual(trivy['continue-on-error'], true);
  assert.equal(trivy.with.format, 'sarif');

  const tfsec = stepUsing('security', 'aquasecurity/tfsec-action');
  assert.ok(tfsec, 'tfsec step');
  assert.equal(tfsec.with.working_directory, 'infra/terraform');
  assert.notEqual(tfsec['continue-on-error'], true);

  const semgrep = steps('security').find((s) => /semgrep scan/.test(s.run ?? ''));
  assert.ok(semgrep, 'semgrep step');
  assert.match(semgrep.run, /--config p\/ci/);
  assert.match(semgrep.run, /--output semgrep\.sarif/);
  const semgrepUpload = steps('security').find((s) => (s.uses ?? '').startsWith('github/codeql-action/upload-sarif') && s.with?.sarif_file === 'semgrep.sarif');
  assert.ok(semgrepUpload, 'semgrep SARIF upload');
  assert.match(norm(semgrepUpload.if), /hashFiles\('semgrep\.sarif'\) != ''/);

  const audit = steps('security').find((s) => /dotnet list .*package --vulnerable/.test(s.run ?? ''));
  assert.ok(audit, 'dotnet list package --vulnerable step');
  assert.equal(audit['continue-on-error'], true);
  assert.equal(jobs.security.permissions['security-events'], 'write');
});

test('images: matrix of the four services, tagged sha and latest, pushed only on push to main/develop', () => {
  const matrix = jobs.images.strategy.matrix.service;
  assert.deepEqual([...matrix].sort(), [...SERVICES].sort());
  const build = stepUsing('images', 'docker/build-push-action');
  assert.ok(build, 'build-push-action step');
  assert.equal(build.with.file, 'infra/docker/${{ matrix.service }}.Dockerfile');
  assert.equal(build.with.context, '.');
  const tags = build.with.tags.split('\n').map((t) => t.trim()).filter(Boolean);
  assert.ok(tags.some((t) => t.endsWith('invorto-${{ matrix.service }}:${{ github.sha }}')), 'sha tag');
  assert.ok(tags.some((t) => t.endsWith('invorto-${{ matrix.service }}:latest')), 'latest tag');
  assert.equal(norm(build.with.push), "${{ env.PUSH_IMAGES == 'true' }}");
  const push = norm(jobs.images.env.PUSH_IMAGES);
  assert.match(push, /github\.event_name == 'push'/);
  assert.match(push, /github\.ref == 'refs\/heads\/main'/);
  assert.match(push, /github\.ref == 'refs\/heads\/develop'/);
  const creds = stepUsing('images', 'aws-actions/configure-aws-credentials');
  assert.equal(creds.if, "env.PUSH_IMAGES == 'true'");
  assert.equal(creds.with['role-to-assume'], '${{ secrets.AWS_OIDC_ROLE_ARN }}');
  assert.equal(jobs.images.permissions['id-token'], 'write');
});

for (const [job, branch, cluster, host] of [
  ['deploy-staging', 'develop', 'invorto-staging', 'staging.invortoai.com'],
  ['deploy-production', 'main', 'invorto-production', 'api.invortoai.com'],
]) {
  test(`${job}: only on push to ${branch}, OIDC, all gates, services-stable for all four, smoke ${host}`, () => {
    const j = jobs[job];
    assert.equal(norm(j.if), `github.event_name == 'push' && github.ref == 'refs/heads/${branch}'`);
    for (const gate of ['lint', 'build', 'test', 'terraform', 'security', 'images']) {
      assert.ok(needs(job).includes(gate), `${job} must need ${gate}`);
    }
    assert.equal(j.permissions['id-token'], 'write');
    const creds = stepUsing(job, 'aws-actions/configure-aws-credentials');
    assert.ok(creds, 'configure-aws-credentials');
    assert.equal(creds.with['role-to-assume'], '${{ secrets.AWS_OIDC_ROLE_ARN }}');
    assert.equal(j.env.CLUSTER, cluster);

    const run = runOf(job);
    assert.match(run, /aws ecs update-service [^\n]*--force-new-deployment/);
    assert.match(run, /for svc in ([a-z ]+); do/);
    const loop = /for svc in ([a-z ]+); do/.exec(run)[1].trim().split(/\s+/).sort();
    assert.deepEqual(loop, [...SERVICES].sort(), 'update-service loop covers every service');
    const wait = /aws ecs wait services-stable[\s\S]*?--services ([^\n;]+)/.exec(run);
    assert.ok(wait, 'services-stable wait');
    assert.match(run, /aws ecs wait services-stable --cluster "\$CLUSTER"/);
    const waited = wait[1].trim().replace(/\\$/, '').split(/\s+/).filter(Boolean).sort();
    assert.deepEqual(waited, SERVICES.map((s) => `invorto-${s}`).sort());
    const smoke = steps(job).find((s) => /curl/.test(s.run ?? ''));
    assert.match(smoke.run, new RegExp(`curl\\s+-[a-zA-Z]*f[a-zA-Z]*\\b.*https://${host.replace(/\./g, '\\.')}/v1/health`));
    // the smoke test runs after the wait
    const idx = (re) => steps(job).findIndex((s) => re.test(s.run ?? ''));
    assert.ok(idx(/services-stable/) < idx(/\/v1\/health/), 'smoke after services-stable');
    assert.ok(idx(/update-service/) < idx(/services-stable/), 'wait after update');
  });
}

test('Slack notifications run only when SLACK_WEBHOOK is set', () => {
  for (const job of ['deploy-staging', 'deploy-production']) {
    assert.equal(jobs[job].env.SLACK_WEBHOOK, '${{ secrets.SLACK_WEBHOOK }}');
    const slack = steps(job).find((s) => /\$SLACK_WEBHOOK/.test(s.run ?? ''));
    assert.ok(slack, `${job} Slack step`);
    assert.match(norm(slack.if), /env\.SLACK_WEBHOOK != ''/);
  }
  // no step uses the webhook without the guard
  for (const [name, j] of Object.entries(jobs)) {
    for (const s of j.steps ?? []) {
      if (/SLACK_WEBHOOK/.test(s.run ?? '')) {
        assert.match(norm(s.if), /env\.SLACK_WEBHOOK != ''/, `${name}: ${s.name}`);
      }
    }
  }
});

test('k6: only on develop after the staging deploy, gated on K6_CLOUD_TOKEN and tests/performance/*.js', () => {
  const j = jobs.k6;
  assert.match(norm(j.if), /github\.ref == 'refs\/heads\/develop'/);
  assert.deepEqual(needs('k6'), ['deploy-staging']);
  assert.equal(j.env.K6_CLOUD_TOKEN, '${{ secrets.K6_CLOUD_TOKEN }}');
  const runners = steps('k6').filter((s) => /grafana\//.test(s.uses ?? ''));
  assert.ok(runners.length >= 1, 'k6 steps');
  for (const s of runners) {
    assert.match(norm(s.if), /env\.K6_CLOUD_TOKEN != ''/);
    assert.match(norm(s.if), /hashFiles\('tests\/performance\/\*\.js'\) != ''/);
  }
  const run = runners.find((s) => (s.uses ?? '').startsWith('grafana/run-k6-action'));
  assert.equal(run.with.path, 'tests/performance/*.js');
  for (const v of ['API_URL', 'WS_URL', 'API_KEY']) {
    assert.ok(j.env[v], `k6 env ${v}`);
  }
});

test('least privilege: id-token write only where AWS is used; default contents read', () => {
  assert.deepEqual(wf.permissions, { contents: 'read' });
  for (const [name, j] of Object.entries(jobs)) {
    const usesAws = (j.steps ?? []).some((s) => (s.uses ?? '').startsWith('aws-actions/configure-aws-credentials'));
    assert.equal(j.permissions?.['id-token'] === 'write', usesAws, `${name}: id-token write iff it assumes the AWS role`);
  }
});
