// libvirt domain XML through real JSON-RPC: the QEMU checks located on
// attributes, <qemu:commandline> read as QEMU arguments, fixes that fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/lspClient';
import { positionOf, renderDiagnostics } from '../support/markers';
import { annotated, applyEdits, fixtures, markdown } from '../support/snippets';

const { text: fixture, uri: uriOf } = fixtures('libvirt');

const GH200_LAB = { profile: { name: 'gh200-lab', bdf: '0009:01:00.0', sku: 'gh200-96gb' } };
const GB200_RACK = { profile: { name: 'rack-a gpu0', bdf: '0008:01:00.0', sku: 'gb200' } };

test('a good GH200 domain: no findings; the hostdev hover shows its layout, the machine hover the window from <qemu:commandline>', async (t) => {
  const c = await startServer(t, { settings: GH200_LAB });
  const text = fixture('gh200-good.xml');
  const uri = uriOf('gh200-good.xml');
  assert.deepEqual(await c.open(uri, 'xml', text), []);
  const dev = markdown(await c.hover(uri, positionOf(text, "domain='0x0009'", 3)));
  assert.match(dev, /^\*\*`0009:01:00\.0` — gh200-lab\*\*/);
  assert.ok(dev.includes('| BAR4 | usemem | 95 GiB | 128 GiB | 33 GiB |'), dev);
  assert.ok(dev.includes('Generic-initiator nodes: 1, 2, 3, 4, 5, 6, 7, 8 (8 of the 8 a Grace GPU expects).'), dev);
  const win = markdown(await c.hover(uri, positionOf(text, "machine='virt'", 10)));
  assert.match(win, /^\*\*QEMU `virt` high PCIe MMIO window: 1 TiB\*\* \(highmem-mmio-size=1T\)/);
  assert.ok(win.includes('| hostdev0 `0009:01:00.0` | gh200-lab | BAR0 16 MiB + BAR2 1 GiB + BAR4 128 GiB | 256 GiB | 0x0 | ✓ |'), win);
  // The size inside the <qemu:arg> value has the same hover.
  assert.equal(markdown(await c.hover(uri, positionOf(text, 'highmem-mmio-size=1T', 18))), win);
  await c.stop();
});

test('a broken GB200 domain: hyphenated driver model, pcihole64 not a power of two, GI cells with memory, undeclared and shared nodes', async (t) => {
  const c = await startServer(t, { settings: GB200_RACK });
  const text = fixture('gb200-broken.xml');
  const uri = uriOf('gb200-broken.xml');
  const diags = await c.open(uri, 'xml', text);
  assert.equal(
    annotated(text, diags),
    [
      "      <pcihole64 unit='GiB'>768</pcihole64>",
      "                            ^^^ NVG016 error: <pcihole64 unit='GiB'>768</pcihole64> is 768 GiB: the high window must be a power of two of at least 512 GiB — QEMU refuses it (\"highmem-mmio-size is not a power of 2\"); 1 TiB would do",
      "      <driver model='nvgrace-gpu-vfio-pci'/>",
      "                     ^^^^^^^^^^^^^^^^^^^^ NVG013 error: <driver model='nvgrace-gpu-vfio-pci'>: kernel driver names use underscores (KBUILD_MODNAME); libvirt binds the driver named \"nvgrace_gpu_vfio_pci\" and fails to find \"nvgrace-gpu-vfio-pci\"",
      "      <acpi nodeset='1-9'/>",
      "                     ^^^ NVG018 warning: generic initiator node 4 has memory: a Grace GPU's GI nodes are meant to be memory-less, so the guest driver can online the GPU's memory into them",
      '                     ^^^ NVG017 error: no NUMA node 9 is declared: QEMU exits with "Specified node 9 is invalid"',
      "        <address domain='0x0009' bus='0x01' slot='0x00' function='0x0'/>",
      "        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ NVG018 warning: hostdev1 has 1 generic-initiator node (8); a Grace GPU expects 8 memory-less nodes of its own, one acpi-generic-initiator per node — with fewer, the guest driver's MIG setup is limited",
      "      <acpi nodeset='8'/>",
      '                     ^ NVG018 warning: node 8 already belongs to hostdev0 as a generic-initiator node: each GPU needs nodes of its own',
    ].join('\n'),
  );
  const hole = diags.find((d) => d.code === 'NVG016')!;
  const [fix] = (await c.codeActions(uri, hole.range, [hole])) ?? [];
  assert.equal(fix.title, 'Set <pcihole64> to 1024');
  const model = diags.find((d) => d.code === 'NVG013')!;
  const [fix2] = (await c.codeActions(uri, model.range, [model])) ?? [];
  const fixed = applyEdits(text, [...fix.edit!.changes![uri], ...fix2.edit!.changes![uri]]);
  const after = await c.change(uri, [{ text: fixed }]);
  assert.deepEqual(after.map((d) => d.code).sort(), ['NVG017', 'NVG018', 'NVG018', 'NVG018']);
  await c.stop();
});

test('<driver model="vfio-pci"> on a device a profile names as a Grace GPU', async (t) => {
  const c = await startServer(t, { settings: { profile: { name: 'gh200-lab', bdf: '0009:01:00.0', sku: 'gh200-96gb' } } });
  const text = fixture('gb200-broken.xml');
  const diags = await c.open(uriOf('gb200-broken.xml'), 'xml', text);
  const d = diags.find((x) => x.code === 'NVG014');
  assert.ok(d, renderDiagnostics(text, diags));
  assert.equal(text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character), 'vfio-pci');
  assert.match(d.message as string, /^0009:01:00\.0 is gh200-lab \(a Grace GPU\): with <driver model='vfio-pci'> the guest sees only its physical BARs/);
  await c.stop();
});

test('four GB200s with highmem-mmio-size=1T in <qemu:commandline>: the finding sits on "1T" inside the attribute; the fix makes it 2T', async (t) => {
  const c = await startServer(t, { settings: GB200_RACK });
  const text = fixture('gb200x4-commandline.xml');
  const uri = uriOf('gb200x4-commandline.xml');
  const diags = await c.open(uri, 'xml', text);
  assert.equal(
    annotated(text, diags),
    [
      "    <qemu:arg value='highmem-mmio-size=1T'/>",
      '                                       ^^ NVG015 error: the BAR apertures of 4 GPUs need 2 TiB (hostdev0 512 GiB, hostdev1 512 GiB, hostdev2 512 GiB, hostdev3 512 GiB) but the high PCIe MMIO window is 1 TiB: set highmem-mmio-size=2T',
    ].join('\n'),
  );
  const [fix] = (await c.codeActions(uri, diags[0].range, [diags[0]])) ?? [];
  assert.deepEqual(await c.change(uri, [{ text: applyEdits(text, fix.edit!.changes![uri]) }]), []);
  await c.stop();
});

test('without any window setting, the fix adds <qemu:commandline> and the qemu namespace', async (t) => {
  const c = await startServer(t, { settings: GB200_RACK });
  const text = fixture('gb200x4-commandline.xml')
    .replace(" xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'", '')
    .replace(/ {2}<qemu:commandline>[\s\S]*<\/qemu:commandline>\n/, '');
  const uri = 'file:///tmp/gb200-tray.xml';
  const diags = await c.open(uri, 'xml', text);
  assert.deepEqual(diags.map((d) => [d.code, d.range.start.line]), [['NVG015', 4]]);
  const [fix] = (await c.codeActions(uri, diags[0].range, [diags[0]])) ?? [];
  assert.equal(fix.title, 'Add -machine highmem-mmio-size=2T through <qemu:commandline>');
  const fixed = applyEdits(text, fix.edit!.changes![uri]);
  assert.ok(fixed.startsWith("<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"), fixed.slice(0, 100));
  assert.ok(fixed.endsWith("  </devices>\n  <qemu:commandline>\n    <qemu:arg value='-machine'/>\n    <qemu:arg value='highmem-mmio-size=2T'/>\n  </qemu:commandline>\n</domain>\n"), fixed.slice(-300));
  assert.deepEqual(await c.change(uri, [{ text: fixed }]), []);
  await c.stop();
});

test('malformed XML gets a located error, never a crash; XML that is not a domain is left alone', async (t) => {
  const c = await startServer(t);
  const text = "<domain type='kvm'>\n  <devices>\n    <hostdev mode='subsystem' type='pci'>\n  </devices>\n</domain>\n";
  const diags = await c.open('file:///tmp/broken.xml', 'xml', text);
  assert.equal(diags[0].code, 'NVG256');
  assert.deepEqual(diags[0].range, { start: { line: 3, character: 2 }, end: { line: 3, character: 12 } }, 'the close tag that does not match');
  assert.match(diags[0].message as string, /^not well-formed XML: unexpected close tag/);
  assert.deepEqual(await c.open('file:///tmp/net.xml', 'xml', "<network><name>default</name><bridge name='virbr0'/></network>\n"), []);
  assert.equal(await c.hover('file:///tmp/net.xml', { line: 0, character: 3 }), null);
  await c.stop();
  assert.doesNotMatch(c.serverStderr, /Error/);
});
