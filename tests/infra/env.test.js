// (e) Every environment variable the task definitions (and compose) set is one the operator
// runbook (§2) or the spec (§11) names. The names are read from docs/deployment.md's table, which
// is checked against the shared runbook and spec when those documents are present.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ROOT, expr, loadChildModule, loadRootModule, readText, squash } from './lib/common.js';

const root = await loadRootModule();
const ecs = await loadChildModule('ecs');

/** Names in the first column of the "Environment variables" table of docs/deployment.md. */
function deploymentDocNames() {
  const doc = readText('docs', 'deployment.md');
  const section = /^## [^\n]*Environment variables[^\n]*\n([\s\S]*?)(?=^## )/m.exec(doc);
  assert.ok(section, 'docs/deployment.md needs an "Environment variables" section');
  const names = new Set();
  for (const line of section[1].split('\n').filter((l) => l.startsWith('|'))) {
    const first = line.split('|')[1] ?? '';
    for (const m of first.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) {
      names.add(m[1]);
    }
  }
  assert.ok(names.size > 10, 'the table lists the variables');
  return names;
}

function sharedDocsDir() {
  const candidates = [process.env.INVORTO_SHARED_DOCS, join(ROOT, '..', 'shared', 'docs')].filter(Boolean);
  return candidates.map((c) => resolve(c)).find((d) => existsSync(join(d, 'runbook.md')) && existsSync(join(d, 'spec.md')));
}

/** Names (and NAME_* prefixes) the shared runbook §2 and spec §11 define. */
function sharedNames(dir) {
  const runbook = readFileSync(join(dir, 'runbook.md'), 'utf8');
  const spec = readFileSync(join(dir, 'spec.md'), 'utf8');
  const rb = /^## 2\)[^\n]*\n([\s\S]*?)(?=^## )/m.exec(runbook);
  const sp = /^## 11\.[^\n]*\n([\s\S]*?)(?=^## )/m.exec(spec);
  assert.ok(rb && sp, 'runbook §2 / spec §11 found');
  const names = new Set();
  const prefixes = new Set();
  for (const m of rb[1].matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)_\*/g)) {
    prefixes.add(`${m[1]}_`); // "JAMBONZ_*"
  }
  for (const m of rb[1].matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b(?!_\*)/g)) {
    names.add(m[1]);
  }
  for (const line of sp[1].split('\n').filter((l) => l.startsWith('|'))) {
    const first = line.split('|')[1] ?? '';
    for (const m of first.matchAll(/\b([A-Z][A-Z0-9_]*_[A-Z0-9_]+)\b/g)) {
      names.add(m[1]);
    }
  }
  return { names, prefixes };
}

/** Environment variable names the ECS task definitions set (plain and secrets). */
function taskDefinitionNames() {
  const names = new Set();
  const plain = squash(expr(root.locals.environment_variables));
  for (const m of plain.matchAll(/\b([A-Z][A-Z0-9_]+)\s*=/g)) {
    names.add(m[1]);
  }
  for (const perService of Object.values(root.locals.service_environment)) {
    Object.keys(perService).forEach((k) => names.add(k));
  }
  for (const list of ['core_secret_names', 'jambonz_secret_names', 'twilio_secret_names']) {
    root.locals[list].forEach((n) => names.add(n));
  }
  // optional names an environment may add: whatever the variables' validations accept
  for (const v of ['provider_secret_names', 'extra_environment']) {
    assert.ok(plain.includes(`var.${v}`) || squash(expr(root.locals.secret_names)).includes(`var.${v}`), `${v} is wired`);
    const condition = root.variable[v].validation[0].condition;
    const accepted = [...condition.matchAll(/"([A-Z][A-Z0-9_]+)"/g)].map((m) => m[1]);
    assert.ok(accepted.length > 0, `${v} validation lists the accepted names`);
    accepted.forEach((n) => names.add(n));
  }
  return names;
}

// ASP.NET Core's own switch; the brief and the images set it, the runbook's tables do not list it.
const FRAMEWORK = new Set(['ASPNETCORE_ENVIRONMENT']);
// (ASPNETCORE_HTTP_PORTS is baked into each image by its Dockerfile, not set by the task definitions.)

test('task definitions get their environment only from the root locals (no literals in the module)', () => {
  const defs = squash(expr(ecs.resource.aws_ecs_task_definition.service.container_definitions));
  assert.match(defs, /environment = \[ for name, value in merge\(var\.environment_variables, lookup\(var\.service_environment, each\.key, \{\}\)\) : \{ name = name, value = value \} \]/);
  assert.doesNotMatch(defs, /name = "[A-Z][A-Z0-9_]+"/, 'no hard-coded variable names in container_definitions');
  assert.equal(expr(root.module.ecs.environment_variables), 'local.environment_variables');
  assert.equal(expr(root.module.ecs.service_environment), 'local.service_environment');
});

test('every task-definition variable is listed in docs/deployment.md', () => {
  const documented = deploymentDocNames();
  const used = taskDefinitionNames();
  assert.ok(used.size >= 15, `found only ${used.size} names`);
  for (const name of used) {
    assert.ok(documented.has(name) || FRAMEWORK.has(name), `${name} is not in docs/deployment.md`);
  }
});

test('every compose variable is listed in docs/deployment.md', () => {
  const documented = deploymentDocNames();
  const compose = parseYaml(readText('docker-compose.yml'), { merge: true });
  for (const [svc, def] of Object.entries(compose.services)) {
    if (!def.build) {
      continue; // postgres, redis, proxy: their own images' variables
    }
    for (const name of Object.keys(def.environment ?? {})) {
      assert.ok(documented.has(name) || FRAMEWORK.has(name), `${svc}: ${name} is not in docs/deployment.md`);
    }
  }
});

test('docs/deployment.md names only variables of runbook §2 / spec §11 (shared docs)', (t) => {
  const dir = sharedDocsDir();
  if (!dir) {
    t.skip('shared runbook/spec not found (set INVORTO_SHARED_DOCS)');
    return;
  }
  const { names, prefixes } = sharedNames(dir);
  for (const p of ['DB_URL', 'REDIS_URL', 'REALTIME_API_KEY', 'TELEPHONY_SEMAPHORE_TTL_SEC', 'MIGRATE_ON_START']) {
    assert.ok(names.has(p), `parser did not find ${p} in the shared docs`);
  }
  assert.ok(prefixes.has('JAMBONZ_'), 'runbook JAMBONZ_* wildcard');
  const allowed = (n) => names.has(n) || [...prefixes].some((p) => n.startsWith(p)) || FRAMEWORK.has(n);
  for (const name of [...deploymentDocNames(), ...taskDefinitionNames()]) {
    assert.ok(allowed(name), `${name} is named by neither runbook §2 nor spec §11`);
  }
});

test('the runbook §2 variables all reach the task definitions', (t) => {
  const dir = sharedDocsDir();
  if (!dir) {
    t.skip('shared runbook/spec not found (set INVORTO_SHARED_DOCS)');
    return;
  }
  const runbook = readFileSync(join(dir, 'runbook.md'), 'utf8');
  const section = /^## 2\)[^\n]*\n([\s\S]*?)(?=^## )/m.exec(runbook)[1];
  const used = taskDefinitionNames();
  for (const m of section.matchAll(/^- ([A-Z][A-Z0-9_]+)(?:=| \()/gm)) {
    assert.ok(used.has(m[1]), `runbook §2 names ${m[1]} but no task definition sets it`);
  }
  assert.ok([...used].some((n) => n.startsWith('JAMBONZ_')), 'JAMBONZ_* wired');
});
