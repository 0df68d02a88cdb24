// An editor opens documents as soon as the server has answered initialize,
// while the server still reads the workspace's profile files. The first
// diagnostics and hovers must already use them: a finding shown for the
// preset device and then taken back is a wrong finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../support/lspClient';
import { positionOf } from '../support/markers';
import { fixtures, markdown } from '../support/snippets';

const qemu = fixtures('qemu');

test('a QEMU script opened at start: the first diagnostics and hover use the GB200 the workspace profile declares', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vfio-lens-startup-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, '.vfio-lens.json'), JSON.stringify({ devices: [{ name: 'rack-gb', bdf: '0008:01:00.0', sku: 'gb200' }] }));
  const c = await startServer(t, { workspaceFolders: [dir] });
  const text = qemu.text('gb200x4-overflow.sh');
  const uri = qemu.uri('gb200x4-overflow.sh');
  // No request first: the document and the hover race the server's look at the folder.
  const [diagnostics, hover] = await Promise.all([c.open(uri, 'shellscript', text), c.hover(uri, positionOf(text, 'host=0008', 5))]);
  // gpu0 is rack-gb: 186 GiB in a 256 GiB BAR4 + 16 MiB BAR0 → a 512 GiB block. The other three are
  // unknown and taken for the active device, rack-gb too. (With the preset, each would be 256 GiB: 1 TiB.)
  assert.deepEqual(
    diagnostics.map((d) => d.message),
    ['the BAR apertures of 4 GPUs need 2 TiB (gpu0 512 GiB, gpu1 512 GiB, gpu2 512 GiB, gpu3 512 GiB) but the high PCIe MMIO window is 512 GiB (the default): set highmem-mmio-size=2T'],
  );
  assert.match(markdown(hover), /^\*\*`0008:01:00\.0` — rack-gb\*\* \(GB200; from profile file /);
  await c.stop();
});
