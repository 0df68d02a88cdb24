import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalUri, findProfileFiles, folderPaths } from '../../../server/src/profiles/workspaceProfiles';

function tree(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vfio-lens-walk-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const put = (rel: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), '{}');
  };
  put('.vfio-lens.json');
  put('a/b/lab.vfio-lens.json');
  put('a/b/c/d/e/deep.vfio-lens.json');
  put('a/not-a-profile.json');
  put('node_modules/x/.vfio-lens.json');
  put('.git/.vfio-lens.json');
  symlinkSync(dir, path.join(dir, 'a', 'loop'));
  return dir;
}

test('profile files are found breadth-first; node_modules, dot-directories and symlinks are not entered', async (t) => {
  const dir = tree(t);
  const found = await findProfileFiles([dir]);
  assert.deepEqual(found.map((f) => path.relative(dir, f)), ['.vfio-lens.json', 'a/b/lab.vfio-lens.json', 'a/b/c/d/e/deep.vfio-lens.json']);
});

test('the walk stops at its depth, entry and file limits', async (t) => {
  const dir = tree(t);
  const shallow = await findProfileFiles([dir], { maxDepth: 2, maxEntries: 1000, maxFiles: 10, maxBytes: 1 << 20 });
  assert.deepEqual(shallow.map((f) => path.relative(dir, f)), ['.vfio-lens.json', 'a/b/lab.vfio-lens.json']);
  assert.equal((await findProfileFiles([dir], { maxDepth: 8, maxEntries: 1000, maxFiles: 1, maxBytes: 1 << 20 })).length, 1);
  assert.equal((await findProfileFiles([dir], { maxDepth: 8, maxEntries: 2, maxFiles: 10, maxBytes: 1 << 20 })).length, 1);
  assert.deepEqual(await findProfileFiles([path.join(dir, 'missing')]), []);
});

test('workspace folders come from folders or rootUri; file URIs compare in one spelling', () => {
  assert.deepEqual(folderPaths([{ uri: 'file:///w/a' }, { uri: 'untitled:x' }], 'file:///ignored'), ['/w/a']);
  assert.deepEqual(folderPaths(null, 'file:///w/root'), ['/w/root']);
  assert.equal(canonicalUri('file:///w/a%20b/.vfio-lens.json'), canonicalUri('file:///w/a b/.vfio-lens.json'));
  assert.equal(canonicalUri('untitled:Untitled-1'), 'untitled:Untitled-1');
});
