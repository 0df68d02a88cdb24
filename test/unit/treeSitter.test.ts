import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createParser, initTreeSitter } from '../../server/src/parsing/treeSitter';

test('the C and bash grammars load and parse', async () => {
  await initTreeSitter();
  const c = createParser('c').parse('#define RESMEM_REGION_INDEX VFIO_PCI_BAR2_REGION_INDEX\nstatic int x = SZ_1G;\n');
  assert.ok(c);
  assert.equal(c.rootNode.child(0)?.type, 'preproc_def');
  assert.equal(c.rootNode.hasError, false);
  const sh = createParser('bash').parse("qemu-system-aarch64 -device 'vfio-pci,host=0009:01:00.0' \\\n  -m 64G\n");
  assert.ok(sh);
  const cmd = sh.rootNode.child(0);
  assert.equal(cmd?.type, 'command');
  assert.equal(cmd?.namedChildren.filter((n) => n?.type !== 'command_name').length, 4);
});
