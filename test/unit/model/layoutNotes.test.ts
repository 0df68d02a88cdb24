// Layout notes a person needs and the driver does not check (domain §1.4, §4,
// §7 NVG007): expected amounts computed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LayoutOk, PageSize, kernel, layout, layoutNotes } from '../../../server/src/model';

const BASE = 0x4000_0000_0000n;
const ok = (memlength: bigint, bug: boolean): LayoutOk => {
  const l = layout(kernel('6.14'), BASE, memlength, bug);
  assert.ok(l.ok);
  return l;
};
const sizeNote = (l: LayoutOk, page: PageSize) => layoutNotes(l, page).find((n) => n.code === 'UNALIGNED_SIZE');

test('NVG007 size: 4 KiB-aligned but not 64 KiB-aligned is a warning on a 64 KiB host, nothing on a 4 KiB one', () => {
  // Grace Blackwell, 96 GiB + 4 KiB: usemem is the whole memory, 0x1800001000; 0x1800001000 mod 0x10000 = 0x1000.
  const l = ok(0x18_0000_1000n, false);
  const n = sizeNote(l, 65536)!;
  assert.equal(n.severity, 'warning');
  assert.equal(n.amount, 0x1000n);
  assert.equal(
    n.message,
    'size is not a multiple of the 64 KiB page: usemem (0x1800001000) ends 4 KiB into its last page, so an mmap of all of it (what QEMU does with the sparse area) rounds up past memlength and fails with -EINVAL; QEMU then traps every access to the region',
  );
  assert.equal(sizeNote(l, 4096), undefined);
});

test('NVG007 size: not even 4 KiB-aligned is an error on any host, and lands in resmem when the memory is split', () => {
  // Grace Hopper, 96 GiB + 2 KiB: usemem = round_down(0x17c0000800, 512 MiB) = 0x17c0000000 (aligned),
  // resmem = 0x1800000800 − 0x17c0000000 = 0x40000800, 0x800 into its last page.
  const l = ok(0x18_0000_0800n, true);
  for (const page of [4096, 65536] as const) {
    const n = sizeNote(l, page)!;
    assert.equal(n.severity, 'error');
    assert.equal(n.amount, 0x800n);
    assert.match(n.message, /: resmem \(0x40000800\) ends 2 KiB into its last page/);
  }
  // Example A (96 GiB) is aligned to both page sizes.
  assert.equal(sizeNote(ok(0x18_0000_0000n, true), 65536), undefined);
});
