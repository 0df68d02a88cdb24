// Neovim's built-in LSP client against `vfio-lens lsp --stdio`, configured as
// the README shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeLayoutRequest } from '../../shared/protocol';
import { positionOf } from '../support/markers';
import pkg from '../../package.json';
import { fixtureText, neovim, step } from './support/neovim';

const LAB = { name: 'lab GH', memphys: '0x400000000000', memlength: '0x1050000000' }; // 65.25 GiB: domain example C

test('initialize: the server names itself and offers hovers and inlay hints', async () => {
  const [init] = await neovim({ file: 'ring.c' }, [step.initialize()]);
  assert.deepEqual(init.serverInfo, { name: 'vfio-lens', version: pkg.version });
  assert.equal(init.capabilities.hoverProvider, true);
  assert.deepEqual(init.capabilities.inlayHintProvider, { resolveProvider: false });
});

test('diagnostics arrive for the buffer when it opens and again after an edit', async () => {
  const [, opened, version, edited] = await neovim({ file: 'ring.c' }, [
    step.initialize(),
    step.diagnostics(),
    step.edit(0, 0, ['/* edited in Neovim */']),
    step.diagnostics(),
  ]);
  assert.deepEqual(opened, [], 'nothing to say about plain C');
  assert.ok(version > 0, `buffer version ${version}`);
  assert.deepEqual(edited, []);
});

test('hover requests reach the server: plain C code gets no hover, and no window opens', async () => {
  const at = positionOf(fixtureText('ring.c'), 'ring_used', 2);
  const [, hover, float] = await neovim({ file: 'ring.c' }, [step.initialize(), step.hover(at), step.hoverFloat(at)]);
  assert.equal(hover, null);
  assert.equal(float, null);
});

test('vfioLens/activeLayout: the GH200 96 GB preset by default (domain example A)', async () => {
  const [, layout] = await neovim({ file: 'ring.c' }, [step.initialize(), step.request(activeLayoutRequest, {})]);
  assert.equal(layout.profile.name, 'GH200 96 GB');
  assert.deepEqual(layout.report.layout, {
    ok: true,
    usemem: { memphys: '0x400000000000', memlength: '0x17c0000000', barSize: '0x2000000000', regionIndex: 4, regionOffset: '0x40000000000' },
    resmem: { memphys: '0x4017c0000000', memlength: '0x40000000', barSize: '0x40000000', regionIndex: 2, regionOffset: '0x20000000000' },
  });
});

test('vfioLens/activeLayout follows the settings: 6.13 sizes usemem after rounding, 6.14 before', async () => {
  const [, on613, , , on614] = await neovim({ file: 'ring.c', settings: { kernel: '6.13', profile: LAB } }, [
    step.initialize(),
    step.request(activeLayoutRequest, {}),
    step.configure({ kernel: '6.14', profile: LAB }),
    step.diagnostics(), // the server re-publishes open buffers once the new settings apply
    step.request(activeLayoutRequest, {}),
  ]);
  assert.equal(on613.profile.name, LAB.name);
  assert.equal(on613.report.kernel, '6.13');
  // 65.25 − 1 GiB = 64.25, rounded down to 512 MiB = 64 GiB: BAR 64 GiB on 6.13, 128 GiB (64.25 rounded up) on 6.14
  assert.equal(on613.report.layout.ok && on613.report.layout.usemem.barSize, '0x1000000000');
  assert.equal(on613.report.layout.ok && on613.report.layout.resmem?.barSize, '0x80000000');
  assert.equal(on614.report.kernel, '6.14');
  assert.equal(on614.report.layout.ok && on614.report.layout.usemem.barSize, '0x2000000000');
});
