// Property tests: invariants of the driver's arithmetic over random inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  EmulatedDevice,
  KNOWN_KERNELS,
  LayoutOk,
  isPowerOfTwo,
  kernel,
  layout,
  mmapRegion,
  regionIo,
  roundupPowerOfTwo,
  sizeFromReadBack,
  sizingReadBack,
} from '../../../server/src/model';

const GiB = 1n << 30n;
const U64 = (1n << 64n) - 1n;

const kernels = fc.constantFrom(...KNOWN_KERNELS, 'mainline');
/** Mostly realistic sizes, sometimes anything that fits in 64 bits. */
const memlength = fc.oneof(
  fc.bigInt({ min: 0n, max: 1024n * GiB }),
  fc.bigInt({ min: 0n, max: 4n * GiB }),
  fc.bigInt({ min: 0n, max: U64 }),
);
const memphys = fc.oneof(fc.bigInt({ min: 0n, max: 1n << 52n }), fc.bigInt({ min: 0n, max: U64 }));
const runs = { numRuns: 3000 };

test('usemem + resmem = device memory, and regions are adjacent', () => {
  fc.assert(
    fc.property(kernels, memphys, memlength, fc.boolean(), (k, base, len, bug) => {
      const l = layout(kernel(k), base, len, bug);
      if (!l.ok) return;
      const res = l.resmem?.memlength ?? 0n;
      assert.equal(l.usemem.memlength + res, len);
      if (l.resmem) assert.equal(l.resmem.memphys, l.usemem.memphys + l.usemem.memlength);
    }),
    runs,
  );
});

test('every BAR is a power of two ≥ its memory; usemem is a 512 MiB multiple whenever resmem exists', () => {
  fc.assert(
    fc.property(kernels, memphys, memlength, fc.boolean(), (k, base, len, bug) => {
      const l = layout(kernel(k), base, len, bug);
      if (!l.ok) return;
      for (const r of [l.usemem, l.resmem]) {
        if (!r) continue;
        assert.ok(isPowerOfTwo(r.barSize));
        assert.ok(r.barSize >= r.memlength);
        // 6.14+ sizes usemem before the round-down, so it can reach exactly twice its memory.
        assert.ok(r.barSize <= 2n * r.memlength);
      }
      if (l.resmem) {
        assert.equal(l.usemem.memlength % (512n << 20n), 0n);
        assert.ok(l.resmem.memlength >= GiB && l.resmem.memlength < GiB + (512n << 20n));
      }
    }),
    runs,
  );
});

test('failures are exactly the documented ones', () => {
  fc.assert(
    fc.property(kernels, memphys, memlength, fc.boolean(), (k, base, len, bug) => {
      const l = layout(kernel(k), base, len, bug);
      if (l.ok) return;
      const splits = kernel(k).generation === 'split-always' || bug;
      if (len === 0n) assert.equal(l.error, 'ENOMEM');
      else if (splits && len < GiB) assert.equal(l.error, 'EOVERFLOW');
      else if (splits && len - GiB < 512n << 20n) assert.equal(l.error, 'EINVAL');
      else assert.ok(l.error === 'EOVERFLOW' || l.error === 'EBARSIZE', `${l.error} for ${len}`);
    }),
    runs,
  );
});

test('6.14+ usemem BAR is never smaller than 6.9–6.13, and differs only by a factor of 2', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 3n * GiB, max: 2048n * GiB }), (len) => {
      const old = layout(kernel('6.13'), 0n, len, true) as LayoutOk;
      const now = layout(kernel('6.14'), 0n, len, true) as LayoutOk;
      assert.ok(now.usemem.barSize === old.usemem.barSize || now.usemem.barSize === 2n * old.usemem.barSize);
      assert.deepEqual(now.resmem, old.resmem);
    }),
    runs,
  );
});

test('region reads never return more than asked, nor run past the BAR; device + fill = count', () => {
  const A = layout(kernel('mainline'), 0x4000_0000_0000n, 96n * GiB, true) as LayoutOk;
  fc.assert(
    fc.property(fc.constantFrom(2, 4), fc.bigInt({ min: 0n, max: 256n * GiB }), fc.bigInt({ min: 0n, max: 1n << 36n }), (idx, off, count) => {
      const r = regionIo(A, idx, off, count);
      assert.ok(r.emulated);
      if ('error' in r) return;
      assert.ok(r.count <= count);
      assert.equal(r.device + r.beyond, r.count);
      const bar = idx === 4 ? A.usemem : A.resmem!;
      assert.ok(off + r.count <= bar.barSize);
      assert.ok(off + r.device <= bar.memlength || r.device === 0n);
    }),
    runs,
  );
});

test('any successful mmap lies inside device memory', () => {
  const A = layout(kernel('mainline'), 0x4000_0000_0000n, 96n * GiB, true) as LayoutOk;
  fc.assert(
    fc.property(fc.constantFrom<4096 | 65536>(4096, 65536), fc.constantFrom(2n, 4n), fc.bigInt({ min: 0n, max: (1n << 28n) - 1n }), fc.bigInt({ min: 1n, max: 200n * GiB }), (ps, idx, pg, len) => {
      const shift = ps === 4096 ? 12n : 16n;
      const pgoff = (idx << (40n - shift)) + (pg & ((1n << (40n - shift)) - 1n));
      const r = mmapRegion(A, pgoff, len, ps);
      if (!r.emulated || 'error' in r) return;
      const region = idx === 4n ? A.usemem : A.resmem!;
      const start = (pgoff & ((1n << (40n - shift)) - 1n)) << shift;
      assert.ok(start + r.length <= region.memlength);
      assert.equal(r.pfn, (region.memphys >> shift) + (start >> shift));
    }),
    runs,
  );
});

test('config reads return only the bytes asked for; sizing recovers the BAR size', () => {
  const A = layout(kernel('mainline'), 0x4000_0000_0000n, 96n * GiB, true) as LayoutOk;
  fc.assert(
    fc.property(fc.integer({ min: 0x10, max: 0x2f }), fc.constantFrom<1 | 2 | 4 | 8>(1, 2, 4, 8), fc.bigInt({ min: 0n, max: U64 }), (off, w, v) => {
      const d = new EmulatedDevice(A, 65536);
      d.apply({ op: 'configWrite', offset: off, width: w, value: v & ((1n << BigInt(8 * w)) - 1n) });
      const r = d.apply({ op: 'configRead', offset: off, width: w });
      if (r.op !== 'configRead' || !r.result.emulated) return;
      assert.ok(r.result.value < 1n << BigInt(8 * w));
    }),
    runs,
  );
  fc.assert(
    fc.property(fc.integer({ min: 4, max: 63 }), (bits) => {
      const size = 1n << BigInt(bits);
      assert.equal(sizeFromReadBack(sizingReadBack(size)), size);
      assert.equal(roundupPowerOfTwo(size), size);
      assert.equal(roundupPowerOfTwo(size + 1n), size * 2n);
    }),
  );
});
