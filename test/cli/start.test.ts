// `npm start` with VS Code installed: a new window on examples/ with this
// folder as the extension under development.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

test('npm start opens examples/ in VS Code when `code` is on the PATH', (t) => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'vfio-lens-fake-code-'));
  t.after(() => fs.rmSync(bin, { recursive: true, force: true }));
  // A stand-in `code` that records how it was called.
  const argsFile = path.join(bin, 'args.json');
  fs.writeFileSync(path.join(bin, 'code'), `#!/usr/bin/env node\nrequire('fs').writeFileSync(${JSON.stringify(argsFile)}, JSON.stringify(process.argv.slice(2)));\n`, { mode: 0o755 });
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, VFIO_LENS_EDITOR: '' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(fs.readFileSync(argsFile, 'utf8')), ['--new-window', `--extensionDevelopmentPath=${ROOT}`, path.join(ROOT, 'examples')]);
  assert.match(r.stdout, /Opening examples\/ in VS Code/);
});
