import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from './run';

test('layout table for example A shows BAR sizes, padding and sizing read-backs', async () => {
  const r = await cli(['layout', '--memphys', '0x400000000000', '--memlength', '0x1800000000']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /kernel mainline \(7\.0\), 6\.14\+ rules/);
  assert.match(r.stdout, /BAR4\s+usemem\s+4\s+0x40000000000\s+0x400000000000\s+0x17c0000000 \(95 GiB\)\s+0x2000000000 \(128 GiB\)\s+0x840000000 \(33 GiB, 25\.8%\)\s+write-back/);
  assert.match(r.stdout, /BAR2\s+resmem\s+2\s+0x20000000000\s+0x4017c0000000\s+0x40000000 \(1 GiB\)\s+0x40000000 \(1 GiB\)\s+0\s+write-combine/);
  assert.match(r.stdout, /0x20\/0x24\s+BAR4 after reset 0x0000000c\/0x00000000, after sizing 0x0000000c\/0xffffffe0/);
});

test('layout --json carries the same numbers; sizes accept units', async () => {
  const r = await cli(['layout', '--memphys', '0x400000000000', '--memlength', '0x1050000000', '--kernel', '6.13', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.kernel, '6.13');
  assert.equal(j.layout.usemem.barSize, '0x1000000000');
  assert.equal(j.layout.resmem.barSize, '0x80000000');
  assert.deepEqual(j.notes.map((n: { code: string }) => n.code), ['ROUNDED_INTO_RESMEM']);
  const g = JSON.parse((await cli(['layout', '--memphys', '0x400000000000', '--memlength', '186G', '--no-mig-hw-bug', '--json'])).stdout);
  assert.equal(g.layout.usemem.memlength, '0x2e80000000');
  assert.equal(g.layout.resmem, null);
});

test('a layout the driver rejects prints the reason and exits 1', async () => {
  const r = await cli(['layout', '--memphys', '0x400000000000', '--memlength', '0x0']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /error: ENOMEM: .*falls back to plain vfio-pci/);
});

// Domain examples B and C (6.14): (95.75 − 1) GiB mod 512 MiB = 256 MiB moves to
// resmem; C's usemem rounds down to 64 GiB inside a 128 GiB BAR (half padding).
// A 1.5 TiB device without the bug gets a 2 TiB BAR. Each note carries its own
// amount, placed where it belongs (not appended after the last clause).
test('layout notes say which amount they mean, in units people read', async () => {
  const b = await cli(['layout', '--memphys', '0x400000000000', '--memlength', '0x17f0000000', '--kernel', '6.14']);
  assert.equal(b.code, 0, b.stderr);
  // The words and codes `check` gives for a profile or a _DSD with these values.
  assert.match(b.stdout, /^info: 256 MiB \(0x10000000\) of device memory goes to the uncached resmem, not to usemem: size − 1 GiB is not a multiple of 512 MiB, and the usemem round-down moves the rest \(resmem 1\.25 GiB, BAR 2 GiB\) \[NVG005\]$/m);
  const c = await cli(['layout', '--memphys', '0x400000000000', '--memlength', '0x1050000000', '--kernel', '6.14']);
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout, /^info: the usemem BAR \(128 GiB\) is at least half padding: 64 GiB \(0x1000000000\) past the 64 GiB of device memory reads 0xFF and cannot be mapped, yet the VM must find MMIO space for all of it \[NVG150\]$/m);
  // 65.25 GiB is the domain's example C: the usemem BAR differs between the generations.
  assert.match(c.stdout, /^warning: the usemem BAR is 64 GiB on kernels 6\.9–6\.13 but 128 GiB on 6\.14 and later .* \[NVG006\]$/m);
  assert.doesNotMatch(c.stdout, /68719476736/);
  const big = await cli(['layout', '--memphys', '0x400000000000', '--memlength', '0x18000000000', '--no-mig-hw-bug']);
  assert.match(big.stdout, /^error: usemem BAR \(2 TiB\) is larger than 1 TiB: a VFIO region can only address 2\^40 bytes, offsets past it land in the next region \[NVG010\]$/m);
});

// A SKU names a PCI device: GB300 (10de:31c2) is in the ID table from 6.18 (and
// 6.17 stable updates), and a 6.13 driver carves resmem from it (example F').
test('layout --sku says when the kernel\'s ID table lacks the GPU, in text and JSON', async () => {
  const old = await cli(['layout', '--sku', 'gb300', '--kernel', '6.13']);
  assert.equal(old.code, 1, 'an error note exits 1, as check does');
  assert.match(old.stdout, /^error: GB300 SKU \(10de:31c2\) is not in kernel 6\.13's nvgrace-gpu ID table \(added in 6\.18\): modules\.alias has no line for it/m);
  assert.match(old.stdout, /^warning: a driver before 6\.14 always carves 1 GiB of resmem, which is wrong for Grace Blackwell/m);
  // Still the numbers such a driver computes when bound by driver_override: 288 − 1 GiB = 287 GiB → 512 GiB BAR.
  assert.match(old.stdout, /BAR4\s+usemem\s+4\s+0x40000000000\s+0x400000000000\s+0x47c0000000 \(287 GiB\)\s+0x8000000000 \(512 GiB\)/);
  const stable = await cli(['layout', '--sku', 'gb300', '--kernel', '6.17', '--json']);
  assert.equal(stable.code, 0, 'a warning alone exits 0');
  const j = JSON.parse(stable.stdout);
  assert.deepEqual(j.notes.map((n: { severity: string; code: string }) => [n.severity, n.code]), [['warning', 'NOT_IN_ID_TABLE']]);
  const now = JSON.parse((await cli(['layout', '--sku', 'gb300', '--kernel', '6.18', '--json'])).stdout);
  assert.deepEqual(now.notes, []);
});
