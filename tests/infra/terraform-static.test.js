// Terraform consistency checks that `terraform validate` would make but that need no provider
// download: module arguments vs. declared variables, references to variables/locals/outputs/
// resources, documentation of every variable and output, tfvars vs. root variables, backend
// shape, the offline-plan guarantee, and `terraform fmt -check` when terraform is installed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, join, relative, resolve } from 'node:path';
import {
  TF_ROOT, allStrings, expr, loadModule, loadRouting, loadTfvars, moduleDirs, parseHclFile, referencedNames,
} from './lib/common.js';

const META_ARGS = new Set(['source', 'count', 'for_each', 'depends_on', 'providers', 'version']);
const modules = new Map();
for (const dir of moduleDirs()) {
  modules.set(dir, await loadModule(dir));
}
const root = modules.get(TF_ROOT);
const label = (dir) => relative(TF_ROOT, dir) || '(root)';

test('every variable and output is documented', () => {
  for (const [dir, mod] of modules) {
    for (const [name, v] of Object.entries(mod.variable)) {
      assert.ok(typeof v.description === 'string' && v.description.trim().length > 10, `${label(dir)}: variable ${name} needs a description`);
      assert.ok(v.type, `${label(dir)}: variable ${name} needs a type`);
    }
    for (const [name, o] of Object.entries(mod.output)) {
      assert.ok(typeof o.description === 'string' && o.description.trim().length > 5, `${label(dir)}: output ${name} needs a description`);
    }
  }
});

test('module calls pass exactly declared variables and every required one', () => {
  for (const [dir, mod] of modules) {
    for (const [name, call] of Object.entries(mod.module)) {
      const childDir = resolve(dir, call.source);
      assert.ok(existsSync(childDir), `${label(dir)}: module ${name} source ${call.source} missing`);
      const child = modules.get(childDir);
      assert.ok(child, `${label(dir)}: module ${name} source is not a known module dir`);
      const args = Object.keys(call).filter((k) => !META_ARGS.has(k));
      for (const arg of args) {
        assert.ok(arg in child.variable, `${label(dir)}: module ${name} passes undeclared ${arg}`);
      }
      for (const [vname, v] of Object.entries(child.variable)) {
        if (!('default' in v)) {
          assert.ok(args.includes(vname), `${label(dir)}: module ${name} misses required ${vname}`);
        }
      }
    }
  }
});

test('var.* and local.* references resolve in their module; declared variables are used', () => {
  for (const [dir, mod] of modules) {
    const body = { resource: mod.resource, data: mod.data, output: mod.output, module: mod.module, locals: mod.locals, variable: mod.variable, other: mod.provider ?? [] };
    for (const v of referencedNames(body, 'var')) {
      assert.ok(v in mod.variable, `${label(dir)}: var.${v} is not declared`);
    }
    for (const l of referencedNames(body, 'local')) {
      assert.ok(l in mod.locals, `${label(dir)}: local.${l} is not defined`);
    }
    const used = referencedNames({ ...body, variable: Object.fromEntries(Object.entries(mod.variable).map(([k, v]) => [k, v.validation ?? []])) }, 'var');
    for (const v of Object.keys(mod.variable)) {
      assert.ok(used.has(v), `${label(dir)}: variable ${v} is never used`);
    }
  }
});

test('module.<name>.<output> references name a module call and one of its outputs', () => {
  for (const [dir, mod] of modules) {
    for (const s of allStrings(mod)) {
      for (const m of s.matchAll(/(?<![\w.])module\.([a-z0-9_]+)(?:\[[^\]]*\])?\.([a-z0-9_]+)/g)) {
        const call = mod.module[m[1]];
        assert.ok(call, `${label(dir)}: module.${m[1]} is not declared`);
        const child = modules.get(resolve(dir, call.source));
        assert.ok(m[2] in child.output, `${label(dir)}: module.${m[1]}.${m[2]} is not an output of ${call.source}`);
      }
    }
  }
});

test('resource and data references point at declared blocks', () => {
  for (const [dir, mod] of modules) {
    const exprs = allStrings(mod).filter((s) => s.includes('${'));
    for (const s of exprs) {
      for (const m of s.matchAll(/(?<![\w.:\/-])(data\.)?(aws_[a-z0-9_]+|terraform_data)\.([a-z_][a-z0-9_]*)/g)) {
        const [, isData, type, name] = m;
        const table = isData ? mod.data : mod.resource;
        assert.ok(table[type]?.[name], `${label(dir)}: ${isData ?? ''}${type}.${name} is not declared`);
      }
    }
  }
});

test('tfvars set only root variables and every required one; sizing covers routing.json services', async () => {
  const routing = loadRouting();
  for (const env of ['staging', 'production']) {
    const vars = await loadTfvars(env);
    for (const k of Object.keys(vars)) {
      assert.ok(k in root.variable, `${env}.tfvars sets undeclared ${k}`);
    }
    for (const [name, v] of Object.entries(root.variable)) {
      if (!('default' in v)) {
        assert.ok(name in vars, `${env}.tfvars misses required ${name}`);
      }
    }
    assert.equal(vars.environment, env);
    assert.deepEqual(Object.keys(vars.service_sizing).sort(), Object.keys(routing.services).sort());
    for (const [svc, size] of Object.entries(vars.service_sizing)) {
      assert.ok(size.min_count <= size.desired_count && size.desired_count <= size.max_count, `${env} ${svc} counts`);
      assert.ok(size.stop_timeout_seconds <= 120, `${env} ${svc}: Fargate stopTimeout max is 120`);
    }
    assert.equal(vars.offline_plan, undefined, `${env}.tfvars must not enable offline_plan`);
  }
});

test('backend: partial S3 configuration completed by environments/*.backend.hcl', async () => {
  const backend = await parseHclFile(join(TF_ROOT, 'backend.tf'));
  assert.deepEqual(backend.terraform[0].backend, { s3: [{}] });
  for (const env of ['staging', 'production']) {
    const cfg = await parseHclFile(join(TF_ROOT, 'environments', `${env}.backend.hcl`));
    for (const k of ['bucket', 'key', 'region']) {
      assert.ok(typeof cfg[k] === 'string' && cfg[k].length > 0, `${env}.backend.hcl ${k}`);
    }
    assert.equal(cfg.encrypt, true);
    assert.ok(cfg.key.includes(env), `${env} state key must be per environment`);
  }
});

test('offline plan: the only data sources are local policy documents (no AWS API reads)', () => {
  for (const [dir, mod] of modules) {
    assert.deepEqual(
      Object.keys(mod.data).filter((t) => t !== 'aws_iam_policy_document'),
      [],
      `${label(dir)} uses data sources that call AWS`,
    );
  }
  const provider = root.provider?.[0]?.aws?.[0];
  assert.ok(provider, 'aws provider block');
  for (const flag of ['skip_credentials_validation', 'skip_requesting_account_id', 'skip_metadata_api_check']) {
    assert.equal(expr(provider[flag]), 'var.offline_plan', flag);
  }
  assert.equal(root.variable.offline_plan.default, false);
});

test('terraform fmt -check -recursive (when terraform is installed)', (t) => {
  const probe = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  if (probe.error) {
    t.skip('terraform not installed');
    return;
  }
  const res = spawnSync('terraform', ['fmt', '-check', '-recursive'], {
    cwd: TF_ROOT,
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
  });
  assert.equal(res.status, 0, `terraform fmt would change: ${res.stdout}${res.stderr}`);
});

test('every module pins the AWS provider source', () => {
  for (const [dir, mod] of modules) {
    const tf = (mod.terraform ?? []).flat();
    const rp = tf.find((b) => b.required_providers)?.required_providers?.[0];
    assert.equal(rp?.aws?.source, 'hashicorp/aws', `${basename(dir)}: required_providers.aws.source`);
  }
});
