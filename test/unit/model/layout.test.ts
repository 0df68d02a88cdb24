import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Layout, LayoutOk, kernel, layout } from '../../../server/src/model';

const GiB = 1n << 30n;
const MiB = 1n << 20n;
const BASE = 0x4000_0000_0000n;

function ok(l: Layout): LayoutOk {
  assert.ok(l.ok, l.ok ? '' : `${l.error}: ${l.message}`);
  return l;
}

// The worked examples of the domain reference (§1.5), one row each.
const EXAMPLES: Array<{
  name: string;
  kernels: string[];
  memphys?: bigint;
  memlength: bigint;
  bug: boolean;
  usemem?: [bigint, bigint];
  resmem?: [bigint, bigint, bigint] | null;
  error?: string;
}> = [
  { name: 'A GH 96 GiB', kernels: ['6.9', '6.13', '6.14', '6.19', 'mainline'], memlength: 0x18_0000_0000n, bug: true, usemem: [0x17_c000_0000n, 128n * GiB], resmem: [0x4017_c000_0000n, GiB, GiB] },
  { name: 'B GH 95.75 GiB', kernels: ['6.9', '6.14'], memlength: 0x17_f000_0000n, bug: true, usemem: [0x17_a000_0000n, 128n * GiB], resmem: [0x4017_a000_0000n, 0x5000_0000n, 2n * GiB] },
  { name: 'C GH 65.25 GiB ≤6.13', kernels: ['6.9', '6.13'], memlength: 0x10_5000_0000n, bug: true, usemem: [0x10_0000_0000n, 64n * GiB], resmem: [0x4010_0000_0000n, 0x5000_0000n, 2n * GiB] },
  { name: 'C GH 65.25 GiB ≥6.14', kernels: ['6.14', '6.18', 'mainline'], memlength: 0x10_5000_0000n, bug: true, usemem: [0x10_0000_0000n, 128n * GiB], resmem: [0x4010_0000_0000n, 0x5000_0000n, 2n * GiB] },
  { name: 'D GH 1.25 GiB', kernels: ['6.9', '6.14'], memlength: 0x5000_0000n, bug: true, error: 'EINVAL' },
  { name: 'D2 GH 768 MiB', kernels: ['6.9', '6.14'], memlength: 768n * MiB, bug: true, error: 'EOVERFLOW' },
  { name: 'E size 0', kernels: ['6.9', '6.14'], memlength: 0n, bug: true, error: 'ENOMEM' },
  { name: 'E size 0, GB', kernels: ['6.14'], memlength: 0n, bug: false, error: 'ENOMEM' },
  { name: 'F GB 186 GiB', kernels: ['6.14', 'mainline'], memlength: 0x2e_8000_0000n, bug: false, usemem: [0x2e_8000_0000n, 256n * GiB], resmem: null },
  { name: "F' GB on ≤6.13 carves anyway", kernels: ['6.13'], memlength: 0x2e_8000_0000n, bug: false, usemem: [185n * GiB, 256n * GiB], resmem: [BASE + 185n * GiB, GiB, GiB] },
  { name: 'G GB300 288 GiB', kernels: ['6.18'], memlength: 0x48_0000_0000n, bug: false, usemem: [0x48_0000_0000n, 512n * GiB], resmem: null },
  { name: 'H GH exactly 128 GiB', kernels: ['6.9', '6.14'], memlength: 128n * GiB, bug: true, usemem: [0x1f_c000_0000n, 128n * GiB], resmem: [0x401f_c000_0000n, GiB, GiB] },
  { name: 'I base near 2^64 wraps', kernels: ['6.9', '6.14'], memphys: 0xffff_fff0_0000_0000n, memlength: 96n * GiB, bug: true, error: 'EOVERFLOW' },
  { name: 'J end wraps but start fits', kernels: ['6.9', '6.14'], memphys: 0xffff_ffe8_2000_0000n, memlength: 96n * GiB, bug: true, usemem: [95n * GiB, 128n * GiB], resmem: [0xffff_ffff_e000_0000n, GiB, GiB] },
];

for (const ex of EXAMPLES) {
  for (const k of ex.kernels) {
    test(`example ${ex.name} on ${k}`, () => {
      const l = layout(kernel(k), ex.memphys ?? BASE, ex.memlength, ex.bug);
      if (ex.error) {
        assert.equal(l.ok, false);
        assert.equal(!l.ok && l.error, ex.error);
        return;
      }
      const o = ok(l);
      assert.deepEqual([o.usemem.memlength, o.usemem.barSize], ex.usemem);
      assert.equal(o.usemem.memphys, ex.memphys ?? BASE);
      assert.equal(o.usemem.regionOffset, 0x400_0000_0000n);
      if (ex.resmem === null) assert.equal(o.resmem, null);
      else {
        assert.ok(o.resmem);
        assert.deepEqual([o.resmem.memphys, o.resmem.memlength, o.resmem.barSize], ex.resmem);
        assert.equal(o.resmem.regionOffset, 0x200_0000_0000n);
      }
    });
  }
}

test('before 6.14 the MIG flag does not exist: no-bug input still splits', () => {
  const withBug = ok(layout(kernel('6.12'), BASE, 96n * GiB, true));
  const noBug = ok(layout(kernel('6.12'), BASE, 96n * GiB, false));
  assert.deepEqual(noBug.usemem, withBug.usemem);
  assert.deepEqual(noBug.resmem, withBug.resmem);
});

test('6.14+ without the bug keeps the whole memory, not rounded to 512 MiB', () => {
  const l = ok(layout(kernel('6.14'), BASE, 0x17_f000_1000n, false));
  assert.equal(l.usemem.memlength, 0x17_f000_1000n);
  assert.equal(l.usemem.barSize, 128n * GiB);
});

test('sizes just above a power of two: the ordering change doubles the BAR only on 6.14+', () => {
  // 64 GiB + 1 GiB + 1 byte: minus 1 GiB is 64 GiB + 1, which rounds down to 64 GiB.
  const len = 65n * GiB + 1n;
  assert.equal(ok(layout(kernel('6.13'), BASE, len, true)).usemem.barSize, 64n * GiB);
  assert.equal(ok(layout(kernel('6.14'), BASE, len, true)).usemem.barSize, 128n * GiB);
  // Exactly 65 GiB: minus 1 GiB is a power of two; both agree.
  assert.equal(ok(layout(kernel('6.13'), BASE, 65n * GiB, true)).usemem.barSize, 64n * GiB);
  assert.equal(ok(layout(kernel('6.14'), BASE, 65n * GiB, true)).usemem.barSize, 64n * GiB);
});

test('just under 1.5 GiB fails with EINVAL, exactly 1.5 GiB works', () => {
  const under = layout(kernel('mainline'), BASE, 1536n * MiB - 1n, true);
  assert.equal(!under.ok && under.error, 'EINVAL');
  const at = ok(layout(kernel('mainline'), BASE, 1536n * MiB, true));
  assert.equal(at.usemem.memlength, 512n * MiB);
  assert.equal(at.usemem.barSize, 512n * MiB);
  assert.deepEqual([at.resmem?.memlength, at.resmem?.barSize], [GiB, GiB]);
});

test('exactly 1 GiB on a bug device: usemem 0 → EINVAL, not EOVERFLOW', () => {
  const l = layout(kernel('6.14'), BASE, GiB, true);
  assert.equal(!l.ok && l.error, 'EINVAL');
  const below = layout(kernel('6.14'), BASE, GiB - 1n, true);
  assert.equal(!below.ok && below.error, 'EOVERFLOW');
});

test('resmem start exactly at 2^64 − 1 GiB is accepted; 1 GiB higher it lands on 2^64 and wraps', () => {
  const memlength = 96n * GiB;
  const top = (1n << 64n) - (96n * GiB);
  const l = ok(layout(kernel('6.14'), top, memlength, true));
  assert.equal(l.resmem?.memphys, (1n << 64n) - GiB);
  const wraps = layout(kernel('6.14'), top + GiB, memlength, true);
  assert.equal(!wraps.ok && wraps.error, 'EOVERFLOW');
});

test('lengths past 2^63 report EBARSIZE rather than a wrong BAR', () => {
  const huge = (1n << 63n) + 0x4000_0000n + 1n;
  const gb = layout(kernel('6.14'), 0n, huge, false);
  assert.equal(!gb.ok && gb.error, 'EBARSIZE');
  const old = layout(kernel('6.9'), 0n, (1n << 63n) + 3n * GiB, true);
  assert.equal(!old.ok && old.error, 'EBARSIZE');
  // Exactly 2^63 of usemem is a power of two already: fine.
  const edge = ok(layout(kernel('6.14'), 0n, 1n << 63n, false));
  assert.equal(edge.usemem.barSize, 1n << 63n);
});

test('errors come in the driver order: ENOMEM before EOVERFLOW before EINVAL', () => {
  const zeroAtTop = layout(kernel('6.14'), (1n << 64n) - 1n, 0n, true);
  assert.equal(!zeroAtTop.ok && zeroAtTop.error, 'ENOMEM');
  // usemem rounds to 0 and the base is at the very top: EINVAL wins (checked first).
  const einval = layout(kernel('6.14'), (1n << 64n) - 1n, 0x5000_0000n, true);
  assert.equal(!einval.ok && einval.error, 'EINVAL');
});

test('out-of-range inputs are a programming error, not a silent wrong number', () => {
  assert.throws(() => layout(kernel('6.14'), 1n << 64n, GiB, true), RangeError);
  assert.throws(() => layout(kernel('6.14'), 0n, -1n, true), RangeError);
});

test('steps explain each number', () => {
  const l = ok(layout(kernel('6.14'), BASE, 96n * GiB, true));
  const what = l.steps.map((s) => s.what);
  assert.deepEqual(what, ['resmem carve-out', 'usemem BAR size', 'usemem length', 'resmem base', 'resmem length', 'resmem BAR size']);
  assert.equal(l.steps[1].value, 128n * GiB);
});
