// Editors other than VS Code name languages their own way (Neovim sends its
// filetype: `sh`, `cpp` for a header, nothing for .lspci); the server reads
// the document as the language it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/lspClient';
import { positionOf } from '../support/markers';
import { fixtures, markdown } from '../support/snippets';

const qemu = fixtures('qemu');
const lspci = fixtures('lspci');

test('a shell script without an extension, opened as `sh` or `bash`: the sysfs and QEMU checks run, hovers answer', async (t) => {
  const c = await startServer(t);
  const text = qemu.text('bind-broken.sh');
  for (const id of ['sh', 'bash']) {
    const uri = `file:///srv/vm/bind-gpus-${id}`;
    const codes = (await c.open(uri, id, text)).map((d) => `${d.range.start.line}:${d.code}`);
    // line 7: hyphenated driver dir + bind without driver_override; line 9: hyphenated override value
    assert.deepEqual(codes.sort(), ['7:NVG013', '7:NVG250', '9:NVG013'], id);
  }
  const vm = qemu.text('gh200-single.sh');
  const uri = 'file:///srv/vm/start-gh200';
  await c.open(uri, 'sh', vm);
  assert.match(markdown(await c.hover(uri, positionOf(vm, 'host=$GPU', 6))), /^\*\*`0009:01:00\.0`/);
  await c.stop();
});

test('an lspci dump Neovim gives no filetype, and a header it calls cpp, are read by their file names', async (t) => {
  const c = await startServer(t);
  const dump = lspci.text('guest-mismatch.lspci');
  const codes = (await c.open(lspci.uri('guest-mismatch.lspci'), '', dump)).map((d) => d.code);
  assert.ok(codes.includes('NVG210') && codes.includes('NVG212'), codes.join());
  const header = '#include <linux/vfio_pci_core.h>\n#define USEMEM_REGION_INDEX VFIO_PCI_BAR4_REGION_INDEX\n#define MEMBLK_SIZE SZ_256M\n';
  const [d] = await c.open('file:///linux/drivers/vfio/pci/nvgrace-gpu/gracelens.h', 'cpp', header);
  assert.equal(d?.code, 'NVG107');
  assert.deepEqual(await c.open('file:///src/tool/main.cpp', 'cpp', header), [], 'C++ sources stay C++');
  await c.stop();
});
