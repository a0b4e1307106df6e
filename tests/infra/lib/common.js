// Shared helpers for the infrastructure tests: repository paths, routing.json, Terraform parsed
// with @cdktf/hcl2json, and a small model of ALB / nginx path matching.

import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseHcl } from '@cdktf/hcl2json';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..', '..');
export const TF_ROOT = join(ROOT, 'infra', 'terraform');

export const repoPath = (...parts) => join(ROOT, ...parts);
export const readText = (...parts) => readFileSync(repoPath(...parts), 'utf8');
export const readJson = (...parts) => JSON.parse(readText(...parts));
export const exists = (...parts) => existsSync(repoPath(...parts));

export const loadRouting = () => readJson('infra', 'routing.json');

// ---------------------------------------------------------------------------------------------
// Terraform
// ---------------------------------------------------------------------------------------------

const hclCache = new Map();

export async function parseHclFile(absPath) {
  if (!hclCache.has(absPath)) {
    hclCache.set(absPath, parseHcl(absPath, readFileSync(absPath, 'utf8')));
  }
  return hclCache.get(absPath);
}

function mergeBlocks(target, source) {
  for (const [kind, value] of Object.entries(source)) {
    if (kind === 'resource' || kind === 'data') {
      target[kind] ??= {};
      for (const [type, byName] of Object.entries(value)) {
        target[kind][type] ??= {};
        for (const [name, bodies] of Object.entries(byName)) {
          if (target[kind][type][name]) {
            throw new Error(`duplicate ${kind} ${type}.${name}`);
          }
          target[kind][type][name] = bodies[0];
        }
      }
    } else if (kind === 'variable' || kind === 'output' || kind === 'module') {
      target[kind] ??= {};
      for (const [name, bodies] of Object.entries(value)) {
        if (target[kind][name]) {
          throw new Error(`duplicate ${kind} ${name}`);
        }
        target[kind][name] = bodies[0];
      }
    } else if (kind === 'locals') {
      target.locals ??= {};
      for (const block of value) {
        for (const [name, expr] of Object.entries(block)) {
          if (name in target.locals) {
            throw new Error(`duplicate local ${name}`);
          }
          target.locals[name] = expr;
        }
      }
    } else {
      target[kind] ??= [];
      target[kind].push(value);
    }
  }
  return target;
}

/** Parse every *.tf of one module directory into one merged object (resource/data by type and name). */
export async function loadModule(dir) {
  const abs = resolve(dir);
  const files = readdirSync(abs).filter((f) => f.endsWith('.tf')).sort();
  const merged = { dir: abs, files, resource: {}, data: {}, variable: {}, output: {}, module: {}, locals: {} };
  for (const f of files) {
    mergeBlocks(merged, await parseHclFile(join(abs, f)));
  }
  return merged;
}

export const loadRootModule = () => loadModule(TF_ROOT);
export const loadChildModule = (name) => loadModule(join(TF_ROOT, 'modules', name));

export async function loadTfvars(envName) {
  return parseHclFile(join(TF_ROOT, 'environments', `${envName}.tfvars`));
}

/** All module directories: root plus ./modules/* */
export function moduleDirs() {
  const modulesDir = join(TF_ROOT, 'modules');
  return [
    TF_ROOT,
    ...readdirSync(modulesDir)
      .map((d) => join(modulesDir, d))
      .filter((d) => statSync(d).isDirectory()),
  ];
}

/** Every string found anywhere in a parsed structure. */
export function allStrings(node, out = []) {
  if (typeof node === 'string') {
    out.push(node);
  } else if (Array.isArray(node)) {
    node.forEach((n) => allStrings(n, out));
  } else if (node && typeof node === 'object') {
    Object.values(node).forEach((n) => allStrings(n, out));
  }
  return out;
}

/** Strip the ${ } wrapper hcl2json puts around a pure expression. */
export function expr(value) {
  if (typeof value !== 'string') {
    return value;
  }
  const m = /^\$\{([\s\S]*)\}$/.exec(value);
  return m ? m[1].trim() : value;
}

/** Collapse whitespace, for comparing multi-line expressions. */
export const squash = (s) => String(s).replace(/\s+/g, ' ').trim();

/** Names referenced as <prefix>.<name> in expressions ("var", "local"). */
export function referencedNames(node, prefix) {
  const names = new Set();
  const re = new RegExp(`(?<![\\w.])${prefix}\\.([A-Za-z_][A-Za-z0-9_-]*)`, 'g');
  for (const s of allStrings(node)) {
    for (const m of s.matchAll(re)) {
      names.add(m[1]);
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Path matching models
// ---------------------------------------------------------------------------------------------

/** ALB path-pattern semantics: case-sensitive, '*' = any run of characters, '?' = one character. */
export function albPatternMatches(pattern, path) {
  const re = new RegExp(
    '^' +
      pattern
        .split('')
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('') +
      '$',
  );
  return re.test(path);
}

/** First rule (ascending priority) whose patterns match, as the ALB evaluates listener rules. */
export function albRoute(rules, path) {
  const sorted = [...rules].sort((a, b) => a.priority - b.priority);
  const hit = sorted.find((r) => r.paths.some((p) => albPatternMatches(p, path)));
  return hit ? hit.service : null;
}

/** nginx location selection for "=" and "^~" prefix locations (no regex locations are used). */
export function nginxRoute(locations, path) {
  const exact = locations.find((l) => l.modifier === '=' && l.path === path);
  if (exact) {
    return exact;
  }
  const prefixes = locations
    .filter((l) => l.modifier !== '=' && path.startsWith(l.path))
    .sort((a, b) => b.path.length - a.path.length);
  return prefixes[0] ?? null;
}

/** Paths that exercise every rule and the fallthrough. */
export const SAMPLE_PATHS = [
  '/v1/health',
  '/v1/agents',
  '/v1/agents/0192f0a0-0000-7000-8000-000000000000',
  '/v1/calls',
  '/v1/webhooks',
  '/v1/realtime/sessions',
  '/v1/realtime/sessions/extra',
  '/v1/realtime/voice',
  '/v1/realtime/',
  '/realtime/voice',
  '/realtime/jambonz',
  '/realtime/twilio',
  '/webhooks/deliveries',
  '/telephony/jambonz/call',
  '/telephony/jambonz/status',
  '/telephony/twilio/voice',
  '/health',
  '/metrics',
  '/',
  '/v2/agents',
  '/v1',
  '/v1/realtime',
  '/realtime',
  '/webhooks',
  '/telephony',
  '/V1/agents',
];

// ---------------------------------------------------------------------------------------------
// Dockerfiles
// ---------------------------------------------------------------------------------------------

/** Dockerfile -> instructions [{ op, args, line }] with continuations joined and comments dropped. */
export function parseDockerfile(text) {
  const out = [];
  let buf = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (/^\s*#/.test(line) || (!buf && line.trim() === '')) {
      return; // comments (also inside a continued instruction) and blank lines
    }
    if (!buf) {
      start = i + 1;
    }
    if (line.endsWith('\\')) {
      buf += line.slice(0, -1) + ' ';
      return;
    }
    buf += line;
    const m = /^\s*(\w+)\s+([\s\S]*)$/.exec(buf);
    out.push({ op: m[1].toUpperCase(), args: m[2].replace(/\s+/g, ' ').trim(), line: start });
    buf = '';
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// nginx.conf (the subset the compose proxy uses)
// ---------------------------------------------------------------------------------------------

/** Remove # comments outside quotes. */
function stripNginxComments(text) {
  let out = '';
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      out += c;
      if (c === '\\') {
        out += text[++i] ?? '';
      } else if (c === quote) {
        quote = null;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
      out += c;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') {
        i++;
      }
      out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

/** Parse nginx.conf into a tree of { name, args, children } (blocks) and { name, args } (directives). */
export function parseNginx(text) {
  const src = stripNginxComments(text);
  const tokens = [];
  const re = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([{};])|([^\s{};"']+)/g;
  for (const m of src.matchAll(re)) {
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  }
  let pos = 0;
  const block = () => {
    const items = [];
    let words = [];
    while (pos < tokens.length) {
      const t = tokens[pos++];
      if (t === ';') {
        items.push({ name: words[0], args: words.slice(1) });
        words = [];
      } else if (t === '{') {
        const children = block();
        items.push({ name: words[0], args: words.slice(1), children });
        words = [];
      } else if (t === '}') {
        return items;
      } else {
        words.push(t);
      }
    }
    return items;
  };
  return block();
}

export function findAll(items, name) {
  const out = [];
  for (const i of items) {
    if (i.name === name) {
      out.push(i);
    }
    if (i.children) {
      out.push(...findAll(i.children, name));
    }
  }
  return out;
}

/** Locations of the (single) server block: { modifier, path, upstream, returns, directives }. */
export function nginxLocations(conf) {
  const server = findAll(conf, 'server').find((s) => s.children);
  return server.children
    .filter((i) => i.name === 'location')
    .map((l) => {
      const [a, b] = l.args;
      const modifier = b === undefined ? '' : a;
      const path = b === undefined ? a : b;
      const pass = l.children.find((d) => d.name === 'proxy_pass');
      const ret = l.children.find((d) => d.name === 'return');
      return {
        modifier,
        path,
        upstream: pass ? pass.args[0].replace(/^https?:\/\//, '').replace(/\/.*$/, '') : null,
        returns: ret ? Number(ret.args[0]) : null,
        directives: l.children,
      };
    });
}
