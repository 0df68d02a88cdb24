// 64-bit values through the CLI, end to end: bases a double cannot hold come
// back to the bit, register values near 2^64 too, and overflow is the
// driver's EOVERFLOW (example I), while example J is accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cli } from './run';
import { GiB, U64_MAX, hex, inexactU64, lostInNumber } from '../support/u64Edges';

test('layout --json: a base of 2^53 + 1 and others a double cannot hold come back exactly', async () => {
  const bases = [(1n << 53n) + 1n, ...fc.sample(inexactU64.filter((b) => b + 96n * GiB <= U64_MAX), { numRuns: 4, seed: 7 })];
  for (const base of bases) {
    assert.ok(lostInNumber(base));
    const r = await cli(['layout', '--memphys', hex(base), '--memlength', '96G', '--json']);
    const j = JSON.parse(r.stdout);
    // Past 2^52 no host has such an address: an error note (NVG008), so exit 1, with every number exact.
    assert.ok(j.notes.some((n: { severity: string }) => n.severity === 'error'));
    assert.equal(r.code, 1, r.stderr);
    assert.equal(j.layout.usemem.memphys, hex(base));
    // Example A's split on this base: usemem 95 GiB, resmem right after it.
    assert.equal(j.layout.usemem.memlength, '0x17c0000000');
    assert.equal(j.layout.resmem.memphys, hex(base + 95n * GiB));
  }
});

test('layout: example I is refused with EOVERFLOW (exit 1), example J accepted by the driver with resmem at 0xffffffffe0000000 (exit 1 for its error note: past 2^52)', async () => {
  const i = await cli(['layout', '--memphys', '0xFFFFFFF000000000', '--memlength', '96G', '--json']);
  assert.equal(i.code, 1);
  const ji = JSON.parse(i.stdout);
  assert.equal(ji.layout.ok, false);
  assert.equal(ji.layout.error, 'EOVERFLOW');
  const text = await cli(['layout', '--memphys', '0xFFFFFFF000000000', '--memlength', '96G']);
  assert.match(text.stdout, /error: EOVERFLOW: resmem base 0xfffffff000000000 \+ 0x17c0000000 wraps past 2\^64/);
  const j = await cli(['layout', '--memphys', '0xFFFFFFE820000000', '--memlength', '96G', '--json']);
  assert.equal(j.code, 1, j.stderr);
  const jj = JSON.parse(j.stdout);
  assert.equal(jj.layout.ok, true);
  assert.equal(jj.layout.resmem.memphys, '0xffffffffe0000000');
  assert.equal(jj.layout.resmem.memlength, '0x40000000');
  assert.equal(jj.layout.usemem.barSize, '0x2000000000');
});

test('emulate: 64-bit register values and a base of 2^63 + 1 stay exact through the JSON lines', async () => {
  const values = fc.sample(inexactU64, { numRuns: 20, seed: 9 });
  const cases = values.map((v) => ({
    memphys: hex((1n << 63n) + 1n),
    memlength: '0x1800000000',
    ops: [{ op: 'configWrite', offset: 0x20, width: 8, value: hex(v) }, { op: 'configRead', offset: 0x20, width: 8 }],
  }));
  const r = await cli(['emulate', '--jsonl'], cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  lines.forEach((l, k) => {
    assert.equal(l.layout.usemem.memphys, hex((1n << 63n) + 1n));
    // 128 GiB BAR: the address bits below 2^37 read as zero, the flags as 0xC (domain §3).
    assert.equal(l.results[1].value, hex((values[k] & ~((128n * GiB) - 1n)) | 0xcn));
  });
});
