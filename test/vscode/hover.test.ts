// Hovers in the sample workspace, asked of VS Code at exact positions. Its
// profile file makes gh200-lab (the GH200 96 GB SKU: 96 GiB at 0x400000000000,
// kernel mainline) the active device: usemem 95 GiB in a 128 GiB BAR4 at
// region 4, resmem 1 GiB in a 1 GiB BAR2 at region 2 (domain example A).
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { hovers, hoverText, openSample, positionOf } from './support/editor';

/** Asserts that each line occurs in the text (a hover's numbers, not its prose around them). */
function hasLines(text: string, lines: string[]): void {
  for (const l of lines) assert.ok(text.includes(l), `hover has "${l}":\n${text}`);
}

describe('hovers', () => {
  it('USEMEM_REGION_INDEX in the driver: region 4 at fd offset 0x40000000000, BAR 0x2000000000 (128 GiB); over the macro name and nowhere else', async () => {
    const { uri, document } = await openSample('driver/main.c');
    const start = positionOf(document.getText(), '#define USEMEM_REGION_INDEX', '#define '.length);
    const [h, ...others] = await hovers(uri, { line: start.line, character: start.character + 5 });
    assert.deepEqual(others, [], 'one hover');
    assert.deepEqual(h.range, { start, end: { line: start.line, character: start.character + 'USEMEM_REGION_INDEX'.length } });
    hasLines(h.text, [
      '**USEMEM_REGION_INDEX** = `4` · int',
      '`USEMEM_REGION_INDEX → VFIO_PCI_BAR4_REGION_INDEX → 4`',
      '**VFIO region 4 · BAR4** · fd offset `0x40000000000`',
      '- config register `0x20` (PCI_BASE_ADDRESS_4), lower half of a 64-bit BAR; BAR5 (`0x24`) holds the upper half',
      '- device memory `0x400000000000`–`0x4017bfffffff` (95 GiB)',
      '- BAR size `0x2000000000` (128 GiB), padding `0x840000000` (33 GiB, 25.8%: reads 0xff, writes dropped, not mappable)',
    ]);
    assert.match(h.text, /^gh200-lab · kernel mainline \(\d+\.\d+\), 6\.14\+ rules · 64 KiB pages:$/m);
    // The character before the name is the space after #define: no hover there.
    assert.deepEqual(await hovers(uri, { line: start.line, character: start.character - 1 }), []);
    assert.equal((await hovers(uri, h.range!.end)).length, 1, 'the end of the name still touches it');
  });

  it('a device in .vfio-lens.json: its BARs, fd offsets and sizing read-backs as a table', async () => {
    const { uri, document } = await openSample('.vfio-lens.json');
    const text = await hoverText(uri, positionOf(document.getText(), '"gh200-lab"', 2));
    hasLines(text, [
      '**gh200-lab** — base `0x400000000000`, size `0x1800000000` (96 GiB)',
      'MIG hardware bug: present (Grace Hopper) — 1 GiB resmem carved (from the SKU gh200-96gb)',
      '| BAR2 resmem | 2 | `0x20000000000` | `0x40000000` 1 GiB | `0x40000000` 1 GiB | 0 | `0xffffffffc000000c` |',
      '| BAR4 usemem | 4 | `0x40000000000` | `0x17c0000000` 95 GiB | `0x2000000000` 128 GiB | 33 GiB (25.8%) | `0xffffffe00000000c` |',
      'Host PCI address `0009:01:00.0`.',
      'This is the **active device**: other files are checked against it.',
    ]);
    const gb = await hoverText(uri, positionOf(document.getText(), '"gb200-rack-a"', 2));
    hasLines(gb, [
      '**gb200-rack-a** — base `0x400000000000`, size `0x2e80000000` (186 GiB)',
      'MIG hardware bug: absent (Grace Blackwell) — no resmem, region 2 is the physical BAR (from the SKU gb200)',
      // 186 GiB, no carve-out, rounded up to 256 GiB
      '| BAR4 usemem | 4 | `0x40000000000` | `0x2e80000000` 186 GiB | `0x4000000000` 256 GiB | 70 GiB (27.3%) | `0xffffffc00000000c` |',
      'Not the active device.',
    ]);
    assert.ok(!gb.includes('BAR2 resmem'), 'no resmem row for Grace Blackwell');
  });

  it('host= in the QEMU script: the profile with that BDF, its BARs and its block in the high MMIO window', async () => {
    const { uri, document } = await openSample('qemu/gh200-vm.sh');
    const text = document.getText();
    const at = positionOf(text, 'host=$GPU', 2); // the -device argument, not the comment that mentions host=
    const [h, ...others] = await hovers(uri, at);
    assert.deepEqual(others, []);
    assert.match(h.text, /^\*\*`0009:01:00\.0` — gh200-lab\*\* \(GH200 96 GB; from profile file \S+\/\.vfio-lens\.json; kernel mainline \(\d+\.\d+\), 6\.14\+ rules\)/);
    hasLines(h.text, [
      '| BAR2 | resmem | 1 GiB | 1 GiB | 0 B |',
      '| BAR4 | usemem | 95 GiB | 128 GiB | 33 GiB |',
      '| BAR0 | physical | — | 16 MiB | — |',
      // bus=pcie.0: the root bus, no bridge window; each BAR on its own, the 128 GiB one first in the 1 TiB window
      'Guest aperture: 16 MiB + 1 GiB + 128 GiB = 0x2041000000, on the root bus: each BAR placed on its own — at offset 0x0 of the 1 TiB high window.',
      'Generic-initiator nodes: 1, 2, 3, 4, 5, 6, 7, 8 (8 of the 8 a Grace GPU expects).',
    ]);
    const line = document.lineAt(at.line).text;
    assert.equal(line.slice(h.range!.start.character, h.range!.end.character), 'vfio-pci-nohotplug,host=$GPU,bus=pcie.0,addr=04.0,rombar=0,id=gpu0', 'the hover covers the -device argument');
  });
});
