// NVG009's fact: from 6.19 a fault maps a PMD (2 MiB with 4 KiB pages, 512 MiB
// with 64 KiB pages) only at a PFN aligned to it, so the device memory base
// decides whether the VM gets huge mappings. Numbers worked from domain §4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LayoutOk, hugeMappings, kernel, layout, layoutNotes } from '../../../server/src/model';

const MiB = 1n << 20n;
const GiB = 1n << 30n;
const SIZE = 96n * GiB; // example A

function ok(k: string, memphys: bigint): LayoutOk {
  const l = layout(kernel(k), memphys, SIZE, true);
  assert.ok(l.ok);
  return l;
}

const codes = (l: LayoutOk, page: 4096 | 65536) => layoutNotes(l, page).map((n) => n.code);

test('6.19+: a base 1 MiB past a 512 MiB boundary loses huge mappings with 64 KiB pages, and with 4 KiB pages too', () => {
  const l = ok('6.19', 0x4000_0010_0000n);
  // 0x400000100000 mod 0x20000000 = 0x100000 (1 MiB); mod 0x200000 = 0x100000 as well
  assert.deepEqual(hugeMappings(l, 65536), { kind: 'fault', pmd: 512n * MiB, offBy: MiB });
  assert.deepEqual(hugeMappings(l, 4096), { kind: 'fault', pmd: 2n * MiB, offBy: MiB });
  const note = layoutNotes(l, 65536).find((n) => n.code === 'NO_HUGE_FAULTS');
  assert.equal(note?.severity, 'info');
  assert.match(note!.message, /^base 0x400000100000 is 1 MiB past a 512 MiB boundary \(the PMD size with 64 KiB pages\)/);
  assert.match(layoutNotes(l, 4096).find((n) => n.code === 'NO_HUGE_FAULTS')!.message, /1 MiB past a 2 MiB boundary \(the PMD size with 4 KiB pages\).*falls back to 4 KiB pages/);
});

test('a 2 MiB-aligned base suits 4 KiB pages but not 64 KiB pages', () => {
  const l = ok('7.0', 0x4000_0020_0000n);
  assert.deepEqual(codes(l, 4096), []);
  assert.deepEqual(codes(l, 65536), ['NO_HUGE_FAULTS']);
  assert.match(layoutNotes(l, 65536)[0].message, /2 MiB past a 512 MiB boundary/);
});

test('the usual 0x400000000000 base is aligned to both; before 6.19 nothing is mapped on fault, so nothing is said', () => {
  assert.deepEqual(codes(ok('mainline', 0x4000_0000_0000n), 65536), []);
  const old = ok('6.18', 0x4000_0010_0000n);
  assert.deepEqual(hugeMappings(old, 65536), { kind: 'eager' });
  assert.deepEqual(codes(old, 65536), []);
});

test('a base off the page itself is NVG007 alone, not also NVG009', () => {
  assert.deepEqual(codes(ok('mainline', 0x4000_0000_1000n), 65536), ['UNALIGNED_BASE']);
});
