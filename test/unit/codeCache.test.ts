import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The launcher (dist/server.js, dist/cli-boot.js) runs a bundle through V8's code cache.
const BOOT = path.resolve(__dirname, '../../server/src/boot/codeCache.ts');

function runBundle(dir: string, env: Record<string, string> = {}) {
  const script = `require(${JSON.stringify(BOOT)}).runWithCodeCache(${JSON.stringify(path.join(dir, 'bundle.js'))})`;
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', script, 'arg1'], { encoding: 'utf8', env: { ...process.env, ...env } });
}

test('a bundle runs as a module would, the first run writes the cache and later runs use it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vl-cache-'));
  fs.writeFileSync(path.join(dir, 'bundle.js'), `
    const p = require('node:path');
    module.exports = 1;
    console.log(JSON.stringify({ dir: p.basename(__dirname) === p.basename(${JSON.stringify(dir)}), file: __filename.endsWith('bundle.js'), argv: process.argv.slice(-1)[0] }));
  `);
  const first = runBundle(dir);
  assert.equal(first.status, 0, first.stderr);
  assert.deepEqual(JSON.parse(first.stdout), { dir: true, file: true, argv: 'arg1' });
  const cacheDir = path.join(dir, '.v8-cache');
  const files = fs.readdirSync(cacheDir);
  assert.equal(files.length, 1);
  assert.match(files[0], /^bundle\.js-\d+-\d+-.*\.bin$/);
  assert.equal((fs.statSync(cacheDir).mode & 0o777).toString(8), '700');
  const written = fs.statSync(path.join(cacheDir, files[0])).mtimeMs;
  const second = runBundle(dir);
  assert.equal(second.status, 0, second.stderr);
  assert.equal(fs.statSync(path.join(cacheDir, files[0])).mtimeMs, written, 'a valid cache is not rewritten');
  // A changed bundle gets a new cache; the old one is removed.
  fs.appendFileSync(path.join(dir, 'bundle.js'), '\n// changed\n');
  assert.equal(runBundle(dir).status, 0);
  const after = fs.readdirSync(cacheDir);
  assert.equal(after.length, 1);
  assert.notEqual(after[0], files[0]);
});

test('a read-only install runs without a cache, and VFIO_LENS_NO_CODE_CACHE turns it off', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vl-cache-'));
  fs.writeFileSync(path.join(dir, 'bundle.js'), 'console.log("ran")');
  // A file where the cache directory would go: no cache can be written, even by root.
  fs.writeFileSync(path.join(dir, '.v8-cache'), 'not a directory');
  const r = runBundle(dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'ran');
  const off = fs.mkdtempSync(path.join(os.tmpdir(), 'vl-cache-'));
  fs.writeFileSync(path.join(off, 'bundle.js'), 'console.log("ran")');
  assert.equal(runBundle(off, { VFIO_LENS_NO_CODE_CACHE: '1' }).stdout.trim(), 'ran');
  assert.equal(fs.existsSync(path.join(off, '.v8-cache')), false);
});
