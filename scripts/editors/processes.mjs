// Child processes that must not outlive us. Each long-lived child (code-server,
// Neovim) runs in its own process group, so stopping it also stops everything
// it started (extension host, language server, pty host, watcher). Whatever
// ends this process — normal exit, an exception, Ctrl-C, SIGTERM from a CI
// timeout, a closed terminal — those groups are killed.
import { spawn } from 'node:child_process';
import net from 'node:net';

const groups = new Set();
const exitTasks = new Set();
let hooked = false;

function hook() {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const pid of groups) killGroup(pid, 'SIGKILL');
    for (const task of exitTasks) {
      try {
        task();
      } catch {
        /* the others still run */
      }
    }
  });
  for (const [sig, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
    // Exit (running the cleanup above) even though other listeners exist: Playwright's only close
    // browsers and would leave this process running. A program that stops gracefully itself
    // says so with ownSignals().
    process.on(sig, () => {
      if (!signalsOwned) process.exit(128 + n);
    });
  }
}

let signalsOwned = false;

/** The caller handles SIGINT/SIGTERM/SIGHUP itself (and exits); groups are still killed on exit. */
export function ownSignals() {
  signalsOwned = true;
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * spawn() in a new process group that is killed when this process ends.
 * Returns the child plus `stop()`: SIGTERM to the group, SIGKILL after `graceMs`.
 */
export function spawnGroup(cmd, args, options = {}) {
  hook();
  const child = spawn(cmd, args, { ...options, detached: true });
  let exited = child.exitCode !== null;
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exit.then(() => (exited = true));
  child.once('error', () => (exited = true));
  if (child.pid) groups.add(child.pid);
  const stop = async (graceMs = 5000) => {
    if (!child.pid) return;
    killGroup(child.pid, 'SIGTERM');
    if (!exited) await Promise.race([exit, new Promise((r) => setTimeout(r, graceMs).unref())]);
    // The leader may be gone while children linger in the group.
    killGroup(child.pid, 'SIGKILL');
    groups.delete(child.pid);
  };
  return { child, exit, stop, get exited() { return exited; } };
}

/** Runs `task` (synchronous) when the process exits, unless the returned function cancels it first. */
export function atExit(task) {
  hook();
  exitTasks.add(task);
  return () => exitTasks.delete(task);
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
