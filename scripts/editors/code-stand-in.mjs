#!/usr/bin/env node
// Stands in for the `code` executable that @vscode/test-electron would
// download: runs an extension's test suite inside code-server's real Node
// extension host, driven by headless Chromium.
//
//   code-stand-in.mjs --extensionDevelopmentPath=<dir> --extensionTestsPath=<module> [folder]
//
// It takes VS Code's own command line (Electron-only flags such as
// --no-sandbox or --disable-extensions are accepted and ignored; --user-data-dir
// and --extensions-dir are honoured), so test-electron's runTests() can use it
// as `vscodeExecutablePath` and reads its exit code: 0 passed, 1 failed, 124
// timed out (VFIO_LENS_EXT_TESTS_TIMEOUT_MS, default 180000).
//
// code-server rejects --extensionTestsPath; the web workbench reads the same
// keys from its URL payload, starts the extension host in development mode,
// calls run() of the tests module and reports to window.codeAutomationExit,
// which this script provides through Playwright.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { launchChromium, openWorkbench } from './browser.mjs';
import { makeProfile, remoteUri, startCodeServer } from './codeServer.mjs';

const opts = { dev: [], tests: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  let a = argv[i];
  let v;
  const eq = a.indexOf('=');
  if (a.startsWith('--') && eq > 0) [a, v] = [a.slice(0, eq), a.slice(eq + 1)];
  const value = () => v ?? argv[++i];
  if (a === '--extensionDevelopmentPath') opts.dev.push(path.resolve(value()));
  else if (a === '--extensionTestsPath') opts.tests = path.resolve(value());
  else if (a === '--user-data-dir') opts.userDataDir = path.resolve(value());
  else if (a === '--extensions-dir') opts.extensionsDir = path.resolve(value());
  else if (!a.startsWith('-')) opts.folder = path.resolve(a);
}
if (!opts.dev.length || !opts.tests) {
  process.stderr.write('usage: code-stand-in.mjs --extensionDevelopmentPath=<dir> --extensionTestsPath=<module> [folder]\n');
  process.exit(2);
}
const timeoutMs = Number(process.env.VFIO_LENS_EXT_TESTS_TIMEOUT_MS ?? 180000);
const t0 = Date.now();
const say = (m) => process.stdout.write(`[code-stand-in ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);

const profile = makeProfile({ userDataDir: opts.userDataDir, extensionsDir: opts.extensionsDir });

// The extension host's console reaches the page only as workbench log lines. The tests module is
// loaded through this wrapper, which marks everything the tests print, so this terminal shows the
// test output and keeps the workbench's own lines for when something fails.
const MARK = '\u2063ext-test\u2063';
const wrapper = path.join(profile.root, 'ext-tests-wrapper.cjs');
fs.writeFileSync(
  wrapper,
  `'use strict';
const util = require('util');
const MARK = ${JSON.stringify(MARK)};
let busy = false;
for (const m of ['log', 'info', 'warn', 'error', 'debug']) {
  const forward = console[m]; // VS Code's forwarder to the workbench is an accessor: redefine, not assign
  Object.defineProperty(console, m, { configurable: true, enumerable: true,
    get: () => (...a) => { busy = true; try { forward.call(console, MARK + util.format(...a)); } finally { busy = false; } } });
}
for (const [stream, m] of [[process.stdout, 'log'], [process.stderr, 'error']]) {
  let buf = '';
  stream.write = (chunk, enc, cb) => {
    if (!busy) { buf += String(chunk); let i; while ((i = buf.indexOf('\\n')) >= 0) { console[m](buf.slice(0, i)); buf = buf.slice(i + 1); } }
    if (typeof enc === 'function') enc(); else if (typeof cb === 'function') cb();
    return true;
  };
}
module.exports = require(${JSON.stringify(opts.tests)});
`,
);

let folder = opts.folder;
if (folder && fs.existsSync(folder) && fs.statSync(folder).isFile()) folder = path.dirname(folder);
if (!folder) fs.mkdirSync((folder = path.join(profile.root, 'workspace')));

const workbenchLog = [];
let server;
let browser;
let exitCode = 1;
try {
  server = await startCodeServer(profile);
  say(`code-server ${server.version} at ${server.url}`);
  browser = await launchChromium(profile);
  const page = await browser.newPage();
  const done = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    setTimeout(() => resolve('timeout'), timeoutMs).unref();
    void server.exit.then(({ code, signal }) => resolve(`code-server exited (${signal ?? code})`));
  });
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const text = util.format(...(Array.isArray(args) ? args : [args]));
    if (text.startsWith(MARK)) (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(text.slice(MARK.length) + '\n');
    else {
      workbenchLog.push(`[${level}] ${text}`);
      if (process.env.VFIO_LENS_EDITOR_VERBOSE) process.stderr.write(`[workbench ${level}] ${text}\n`);
    }
  });
  page.on('pageerror', (e) => workbenchLog.push(`[page error] ${e.message}`));
  const payload = [
    ...opts.dev.map((d) => ['extensionDevelopmentPath', remoteUri(server.authority, d)]),
    ['extensionTestsPath', remoteUri(server.authority, wrapper)],
  ];
  await openWorkbench(page, server, { folder, payload });
  const code = await done;
  if (code === 'timeout') {
    process.stderr.write(`extension tests did not finish within ${timeoutMs} ms\n`);
    exitCode = 124;
  } else if (typeof code === 'string') {
    process.stderr.write(`${code}\n`);
  } else {
    exitCode = Number(code) || 0;
  }
} catch (e) {
  process.stderr.write(`code-stand-in failed: ${e?.stack ?? e}\n`);
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  if (exitCode !== 0) {
    // The marketplace lookups fail on a machine without internet: noise, not the cause.
    const errors = workbenchLog
      .filter((l) => /^\[(error|warn|page error)\]/.test(l) && !/open-vsx\.org|marketplace/i.test(l))
      .map((l) => l.split('\n').slice(0, 4).join('\n'))
      .slice(-30);
    if (errors.length) process.stderr.write(`last workbench errors:\n${errors.join('\n')}\n`);
    if (server) process.stderr.write(`code-server log: ${server.logFile}\n`);
  }
  if (exitCode === 0 && !process.env.VFIO_LENS_KEEP_PROFILE) profile.remove();
  else profile.keep();
}
say(`extension tests exit code ${exitCode}`);
process.exit(exitCode);
