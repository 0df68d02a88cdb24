#!/usr/bin/env node
// Runs the extension-host suite (test/vscode/*.test.ts, mocha) through
// @vscode/test-electron's runTests(), the standard way.
//
//   node test/vscode/runTest.mjs            in code-server 1.100 (our stand-in for the `code` executable)
//   node test/vscode/runTest.mjs --real     also real VS Code, the minimum engines.vscode and stable,
//                                           when they can be downloaded (npm run test:vscode);
//                                           code-server when none can
//
// Each run gets a throw-away --user-data-dir and --extensions-dir, and opens a
// throw-away copy of the sample workspace (examples/), so nothing a test
// writes (settings, edits) reaches the repository.
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { CODE_SERVER_VERSION, CODE_SERVER_VSCODE_VERSION } from '../../scripts/editors/tools.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'out', 'test', 'vscode');
const STAND_IN = path.join(ROOT, 'scripts', 'editors', 'code-stand-in.mjs');
const EXAMPLES = path.join(ROOT, 'examples');
const real = process.argv.includes('--real');

// Each test file is its own bundle so mocha can load them one by one; vscode and mocha come from the host.
const here = path.join(ROOT, 'test', 'vscode');
const entries = ['index.ts', ...fs.readdirSync(here).filter((f) => f.endsWith('.test.ts'))].map((f) => path.join(here, f));
fs.rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

async function runOn(label, vscodeExecutablePath) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vfio-lens-ext-tests-'));
  const workspace = path.join(profile, 'examples');
  fs.cpSync(EXAMPLES, workspace, { recursive: true });
  process.stdout.write(`\n— extension host: ${label}\n`);
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(OUT, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(profile, 'user-data')}`, `--extensions-dir=${path.join(profile, 'extensions')}`],
    });
    return true;
  } catch (e) {
    process.stderr.write(`extension tests on ${label} failed: ${e.message}\n`);
    return false;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const targets = [];
if (real) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const minimum = /(\d+\.\d+\.\d+)/.exec(pkg.engines.vscode)?.[1];
  for (const version of [minimum, 'stable']) {
    if (process.platform === 'linux' && !process.env.DISPLAY) {
      process.stdout.write(`skipping VS Code ${version}: the desktop app needs a display (run under xvfb-run)\n`);
      continue;
    }
    try {
      targets.push({ label: `VS Code ${version}`, exe: await downloadAndUnzipVSCode({ version, timeout: 30000 }) });
    } catch (e) {
      process.stdout.write(`cannot download VS Code ${version} (${e.message.split('\n')[0]})\n`);
    }
  }
}
if (!targets.length) targets.push({ label: `code-server ${CODE_SERVER_VERSION} (VS Code ${CODE_SERVER_VSCODE_VERSION}) in headless Chromium`, exe: STAND_IN });

let ok = true;
for (const t of targets) ok = (await runOn(t.label, t.exe)) && ok;
process.exit(ok ? 0 : 1);
