#!/usr/bin/env node
// `npm start`: the sample workspace (examples/) in a real editor with vfio-lens loaded.
//
// - VS Code, when its `code` command is on the PATH: a new window with this
//   folder as the extension under development (--extensionDevelopmentPath).
// - Otherwise a local code-server (VS Code in the browser) on 127.0.0.1 with the
//   freshly packaged .vsix installed in a throw-away profile; it is set up on
//   first use (`npm run setup:editors -- --only=code-server`), the URL is printed,
//   and Ctrl-C stops it.
// - Only when no editor can be installed here: the layouts of the sample
//   workspace's devices from the CLI, saying why.
//
// Options: --port N (default: any free port; also VFIO_LENS_PORT), --code-server
// (skip VS Code even when `code` exists; also VFIO_LENS_EDITOR=code-server).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installExtension, makeProfile, startCodeServer, workbenchUrl } from './editors/codeServer.mjs';
import { ownSignals } from './editors/processes.mjs';
import { CODE_SERVER_VSCODE_VERSION, codePath, codeServerProblem } from './editors/tools.mjs';
import { packageVsix } from './package.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');
const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : (process.env.VFIO_LENS_PORT ?? 0));
const forceCodeServer = args.includes('--code-server') || process.env.VFIO_LENS_EDITOR === 'code-server';
const say = (m) => process.stdout.write(`${m}\n`);

const build = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const code = forceCodeServer ? undefined : codePath();
if (code) {
  say(`Opening examples/ in VS Code (${code}) with vfio-lens from ${root}`);
  const r = spawnSync(code, ['--new-window', `--extensionDevelopmentPath=${root}`, examples], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

if (codeServerProblem()) {
  say('VS Code (`code`) is not on the PATH: setting up code-server, VS Code in the browser (once, 1-2 min)…');
  const setup = spawnSync(process.execPath, [path.join(root, 'scripts', 'editors', 'setup.mjs'), '--only=code-server'], { stdio: 'inherit' });
  if (setup.status !== 0 || codeServerProblem()) {
    say(`\nNo editor could be installed here (${codeServerProblem() ?? 'setup failed'}).`);
    say('Install VS Code (`code` on the PATH) or fix the setup above; meanwhile, the layouts of the sample workspace from the CLI:');
    printLayouts();
    process.exit(1);
  }
}

const profile = makeProfile();
let server;
let stopping = false;
const stop = async (exitCode) => {
  if (stopping) return;
  stopping = true;
  await server?.stop();
  profile.remove();
  process.exit(exitCode);
};
ownSignals();
for (const [sig, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.on(sig, () => {
    if (sig === 'SIGINT') say('\nStopping code-server…');
    void stop(sig === 'SIGINT' ? 0 : 128 + n);
  });
}

try {
  const { file } = packageVsix(path.join(profile.root, 'vfio-lens.vsix'));
  await installExtension(profile, file);
  server = await startCodeServer(profile, { port });
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  await stop(1);
}
say('');
say(`vfio-lens is running in VS Code ${CODE_SERVER_VSCODE_VERSION} (code-server ${server.version}) on 127.0.0.1, with the sample workspace:`);
say('');
say(`    ${workbenchUrl(server, { folder: examples })}`);
say('');
say('Open that address in a browser on this machine (or forward the port). Ctrl-C stops it.');
const { code: exitCode, signal } = await server.exit;
if (!stopping) {
  say(`code-server stopped by itself (${signal ?? exitCode}); its log: ${server.logFile}`);
  stopping = true;
  process.exit(1);
}

/** The fallback: each device of examples/.vfio-lens.json through `vfio-lens layout`. */
function printLayouts() {
  const cli = path.join(root, 'bin', 'vfio-lens.js');
  const file = JSON.parse(readFileSync(path.join(examples, '.vfio-lens.json'), 'utf8'));
  for (const d of file.devices) {
    const a = ['layout', '--kernel', d.kernel ?? file.kernel ?? 'mainline'];
    if (d.sku) a.push('--sku', d.sku);
    if (d.memphys) a.push('--memphys', d.memphys);
    if (d.memlength) a.push('--memlength', d.memlength);
    if (d.migHwBug !== undefined) a.push(d.migHwBug ? '--mig-hw-bug' : '--no-mig-hw-bug');
    say(`\n== ${d.name} (${d.bdf ?? 'no BDF'})`);
    spawnSync(process.execPath, [cli, ...a], { stdio: 'inherit' });
  }
}
