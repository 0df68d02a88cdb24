#!/usr/bin/env node
// Installs the real editors the editor suites and `npm start` use, from the
// two sources this project may use: Debian's apt (chromium, neovim, and the
// build dependencies of code-server's native modules) and the npm registry
// (code-server, into the git-ignored .cache/editors). Idempotent: a second
// run only checks.
//
//   node scripts/editors/setup.mjs                       everything
//   node scripts/editors/setup.mjs --only=code-server    just what `npm start` needs
//   node scripts/editors/setup.mjs --check               report, install nothing
//
// Exit status: 0 when every requested part is usable, 1 otherwise (each
// failure is named on its own line).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  APT,
  CACHE,
  CODE_SERVER_ENTRY,
  CODE_SERVER_NODE_MAJOR,
  CODE_SERVER_VERSION,
  chromiumPath,
  codeServerProblem,
  nvimPath,
} from './tools.mjs';

const PARTS = ['code-server', 'chromium', 'nvim'];
// code-server 4.100.3's shrinkwrap pins @vscode/ripgrep 1.15.11, whose postinstall downloads this
// ripgrep build from GitHub unless it finds it in its cache folder under os.tmpdir().
const RIPGREP = { npmVersion: '1.15.11', tag: 'v13.0.0-10' };

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',') ?? PARTS;
const checkOnly = args.includes('--check');
for (const p of only) if (!PARTS.includes(p)) usage(`unknown part "${p}"`);
for (const a of args) if (a !== '--check' && !a.startsWith('--only=')) usage(`unknown option ${a}`);

const t0 = Date.now();
const log = (m) => process.stdout.write(`[setup:editors] ${m}\n`);
const failures = [];

function usage(msg) {
  process.stderr.write(`setup.mjs: ${msg}\nusage: node scripts/editors/setup.mjs [--only=${PARTS.join(',')}] [--check]\n`);
  process.exit(2);
}

function installed(pkg) {
  return spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** apt-get install, as root or through password-less sudo; false with a reason otherwise. */
function aptInstall(packages) {
  if (!packages.length) return true;
  if (!has('apt-get')) {
    failures.push(`no apt-get here: install ${packages.join(', ')} with your package manager`);
    return false;
  }
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  if (!asRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) {
    failures.push(`not root and no password-less sudo: run \`sudo apt-get install ${packages.join(' ')}\``);
    return false;
  }
  log(`apt-get install ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // dpkg is chatty even with -qq: keep its output for when it fails.
  const run = (a) => {
    const r = spawnSync(sudo[0] ?? a[0], [...sudo.slice(1), ...(sudo.length ? a : a.slice(1))], { stdio: ['ignore', 'pipe', 'pipe'], env, encoding: 'utf8' });
    if (r.status !== 0) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-30).join('\n') + '\n');
    return r.status === 0;
  };
  if (!run(['apt-get', 'update', '-qq'])) {
    failures.push('apt-get update failed');
    return false;
  }
  if (!run(['apt-get', 'install', '-y', '-qq', ...packages])) {
    failures.push(`apt-get install ${packages.join(' ')} failed`);
    return false;
  }
  return true;
}

// --- 1. Debian packages --------------------------------------------------------------------------
const apt = [];
const wantCodeServer = only.includes('code-server') && codeServerProblem() !== undefined;
if (only.includes('chromium') && !chromiumPath()) apt.push(APT.chromium);
if (only.includes('nvim') && !nvimPath()) apt.push(APT.nvim);
if (wantCodeServer) {
  // libkrb5-dev: headers for the `kerberos` native module; ripgrep: stands in for the rg download;
  // the compilers for node-gyp.
  for (const p of ['libkrb5-dev', 'ripgrep']) if (!installed(p)) apt.push(p);
  for (const [cmd, p] of [['g++', 'g++'], ['make', 'make'], ['python3', 'python3']]) if (!has(cmd)) apt.push(p);
}
if (checkOnly) {
  if (apt.length) failures.push(`missing Debian packages: ${apt.join(' ')}`);
} else {
  aptInstall(apt);
}

// --- 2. code-server from npm into .cache/editors ----------------------------------------------------
if (only.includes('code-server')) {
  const problem = codeServerProblem();
  const major = Number(process.versions.node.split('.')[0]);
  if (!problem) {
    log(`code-server ${CODE_SERVER_VERSION} is installed`);
  } else if (major !== CODE_SERVER_NODE_MAJOR) {
    failures.push(problem);
  } else if (checkOnly) {
    failures.push(problem);
  } else if (!has('rg')) {
    failures.push('ripgrep (rg) is needed to install code-server without downloading from GitHub');
  } else {
    installCodeServer();
    const after = codeServerProblem();
    if (after) failures.push(`code-server install finished but ${after}`);
    else log(`code-server ${versionLine()}`);
  }
}

if (only.includes('chromium')) {
  const c = chromiumPath();
  if (c) log(`chromium: ${c}`);
  else if (!checkOnly && !failures.length) failures.push('Chromium is still missing after apt-get');
}
if (only.includes('nvim')) {
  const n = nvimPath();
  if (n) log(`neovim: ${n}`);
  else if (!checkOnly && !failures.length) failures.push('Neovim is still missing after apt-get');
}

for (const f of failures) process.stderr.write(`[setup:editors] ✖ ${f}\n`);
log(`${failures.length ? 'incomplete' : 'ready'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
process.exit(failures.length ? 1 : 0);

function installCodeServer() {
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(
    path.join(CACHE, 'package.json'),
    JSON.stringify(
      {
        private: true,
        description: 'Installed by scripts/editors/setup.mjs; not part of vfio-lens.',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  // @vscode/ripgrep's postinstall looks in <tmpdir>/vscode-ripgrep-cache-<version>/ before going
  // to GitHub: seed it with Debian's rg (the postinstall only untars it into place).
  const tmp = path.join(CACHE, 'tmp');
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
  if (!target) {
    failures.push(`no ripgrep stand-in for ${process.arch}`);
    return;
  }
  const cacheDir = path.join(tmp, `vscode-ripgrep-cache-${RIPGREP.npmVersion}`);
  const tarball = path.join(cacheDir, `ripgrep-${RIPGREP.tag}-${target}.tar.gz`);
  if (!fs.existsSync(tarball)) {
    const stage = fs.mkdtempSync(path.join(CACHE, 'rg-'));
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.copyFileSync(spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim(), path.join(stage, 'rg'));
    fs.chmodSync(path.join(stage, 'rg'), 0o755);
    spawnSync('tar', ['czf', tarball, '-C', stage, 'rg'], { stdio: 'inherit' });
    fs.rmSync(stage, { recursive: true, force: true });
  }
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses root without it
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which an npmrc with yes=false cancels
  };
  // node-gyp builds against local Node headers (downloading them may be impossible).
  const prefix = path.dirname(path.dirname(process.execPath));
  if (!env.npm_config_nodedir && fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h'))) env.npm_config_nodedir = prefix;
  log(`npm install code-server@${CODE_SERVER_VERSION} into .cache/editors (builds native modules, 1-2 min)`);
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: CACHE, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) failures.push(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${r.status})`);
}

function versionLine() {
  // code-server writes config and data under XDG dirs even for --version: keep them in the cache.
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(CACHE, 'xdg-config'), XDG_DATA_HOME: path.join(CACHE, 'xdg-data') };
  const r = spawnSync(process.execPath, [CODE_SERVER_ENTRY, '--version'], { env, encoding: 'utf8', timeout: 60000 });
  return (r.stdout ?? '').trim().split('\n').pop() ?? '';
}
