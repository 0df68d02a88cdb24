#!/usr/bin/env node
// The test command: type-check, build, then every suite in order. Suites are
// node:test files run through tsx, except the extension-host suite (mocha inside
// VS Code); `node test/run.mjs unit protocol` picks some.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingFor } from '../scripts/editors/tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// fuzz: the bounded, seeded fuzz run (test/fuzz/*.test.ts); `npm run fuzz` is the long one.
const SUITES = ['unit', 'cli', 'protocol', 'fuzz', 'nvim', 'vscode', 'browser'];
// Real-editor suites: they run when `npm run setup:editors` installed their editor and skip with
// one line saying what is missing otherwise (CI sets VFIO_LENS_REQUIRE_EDITORS=1: missing = failure).
const EDITOR_SUITES = {
  nvim: () => ['Neovim LSP client tests', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...testFiles('nvim')]],
  vscode: () => ['extension host tests (mocha via @vscode/test-electron)', process.execPath, ['test/vscode/runTest.mjs']],
  browser: () => ['browser tests (.vsix in code-server, Chromium)', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...testFiles('browser')]],
};
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const suites = wanted.length ? wanted : SUITES;

function run(title, cmd, args, env = {}) {
  process.stdout.write(`\n▶ ${title}\n`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`✖ ${title} failed (${secs} s)\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`✔ ${title} (${secs} s)\n`);
}

function testFiles(dir) {
  const full = path.join(root, 'test', dir);
  if (!existsSync(full)) return [];
  const out = [];
  for (const e of readdirSync(full, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.test.ts')) out.push(path.relative(root, path.join(e.parentPath ?? e.path, e.name)));
  }
  return out.sort();
}

if (!wanted.length) {
  run('type-check', process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.', '--noEmit']);
}
run('build', process.execPath, ['esbuild.mjs']);
for (const suite of suites) {
  if (EDITOR_SUITES[suite]) {
    const missing = missingFor(suite);
    if (missing && process.env.VFIO_LENS_REQUIRE_EDITORS) {
      process.stdout.write(`✖ ${suite} tests cannot run: ${missing}\n`);
      process.exit(1);
    }
    if (missing) process.stdout.write(`\n○ ${suite} tests skipped: ${missing}\n`);
    else run(...EDITOR_SUITES[suite]());
    continue;
  }
  const files = testFiles(suite);
  if (!files.length) {
    process.stdout.write(`(no ${suite} tests)\n`);
    continue;
  }
  run(`${suite} tests`, process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
}
