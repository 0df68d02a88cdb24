// Messages between the webview and the extension: good ones pass, bad ones
// are refused with a reason (each end drops what fails these schemas).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toExtensionSchema, toWebviewSchema } from '../../../shared/webviewMessages';
import { describeZodError } from '../../../shared/u64';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { buildLayoutView } from '../../../server/src/views/layoutView';

const store = new ProfileStore(DEFAULT_SETTINGS);
const model = buildLayoutView({ device: store.active(), workspace: store.devices });

function refused(schema: typeof toExtensionSchema | typeof toWebviewSchema, message: unknown): string {
  const r = schema.safeParse(message);
  assert.equal(r.success, false, `should be refused: ${JSON.stringify(message).slice(0, 200)}`);
  return r.success ? '' : describeZodError(r.error);
}

test('webview → extension: the messages the view sends are accepted', () => {
  for (const m of [
    { v: 1, type: 'ready' },
    { v: 1, type: 'emulate', requestId: 3, ops: [{ op: 'configWrite', offset: 32, width: 4, value: '0xffffffff' }, { op: 'reset' }] },
    { v: 1, type: 'command', command: 'selectKernel' },
    { v: 1, type: 'copyMarkdown', markdown: '## layout' },
    { v: 1, type: 'exportSvg', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>', fileName: 'vfio-lens-GH200-96-GB.svg' },
  ]) {
    const r = toExtensionSchema.safeParse(m);
    assert.ok(r.success, `${JSON.stringify(m)}: ${r.success ? '' : describeZodError(r.error)}`);
  }
});

test('webview → extension: malformed messages are refused with the reason', () => {
  refused(toExtensionSchema, { type: 'ready' }); // no version
  refused(toExtensionSchema, { v: 2, type: 'ready' }); // another version
  refused(toExtensionSchema, { v: 1, type: 'eval', code: '1' });
  refused(toExtensionSchema, { v: 1, type: 'ready', extra: true }); // strict: unknown keys
  refused(toExtensionSchema, null);
  assert.match(refused(toExtensionSchema, { v: 1, type: 'emulate', requestId: 1, ops: [{ op: 'configRead', offset: 32, width: 3 }] }), /width must be 1, 2, 4 or 8/);
  assert.match(refused(toExtensionSchema, { v: 1, type: 'emulate', requestId: 1, ops: [{ op: 'regionRead', index: 4, offset: 4096, count: '0x10' }] }), /hex string/);
  refused(toExtensionSchema, { v: 1, type: 'emulate', requestId: -1, ops: [] });
  refused(toExtensionSchema, { v: 1, type: 'emulate', requestId: 1, ops: Array.from({ length: 501 }, () => ({ op: 'reset' })) });
  // Only the three pickers, never an arbitrary command id.
  refused(toExtensionSchema, { v: 1, type: 'command', command: 'workbench.action.terminal.new' });
  assert.match(refused(toExtensionSchema, { v: 1, type: 'exportSvg', svg: '<svg/>', fileName: '../../.bashrc.svg' }), /plain file name/);
  refused(toExtensionSchema, { v: 1, type: 'exportSvg', svg: '<script>alert(1)</script>', fileName: 'a.svg' });
  refused(toExtensionSchema, { v: 1, type: 'copyMarkdown', markdown: '' });
});

test('extension → webview: a real model, reveal, results and notices are accepted', () => {
  for (const m of [
    { v: 1, type: 'model', model, followed: 'main.c' },
    { v: 1, type: 'reveal', section: 'config' },
    { v: 1, type: 'emulateResult', requestId: 1, result: { ok: false, device: 'x', message: 'EINVAL: …' } },
    { v: 1, type: 'emulateFailed', requestId: 1, message: 'server stopped' },
    { v: 1, type: 'unavailable', message: 'no server' },
    { v: 1, type: 'notice', text: 'Copied' },
  ]) {
    const r = toWebviewSchema.safeParse(m);
    assert.ok(r.success, `${JSON.stringify(m).slice(0, 80)}: ${r.success ? '' : describeZodError(r.error)}`);
  }
});

test('extension → webview: a model with a number where a 64-bit hex string belongs is refused', () => {
  const bad = structuredClone(model) as { apertures: Array<{ barSize: unknown }> };
  bad.apertures[0].barSize = 1073741824;
  assert.match(refused(toWebviewSchema, { v: 1, type: 'model', model: bad }), /model\.apertures\[0\]\.barSize/);
  const drawnTooWide = structuredClone(model);
  drawnTooWide.apertures[0].segments[0].drawn = 1001;
  refused(toWebviewSchema, { v: 1, type: 'model', model: drawnTooWide });
  refused(toWebviewSchema, { v: 1, type: 'reveal', section: 'everything' });
  refused(toWebviewSchema, { v: 1, type: 'emulateResult', requestId: 1, result: { ok: true, device: 'x', steps: [{ result: {}, summary: 's', rule: 'r', outcome: 'maybe' }], registers: [] } });
});
