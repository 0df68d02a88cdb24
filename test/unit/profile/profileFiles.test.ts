// Which profile files count: the workspace's, open or not; another file only
// while an editor has it open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { ProfileStore, ResolvedDevice, resolveDevice } from '../../../server/src/profiles/activeProfile';
import { ProfileFiles } from '../../../server/src/profiles/profileFiles';
import { fileUri, isInFolders } from '../../../server/src/profiles/workspaceProfiles';

function setup(t: { after(fn: () => void): void }) {
  const root = mkdtempSync(path.join(tmpdir(), 'vfio-lens-files-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, names: string[]) => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    const text = JSON.stringify({ devices: names.map((name) => ({ name, sku: 'gh200-96gb' })) });
    writeFileSync(file, text);
    return TextDocument.create(fileUri(file), 'json', 1, text);
  };
  const store = new ProfileStore(DEFAULT_SETTINGS);
  const open = new Map<string, TextDocument>();
  const files = new ProfileFiles({
    store,
    devicesOf: (doc) =>
      (JSON.parse(doc.getText()).devices as Array<{ name: string }>).map((d) => (resolveDevice(d, doc.uri, { kernel: 'mainline', pageSize: 65536 }) as { device: ResolvedDevice }).device),
    openDocument: (uri) => open.get(uri),
    changed: () => undefined,
  });
  const names = () => store.devices.map((d) => d.name);
  return { root, write, store, open, files, names };
}

test("a workspace profile file closed in the editor falls back to what is on disk", async (t) => {
  const { root, write, open, files, names } = setup(t);
  const doc = write('ws/.vfio-lens.json', ['on-disk']);
  await files.scan([path.join(root, 'ws')]);
  assert.deepEqual(names(), ['on-disk']);
  const edited = TextDocument.create(doc.uri, 'json', 2, JSON.stringify({ devices: [{ name: 'being-edited', sku: 'gb200' }] }));
  open.set(doc.uri, edited);
  files.fromDocument(edited);
  assert.deepEqual(names(), ['being-edited']);
  open.delete(doc.uri);
  await files.closed(edited);
  assert.deepEqual(names(), ['on-disk']);
});

test("another project's profile file counts while it is open and is forgotten when closed", async (t) => {
  const { root, write, open, files, names } = setup(t);
  write('ws/.vfio-lens.json', ['ours']);
  await files.scan([path.join(root, 'ws')]);
  const other = write('elsewhere/rack.vfio-lens.json', ['theirs']);
  open.set(other.uri, other);
  files.fromDocument(other);
  assert.deepEqual(names().sort(), ['ours', 'theirs']);
  open.delete(other.uri);
  await files.closed(other);
  assert.deepEqual(names(), ['ours']);
});

test('isInFolders: strictly inside a folder, by path, file: URIs only', () => {
  assert.equal(isInFolders('file:///w/ws/a/.vfio-lens.json', ['/w/ws']), true);
  assert.equal(isInFolders('file:///w/ws-other/.vfio-lens.json', ['/w/ws']), false);
  assert.equal(isInFolders('file:///w/.vfio-lens.json', ['/w/ws']), false);
  assert.equal(isInFolders('file:///w/ws', ['/w/ws']), false);
  assert.equal(isInFolders('untitled:Untitled-1', ['/w/ws']), false);
  assert.equal(isInFolders('file:///w/a%20b/x.vfio-lens.json', ['/w/a b']), true);
});
