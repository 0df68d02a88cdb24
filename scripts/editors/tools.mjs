// Where the real editors used by the editor suites and `npm start` live, and
// what is missing. One home for versions and paths: setup.mjs installs what
// this file names, everything else only asks it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Git-ignored: code-server and its native builds (~300 MB) live here, never in package.json. */
export const CACHE = path.join(ROOT, '.cache', 'editors');

/** The last code-server whose engines allow Node 20 (4.103+ need 22, 4.139 needs 24): VS Code 1.100.3. */
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_VSCODE_VERSION = '1.100.3';
export const CODE_SERVER_NODE_MAJOR = 20;
export const CODE_SERVER_DIR = path.join(CACHE, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');

export const SETUP_HINT = 'npm run setup:editors';

/** Debian package that brings each tool. */
export const APT = { chromium: 'chromium', nvim: 'neovim' };

function onPath(cmd) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return fs.existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  return ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'].map(onPath).find(Boolean);
}

export function nvimPath() {
  return process.env.NVIM_PATH ?? onPath('nvim');
}

export function codePath() {
  return onPath('code');
}

/** Why code-server cannot run here, or undefined when it can. */
export function codeServerProblem() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== CODE_SERVER_NODE_MAJOR) return `code-server ${CODE_SERVER_VERSION} needs Node ${CODE_SERVER_NODE_MAJOR}, this is Node ${process.versions.node}`;
  if (!fs.existsSync(CODE_SERVER_ENTRY)) return `code-server ${CODE_SERVER_VERSION} is not installed in .cache/editors`;
  const version = JSON.parse(fs.readFileSync(path.join(CODE_SERVER_DIR, 'package.json'), 'utf8')).version;
  if (version !== CODE_SERVER_VERSION) return `.cache/editors holds code-server ${version}, not ${CODE_SERVER_VERSION}`;
  // The native module every workbench needs; a half-finished install lacks it.
  if (!fs.existsSync(path.join(CODE_SERVER_DIR, 'lib', 'vscode', 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'))) {
    return 'the code-server install in .cache/editors is incomplete (no node-pty build)';
  }
  return undefined;
}

/** Neovim's version as [major, minor], or undefined. */
export function nvimVersion(bin = nvimPath()) {
  if (!bin) return undefined;
  try {
    const m = /NVIM v(\d+)\.(\d+)/.exec(execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 10000 }));
    return m ? [Number(m[1]), Number(m[2])] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What each editor suite needs and what is missing, as one line a person can
 * act on; undefined when the suite can run.
 */
export function missingFor(suite) {
  const missing = [];
  if (suite === 'vscode' || suite === 'browser') {
    const cs = codeServerProblem();
    if (cs) missing.push(cs);
    if (!chromiumPath()) missing.push('Chromium is not installed (Debian package "chromium", or set CHROMIUM_PATH)');
  } else if (suite === 'nvim') {
    const v = nvimVersion();
    if (!v) missing.push('Neovim (nvim) is not on the PATH (Debian package "neovim")');
    else if (v[0] === 0 && v[1] < 7) missing.push(`Neovim ${v.join('.')} is older than 0.7`);
  } else {
    throw new Error(`unknown editor suite ${suite}`);
  }
  if (!missing.length) return undefined;
  // A wrong Node is not something the setup can fix.
  const nodeOnly = missing.length === 1 && Number(process.versions.node.split('.')[0]) !== CODE_SERVER_NODE_MAJOR && (suite === 'vscode' || suite === 'browser');
  return nodeOnly ? `${missing[0]} (run the editor suites with Node ${CODE_SERVER_NODE_MAJOR})` : `${missing.join('; ')} — install with \`${SETUP_HINT}\``;
}
