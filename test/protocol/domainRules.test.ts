// The domain rules that live where a user picks a kernel, a base address or a
// device operation (NVG009, NVG020, NVG021, NVG023, NVG024, NVG027), over real
// JSON-RPC. Expected numbers are worked by hand from the domain doc (§3, §4, §5.3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer } from '../support/lspClient';
import { positionOf, renderDiagnostics } from '../support/markers';
import { emulateRequest, layoutViewRequest } from '../../shared/protocol';

const fixture = (dir: string, name: string) => readFileSync(path.join(ROOT, 'test/fixtures', dir, name), 'utf8');
const hoverText = async (c: Awaited<ReturnType<typeof startServer>>, uri: string, at: ReturnType<typeof positionOf>) =>
  ((await c.hover(uri, at))?.contents as { value: string } | undefined)?.value ?? '';

const READINESS = (v: string) =>
  `kernel ${v} polls the GPU's BAR0 readiness registers (C2C link 0x1498, HBM training 0x200bc) at probe for up to 30 s, but a timeout does not fail probe (the poll's error is lost; 6.19 fails probe with -ETIME): a GPU that never becomes ready is bound anyway and its memory offered to VMs`;
// 0x400000100000 mod 512 MiB (0x20000000) = 0x100000 = 1 MiB; mod 2 MiB (0x200000) = 1 MiB too.
const NO_HUGE = (pmd: string, page: string) =>
  `base 0x400000100000 is 1 MiB past a ${pmd} boundary (the PMD size with ${page} pages): 6.19+ maps device memory on fault and maps a ${pmd} block only at a ${pmd}-aligned PFN, so with QEMU's aligned mappings every fault falls back to ${page} pages — more faults and TLB misses, and no huge stage-2 mappings for the VM`;

test('profile: NVG020 on kernels 6.14–6.18, NVG009 on a base off the PMD size of its page size, 6.19+ only', async (t) => {
  const c = await startServer(t);
  const text = fixture('profiles', 'rules.vfio-lens.json');
  const uri = 'file:///ws/rules.vfio-lens.json';
  const diags = await c.open(uri, 'json', text);
  assert.equal(
    renderDiagnostics(text, diags),
    `{
  "kernel": "6.15",
            ^^^^^^ NVG020 info: ${READINESS('6.15')}
  "devices": [
    { "name": "gh-on-6.15", "sku": "gh200-96gb" },
    { "name": "gh-1m-off", "kernel": "7.0", "memphys": "0x400000100000", "memlength": "0x1800000000" },
                                                       ^^^^^^^^^^^^^^^^ NVG009 info: ${NO_HUGE('512 MiB', '64 KiB')}
    { "name": "gh-1m-off-6.18", "kernel": "6.18", "memphys": "0x400000100000", "memlength": "0x1800000000" },
                                          ^^^^^^ NVG020 info: ${READINESS('6.18')}
    { "name": "gh-2m-4k", "kernel": "6.19", "pageSize": 4096, "memphys": "0x400000200000", "memlength": "0x1800000000" },
    { "name": "gh-1m-off-4k", "kernel": "6.19", "pageSize": 4096, "memphys": "0x400000100000", "memlength": "0x1800000000" }
                                                                             ^^^^^^^^^^^^^^^^ NVG009 info: ${NO_HUGE('2 MiB', '4 KiB')}
  ]
}
`,
  );
  const diag = diags.find((d) => d.code === 'NVG009')!;
  assert.equal(diag.codeDescription?.href, 'https://github.com/vfio-lens/vfio-lens/blob/main/docs/diagnostics.md#nvg009');

  // The kernel hover says when the readiness timeout counts.
  const k615 = await hoverText(c, uri, positionOf(text, '"6.15"', 2));
  assert.ok(k615.endsWith(`Readiness: ${READINESS('6.15')}.`), k615);
  const k619 = await hoverText(c, uri, positionOf(text, '"6.19"', 2));
  assert.ok(k619.endsWith("Readiness: kernel 6.19 polls the GPU's BAR0 readiness registers (C2C link 0x1498, HBM training 0x200bc) at probe for up to 30 s; a timeout fails probe with -ETIME."), k619);

  // The device hover says how mmap maps the memory on its kernel.
  const dev = async (name: string) => hoverText(c, uri, positionOf(text, `"${name}"`, 2));
  assert.ok((await dev('gh-on-6.15')).includes('mmap: kernels before 6.19 map the whole range at mmap time, in 64 KiB pages'));
  assert.ok((await dev('gh-1m-off')).includes("mmap: 6.19+ maps on fault; the base is 1 MiB past a 512 MiB boundary, so with QEMU's aligned mappings faults fall back to 64 KiB pages (NVG009)"));
  assert.ok((await dev('gh-2m-4k')).includes('mmap: 6.19+ maps on fault; the base is 2 MiB-aligned, so faults can map 2 MiB blocks (PMD) where the address aligns too'));
  await c.stop();
});

test('ASL: NVG009 on the _DSD base on the active kernel (mainline), nothing on 6.18', async (t) => {
  const text = fixture('acpi', 'offset-base.asl');
  const uri = 'file:///ws/offset-base.asl';
  const c = await startServer(t);
  const marks = renderDiagnostics(text, await c.open(uri, 'asl', text)).split('\n').filter((l) => / NVG\d{3} /.test(l));
  assert.deepEqual(marks, [`                                                           ^^^^^^^^^^^^^^^^^^ NVG009 info: ${NO_HUGE('512 MiB', '64 KiB')}`]);
  await c.stop();
  const old = await startServer(t, { settings: { kernel: '6.18' } });
  assert.deepEqual(await old.open(uri, 'asl', text), []);
  await old.stop();
});

test('layout view: the readiness note on a 6.14–6.18 kernel (NVG020), none on 6.19', async (t) => {
  const c = await startServer(t, { settings: { kernel: '6.16' } });
  let v = await c.request(layoutViewRequest, {});
  assert.deepEqual(v.notes, [{ severity: 'info', code: 'READINESS_TIMEOUT_IGNORED', message: READINESS('6.16') }]);
  await c.configure({ kernel: '6.19' });
  v = await c.request(layoutViewRequest, {});
  assert.deepEqual(v.notes, []);
  await c.stop();
});

test('playground over JSON-RPC: steps name NVG021, NVG023 and NVG024; results stay the emulate contract', async (t) => {
  const c = await startServer(t);
  const r = await c.request(emulateRequest, {
    ops: [
      { op: 'configRead', offset: 0x1c, width: 8 },
      { op: 'mmap', pgoff: '0x4000000', length: '0x17c0010000' },
      { op: 'regionWrite', index: 2, offset: '0x40000000', count: '0x4' },
      { op: 'regionInfo', index: 4 },
    ] as never,
  });
  assert.ok(r.ok);
  assert.deepEqual(r.steps.map((s) => [s.code, s.outcome]), [['NVG021', 'ok'], ['NVG023', 'error'], ['NVG024', 'error'], [undefined, 'ok']]);
  // example A: resmem BAR 1 GiB, so offset 0x40000000 is at the BAR size
  assert.deepEqual(r.steps[2].result, { emulated: true, error: 'EINVAL' });
  assert.match(r.steps[2].rule, /offset 0x40000000 is at or past the BAR size 0x40000000: pwrite fails with -EINVAL/);
  assert.deepEqual(r.steps[1].result, { emulated: true, error: 'EINVAL' });
  await c.stop();
});

test('lspci -x: hovers on the BAR2/BAR4 bytes show the emulated reads and sizing read-back (NVG027)', async (t) => {
  const c = await startServer(t);
  const text = fixture('lspci', 'guest-dump.lspci');
  const uri = 'file:///ws/guest-dump.lspci';
  assert.deepEqual(await c.open(uri, 'lspci', text), []);
  const tail = 'read = (stored & ~(BAR size − 1)) | 0xc (0xc = 64-bit | prefetchable memory); the guest derives the size from the all-ones read-back.';

  // Guest 01:00.0, example A: BAR4 at 0x8000000000 in 128 GiB, BAR2 at 0xa000000000 in 1 GiB.
  const bar4 = await hoverText(c, uri, positionOf(text, '20: 0c', 5));
  assert.equal(
    bar4,
    [
      '**`0x20`–`0x27` BAR4 register** — lspci read `0x000000800000000c`: address `0x8000000000`, flags `0xc`',
      '',
      'Emulated by nvgrace-gpu: cacheable device memory (usemem), BAR size `0x2000000000` (128 GiB) per the active device "GH200 96 GB":',
      '',
      '| guest reads | `0x20` | `0x24` |',
      '|---|---|---|',
      '| after open or reset | `0x0000000c` | `0x00000000` |',
      '| after writing all ones | `0x0000000c` | `0xffffffe0` |',
      '',
      tail,
      '',
      '✓ flags `0xc` and an address aligned to 128 GiB: a value the emulation returns.',
    ].join('\n'),
  );
  // bytes 8–15 of the "10:" line are 0x18–0x1f
  const bar2 = await hoverText(c, uri, positionOf(text, '0c 00 00 00 a0', 1));
  assert.ok(bar2.startsWith('**`0x18`–`0x1f` BAR2 register** — lspci read `0x000000a00000000c`: address `0xa000000000`, flags `0xc`'), bar2);
  assert.ok(bar2.includes('non-cached carve-out (resmem), BAR size `0x40000000` (1 GiB)'), bar2);
  assert.ok(bar2.includes('| after writing all ones | `0xc000000c` | `0xffffffff` |'), bar2);
  assert.equal(await hoverText(c, uri, positionOf(text, '10: 0c', 5)), '', 'BAR0 (0x10–0x17) is the physical register: no emulation to show');

  // Guest 02:00.0: flags 0x4 and 0x9000000000 (576 GiB, not a multiple of 128 GiB) cannot come from the emulation.
  const odd = await hoverText(c, uri, positionOf(text, '20: 04', 5));
  assert.ok(odd.endsWith('✗ flags `0x4`, not `0xc` and an address not aligned to 128 GiB: the emulation cannot return this — the host did not give the GPU through nvgrace-gpu, or the BAR is not 128 GiB.'), odd);

  // Host GB200 (bound to nvgrace_gpu_vfio_pci): BAR2 is physical, BAR4 becomes the 256 GiB usemem BAR in a VM.
  const hostBar2 = await hoverText(c, uri, positionOf(text, '0c 00 00 00 00 08', 1));
  assert.ok(hostBar2.endsWith('Not emulated by nvgrace-gpu: the GB200 preset (typical values; the active device "GH200 96 GB" is not Grace Blackwell) has no resmem, so region 2 is the physical BAR, which vfio-pci core virtualizes.'), hostBar2);
  const hostBar4 = await hoverText(c, uri, positionOf(text, '20: 0c 00 00 00 10', 5));
  assert.ok(hostBar4.includes("The host's physical register. In a VM, nvgrace-gpu emulates it as the cacheable device memory (usemem), BAR size `0x4000000000` (256 GiB)"), hostBar4);
  // 256 GiB: ~(2^38 − 1) | 0xc → high dword 0xffffffc0
  assert.ok(hostBar4.includes('| after writing all ones | `0x0000000c` | `0xffffffc0` |'), hostBar4);
  assert.ok(!hostBar4.includes('✓') && !hostBar4.includes('✗'), 'a host register is not judged against the emulation');
  await c.stop();
});
