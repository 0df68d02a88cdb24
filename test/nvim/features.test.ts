// What a Neovim user sees from vfio-lens: hovers and diagnostics on the sample
// workspace and on broken fixtures, with Neovim's own filetypes as language
// ids (`sh` for a script without an extension, nothing for a .lspci dump).
// Rooted at examples/, the server reads its .vfio-lens.json: gh200-lab (the
// GH200 96 GB SKU) is the active device, gb200-rack-a sits at 0008:01:00.0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { activeLayoutRequest } from '../../shared/protocol';
import { annotated, positionOf } from '../support/markers';
import { EXAMPLES, FIXTURES_ROOT, fixtureText, neovim, step } from './support/neovim';

const inExamples = (f: string) => ({ file: path.join(EXAMPLES, f), rootDir: EXAMPLES });
const fixture = (f: string) => ({ file: path.join(FIXTURES_ROOT, f), rootDir: EXAMPLES });

test('the driver: K on USEMEM_REGION_INDEX shows region 4 at fd offset 0x40000000000 and a 0x2000000000 (128 GiB) BAR', async () => {
  const opts = inExamples('driver/main.c');
  const at = positionOf(fixtureText(opts.file), '#define USEMEM_REGION_INDEX', '#define '.length + 3);
  const [, layout, diagnostics, hover, float] = await neovim(opts, [step.initialize(), step.request(activeLayoutRequest, {}), step.diagnostics(), step.hover(at), step.hoverFloat(at)]);
  assert.equal(layout.profile.name, 'gh200-lab');
  assert.deepEqual(diagnostics, []);
  const md = (hover?.contents as { value: string }).value;
  for (const l of ['**VFIO region 4 · BAR4** · fd offset `0x40000000000`', '- BAR size `0x2000000000` (128 GiB), padding `0x840000000` (33 GiB, 25.8%: reads 0xff, writes dropped, not mappable)']) {
    assert.ok(md.includes(l), `hover has "${l}":\n${md}`);
  }
  // The floating window: the same text, as Neovim renders the Markdown.
  const shown = (float ?? []).join('\n');
  assert.match(shown, /VFIO region 4 · BAR4\S* · fd offset `?0x40000000000/);
  assert.match(shown, /BAR size `?0x2000000000`? \(128 GiB\)/);
  assert.match(shown, /gh200-lab · kernel mainline \(\d+\.\d+\), 6\.14\+ rules · 64 KiB pages/);
});

test('a broken driver: the two NVG106 errors at their exact ranges', async () => {
  const opts = fixture('drivers/broken/NVG106-not-pow2.c');
  const [, diagnostics] = await neovim(opts, [step.initialize(), step.diagnostics()]);
  assert.equal(
    annotated(fixtureText(opts.file), diagnostics),
    [
      '#define MEMBLK_SIZE (SZ_512M + SZ_256M)',
      '                    ^^^^^^^^^^^^^^^^^^^ NVG106 error: MEMBLK_SIZE is 0x30000000 (768 MiB), not a power of two: round_down()/ALIGN() by it mask the wrong bits',
      '\tusemem->memlength = round_down(usemem->memlength, USEMEM_ALIGN);',
      '                                                   ^^^^^^^^^^^^ NVG106 error: round_down() needs a power-of-two alignment; USEMEM_ALIGN is 0x30000000 (768 MiB), so the mask arithmetic gives a wrong result',
    ].join('\n'),
  );
});

test('a broken profile file: each bad field and each device the driver rejects, at its value', async () => {
  const opts = fixture('profiles/broken.vfio-lens.json');
  const [, diagnostics, hover] = await neovim(opts, [step.initialize(), step.diagnostics(), step.hover(positionOf(fixtureText(opts.file), '"nobug"', 2))]);
  const text = fixtureText(opts.file);
  assert.deepEqual(
    diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`).sort(),
    ['3:15 NVG152', '4:3 NVG152', '6:65 NVG002', '7:65 NVG003', '8:66 NVG004', '9:34 NVG008', '10:33 NVG152', '10:65 NVG152', '11:28 NVG011', '12:94 NVG012', '13:30 NVG152', '13:39 NVG152', '14:5 NVG152', '14:14 NVG152', '15:60 NVG007', '16:15 NVG153', '17:15 NVG154'].sort(),
    annotated(text, diagnostics),
  );
  assert.ok(
    annotated(text, diagnostics).includes(
      [
        '    { "name": "small", "memphys": "0x400000000000", "memlength": "0x50000000" },',
        '                                                                 ^^^^^^^^^^^^ NVG004 error: usemem rounds down to 0: 1.25 GiB minus the 1 GiB carve-out is below the 512 MiB memblock, probe fails with -EINVAL',
      ].join('\n'),
    ),
  );
  // The file's kernel is 6.13: a device without the MIG bug still gets the 1 GiB carve-out there.
  const md = (hover?.contents as { value: string }).value;
  assert.match(md, /^\*\*nobug\*\* — base `0x400000000000`, size `0x1800000000` \(96 GiB\)/);
  assert.ok(md.includes('| BAR2 resmem | 2 | `0x20000000000` | `0x40000000` 1 GiB | `0x40000000` 1 GiB | 0 | `0xffffffffc000000c` |'), md);
});

test('a QEMU script without an extension (filetype sh): the window overflow at virt, and the GB200 behind host=', async () => {
  const opts = fixture('qemu/start-gb200-gh200');
  const text = fixtureText(opts.file);
  const [, diagnostics, hover] = await neovim(opts, [step.initialize(), step.diagnostics(), step.hover(positionOf(text, 'host=$GB', 6))]);
  assert.equal(
    annotated(text, diagnostics),
    [
      'qemu-system-aarch64 -accel kvm -cpu host -machine virt,gic-version=3 \\',
      // gb200-rack-a: 16 MiB + 256 GiB → a 512 GiB block; gh200-lab: 16 MiB + 1 GiB + 128 GiB → 256 GiB
      '                                                  ^^^^ NVG015 error: the BAR apertures of 2 GPUs need 768 GiB (gb0 512 GiB, gh0 256 GiB) but the high PCIe MMIO window is 512 GiB (the default): set highmem-mmio-size=1T',
    ].join('\n'),
  );
  const md = (hover?.contents as { value: string }).value;
  assert.match(md, /^\*\*`0008:01:00\.0` — gb200-rack-a\*\* \(GB200; from profile file /);
  assert.ok(md.includes('| BAR4 | usemem | 186 GiB | 256 GiB | 70 GiB |'), md);
  assert.ok(md.includes('Guest aperture: 16 MiB + 256 GiB = 0x4001000000 → a 512 GiB block behind its root port'), md);
});

test('an lspci dump Neovim has no filetype for: Region 4 of 64 GiB where gh200-lab predicts 128 GiB', async () => {
  const opts = fixture('lspci/guest-mismatch.lspci');
  const [, diagnostics] = await neovim(opts, [step.initialize(), step.diagnostics()]);
  const messages = diagnostics.filter((d) => d.code === 'NVG210').map((d) => String(d.message));
  const region4 = messages.find((m) => m.startsWith('Region 4 (usemem) is 64 GiB here'));
  assert.ok(region4, annotated(fixtureText(opts.file), diagnostics));
  assert.match(region4, /but the active device "gh200-lab" predicts 128 GiB/);
});
