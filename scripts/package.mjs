#!/usr/bin/env node
// `npm run package`: the installable .vsix (vfio-lens-<version>.vsix, or --out FILE).
// vsce runs the `vscode:prepublish` script first (a minified build into dist/);
// .vscodeignore keeps the package to dist/, package.json, README and LICENSE.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VSCE = path.join(path.dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');

/** Packages the extension into `out`; throws with vsce's output when it fails. */
export function packageVsix(out) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  out = path.resolve(out ?? path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`));
  const r = spawnSync(
    process.execPath,
    // Everything is bundled (no node_modules in the package); no repository field and a README with
    // repository-relative links must not stop packaging (vsce would ask, or fail, otherwise).
    [VSCE, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return { file: out, log: `${r.stdout}${r.stderr}`.trim() };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  try {
    const { log } = packageVsix(i > 0 ? process.argv[i + 1] : undefined);
    process.stdout.write(`${log}\n`);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
