import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/lspClient';
import { activeLayoutRequest, listProfilesRequest } from '../../shared/protocol';

for (const viaCli of [false, true]) {
  test(`server over stdio (${viaCli ? 'vfio-lens lsp --stdio' : 'dist/server.js'}): initialize, open, shut down`, async (t) => {
    const c = await startServer(t, { viaCli });
    const caps = c.initializeResult.capabilities;
    assert.equal(c.initializeResult.serverInfo?.name, 'vfio-lens');
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.inlayHintProvider, { resolveProvider: false });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'], resolveProvider: false });
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });

    const diags = await c.open('file:///tmp/notes.txt', 'plaintext', 'nothing for vfio-lens here\n');
    assert.deepEqual(diags, []);
    assert.equal(await c.hover('file:///tmp/notes.txt', { line: 0, character: 3 }), null);
    assert.equal(await c.hover('file:///tmp/never-opened.c', { line: 0, character: 0 }), null, 'unknown documents get an empty answer');
    assert.deepEqual(await c.inlayHints('file:///tmp/never-opened.c', { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }), []);
    assert.equal(await c.stop(), 0);
    assert.doesNotMatch(c.serverStderr, /Error/);
  });
}

test('the active layout comes from the model: GH200 96 GB preset by default (example A)', async (t) => {
  const c = await startServer(t);
  const r = await c.request(activeLayoutRequest, {});
  assert.equal(r.profile.name, 'GH200 96 GB');
  assert.equal(r.profile.source, 'preset');
  assert.equal(r.report.kernel, 'mainline (7.0)');
  assert.deepEqual(r.report.layout, {
    ok: true,
    usemem: { memphys: '0x400000000000', memlength: '0x17c0000000', barSize: '0x2000000000', regionIndex: 4, regionOffset: '0x40000000000' },
    resmem: { memphys: '0x4017c0000000', memlength: '0x40000000', barSize: '0x40000000', regionIndex: 2, regionOffset: '0x20000000000' },
  });
  await c.stop();
});

test('settings select the kernel and an inline profile; a changed setting takes effect', async (t) => {
  const c = await startServer(t, { settings: { kernel: '6.13', profile: { name: 'lab GH', memphys: '0x400000000000', memlength: '0x1050000000' } } });
  let r = await c.request(activeLayoutRequest, {});
  assert.equal(r.profile.name, 'lab GH');
  assert.equal(r.report.kernel, '6.13');
  assert.equal(r.report.layout.ok && r.report.layout.usemem.barSize, '0x1000000000'); // example C, 64 GiB
  await c.configure({ kernel: '6.14', profile: { name: 'lab GH', memphys: '0x400000000000', memlength: '0x1050000000' } });
  r = await c.request(activeLayoutRequest, {});
  assert.equal(r.report.layout.ok && r.report.layout.usemem.barSize, '0x2000000000'); // 128 GiB on 6.14+
  const list = await c.request(listProfilesRequest, {});
  assert.equal(list.active, 'lab GH');
  assert.ok(list.profiles.some((p) => p.name === 'GB300' && p.source === 'preset'));
  await c.stop();
});

test('a bad setting is reported and replaced by its default, the rest still applies', async (t) => {
  const c = await startServer(t);
  await c.configure({ kernel: 'banana', pageSize: 4096 });
  const r = await c.request(activeLayoutRequest, {});
  assert.equal(r.report.kernel, 'mainline (7.0)');
  assert.equal(r.profile.pageSize, 4096);
  assert.ok(c.shown.some((m) => /vfioLens\.kernel/.test(m)), c.shown.join('\n'));
  await c.stop();
});
