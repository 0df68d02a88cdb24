// clangd, the reference the hover latency is compared with: Debian's
// package (installed with apt when missing and we may), and a workspace it
// parses quickly and fully — the benchmark files, a compile_flags.txt, and
// stand-in kernel headers instead of missing <linux/…> includes.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Clangd {
  readonly path: string;
  readonly version: string;
}

const STUBS = path.join(__dirname, 'clangd', 'kernel-stubs.h');

function onPath(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

function found(): Clangd | undefined {
  const bin = process.env.CLANGD_PATH ?? ['clangd', 'clangd-16', 'clangd-15', 'clangd-14'].map(onPath).find(Boolean);
  if (!bin) return undefined;
  const out = execFileSync(bin, ['--version'], { encoding: 'utf8' });
  return { path: bin, version: /clangd version ([\w.~+-]+)/.exec(out)?.[1] ?? out.split('\n')[0] };
}

/** clangd, installing Debian's package when it is missing; or why it cannot be had. */
export function ensureClangd(log: (s: string) => void): Clangd | { skipped: string } {
  const have = found();
  if (have) return have;
  if (process.env.VFIO_LENS_BENCH_NO_INSTALL) return { skipped: 'clangd is not installed (VFIO_LENS_BENCH_NO_INSTALL is set)' };
  if (process.getuid?.() !== 0 || !onPath('apt-get')) return { skipped: 'clangd is not installed, and apt-get cannot install it here (install the Debian package "clangd")' };
  log('installing clangd with apt-get (Debian package "clangd")…');
  let r = spawnSync('apt-get', ['install', '-y', '-qq', 'clangd'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    r = spawnSync('apt-get', ['install', '-y', '-qq', 'clangd'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  return found() ?? { skipped: `apt-get install clangd failed (exit ${r.status})` };
}

/** The files, the stand-in headers they include, and compile flags, under `dir`. */
export function writeClangdWorkspace(dir: string, files: ReadonlyArray<{ readonly name: string; readonly text: string }>): void {
  const include = path.join(dir, 'include');
  fs.mkdirSync(path.join(include, 'linux'), { recursive: true });
  fs.copyFileSync(STUBS, path.join(include, 'kernel-stubs.h'));
  const headers = new Set<string>();
  for (const f of files) {
    fs.writeFileSync(path.join(dir, f.name), f.text);
    for (const m of f.text.matchAll(/^\s*#\s*include\s*<(linux\/[\w.]+\.h)>/gm)) headers.add(m[1]);
  }
  for (const h of headers) fs.writeFileSync(path.join(include, h), '#pragma once\n#include <kernel-stubs.h>\n');
  fs.writeFileSync(path.join(dir, 'compile_flags.txt'), ['-xc', '-std=gnu11', '-nostdinc', `-I${include}`, '-ferror-limit=0'].join('\n') + '\n');
}

/** clangd's command line: no background index (the bench times parsing and hovers, not indexing a tree). */
export function clangdArgs(): string[] {
  return ['--background-index=false', '--log=error', '--pch-storage=memory', '--header-insertion=never'];
}
