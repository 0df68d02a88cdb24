// No 64-bit value passes through a JS number: bases and register values a
// double cannot hold (2^53 + odd, near 2^63 and 2^64 − 1) come out of the
// model, the layout report, the emulate results, the layout view and the
// playground exactly; every number left in a JSON answer is a safe integer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { layoutJson, opResultJson } from '../../../shared/deviceOps';
import { layoutReport } from '../../../shared/layoutReport';
import { EmulatedDevice, kernel, layout } from '../../../server/src/model';
import { resolveDevice } from '../../../server/src/profiles/activeProfile';
import { buildLayoutView } from '../../../server/src/views/layoutView';
import { replayOps } from '../../../server/src/views/playground';
import { GiB, U64_MAX, hex, inexactU64, lostInNumber, numbersInJson } from '../../support/u64Edges';

const runs = { numRuns: 300, seed: 53 };

function safeNumbersOnly(json: unknown, what: string): void {
  const unsafe = numbersInJson(JSON.parse(JSON.stringify(json))).filter((n) => !Number.isSafeInteger(n.value) && !(Number.isFinite(n.value) && Math.abs(n.value) < 2 ** 53));
  assert.deepEqual(unsafe, [], `${what}: numbers a double cannot carry`);
}

test('the test values really are ones a double rounds', () => {
  fc.assert(fc.property(inexactU64, (v) => lostInNumber(v) && v <= U64_MAX), runs);
});

test('layout: a base a double cannot hold gives exact usemem and resmem bases in the model and in the JSON', () => {
  fc.assert(
    fc.property(inexactU64, fc.constantFrom(96n * GiB, 0x17f0000000n, 0x2e80000000n), fc.boolean(), (base, len, bug) => {
      const l = layout(kernel('mainline'), base, len, bug);
      const report = layoutReport(l, 65536);
      safeNumbersOnly(report, 'layout report');
      const j = layoutJson(l) as Record<string, Record<string, string> | null | string | boolean>;
      if (!l.ok) {
        // Only the resmem start is checked (domain §1.4 steps 5–6): base + rounded usemem wraps past 2^64.
        const usemem = (len - GiB) & ~((512n << 20n) - 1n);
        assert.equal(l.error, 'EOVERFLOW');
        assert.ok(bug && base + usemem > U64_MAX);
        return;
      }
      assert.equal(l.usemem.memphys, base);
      assert.equal((j.usemem as Record<string, string>).memphys, hex(base));
      assert.equal(report.layout.ok && report.layout.usemem.memphys, hex(base));
      if (l.resmem) {
        // resmem starts where usemem ends, to the byte (domain §1.3 step 5).
        assert.equal(l.resmem.memphys, base + l.usemem.memlength);
        assert.equal((j.resmem as Record<string, string>).memphys, hex(base + l.usemem.memlength));
        assert.ok(base + l.usemem.memlength <= U64_MAX);
      }
    }),
    runs,
  );
});

test('config space: a 64-bit value written to BAR4 reads back exactly as NOT-masked by the BAR size, with the flags 0xC', () => {
  const l = layout(kernel('mainline'), 0x400000000000n, 96n * GiB, true);
  assert.ok(l.ok);
  const bar = l.usemem.barSize; // 128 GiB (example A)
  fc.assert(
    fc.property(inexactU64, (v) => {
      const d = new EmulatedDevice(l, 65536);
      const w = d.apply({ op: 'configWrite', offset: 0x20, width: 8, value: v });
      const r = d.apply({ op: 'configRead', offset: 0x20, width: 8 });
      // Domain §3: stored raw, read back aligned down to the BAR size with the 64-bit prefetchable flags.
      const want = (v & ~(bar - 1n) & U64_MAX) | 0xcn;
      assert.ok(r.op === 'configRead' && r.result.emulated && r.result.value === want);
      const json = opResultJson(r, 8) as { value: string };
      assert.equal(json.value, hex(want));
      safeNumbersOnly(opResultJson(w, 8), 'configWrite result');
    }),
    runs,
  );
});

test('region I/O and mmap near 2^64: counts and offsets stay exact, overflow is an error, never a wrapped number', () => {
  const l = layout(kernel('mainline'), 0x400000000000n, 96n * GiB, true);
  assert.ok(l.ok);
  fc.assert(
    fc.property(inexactU64, inexactU64, (offset, count) => {
      const d = new EmulatedDevice(l, 65536);
      for (const op of [
        { op: 'regionRead', index: 4, offset, count } as const,
        { op: 'mmap', pgoff: offset, length: count } as const,
      ]) {
        const r = d.apply(op);
        const json = opResultJson(r, undefined) as Record<string, unknown>;
        safeNumbersOnly(json, op.op);
        // Offsets this far out are past every BAR: the driver refuses them.
        assert.ok('errno' in json || 'error' in json || json.emulated === false, `${op.op} ${hex(offset)} ${hex(count)}: ${JSON.stringify(json)}`);
      }
    }),
    runs,
  );
});

test('layout view and playground for a device whose base a double cannot hold: exact hex strings, safe numbers only', () => {
  fc.assert(
    fc.property(inexactU64.filter((b) => b < 1n << 63n), (base) => {
      const r = resolveDevice({ name: 'edge', memphys: base, memlength: 96n * GiB }, 'settings', { kernel: 'mainline', pageSize: 65536 });
      assert.ok(r.ok);
      const view = buildLayoutView({ device: r.device, workspace: [r.device] });
      safeNumbersOnly(view, 'layout view');
      assert.ok(JSON.stringify(view).includes(`"${hex(base)}"`), 'the base appears exactly');
      const played = replayOps(r.device, [{ op: 'configWrite', offset: 0x20, width: 8, value: U64_MAX }, { op: 'configRead', offset: 0x20, width: 8 }, { op: 'regionInfo', index: 4 }]);
      safeNumbersOnly(played, 'playground');
      assert.ok(played.ok);
      assert.deepEqual(played.steps[1].result, { emulated: true, value: '0xffffffe00000000c' });
    }),
    { numRuns: 60, seed: 64 },
  );
});

test('overflow as the driver reports it: example I fails with EOVERFLOW, example J is accepted with its end past 2^64', () => {
  const i = layout(kernel('mainline'), 0xffff_fff0_0000_0000n, 96n * GiB, true);
  assert.ok(!i.ok);
  assert.equal(i.error, 'EOVERFLOW');
  assert.deepEqual(layoutJson(i), { ok: false, error: 'EOVERFLOW', message: i.message });
  const j = layout(kernel('mainline'), 0xffff_ffe8_2000_0000n, 96n * GiB, true);
  assert.ok(j.ok && j.resmem);
  assert.equal(j.resmem.memphys, 0xffff_ffff_e000_0000n);
  assert.equal(j.resmem.memlength, GiB);
  assert.equal(j.usemem.barSize, 128n * GiB);
});
