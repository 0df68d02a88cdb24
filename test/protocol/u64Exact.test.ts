// 64-bit values through the server's requests: a base a double cannot hold
// (2^53 + 1), from the settings and from a profile document, comes back
// exactly in the active layout, the layout view and the playground; every
// number on the wire is a safe integer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeLayoutRequest, emulateRequest, layoutViewRequest } from '../../shared/protocol';
import { startServer } from '../support/lspClient';
import { GiB, U64_MAX, hex, numbersInJson } from '../support/u64Edges';

const BASE = (1n << 53n) + 1n;

function onlySafeNumbers(json: unknown): void {
  assert.deepEqual(numbersInJson(json).filter((n) => !Number.isSafeInteger(n.value) && Math.abs(n.value) >= 2 ** 53), []);
}

test('a base of 2^53 + 1 in the settings: exact in the active layout, the layout view and the playground', async (t) => {
  const c = await startServer(t, { settings: { profile: { name: 'edge', memphys: hex(BASE), memlength: '96GiB' } } });
  const raw = await c.connection.sendRequest(activeLayoutRequest.method, {});
  onlySafeNumbers(raw);
  const active = activeLayoutRequest.result.parse(raw);
  assert.ok(active.report.layout.ok);
  assert.equal(active.report.layout.usemem.memphys, '0x20000000000001');
  assert.equal(active.report.layout.resmem?.memphys, hex(BASE + 95n * GiB));

  const view = await c.connection.sendRequest(layoutViewRequest.method, {});
  onlySafeNumbers(view);
  assert.ok(JSON.stringify(view).includes('"0x20000000000001"'));
  assert.equal(layoutViewRequest.result.parse(view).device.name, 'edge');

  const v = U64_MAX - 2n;
  const played = await c.request(emulateRequest, { ops: [{ op: 'configWrite', offset: 0x20, width: 8, value: hex(v) }, { op: 'configRead', offset: 0x20, width: 8 }, { op: 'mmap', pgoff: hex((1n << 53n) + 1n), length: '0x10000' }] });
  onlySafeNumbers(played);
  assert.ok(played.ok);
  assert.deepEqual(played.steps[1].result, { emulated: true, value: hex((v & ~(128n * GiB - 1n)) | 0xcn) });
  // pgoff 2^53 + 1 with 64 KiB pages is index 2^29: no such region, refused rather than wrapped.
  assert.notEqual(played.steps[2].outcome, 'ok');
  await c.stop();
});

test('a profile document whose base needs all 64 bits: the layout view for it is exact; example I is EOVERFLOW', async (t) => {
  const c = await startServer(t);
  const uri = 'file:///w/.vfio-lens.json';
  const doc = JSON.stringify({ devices: [{ name: 'top', memphys: '0xffffffe820000000', memlength: '0x1800000000' }, { name: 'wraps', memphys: '0xfffffff000000000', memlength: '0x1800000000' }] });
  await c.open(uri, 'json', doc);
  const view = await c.request(layoutViewRequest, { uri });
  assert.equal(view.device.name, 'top');
  assert.ok(JSON.stringify(view).includes('"0xffffffffe0000000"'), 'example J: resmem at 2^64 − 512 MiB');
  const wraps = await c.request(layoutViewRequest, { uri: 'file:///w/none.json' });
  assert.equal(wraps.device.name, 'top', 'the first device of the workspace is the active one');
  await c.configure({ activeDevice: 'wraps' }, uri);
  const i = await c.request(layoutViewRequest, { uri });
  assert.equal(i.device.name, 'wraps');
  assert.ok(!i.layout.ok && i.layout.error === 'EOVERFLOW', JSON.stringify(i.layout));
  await c.stop();
});
