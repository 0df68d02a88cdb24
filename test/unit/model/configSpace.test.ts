import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmulatedDevice, LayoutOk, barReadValue, kernel, layout, sizeFromReadBack, sizingReadBack } from '../../../server/src/model';

const GiB = 1n << 30n;
const BASE = 0x4000_0000_0000n;

function device(k = 'mainline', memlength = 96n * GiB, bug = true): EmulatedDevice {
  const l = layout(kernel(k), BASE, memlength, bug);
  assert.ok(l.ok);
  return new EmulatedDevice(l as LayoutOk, 65536);
}

function read(d: EmulatedDevice, offset: number, width: 1 | 2 | 4 | 8) {
  const r = d.apply({ op: 'configRead', offset, width });
  assert.equal(r.op, 'configRead');
  return r.op === 'configRead' ? r.result : undefined;
}

function write(d: EmulatedDevice, offset: number, width: 1 | 2 | 4 | 8, value: bigint) {
  const r = d.apply({ op: 'configWrite', offset, width, value });
  return r.op === 'configWrite' ? r.result : undefined;
}

function value(d: EmulatedDevice, offset: number, width: 1 | 2 | 4 | 8): bigint {
  const r = read(d, offset, width);
  assert.ok(r?.emulated, `read at ${offset} should be emulated`);
  return r.value;
}

test('after open: BAR2 and BAR4 low dwords read 0xC, high dwords 0', () => {
  const d = device();
  assert.equal(value(d, 0x18, 4), 0xcn);
  assert.equal(value(d, 0x1c, 4), 0n);
  assert.equal(value(d, 0x20, 4), 0xcn);
  assert.equal(value(d, 0x24, 4), 0n);
});

test('sizing: all ones in both dwords reads back NOT(size−1) | 0xC (domain table)', () => {
  const cases: Array<[bigint, bigint, bigint]> = [
    [128n * GiB, 0x0000000cn, 0xffffffe0n],
    [64n * GiB, 0x0000000cn, 0xfffffff0n],
    [256n * GiB, 0x0000000cn, 0xffffffc0n],
    [512n * GiB, 0x0000000cn, 0xffffff80n],
    [GiB, 0xc000000cn, 0xffffffffn],
    [2n * GiB, 0x8000000cn, 0xffffffffn],
  ];
  for (const [size, lo, hi] of cases) {
    const back = sizingReadBack(size);
    assert.equal(back & 0xffffffffn, lo, `low dword for ${size}`);
    assert.equal(back >> 32n, hi, `high dword for ${size}`);
    assert.equal(sizeFromReadBack(back), size);
  }
});

test('the sizing protocol through the device: BAR4 128 GiB, BAR2 1 GiB (example A)', () => {
  const d = device();
  for (const off of [0x18, 0x1c, 0x20, 0x24]) assert.deepEqual(write(d, off, 4, 0xffffffffn), { emulated: true, count: 4, regionIndex: off < 0x20 ? 2 : 4 });
  assert.equal(value(d, 0x20, 4), 0x0000000cn);
  assert.equal(value(d, 0x24, 4), 0xffffffe0n);
  assert.equal(value(d, 0x18, 4), 0xc000000cn);
  assert.equal(value(d, 0x1c, 4), 0xffffffffn);
  assert.equal(value(d, 0x20, 8), 0xffffffe00000000cn);
});

test('writes are stored raw and masked at read time: flag bits replaced, address aligned down', () => {
  const d = device();
  write(d, 0x20, 4, 0x1234_5673n);
  write(d, 0x24, 4, 0x0000_0081n);
  // 128 GiB BAR: bits below 37 are masked off; 0x81_1234_5673 → 0x80_0000_0000 | 0xC.
  assert.equal(value(d, 0x20, 8), 0x80_0000_000cn);
  assert.equal(d.stored(4), 0x81_1234_5673n);
});

test('reset clears the stored values', () => {
  const d = device();
  write(d, 0x20, 8, 0xffff_ffff_ffff_ffffn);
  d.apply({ op: 'reset' });
  assert.equal(value(d, 0x20, 8), 0xcn);
});

test('byte and word accesses inside a window touch only their bytes', () => {
  const d = device();
  write(d, 0x25, 1, 0xabn);
  assert.equal(d.stored(4), 0xab_0000_0000_00n);
  assert.equal(value(d, 0x25, 1), 0xabn); // bits 40–47: above the 128 GiB mask
  write(d, 0x24, 1, 0xffn);
  assert.equal(value(d, 0x24, 1), 0xe0n); // bits 32–39: a 128 GiB BAR keeps only bits 37–39
  write(d, 0x1a, 2, 0xbeefn);
  assert.equal(d.stored(2), 0xbeef_0000n);
  assert.equal(value(d, 0x1a, 2), 0x8000n); // 1 GiB BAR keeps bits 30+: 0xbeef0000 → 0x80000000
});

test('an access straddling the start of the BAR2 window is partial: short write, core bytes in the read', () => {
  const d = device();
  const w = write(d, 0x14, 8, 0x1111_1111_2222_2222n);
  assert.deepEqual(w, { emulated: true, count: 4, regionIndex: 2 });
  assert.equal(d.stored(2), 0x1111_1111n);
  const r = read(d, 0x14, 8);
  assert.ok(r?.emulated);
  assert.equal(r.coreMask, 0xffff_ffffn);
  assert.equal(r.value, barReadValue(0x1111_1111n, GiB) << 32n);
});

test('an access spanning 0x18–0x27 only emulates the BAR2 part (first window wins)', () => {
  const d = device();
  const w = write(d, 0x1c, 8, 0xffff_ffff_ffff_ffffn);
  assert.deepEqual(w, { emulated: true, count: 4, regionIndex: 2 });
  assert.equal(d.stored(4), 0n, 'BAR4 untouched');
});

test('without resmem (GB, 6.14+) the BAR2 window belongs to the core, and a spanning access skips BAR4', () => {
  const d = device('mainline', 186n * GiB, false);
  assert.deepEqual(read(d, 0x18, 4), { emulated: false });
  assert.deepEqual(write(d, 0x18, 4, 0xffffffffn), { emulated: false });
  assert.deepEqual(write(d, 0x1c, 8, 0xffff_ffff_ffff_ffffn), { emulated: false });
  assert.equal(d.stored(4), 0n);
  write(d, 0x20, 4, 0xffffffffn);
  write(d, 0x24, 4, 0xffffffffn);
  assert.equal(value(d, 0x20, 8), 0xffff_ffc0_0000_000cn); // 256 GiB
});

test('registers outside the windows are not emulated', () => {
  const d = device();
  for (const off of [0x00, 0x04, 0x10, 0x14, 0x28, 0x30, 0xfff]) assert.deepEqual(read(d, off, 1), { emulated: false }, `offset ${off}`);
  assert.deepEqual(read(d, 0x17, 1), { emulated: false });
  assert.deepEqual(read(d, 0x28, 4), { emulated: false });
});
