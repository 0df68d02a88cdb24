// Device profiles over real JSON-RPC: schema and layout diagnostics on exact
// ranges, device hovers, and the workspace's devices feeding the active layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, startServer } from '../support/lspClient';
import { cursor, positionOf, renderDiagnostics } from '../support/markers';
import { activeLayoutRequest, listProfilesRequest } from '../../shared/protocol';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test/fixtures/profiles', name), 'utf8');
const LAB_URI = 'file:///ws/lab.vfio-lens.json';

test('profile file: layout notes on the memlength that causes them (examples B and C on 6.14)', async (t) => {
  const c = await startServer(t);
  const text = fixture('lab.vfio-lens.json');
  const diags = await c.open(LAB_URI, 'json', text);
  assert.equal(
    renderDiagnostics(text, diags),
    `{
  "$schema": "../../../schemas/vfio-lens.schema.json",
  "kernel": "6.14",
            ^^^^^^ NVG020 info: kernel 6.14 polls the GPU's BAR0 readiness registers (C2C link 0x1498, HBM training 0x200bc) at probe for up to 30 s, but a timeout does not fail probe (the poll's error is lost; 6.19 fails probe with -ETIME): a GPU that never becomes ready is bound anyway and its memory offered to VMs
  "pageSize": 65536,
  "devices": [
    { "name": "gh200-a", "bdf": "0009:01:00.0", "memphys": "0x400000000000", "memlength": "0x1800000000" },
    { "name": "gh200-b", "bdf": "0019:01:00.0", "memphys": "0x400000000000", "memlength": "0x17f0000000" },
                                                                                          ^^^^^^^^^^^^^^ NVG005 info: 256 MiB (0x10000000) of device memory goes to the uncached resmem, not to usemem: size − 1 GiB is not a multiple of 512 MiB, and the usemem round-down moves the rest (resmem 1.25 GiB, BAR 2 GiB)
    { "name": "gh200-c", "memphys": "0x400000000000", "memlength": "0x1050000000" },
                                                                   ^^^^^^^^^^^^^^ NVG005 info: 256 MiB (0x10000000) of device memory goes to the uncached resmem, not to usemem: size − 1 GiB is not a multiple of 512 MiB, and the usemem round-down moves the rest (resmem 1.25 GiB, BAR 2 GiB)
                                                                   ^^^^^^^^^^^^^^ NVG150 info: the usemem BAR (128 GiB) is at least half padding: 64 GiB (0x1000000000) past the 64 GiB of device memory reads 0xFF and cannot be mapped, yet the VM must find MMIO space for all of it
                                                                   ^^^^^^^^^^^^^^ NVG006 warning: the usemem BAR is 64 GiB on kernels 6.9–6.13 but 128 GiB on 6.14 and later (6.14 sizes it before the 512 MiB round-down): a host kernel upgrade changes what the guest sees
    { "name": "gb200-d", "bdf": "0008:01:00.0", "sku": "gb200" }
  ]
}
`,
  );

  // Example B: usemem 94.5 GiB in a 128 GiB BAR, resmem 1.25 GiB in 2 GiB.
  const h = await c.hover(LAB_URI, positionOf(text, '"gh200-b"', 3));
  const md = (h?.contents as { value: string }).value;
  assert.match(md, /^\*\*gh200-b\*\* — base `0x400000000000`, size `0x17f0000000` \(95\.75 GiB\)/);
  assert.ok(md.includes('kernel 6.14, 6.14+ rules · page size 64 KiB'), md);
  assert.ok(md.includes('MIG hardware bug: present (Grace Hopper) — 1 GiB resmem carved (not given: assumed present, as on Grace Hopper)'), md);
  assert.ok(md.includes('| BAR2 resmem | 2 | `0x20000000000` | `0x50000000` 1.25 GiB | `0x80000000` 2 GiB | 768 MiB (37.5%) | `0xffffffff8000000c` |'), md);
  assert.ok(md.includes('| BAR4 usemem | 4 | `0x40000000000` | `0x17a0000000` 94.5 GiB | `0x2000000000` 128 GiB | 33.5 GiB (26.2%) | `0xffffffe00000000c` |'), md);
  assert.ok(md.includes('Host PCI address `0019:01:00.0`.'), md);

  // Example F: GB200 preset, no resmem, 256 GiB usemem BAR, values said to be typical.
  const gb = (await c.hover(LAB_URI, positionOf(text, '"gb200-d"', 3)))?.contents as { value: string };
  assert.ok(gb.value.includes('MIG hardware bug: absent (Grace Blackwell) — no resmem, region 2 is the physical BAR (from the SKU gb200)'), gb.value);
  assert.ok(gb.value.includes('| BAR4 usemem | 4 | `0x40000000000` | `0x2e80000000` 186 GiB | `0x4000000000` 256 GiB | 70 GiB (27.3%) | `0xffffffc00000000c` |'), gb.value);
  assert.ok(!gb.value.includes('BAR2 resmem'), gb.value);
  assert.ok(gb.value.includes('Typical values of the SKU preset GB200'), gb.value);

  // The file's first device is the active one, with the file's kernel.
  const r = await c.request(activeLayoutRequest, {});
  assert.equal(r.profile.name, 'gh200-a');
  assert.equal(r.profile.source, LAB_URI);
  assert.equal(r.report.kernel, '6.14');
  const active = (await c.hover(LAB_URI, positionOf(text, '"gh200-a"', 3)))?.contents as { value: string };
  assert.ok(active.value.includes('This is the **active device**'), active.value);
  assert.ok(gb.value.includes('Not the active device.'), gb.value);
  await c.stop();
});

test('profile file: schema errors, driver errors and duplicates, each on its field', async (t) => {
  const c = await startServer(t);
  const text = fixture('broken.vfio-lens.json');
  const diags = await c.open('file:///ws/broken.vfio-lens.json', 'json', text);
  assert.equal(
    renderDiagnostics(text, diags),
    `{
  "kernel": "6.13",
  "pageSize": 4000,
              ^^^^ NVG152 error: "pageSize": expected 4096 or 65536
  "extra": 1,
  ^^^^^^^ NVG152 error: unknown field "extra": expected one of "$schema", "kernel", "pageSize", "devices"
  "devices": [
    { "name": "zero", "memphys": "0x400000000000", "memlength": 0 },
                                                                ^ NVG002 error: nvidia,gpu-mem-size is 0 (firmware reports 0 when the C2C link is down): the driver falls back to plain vfio-pci ops — no fake BARs, no device memory for the VM
    { "name": "tiny", "memphys": "0x400000000000", "memlength": "768M" },
                                                                ^^^^^^ NVG003 error: device memory 768 MiB is smaller than the 1 GiB resmem carve-out: the subtraction underflows and probe fails with -EOVERFLOW
    { "name": "small", "memphys": "0x400000000000", "memlength": "0x50000000" },
                                                                 ^^^^^^^^^^^^ NVG004 error: usemem rounds down to 0: 1.25 GiB minus the 1 GiB carve-out is below the 512 MiB memblock, probe fails with -EINVAL
    { "name": "wrap", "memphys": "0xFFFFFFF000000000", "memlength": "96GiB" },
                                 ^^^^^^^^^^^^^^^^^^^^ NVG008 error: resmem base 0xfffffff000000000 + 0x17c0000000 wraps past 2^64: probe fails with -EOVERFLOW
    { "name": "big", "memphys": 70368744177664000, "memlength": "banana" },
                                ^^^^^^^^^^^^^^^^^ NVG152 error: "memphys": JSON numbers above 2^53 lose precision: write 64-bit values as hex strings "0x…"
                                                                ^^^^^^^^ NVG152 error: "memlength": "banana" is not a number: use hex "0x…", decimal, or a size like "96GiB"
    { "name": "gb", "sku": "gb200" },
                           ^^^^^^^ NVG011 error: GB200 SKU (10de:2941) is not in kernel 6.13's nvgrace-gpu ID table (added in 6.14): modules.alias has no line for it, so libvirt (which picks the variant driver from modules.alias) gives it plain vfio-pci; only an explicit driver_override binds nvgrace-gpu (an override matches any device)
    { "name": "nobug", "memphys": "0x400000000000", "memlength": "0x1800000000", "migHwBug": false },
                                                                                             ^^^^^ NVG012 warning: kernel 6.13 predates the MIG-bug check (6.14): it carves the 1 GiB resmem from a device without the bug too
    { "name": "typo", "sku": "gh300", "colour": "green" },
                             ^^^^^^^ NVG152 error: "sku": Invalid option: expected one of "gh200-96gb"|"gh200-144gb"|"gb200"|"gb300"
                                      ^^^^^^^^ NVG152 error: unknown field "colour": expected one of "name", "bdf", "sku", "memphys", "memlength", "migHwBug", "kernel", "pageSize"
    { "bdf": "9:1:0.0" },
    ^ NVG152 error: missing required field "name"
             ^^^^^^^^^ NVG152 error: "bdf": expected a PCI address such as "0009:01:00.0"
    { "name": "unaligned", "sku": "gh200-96gb", "memphys": "0x400000001000" },
                                                           ^^^^^^^^^^^^^^^^ NVG007 error: base is not aligned to the 65536-byte page: the start PFN truncates, mmap maps the wrong bytes
    { "name": "nosize", "memphys": "0x400000000000" },
              ^^^^^^^^ NVG153 error: device "nosize" needs "memlength" (nvidia,gpu-mem-size) or a "sku"
    { "name": "zero", "bdf": "0009:01:00.0", "sku": "gh200-96gb" }
              ^^^^^^ NVG154 warning: another device is already named "zero": pickers and settings find the first one
  ]
}
`,
  );
  const dup = diags.find((d) => d.code === 'NVG154')!;
  assert.deepEqual(dup.relatedInformation?.[0].location.range.start, positionOf(text, '"zero"'));
  await c.stop();
});

test('profile file: JSON syntax errors are located, and an edit re-checks incrementally', async (t) => {
  const c = await startServer(t);
  const uri = 'file:///ws/edit.vfio-lens.json';
  const text = '{ "devices": [ { "name": "x", "memphys": "0x400000000000", "memlength": "96G", } ] }';
  const diags = await c.open(uri, 'json', text);
  assert.equal(
    renderDiagnostics(text, diags),
    `${text}
                                                                               ^ NVG151 error: JSON: expected a property name in double quotes (trailing commas are not JSON)`,
  );
  // Replace "96G" with 0: the driver's ENOMEM lands on the new value.
  const at = positionOf(text, '"96G"');
  const after = await c.change(uri, [{ range: { start: at, end: { line: 0, character: at.character + 5 } }, text: '0' }]);
  assert.deepEqual(
    after.map((d) => d.code),
    ['NVG151', 'NVG002'],
  );
  assert.deepEqual(after[1].range, { start: at, end: { line: 0, character: at.character + 1 } });
  await c.stop();
});

test('a bad document never breaks the server: empty, an array, and garbage', async (t) => {
  const c = await startServer(t);
  for (const [i, text] of ['', '[]', '{"devices": [{"name": "x", "sku": ', '\u0000\u0001}}}'].entries()) {
    const diags = await c.open(`file:///ws/bad${i}.vfio-lens.json`, 'json', text);
    assert.ok(diags.length > 0, `no diagnostic for ${JSON.stringify(text)}`);
    assert.ok(diags.some((d) => d.code === 'NVG151' || d.code === 'NVG152'), JSON.stringify(diags));
    assert.ok(diags.every((d) => /^NVG15\d$/.test(String(d.code))), JSON.stringify(diags));
  }
  const { text, position } = cursor('{ "devices": [ { "na|me": "x" ');
  await c.open('file:///ws/partial.vfio-lens.json', 'json', text);
  assert.equal(await c.hover('file:///ws/partial.vfio-lens.json', position), null);
  assert.doesNotMatch(c.serverStderr, /Error|failed/);
  await c.stop();
});

test('workspace profile files: found at start, followed on disk, replaced while open, settings re-resolve them', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vfio-lens-ws-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'rack', 'gpus.vfio-lens.json');
  mkdirSync(path.dirname(file));
  writeFileSync(file, JSON.stringify({ devices: [{ name: 'disk-gh', bdf: '0009:01:00.0', memphys: '0x400000000000', memlength: '0x1050000000' }] }));
  mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules', 'dep', '.vfio-lens.json'), JSON.stringify({ devices: [{ name: 'from-node-modules', sku: 'gb300' }] }));
  mkdirSync(path.join(dir, '.git'));
  writeFileSync(path.join(dir, '.git', '.vfio-lens.json'), JSON.stringify({ devices: [{ name: 'from-git', sku: 'gb300' }] }));
  const uri = pathToFileURL(file).href;

  const c = await startServer(t, { workspaceFolders: [dir], settings: { kernel: '6.13' } });
  let list = await c.request(listProfilesRequest, {});
  assert.equal(list.active, 'disk-gh');
  assert.deepEqual(list.profiles.filter((p) => p.source !== 'preset').map((p) => p.name), ['disk-gh']);
  let r = await c.request(activeLayoutRequest, {});
  assert.equal(r.report.layout.ok && r.report.layout.usemem.barSize, '0x1000000000'); // example C on 6.13: 64 GiB

  // The settings' kernel applies to a device that names none: 6.14 gives 128 GiB.
  await c.configure({ kernel: '6.14' });
  r = await c.request(activeLayoutRequest, {});
  assert.equal(r.report.kernel, '6.14');
  assert.equal(r.report.layout.ok && r.report.layout.usemem.barSize, '0x2000000000');

  // A change on disk, reported by the client's watcher. An open lspci document
  // is re-checked after every profile change: its diagnostics tell us when.
  const probe = 'file:///ws/probe.lspci';
  await c.open(probe, 'lspci', '');
  let republished = c.waitForDiagnostics(probe);
  writeFileSync(file, JSON.stringify({ devices: [{ name: 'disk-gb', sku: 'gb200' }] }));
  await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  await republished;
  list = await c.request(listProfilesRequest, {});
  assert.equal(list.active, 'disk-gb');

  // Open with other text: the editor's text wins; closed again: the disk's.
  await c.open(uri, 'json', JSON.stringify({ devices: [{ name: 'editing', sku: 'gh200-144gb' }] }));
  assert.equal((await c.request(listProfilesRequest, {})).active, 'editing');
  republished = c.waitForDiagnostics(probe);
  await c.close(uri);
  await republished;
  assert.equal((await c.request(listProfilesRequest, {})).active, 'disk-gb');

  // Deleted: back to the preset.
  rmSync(file);
  republished = c.waitForDiagnostics(probe);
  await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
  await republished;
  list = await c.request(listProfilesRequest, {});
  assert.equal(list.active, 'GH200 96 GB');
  await c.stop();
});

// Domain §7 NVG007 covers the size too: a memory size that ends inside a page
// cannot be mmapped whole. GB 96 GiB + 4 KiB on 64 KiB pages: 4 KiB into the
// last page (a warning: 4 KiB-aligned); GH 96 GiB + 2 KiB: resmem 0x40000800 (an error),
// and those 2 KiB past usemem's 512 MiB round-down are NVG005's too.
test('profile file: NVG007 on a memlength that is not a whole number of pages', async (t) => {
  const c = await startServer(t);
  const text = `{
  "pageSize": 65536,
  "devices": [
    { "name": "gb", "memphys": "0x400000000000", "memlength": "0x1800001000", "migHwBug": false },
    { "name": "gh", "memphys": "0x400000000000", "memlength": "0x1800000800" }
  ]
}
`;
  const diags = await c.open('file:///ws/pages.vfio-lens.json', 'json', text);
  const lines = renderDiagnostics(text, diags).split('\n').filter((l) => / NVG\d{3} /.test(l));
  assert.deepEqual(lines, [
    '                                                              ^^^^^^^^^^^^^^ NVG007 warning: size is not a multiple of the 64 KiB page: usemem (0x1800001000) ends 4 KiB into its last page, so an mmap of all of it (what QEMU does with the sparse area) rounds up past memlength and fails with -EINVAL; QEMU then traps every access to the region',
    '                                                              ^^^^^^^^^^^^^^ NVG005 info: 2 KiB (0x800) of device memory goes to the uncached resmem, not to usemem: size − 1 GiB is not a multiple of 512 MiB, and the usemem round-down moves the rest (resmem ≈ 1 GiB, BAR 2 GiB)',
    '                                                              ^^^^^^^^^^^^^^ NVG007 error: size is not a multiple of the 64 KiB page: resmem (0x40000800) ends 2 KiB into its last page, so an mmap of all of it (what QEMU does with the sparse area) rounds up past memlength and fails with -EINVAL; QEMU then traps every access to the region',
  ]);
  await c.stop();
});
