// The playground replays ops on a fresh device and explains each result.
// Results must be exactly what `vfio-lens emulate` prints for the same ops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deviceOpSchema } from '../../../shared/deviceOps';
import type { DeviceProfile } from '../../../shared/profile';
import { emulateResultSchema } from '../../../shared/playground';
import { emulateLine } from '../../../server/src/cli/emulateCommand';
import { ResolvedDevice, resolveDevice } from '../../../server/src/profiles/activeProfile';
import { replayOps, sizingOps } from '../../../server/src/views/playground';

function device(p: Partial<DeviceProfile>, kernel = 'mainline'): ResolvedDevice {
  const r = resolveDevice({ name: 'dev', ...p } as DeviceProfile, 'settings', { kernel, pageSize: 65536 });
  if (!r.ok) throw new Error(r.message);
  return r.device;
}

const gh96 = device({ sku: 'gh200-96gb' });
const gb200 = device({ sku: 'gb200' });

function run(d: ResolvedDevice, ops: object[]) {
  const r = emulateResultSchema.parse(replayOps(d, ops.map((o) => deviceOpSchema.parse(o))));
  if (!r.ok) throw new Error(r.message);
  return r;
}

test('BAR sizing on example A: all ones read back as ~(size − 1) | 0xC, and the rule derives the size', () => {
  const l = gh96.layout;
  assert.ok(l.ok);
  const r = run(gh96, sizingOps(l));
  assert.deepEqual(
    r.steps.map((s) => s.summary),
    ['stored 4 bytes', 'stored 4 bytes', 'read 0xc000000c', 'read 0xffffffff', 'stored 4 bytes', 'stored 4 bytes', 'read 0x0000000c', 'read 0xffffffe0'],
  );
  assert.match(r.steps[3].rule, /sizing read-back: a guest derives size = ~\(value & ~0xF\) \+ 1 = 0x40000000 \(1 GiB\)/);
  assert.match(r.steps[7].rule, /0xffffffe00000000c is the sizing read-back: .* = 0x2000000000 \(128 GiB\)/);
  // After only the low dword is written, the address bits are not all set: no sizing claim.
  const half = run(gh96, [{ op: 'configWrite', offset: 0x20, width: 4, value: '0xffffffff' }, { op: 'configRead', offset: 0x20, width: 4 }]);
  assert.doesNotMatch(half.steps[1].rule, /sizing read-back/);
  // The registers after the sequence: stored raw, read masked.
  const bar4hi = r.registers.find((x) => x.offset === 0x24)!;
  assert.deepEqual([bar4hi.stored, bar4hi.value], ['0xffffffff', '0xffffffe0']);
});

test('results are the CLI contract: the same ops give the same JSON as vfio-lens emulate', () => {
  const ops = [
    { op: 'configWrite', offset: 32, width: 4, value: '0xffffffff' },
    { op: 'configRead', offset: 32, width: 4 },
    { op: 'reset' },
    { op: 'regionRead', index: 4, offset: '0x17ffffff00', count: '0x1000' },
    { op: 'regionWrite', index: 2, offset: '0x0', count: '0x10' },
    { op: 'mmap', pgoff: '0x2000010', length: '0x20000' },
    { op: 'regionInfo', index: 2 },
    { op: 'configWrite', offset: 0x1e, width: 4, value: '0x11223344' },
  ];
  const cli = emulateLine(JSON.stringify({ kernel: 'mainline', memphys: '0x400000000000', memlength: '0x1800000000', migHwBug: true, pageSize: 65536, ops }), 1);
  const r = run(gh96, ops);
  assert.deepEqual(r.steps.map((s) => s.result), (cli.line as { results: unknown[] }).results);
});

test('each step says which rule produced it', () => {
  const r = run(gh96, [
    { op: 'configRead', offset: 0x10, width: 4 },
    { op: 'configWrite', offset: 0x1e, width: 4, value: '0x11223344' },
    { op: 'reset' },
    { op: 'regionRead', index: 4, offset: '0x17bffff000', count: '0x2000' },
    { op: 'regionWrite', index: 4, offset: '0x2000000000', count: '0x10' },
    { op: 'mmap', pgoff: '0x2000010', length: '0x20000' },
    { op: 'mmap', pgoff: '0x4000000', length: '0x1800000000' },
    { op: 'regionInfo', index: 4 },
    { op: 'regionRead', index: 0, offset: '0x0', count: '0x4' },
  ]);
  const [core, short, reset, read, pastEnd, mmap, mmapTail, info, bar0] = r.steps;
  assert.equal(core.outcome, 'core');
  assert.match(core.rule, /outside nvgrace-gpu's emulated BAR registers, 0x18–0x1F \(resmem\) and 0x20–0x27 \(usemem\)/);
  // 0x1e–0x21 overlaps BAR2's window in two bytes: a short write
  assert.equal(short.summary, 'short write: 2 of 4 bytes stored');
  assert.match(short.rule, /only 2 of the 4 bytes lie in 0x18–0x1f/);
  assert.match(reset.rule, /sets both bar_val to 0/);
  // [0x17bffff000, +0x2000) straddles memlength 0x17c0000000: half device, half 0xFF
  assert.equal(read.summary, '0x2000 bytes: 0x1000 device, 0x1000 read as 0xFF');
  assert.match(read.rule, /write-back memremap.*in the padding: they read as 0xFF/);
  assert.deepEqual([pastEnd.outcome, pastEnd.summary], ['error', 'EINVAL']);
  assert.match(pastEnd.rule, /at or past the BAR size 0x2000000000/);
  // vm_pgoff 0x2000010 >> 24 = region 2 (resmem), page 0x10: PFN 0x4017c0000000 >> 16 + 0x10
  assert.equal(mmap.summary, 'pfn 0x4017c010, wc, 128 KiB');
  assert.match(mmap.rule, /index 2 \(BAR2\), page 0x10 of the region/);
  assert.match(mmap.rule, /write-combine/);
  assert.match(mmap.rule, /from 6\.19 pages are inserted on fault/);
  // a mapping of 96 GiB from page 0 of BAR4 ends past memlength (95 GiB)
  assert.deepEqual([mmapTail.outcome, mmapTail.summary], ['error', 'EINVAL']);
  assert.match(mmapTail.rule, /reachable only by read\/write/);
  assert.match(info.rule, /offset = 4 << 40 = 0x40000000000; size = the BAR size 0x2000000000 \(128 GiB\)/);
  assert.match(info.rule, /\[0x0, 0x17c0000000\)/);
  assert.equal(bar0.outcome, 'core');
});

test('GB200: 0x18 is not emulated without resmem, and an access spanning into BAR4 goes to the core whole', () => {
  const r = run(gb200, [
    { op: 'configRead', offset: 0x18, width: 4 },
    { op: 'configRead', offset: 0x1c, width: 8 },
    { op: 'configRead', offset: 0x20, width: 4 },
  ]);
  assert.equal(r.steps[0].outcome, 'core');
  assert.match(r.steps[0].rule, /not emulated without resmem/);
  assert.equal(r.steps[1].outcome, 'core');
  assert.equal(r.steps[2].summary, 'read 0x0000000c');
});

test('before 6.19 mmap maps eagerly', () => {
  const r = run(device({ sku: 'gh200-96gb' }, '6.18'), [{ op: 'mmap', pgoff: '0x4000000', length: '0x10000' }]);
  assert.match(r.steps[0].rule, /before 6\.19 the whole range is mapped at mmap time/);
});

test('a device whose layout fails cannot be emulated: the reason, not a crash', () => {
  const r = replayOps(device({ memphys: 0x4000_0000_0000n, memlength: 0x5000_0000n }), [deviceOpSchema.parse({ op: 'reset' })]);
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.message, /^EINVAL: usemem rounds down to 0/);
});

test('steps that show a domain rule name its code (NVG021, NVG023, NVG024, NVG009); the results stay the emulate contract', () => {
  const ops = [
    // 0x1c–0x23 covers BAR2's high dword and BAR4's low one: only BAR2's 4 bytes are emulated (NVG021)
    { op: 'configRead', offset: 0x1c, width: 8 },
    { op: 'configWrite', offset: 0x1e, width: 4, value: '0x11223344' },
    { op: 'configRead', offset: 0x20, width: 8 },
    // offset 128 GiB = the BAR size (NVG024); one byte below it is clipped, not refused
    { op: 'regionRead', index: 4, offset: '0x2000000000', count: '0x10' },
    { op: 'regionRead', index: 4, offset: '0x1fffffffff', count: '0x10' },
    // BAR4 from page 0: 95 GiB + 64 KiB ends past memlength 0x17c0000000 but inside the 128 GiB BAR (NVG023)
    { op: 'mmap', pgoff: '0x4000000', length: '0x17c0010000' },
    { op: 'mmap', pgoff: '0x4000000', length: '0x17c0000000' },
    // page 0x10 of BAR2: PFN 0x4017c010 is not a multiple of 0x2000 pages (512 MiB), no huge faults (NVG009)
    { op: 'mmap', pgoff: '0x2000010', length: '0x20000' },
  ];
  const r = run(gh96, ops);
  assert.deepEqual(r.steps.map((s) => s.code), ['NVG021', 'NVG021', undefined, 'NVG024', undefined, 'NVG023', undefined, 'NVG009']);
  // BAR2's high dword (0x1c–0x1f) reads 0 after open; the BAR4 half comes from the core (mask 0xffffffff00000000)
  assert.deepEqual(r.steps[0].result, { emulated: true, value: '0x0', coreMask: '0xffffffff00000000' });
  assert.match(r.steps[0].rule, /the bytes from 0x20 on are vfio-pci core's, not usemem's emulated BAR4/);
  assert.match(r.steps[1].rule, /usemem's BAR4 register is not written/);
  assert.equal(r.steps[4].summary, '0x1 bytes: 0x0 device, 0x1 read as 0xFF');
  assert.match(r.steps[5].rule, /mapping ends at 0x17c0010000, past the device memory \(0x17c0000000\)/);
  assert.match(r.steps[6].rule, /512 MiB at a time where the address aligns too \(the PFN is a multiple of 0x2000 pages\)/);
  assert.match(r.steps[7].rule, /PFN 0x4017c010 is not a multiple of 0x2000 pages \(512 MiB\), so at an aligned address every fault falls back to one 64 KiB page/);
  // The codes live only in the playground: emulate prints exactly its documented fields.
  const cli = emulateLine(JSON.stringify({ memphys: '0x400000000000', memlength: '0x1800000000', ops }), 1);
  assert.deepEqual(r.steps.map((s) => s.result), (cli.line as { results: unknown[] }).results);
  assert.ok(!JSON.stringify(cli.line).includes('NVG'));
});

test('GB200: one access across 0x1f/0x20 goes to the core whole, usemem bytes included (NVG021)', () => {
  const r = run(gb200, [{ op: 'configRead', offset: 0x1c, width: 8 }, { op: 'configWrite', offset: 0x1f, width: 2, value: '0xffff' }, { op: 'configRead', offset: 0x18, width: 8 }]);
  assert.deepEqual(r.steps.map((s) => [s.outcome, s.code]), [['core', 'NVG021'], ['core', 'NVG021'], ['core', undefined]]);
  assert.match(r.steps[0].rule, /usemem's bytes at 0x20 and up included: they are not emulated/);
});

test('before 6.19 an unaligned PFN says nothing about huge pages: the range is mapped at mmap time', () => {
  const r = run(device({ sku: 'gh200-96gb' }, '6.18'), [{ op: 'mmap', pgoff: '0x2000010', length: '0x20000' }]);
  assert.equal(r.steps[0].code, undefined);
});
