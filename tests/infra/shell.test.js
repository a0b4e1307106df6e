// Shell in this delivery: tests/infra/*.sh and every `run:` block of the workflow parse with
// bash -n, and pass shellcheck (warnings and errors) when shellcheck is installed.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readText, repoPath } from './lib/common.js';

const dir = mkdtempSync(join(tmpdir(), 'invorto-shell-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const scripts = [repoPath('tests', 'infra', 'run.sh'), repoPath('tests', 'infra', 'publish-commands.sh')];

// Workflow run blocks as scripts; ${{ }} expressions become a plain word, as the runner substitutes them.
const wf = parseYaml(readText('.github', 'workflows', 'ci.yml'));
const runBlocks = [];
for (const [job, j] of Object.entries(wf.jobs)) {
  (j.steps ?? []).forEach((s, i) => {
    if (s.run) {
      const file = join(dir, `${job}-${i}.sh`);
      writeFileSync(file, `#!/usr/bin/env bash\n${s.run.replace(/\$\{\{[^}]*\}\}/g, 'EXPR')}`);
      runBlocks.push(file);
    }
  });
}

test('bash -n on the scripts and on every workflow run block', () => {
  assert.ok(runBlocks.length >= 10, 'workflow run blocks found');
  for (const f of [...scripts, ...runBlocks]) {
    const r = spawnSync('bash', ['-n', f], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
  }
});

test('shellcheck (severity warning) on the scripts and workflow run blocks', (t) => {
  if (spawnSync('shellcheck', ['--version']).error) {
    t.skip('shellcheck not installed');
    return;
  }
  const r = spawnSync('shellcheck', ['-S', 'warning', ...scripts, ...runBlocks], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
