import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPreset, gpuStride, guestBars, kernel, layout } from '../../../server/src/model';

const GiB = 1n << 30n;
const MiB = 1n << 20n;

function barsOf(id: string, k = 'mainline') {
  const p = findPreset(id)!;
  const l = layout(kernel(k), p.memphys, p.memlength, p.migHwBug);
  assert.ok(l.ok);
  return guestBars(l, p.physicalBars);
}

test('GH200 96 GB: resmem 1 GiB, usemem 128 GiB (example A) and the physical BAR0 → 256 GiB stride', () => {
  const bars = barsOf('gh200-96gb');
  assert.deepEqual(bars.map((b) => [b.regionIndex, b.size, b.emulated]), [[0, 16n * MiB, false], [2, GiB, true], [4, 128n * GiB, true]]);
  assert.equal(gpuStride(bars.map((b) => b.size)), 256n * GiB);
});

test('GB200 186 GiB: no resmem, usemem 256 GiB (example F) + BAR0 → 512 GiB stride', () => {
  const bars = barsOf('gb200');
  assert.deepEqual(bars.map((b) => [b.regionIndex, b.size]), [[0, 16n * MiB], [4, 256n * GiB]]);
  assert.equal(gpuStride(bars.map((b) => b.size)), 512n * GiB);
});

test('GB300 288 GiB: usemem 512 GiB (example G) → 1 TiB stride', () => {
  assert.equal(gpuStride(barsOf('gb300').map((b) => b.size)), 1024n * GiB);
});

test('an emulated BAR takes its region from a physical one listed at the same index', () => {
  const l = layout(kernel('6.13'), 0x4000_0000_0000n, 96n * GiB, true);
  assert.ok(l.ok);
  const bars = guestBars(l, new Map([[0, 16n * MiB], [2, 32n * MiB]]));
  assert.deepEqual(bars.map((b) => [b.regionIndex, b.size, b.emulated]), [[0, 16n * MiB, false], [2, GiB, true], [4, 128n * GiB, true]]);
});
