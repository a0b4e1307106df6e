// (c) infra/docker/*.Dockerfile: multi-stage SDK -> ASP.NET runtime, restore layer with the
// csproj closure of the host, exactly one `dotnet publish` of the right project, non-root USER,
// EXPOSE/ASPNETCORE_HTTP_PORTS/HEALTHCHECK on the routing.json port; .dockerignore keeps the context small.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { ROOT, exists, loadRouting, parseDockerfile, readText, repoPath } from './lib/common.js';

const routing = loadRouting();

/** ProjectReference closure of a csproj (repo-relative paths), the csproj itself included. */
function projectClosure(csproj, seen = new Set()) {
  if (seen.has(csproj)) {
    return seen;
  }
  seen.add(csproj);
  const xml = readFileSync(repoPath(csproj), 'utf8');
  for (const m of xml.matchAll(/<ProjectReference\s+Include="([^"]+)"/g)) {
    const ref = normalize(join(dirname(csproj), m[1].replace(/\\/g, '/')));
    projectClosure(ref, seen);
  }
  return seen;
}

const dockerfiles = readdirSync(repoPath('infra', 'docker')).filter((f) => f.endsWith('.Dockerfile')).sort();

test('one Dockerfile per routing.json service and nothing else', () => {
  const expected = Object.values(routing.services).map((s) => s.dockerfile.replace('infra/docker/', '')).sort();
  assert.deepEqual(dockerfiles, expected);
});

for (const [name, svc] of Object.entries(routing.services)) {
  const file = svc.dockerfile;
  const ins = parseDockerfile(readText(file));
  const at = (op) => ins.filter((i) => i.op === op);
  const stages = at('FROM');
  const buildIdx = ins.findIndex((i) => i.op === 'FROM');
  const finalIdx = ins.findLastIndex((i) => i.op === 'FROM');
  const finalStage = ins.slice(finalIdx);
  const args = Object.fromEntries(at('ARG').map((a) => a.args.split('=')).map(([k, ...v]) => [k, v.join('=')]));
  const image = (from) => from.args.split(/\s+/)[0].replace(/^\$\{(\w+)\}$/, (_, k) => args[k] ?? `\${${k}}`);

  test(`${file}: multi-stage, SDK 10.0 build stage and ASP.NET 10.0 runtime stage`, () => {
    assert.ok(stages.length >= 2, 'at least two stages');
    assert.match(image(stages[0]), /^mcr\.microsoft\.com\/dotnet\/sdk:10\.0(\b|$)/);
    assert.match(image(stages.at(-1)), /^mcr\.microsoft\.com\/dotnet\/aspnet:10\.0/);
    assert.match(stages[0].args, /\sAS\s+build$/i);
    const copyFrom = finalStage.filter((i) => i.op === 'COPY' && /--from=build/.test(i.args));
    assert.ok(copyFrom.some((c) => /\/app\b/.test(c.args)), 'final stage copies the published app from build');
    assert.ok(buildIdx < finalIdx);
  });

  test(`${file}: exactly one dotnet publish, of ${svc.project}, to /app, Release, --no-restore`, () => {
    const text = readText(file);
    const publishLines = text.split('\n').filter((l) => /\bdotnet publish\b/.test(l) && !/^\s*#/.test(l));
    assert.equal(publishLines.length, 1, 'one dotnet publish line');
    assert.match(publishLines[0], /^RUN dotnet publish \S+ -c Release -o \/app --no-restore$/);
    assert.equal(publishLines[0].split(/\s+/)[3], svc.project);
    assert.ok(exists(svc.project), `${svc.project} exists`);
    const entry = at('ENTRYPOINT').at(-1);
    const dll = svc.project.split('/').at(-1).replace(/\.csproj$/, '.dll');
    assert.deepEqual(JSON.parse(entry.args), ['dotnet', dll]);
  });

  test(`${file}: restore layer copies the csproj closure and build props before restoring`, () => {
    const restoreIdx = ins.findIndex((i) => i.op === 'RUN' && /^dotnet restore /.test(i.args));
    assert.ok(restoreIdx > 0, 'dotnet restore step');
    assert.equal(ins[restoreIdx].args, `dotnet restore ${svc.project}`);
    const srcCopyIdx = ins.findIndex((i) => i.op === 'COPY' && /^src\/? /.test(i.args));
    const publishIdx = ins.findIndex((i) => i.op === 'RUN' && /^dotnet publish /.test(i.args));
    assert.ok(restoreIdx < srcCopyIdx && srcCopyIdx < publishIdx, 'restore, then COPY src/, then publish');

    const copiedBeforeRestore = ins
      .slice(0, restoreIdx)
      .filter((i) => i.op === 'COPY')
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    for (const proj of projectClosure(svc.project)) {
      assert.ok(copiedBeforeRestore.includes(proj), `${proj} is not copied before restore`);
    }
    // only csproj files and root build inputs go into the restore layer
    for (const src of copiedBeforeRestore) {
      assert.ok(src.endsWith('.csproj') || !src.includes('/'), `${src} would invalidate the restore cache`);
    }
    const rootInputs = ['global.json', 'Directory.Build.props', 'Directory.Packages.props', 'Directory.Build.targets', 'NuGet.config', 'nuget.config', '.editorconfig'];
    for (const f of rootInputs.filter((f) => exists(f))) {
      assert.ok(copiedBeforeRestore.includes(f), `${f} exists in the repo but is not copied before restore`);
    }
  });

  test(`${file}: non-root USER, EXPOSE ${svc.port}, ASPNETCORE_HTTP_PORTS and HEALTHCHECK on /health`, () => {
    const user = finalStage.filter((i) => i.op === 'USER').at(-1);
    assert.ok(user, 'USER in the final stage');
    assert.ok(!/^(root|0)(:|$)/.test(user.args), `USER ${user.args} is root`);
    assert.equal(user.args, '$APP_UID');

    const expose = finalStage.filter((i) => i.op === 'EXPOSE').map((i) => i.args);
    assert.deepEqual(expose, [String(svc.port)]);
    const env = finalStage.filter((i) => i.op === 'ENV').map((i) => i.args).join(' ');
    assert.match(env, new RegExp(`ASPNETCORE_HTTP_PORTS=${svc.port}(\\s|$)`));

    const hc = finalStage.filter((i) => i.op === 'HEALTHCHECK');
    assert.equal(hc.length, 1, 'one HEALTHCHECK');
    const cmd = /\bCMD\s+(\[.*\])$/.exec(hc[0].args);
    assert.ok(cmd, 'HEALTHCHECK CMD in exec form (no shell in the chiseled image)');
    const argv = JSON.parse(cmd[1]);
    assert.equal(argv[0], 'dotnet');
    assert.equal(argv.at(-1), `http://127.0.0.1:${svc.port}${routing.health_check.path}`);
    assert.match(hc[0].args, new RegExp(`--interval=${routing.health_check.interval_seconds}s`));
    assert.match(hc[0].args, new RegExp(`--timeout=${routing.health_check.timeout_seconds}s`));
    // the probe the HEALTHCHECK runs is built into the image
    const probe = argv[1];
    assert.ok(finalStage.some((i) => i.op === 'COPY' && i.args.includes('--from=build') && probe.startsWith(i.args.split(/\s+/).at(-1).replace(/\/?$/, '/'))), `${probe} is copied into the final stage`);
  });
}

test('health probe project exists and is isolated from the application build props', () => {
  for (const f of ['HealthProbe.csproj', 'Program.cs', 'Directory.Build.props', 'Directory.Packages.props']) {
    assert.ok(exists('infra', 'docker', 'healthprobe', f), f);
  }
  assert.doesNotMatch(readText('infra', 'docker', 'healthprobe', 'HealthProbe.csproj'), /PackageReference/);
});

test('.dockerignore drops build output, VCS and unrelated trees but keeps what the images copy', () => {
  const lines = readText('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  for (const must of ['**/bin', '**/obj', '.git']) {
    assert.ok(lines.includes(must), `.dockerignore lacks ${must}`);
  }
  const copied = new Set();
  for (const f of dockerfiles) {
    for (const i of parseDockerfile(readText('infra', 'docker', f)).filter((i) => i.op === 'COPY' && !i.args.includes('--from'))) {
      i.args.split(/\s+/).slice(0, -1).forEach((s) => copied.add(s.replace(/\/$/, '')));
    }
  }
  for (const src of copied) {
    for (const pattern of lines.filter((l) => !l.startsWith('!'))) {
      const p = pattern.replace(/\/$/, '');
      assert.ok(!(src === p || src.startsWith(`${p}/`)), `${src} is copied by a Dockerfile but ignored by "${pattern}"`);
    }
  }
  assert.ok(relative(ROOT, repoPath('.dockerignore')) === '.dockerignore');
});

test('publish-commands.sh runs exactly each Dockerfile\'s restore and publish lines (dry run)', async () => {
  const { spawnSync } = await import('node:child_process');
  const res = spawnSync('bash', [repoPath('tests', 'infra', 'publish-commands.sh'), '--dry-run'], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stdout + res.stderr);
  const printed = res.stdout.split('\n').filter((l) => l.startsWith('+ dotnet ')).map((l) => l.slice(2));
  const expected = [];
  for (const f of dockerfiles) {
    const ins = parseDockerfile(readText('infra', 'docker', f));
    expected.push(ins.find((i) => i.op === 'RUN' && i.args.startsWith('dotnet restore ')).args);
    expected.push(ins.find((i) => i.op === 'RUN' && i.args.startsWith('dotnet publish ')).args);
  }
  const published = printed.filter((l) => !l.includes('healthprobe'));
  assert.equal(published.length, expected.length);
  published.forEach((line, i) => {
    assert.equal(line.replace(/ -o \S+/, ' -o /app'), expected[i]);
    if (expected[i].startsWith('dotnet publish')) {
      assert.doesNotMatch(line, / -o \/app\b/, 'publish output redirected away from /app');
    }
  });
  assert.match(res.stdout.trim().split('\n').at(-1), /^publish: \d+ passed, 0 failed$/);
});
