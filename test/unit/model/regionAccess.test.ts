import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LayoutOk, kernel, layout, mmapRegion, regionInfo, regionIo } from '../../../server/src/model';

const GiB = 1n << 30n;
const BASE = 0x4000_0000_0000n;
const A = layout(kernel('mainline'), BASE, 96n * GiB, true) as LayoutOk; // example A
const F = layout(kernel('mainline'), BASE, 186n * GiB, false) as LayoutOk; // example F

test('region info for example A (domain §2)', () => {
  assert.deepEqual(regionInfo(A, 4), {
    emulated: true, index: 4, offset: 0x400_0000_0000n, size: 0x20_0000_0000n, flags: 0xf,
    sparse: [{ offset: 0n, size: 0x17_c000_0000n }], argszNeeded: 64, capOffset: 32,
  });
  const r2 = regionInfo(A, 2);
  assert.ok(r2.emulated);
  assert.equal(r2.offset, 0x200_0000_0000n);
  assert.equal(r2.size, 0x4000_0000n);
  assert.deepEqual(r2.sparse, [{ offset: 0n, size: 0x4000_0000n }]);
});

test('only BAR2 (with resmem) and BAR4 are emulated', () => {
  for (const i of [0, 1, 3, 5, 6, 7, 8, 9]) assert.deepEqual(regionInfo(A, i), { emulated: false }, `index ${i}`);
  assert.deepEqual(regionInfo(F, 2), { emulated: false }, 'GB: BAR2 is the physical BAR');
});

test('read across the end of device memory: device bytes then 0xFF fill, clipped at the BAR end', () => {
  const r = regionIo(A, 4, 0x17_c000_0000n - 0x100n, 0x1000n);
  assert.deepEqual(r, { emulated: true, count: 0x1000n, device: 0x100n, beyond: 0xf00n, regionIndex: 4 });
  const atEnd = regionIo(A, 4, 0x20_0000_0000n - 0x10n, 0x1000n);
  assert.deepEqual(atEnd, { emulated: true, count: 0x10n, device: 0n, beyond: 0x10n, regionIndex: 4 });
});

test('offset at or past the BAR size is EINVAL', () => {
  const r = regionIo(A, 4, 0x20_0000_0000n, 1n);
  assert.ok(r.emulated && 'error' in r && r.error === 'EINVAL');
  const ok = regionIo(A, 4, 0x20_0000_0000n - 1n, 1n);
  assert.ok(ok.emulated && !('error' in ok) && ok.count === 1n);
});

test('an offset past 2^40 falls into the next region, as the fd offset encoding does', () => {
  assert.deepEqual(regionIo(A, 3, 1n << 40n, 4n), { emulated: true, count: 4n, device: 4n, beyond: 0n, regionIndex: 4 });
  assert.deepEqual(regionIo(A, 4, 1n << 40n, 4n), { emulated: false });
});

test('mmap index from vm_pgoff: >>28 for 4 KiB pages, >>24 for 64 KiB pages', () => {
  const k4 = mmapRegion(A, 4n << 28n, 0x1000n, 4096);
  assert.deepEqual(k4, { emulated: true, pfn: BASE >> 12n, cache: 'wb', length: 0x1000n, regionIndex: 4 });
  const k64 = mmapRegion(A, (2n << 24n) + 0x10n, 0x20000n, 65536);
  assert.deepEqual(k64, { emulated: true, pfn: ((BASE + 95n * GiB) >> 16n) + 0x10n, cache: 'wc', length: 0x20000n, regionIndex: 2 });
  assert.deepEqual(mmapRegion(A, 0n, 0x1000n, 4096), { emulated: false, regionIndex: 0 });
});

test('mmap up to the end of device memory works; one page further is EINVAL', () => {
  const pages = (95n * GiB) >> 16n;
  const last = mmapRegion(A, (4n << 24n) + pages - 1n, 0x10000n, 65536);
  assert.ok(last.emulated && !('error' in last));
  const past = mmapRegion(A, (4n << 24n) + pages, 0x10000n, 65536);
  assert.ok(past.emulated && 'error' in past && past.error === 'EINVAL');
});

test('mmap lengths round up to whole pages before the check', () => {
  const r = mmapRegion(A, 2n << 24n, 1n, 65536);
  assert.ok(r.emulated && !('error' in r) && r.length === 0x10000n);
  const whole = mmapRegion(A, 2n << 24n, GiB, 65536);
  assert.ok(whole.emulated && !('error' in whole));
  const tooLong = mmapRegion(A, 2n << 24n, GiB + 1n, 65536);
  assert.ok(tooLong.emulated && 'error' in tooLong && tooLong.error === 'EINVAL');
});

test('mmap of length 0 is refused', () => {
  const r = mmapRegion(A, 4n << 24n, 0n, 65536);
  assert.ok(r.emulated && 'error' in r && r.error === 'EINVAL');
});

test('an unaligned base truncates the start PFN (the mapping starts below memphys)', () => {
  const odd = layout(kernel('mainline'), BASE + 0x800n, 96n * GiB, true) as LayoutOk;
  const r = mmapRegion(odd, 4n << 28n, 0x1000n, 4096);
  assert.ok(r.emulated && !('error' in r));
  assert.equal(r.pfn << 12n, BASE);
});
