// vfioLens/layoutView and vfioLens/emulate over real JSON-RPC against the
// bundled server, and the contextChanged notification the client refreshes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-jsonrpc';
import { startServer } from '../support/lspClient';
import { contextChangedNotification, emulateRequest, layoutViewRequest } from '../../shared/protocol';

test('layoutView: the GH200 96 GB preset by default, with example A drawn to scale', async (t) => {
  const c = await startServer(t);
  const v = await c.request(layoutViewRequest, {});
  assert.equal(v.device.name, 'GH200 96 GB');
  assert.equal(v.device.source, 'preset');
  assert.deepEqual(v.context, { fromDocument: false });
  const bar4 = v.apertures.find((a) => a.bar === 'BAR4')!;
  assert.deepEqual(bar4.segments.map((s) => [s.kind, s.size, s.drawn]), [['backed', '0x17c0000000', 742], ['padding', '0x840000000', 258]]);
  assert.equal(v.fd[4].offset, '0x40000000000');
  assert.deepEqual(v.window.blocks.map((b) => [b.name, b.stride, b.active]), [['GH200 96 GB', '0x4000000000', true]]);
  await c.stop();
});

test('layoutView follows the settings: inline profile, picked device, kernel; contextChanged is announced', async (t) => {
  const lab = { name: 'lab GH', memphys: '0x400000000000', memlength: '0x1050000000' };
  const c = await startServer(t, { settings: { kernel: '6.13', profile: lab } });
  let v = await c.request(layoutViewRequest, { uri: 'file:///tmp/qemu.sh' });
  assert.equal(v.device.name, 'lab GH');
  assert.equal(v.device.rules, '6.9–6.13 rules');
  assert.equal(v.apertures.find((a) => a.bar === 'BAR4')!.barSize, '0x1000000000'); // example C: 64 GiB on 6.13
  assert.deepEqual(v.context, { uri: 'file:///tmp/qemu.sh', fromDocument: false });

  const announced = new Promise<unknown>((resolve) => c.connection.onNotification(contextChangedNotification.method, resolve));
  await c.configure({ kernel: '6.14', profile: lab, activeDevice: 'GB300' });
  const note = contextChangedNotification.params.parse(await announced);
  assert.ok(note.revision > 0);
  v = await c.request(layoutViewRequest, {});
  assert.equal(v.device.name, 'GB300');
  assert.deepEqual(v.layout, { ok: true, split: false });
  // GB300: 288 GiB in a 512 GiB aperture: 562.5‰ backed
  assert.deepEqual(v.apertures[0].segments.map((s) => s.drawn), [563, 437]);
  // The workspace's GPUs (the inline one) and the shown device share the window.
  assert.deepEqual(v.window.blocks.map((b) => [b.name, b.stride]), [['GB300', '0x10000000000'], ['lab GH', '0x4000000000']]);
  assert.equal(v.window.fits, false);
  await c.stop();
});

test('emulate: the BAR sizing sequence from the view model, replayed by the server, with its rules', async (t) => {
  const c = await startServer(t);
  const v = await c.request(layoutViewRequest, {});
  const r = await c.request(emulateRequest, { ops: v.playground.sizing as never });
  assert.ok(r.ok);
  assert.equal(r.device, 'GH200 96 GB');
  assert.deepEqual(r.steps.map((s) => s.result), [
    { emulated: true }, { emulated: true }, { emulated: true, value: '0xc000000c' }, { emulated: true, value: '0xffffffff' },
    { emulated: true }, { emulated: true }, { emulated: true, value: '0xc' }, { emulated: true, value: '0xffffffe0' },
  ]);
  assert.match(r.steps[7].rule, /= 0x2000000000 \(128 GiB\)/);
  assert.equal(r.registers.find((x) => x.offset === 0x24)!.value, '0xffffffe0');
  // Stateless: the same request again gives the same answer (a fresh device each time).
  assert.deepEqual(await c.request(emulateRequest, { ops: v.playground.sizing as never }), r);
  await c.stop();
});

test('emulate: bad ops are refused with InvalidParams and where the problem is', async (t) => {
  const c = await startServer(t);
  await assert.rejects(
    c.connection.sendRequest(emulateRequest.method, { ops: [{ op: 'reset' }, { op: 'configRead', offset: 32, width: 3 }] }),
    (e: unknown) => e instanceof ResponseError && e.code === -32602 && /ops\[1\]\.width: width must be 1, 2, 4 or 8/.test(e.message),
  );
  await assert.rejects(
    c.connection.sendRequest(emulateRequest.method, { ops: [{ op: 'regionRead', index: 4, offset: 4096, count: '0x10' }] }),
    (e: unknown) => e instanceof ResponseError && /ops\[0\]\.offset: expected a hex string/.test(e.message),
  );
  // The server is still fine afterwards.
  const r = await c.request(emulateRequest, { ops: [{ op: 'reset' }] });
  assert.ok(r.ok);
  await c.stop();
});
