// ACPI _DSD over real JSON-RPC: diagnostics on the property values the
// driver reads, and the layout as a hover on the device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer } from '../support/lspClient';
import { positionOf, renderDiagnostics } from '../support/markers';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test/fixtures/acpi', name), 'utf8');

test('ASL: a GH200 _DSD of 95.75 GiB (example B) — info on the size, layout on the device', async (t) => {
  const c = await startServer(t);
  const text = fixture('gh200-ssdt.asl');
  const uri = 'file:///ws/gh200-ssdt.asl';
  const diags = await c.open(uri, 'asl', text);
  assert.deepEqual(
    renderDiagnostics(text, diags).split('\n').filter((l) => l.includes('NVG')),
    ['                                                            ^^^^^^^^^^^^^^^^^^ NVG005 info: 256 MiB (0x10000000) of device memory goes to the uncached resmem, not to usemem: size − 1 GiB is not a multiple of 512 MiB, and the usemem round-down moves the rest (resmem 1.25 GiB, BAR 2 GiB)'],
  );
  assert.equal(diags[0].range.start.line, positionOf(text, '0x00000017F0000000').line);

  const h = await c.hover(uri, positionOf(text, 'Device (GPU0)', 9));
  const md = (h?.contents as { value: string }).value;
  assert.match(md, /^\*\*\\_SB_\.PCI9\.RP00\.GPU0\*\* — base `0x400000000000`, size `0x17f0000000` \(95\.75 GiB\)/);
  assert.ok(md.includes('MIG hardware bug: present (Grace Hopper) — 1 GiB resmem carved (assumed from the active device "GH200 96 GB": the ASL does not say Grace Hopper or Grace Blackwell)'), md);
  assert.ok(md.includes('| BAR4 usemem | 4 | `0x40000000000` | `0x17a0000000` 94.5 GiB | `0x2000000000` 128 GiB | 33.5 GiB (26.2%) | `0xffffffe00000000c` |'), md);
  assert.ok(md.includes('Without the MIG hardware bug (Grace Blackwell): usemem BAR 128 GiB, no resmem.'), md);
  assert.ok(md.includes('64-bit Integers (compliance revision ≥ 2)'), md);

  const prop = (await c.hover(uri, positionOf(text, '"nvidia,gpu-mem-size"', 3)))?.contents as { value: string };
  assert.match(prop.value, /^`nvidia,gpu-mem-size`: bytes of GPU memory = `0x17f0000000` \(95\.75 GiB\)/);
  const rev = (await c.hover(uri, positionOf(text, '"SSDT", 2', 8)))?.contents as { value: string };
  assert.equal(rev.value, '**Compliance revision 2**: ASL Integers are 64-bit in this table.');

  const hints = await c.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } });
  assert.deepEqual(hints?.map((h) => h.label), ['95.75 GiB']);
  await c.stop();
});

test('ASL: a profile with the same base and size decides Grace Blackwell; kernel from that profile', async (t) => {
  const profile = { name: 'gb-lab', memphys: '0x400000000000', memlength: '0x17f0000000', migHwBug: false, kernel: '6.14' };
  const c = await startServer(t, { settings: { profile } });
  const text = fixture('gh200-ssdt.asl');
  const uri = 'file:///ws/gb.asl';
  const diags = await c.open(uri, 'asl', text);
  assert.deepEqual(diags, [], 'no rounding into resmem without the MIG bug');
  const md = ((await c.hover(uri, positionOf(text, 'Device (GPU0)', 9)))?.contents as { value: string }).value;
  assert.ok(md.includes('MIG hardware bug: absent (Grace Blackwell) — no resmem, region 2 is the physical BAR (from profile "gb-lab", which has the same base and size)'), md);
  assert.ok(md.includes('| BAR4 usemem | 4 | `0x40000000000` | `0x17f0000000` 95.75 GiB | `0x2000000000` 128 GiB | 32.25 GiB (25.2%) | `0xffffffe00000000c` |'), md);
  assert.ok(md.includes('With the MIG hardware bug (Grace Hopper): usemem BAR 128 GiB, resmem BAR 2 GiB.'), md);
  await c.stop();
});

test('ASL: every way a _DSD loses the device memory', async (t) => {
  const c = await startServer(t);
  const text = fixture('broken-dsd.asl');
  const diags = await c.open('file:///ws/broken-dsd.asl', 'asl', text);
  const marks = renderDiagnostics(text, diags).split('\n').filter((l) => l.includes(' NVG'));
  assert.deepEqual(marks, [
    '                                                        ^^^^ NVG002 error: nvidia,gpu-mem-size is 0 (firmware reports 0 when the C2C link is down): the driver falls back to plain vfio-pci ops — no fake BARs, no device memory for the VM',
    '                                 ^^^^^^^^^^^^^^^^^^^^^^^^ NVG001 error: "nvidia,gpu-mem-size" is missing from this _DSD: the driver\'s property read fails and it falls back to plain vfio-pci ops — no fake BARs, no device memory for the VM',
    '                                                           ^^^^^^^^^^^^^^^^ NVG200 error: "nvidia,gpu-mem-base-pa" is a String, not an Integer: the driver\'s u64 property read fails and it falls back to plain vfio-pci ops — no fake BARs',
    '                                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ NVG200 error: "nvidia,gpu-mem-size" is a Buffer, not an Integer: the driver\'s u64 property read fails and it falls back to plain vfio-pci ops — no fake BARs',
    '                                                            ^^^^ NVG004 error: usemem rounds down to 0: 1.25 GiB minus the 1 GiB carve-out is below the 512 MiB memblock, probe fails with -EINVAL',
    '                                 ^^^^^^^^^^^^^^^^^^^^^^^^ NVG202 error: "nvidia,gpu-mem-base-pa" is in a package under UUID dbb8e3e6-5886-4ba6-8795-1319f52a966b, not the device-properties UUID daffd814-6eba-4d8c-8a91-bc9bbf4aa301: the driver does not see it',
    '                                 ^^^^^^^^^^^^^^^^^^^^^ NVG202 error: "nvidia,gpu-mem-size" is in a package under UUID dbb8e3e6-5886-4ba6-8795-1319f52a966b, not the device-properties UUID daffd814-6eba-4d8c-8a91-bc9bbf4aa301: the driver does not see it',
  ]);
  // The EINVAL sits on the reference GMSZ, whose Name holds 0x50000000 (1.25 GiB).
  const einval = diags.find((d) => d.code === 'NVG004')!;
  assert.deepEqual(einval.range.start, positionOf(text, 'GMSZ }'));
  const md = ((await c.hover('file:///ws/broken-dsd.asl', positionOf(text, 'GMSZ }', 1)))?.contents as { value: string }).value;
  assert.ok(md.startsWith('`nvidia,gpu-mem-size`: bytes of GPU memory = `0x50000000` (1.25 GiB) (through `\\_SB_.GPU3.GMSZ`)'), md);
  assert.ok(md.includes('**EINVAL**'), md);
  await c.stop();
});

test('ASL: a revision 1 table truncates the 64-bit values (NVG028), and the hover shows what the driver reads', async (t) => {
  const c = await startServer(t);
  const text = fixture('rev1-dsdt.asl');
  const uri = 'file:///ws/rev1.asl';
  const diags = await c.open(uri, 'asl', text);
  assert.deepEqual(
    renderDiagnostics(text, diags).split('\n').filter((l) => l.includes(' NVG')),
    [
      '                                                           ^^^^^^^^^^^^^^ NVG028 error: this table\'s DefinitionBlock has compliance revision < 2, so ASL Integers are 32-bit: 0x400000000000 is truncated to 0x0: with the truncated values the size reads 0, so the driver falls back to plain vfio-pci — no fake BARs',
      '                                                        ^^^^^^^^^^^^ NVG028 error: this table\'s DefinitionBlock has compliance revision < 2, so ASL Integers are 32-bit: 0x1800000000 is truncated to 0x0: with the truncated values the size reads 0, so the driver falls back to plain vfio-pci — no fake BARs',
    ],
  );
  const rev = ((await c.hover(uri, positionOf(text, '"SSDT", 1', 8)))?.contents as { value: string }).value;
  assert.match(rev, /^\*\*Compliance revision 1\*\*: ASL Integers are 32-bit in this table — values above 0xFFFFFFFF are truncated/);
  const md = ((await c.hover(uri, positionOf(text, 'Device (GPU0)', 2)))?.contents as { value: string }).value;
  assert.ok(md.includes('**ENOMEM**'), md);
  await c.stop();
});

test('ASL: unbalanced brackets and a 65-bit literal are located, the rest is still read', async (t) => {
  const c = await startServer(t);
  const text = [
    'Device (GPU0)',
    '{',
    '    Name (_DSD, Package () {',
    '        ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"),',
    '        Package () {',
    '            Package () { "nvidia,gpu-mem-base-pa", 0x1FFFFFFFFFFFFFFFF },',
    '            Package () { "nvidia,gpu-mem-size", 0x1800000000 }',
    '        }',
    '    }',
    '}',
  ].join('\n');
  const diags = await c.open('file:///ws/excerpt.dsl', 'asl', text);
  assert.equal(
    renderDiagnostics(text, diags),
    [
      'Device (GPU0)',
      '{',
      '    Name (_DSD, Package () {',
      '        ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"),',
      '        Package () {',
      '            Package () { "nvidia,gpu-mem-base-pa", 0x1FFFFFFFFFFFFFFFF },',
      '                                                   ^^^^^^^^^^^^^^^^^^^ NVG201 error: 0x1ffffffffffffffff does not fit in 64 bits: ASL Integers are at most 0xFFFFFFFFFFFFFFFF',
      '            Package () { "nvidia,gpu-mem-size", 0x1800000000 }',
      '        }',
      '    }',
      '}',
      '^ NVG204 error: ASL: "}" here, but the "(" on line 3 is not closed: a ")" is missing',
    ].join('\n'),
  );
  await c.stop();
});
