// A real VS Code (code-server) on 127.0.0.1 with a throw-away profile: its own
// user data, extensions, XDG folders and temp dir, so a run leaves nothing in
// $HOME or /tmp and never sees the user's own settings or extensions.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CODE_SERVER_ENTRY, CODE_SERVER_VERSION, codeServerProblem } from './tools.mjs';
import { atExit, spawnGroup } from './processes.mjs';

/** Workbench settings that keep a fresh profile quiet and the layout stable across VS Code versions. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
  'git.enabled': false,
  'editor.hover.delay': 200,
};

/**
 * A throw-away profile. `root` defaults to a new temp folder; test-electron
 * passes its own --user-data-dir / --extensions-dir, which are honoured.
 *
 * @param {{ root?: string, userDataDir?: string, extensionsDir?: string, settings?: Record<string, unknown> }} [options]
 */
export function makeProfile({ root, userDataDir, extensionsDir, settings = {} } = {}) {
  root ??= fs.mkdtempSync(path.join(os.tmpdir(), 'vfio-lens-editor-'));
  userDataDir ??= path.join(root, 'user-data');
  extensionsDir ??= path.join(root, 'extensions');
  const userDir = path.join(userDataDir, 'User');
  for (const d of [userDir, extensionsDir, path.join(root, 'tmp')]) fs.mkdirSync(d, { recursive: true });
  const settingsFile = path.join(userDir, 'settings.json');
  if (!fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  // code-server writes ~/.config/code-server and ~/.local/share/code-server on every start and leaves
  // sockets in the temp dir; Chromium writes ~/.config/chromium. All of it goes under root instead.
  const env = {
    ...process.env,
    TMPDIR: path.join(root, 'tmp'),
    XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
  };
  const args = ['--config', path.join(root, 'code-server.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  // Gone when the process ends, also when interrupted, unless keep() says a failure wants it looked at.
  // Retries: a browser or server killed a moment ago may still be writing into it.
  const remove = () => fs.rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  const cancel = atExit(remove);
  return {
    root,
    userDataDir,
    extensionsDir,
    env,
    args,
    remove: () => {
      cancel();
      remove();
    },
    keep: () => void cancel(),
  };
}

function assertInstalled() {
  const problem = codeServerProblem();
  if (problem) throw new Error(`${problem}: run \`npm run setup:editors\``);
}

/** `code-server --install-extension <file.vsix>` into the profile; resolves with its last output line. */
export function installExtension(profile, vsix) {
  assertInstalled();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CODE_SERVER_ENTRY, ...profile.args, '--install-extension', vsix], { env: profile.env, timeout: 120000 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`.trim();
      if (err || /Failed|not compatible/i.test(out)) reject(new Error(`installing ${path.basename(vsix)} failed: ${out || err?.message}`));
      else resolve(out.split('\n').pop());
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 (a port the OS picks, or `port`), without
 * auth, and resolves once it says it listens. `stop()` ends its whole process group.
 *
 * @param {ReturnType<typeof makeProfile>} profile
 * @param {{ port?: number, verbose?: boolean, extraArgs?: string[] }} [options]
 */
export async function startCodeServer(profile, { port = 0, verbose = !!process.env.VFIO_LENS_EDITOR_VERBOSE, extraArgs = [] } = {}) {
  assertInstalled();
  const args = [
    CODE_SERVER_ENTRY,
    ...profile.args,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--disable-file-downloads',
    ...extraArgs,
  ];
  const proc = spawnGroup(process.execPath, args, { env: profile.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = path.join(profile.root, 'code-server.log');
  const logStream = fs.createWriteStream(logFile);
  let output = '';
  const listening = new Promise((resolve, reject) => {
    const onData = (d) => {
      logStream.write(d);
      if (verbose) process.stderr.write(d);
      output += d;
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(output);
      if (m) resolve({ url: m[1], port: Number(m[2]) });
    };
    proc.child.stdout.on('data', onData);
    proc.child.stderr.on('data', onData);
    proc.exit.then(({ code, signal }) => reject(new Error(`code-server exited before listening (${signal ?? code}); see ${logFile}\n${output.slice(-2000)}`)));
  });
  const timeout = setTimeout(() => void proc.stop(), 60000);
  try {
    const { url, port: actual } = await listening;
    return {
      url,
      port: actual,
      authority: `127.0.0.1:${actual}`,
      version: CODE_SERVER_VERSION,
      logFile,
      exit: proc.exit,
      stop: async () => {
        await proc.stop();
        logStream.end();
      },
    };
  } catch (e) {
    await proc.stop();
    logStream.end();
    throw e;
  } finally {
    clearTimeout(timeout);
  }
}

/** The vscode-remote URI of a path on the code-server machine, as workbench URL payloads expect. */
export function remoteUri(authority, p) {
  return `vscode-remote://${authority}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
}

/**
 * The workbench URL for `folder`. `payload` is VS Code web's URL payload, e.g.
 * [['extensionDevelopmentPath', remoteUri(…)]] to load an unpackaged extension.
 *
 * @param {{ url: string }} server
 * @param {{ folder?: string, payload?: Array<[string, string]> }} [options]
 */
export function workbenchUrl(server, { folder, payload } = {}) {
  let url = server.url + (folder ? `?folder=${encodeURIComponent(path.resolve(folder)).replace(/%2F/g, '/')}` : '?ew=true');
  if (payload?.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}
