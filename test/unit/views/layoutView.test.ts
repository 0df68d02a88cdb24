// The layout view's model: what is drawn and at which sizes, for the domain's
// worked examples. Expected numbers are computed by hand from the domain doc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutViewSchema } from '../../../shared/layoutView';
import type { DeviceProfile } from '../../../shared/profile';
import { ResolvedDevice, resolveDevice } from '../../../server/src/profiles/activeProfile';
import { buildLayoutView } from '../../../server/src/views/layoutView';

const GiB = 1n << 30n;
const BASE = 0x4000_0000_0000n;

function device(p: Partial<DeviceProfile> & { name?: string }, kernel = 'mainline', pageSize: 4096 | 65536 = 65536): ResolvedDevice {
  const r = resolveDevice({ name: 'dev', ...p } as DeviceProfile, 'settings', { kernel, pageSize });
  if (!r.ok) throw new Error(r.message);
  return r.device;
}

function view(d: ResolvedDevice, workspace: ResolvedDevice[] = []) {
  const v = buildLayoutView({ device: d, workspace });
  // Whatever the builder makes must pass the schema the client checks it with.
  return layoutViewSchema.parse(v);
}

const segs = (s: ReadonlyArray<{ kind: string; start: string; size: string; drawn: number }>) => s.map((x) => [x.kind, x.start, x.size, x.drawn]);

test('example A (GH200 96 GiB): 95 GiB backed + 33 GiB padding in a 128 GiB aperture, drawn to scale', () => {
  const v = view(device({ sku: 'gh200-96gb' }));
  assert.deepEqual(v.layout, { ok: true, split: true });
  const bar4 = v.apertures.find((a) => a.bar === 'BAR4')!;
  assert.equal(bar4.role, 'usemem');
  assert.equal(bar4.barSize, '0x2000000000');
  assert.equal(bar4.scale, 'linear');
  // 95/128 = 742.19‰, 33/128 = 257.81‰ → 742 + 258
  assert.deepEqual(segs(bar4.segments), [
    ['backed', '0x0', '0x17c0000000', 742],
    ['padding', '0x17c0000000', '0x840000000', 258],
  ]);
  assert.equal(bar4.paddingPermille, 258);
  assert.equal(bar4.cache, 'wb');
  const bar2 = v.apertures.find((a) => a.bar === 'BAR2')!;
  assert.deepEqual(segs(bar2.segments), [['backed', '0x0', '0x40000000', 1000]]);
  assert.equal(bar2.cache, 'wc');
});

test('example A memory band: 1 GiB of 96 would vanish to scale, so it is drawn on a log scale', () => {
  const v = view(device({ sku: 'gh200-96gb' }));
  const m = v.memory!;
  assert.equal(m.start, '0x400000000000');
  assert.equal(m.end, '0x401800000000');
  assert.equal(m.rounding, '0x0');
  assert.equal(m.scale, 'log');
  // weights 1 + log2(95 GiB / 1 GiB) = 7.5699 and 1 → 883.3‰ and 116.7‰
  assert.deepEqual(segs(m.segments), [
    ['usemem', '0x400000000000', '0x17c0000000', 883],
    ['resmem', '0x4017c0000000', '0x40000000', 117],
  ]);
});

test('example B (95.75 GiB): the 512 MiB round-down moves 256 MiB into resmem, whose BAR becomes 2 GiB', () => {
  const v = view(device({ memphys: BASE, memlength: 0x17_f000_0000n }));
  const m = v.memory!;
  assert.equal(m.rounding, '0x10000000');
  assert.deepEqual(
    m.segments.map((s) => [s.kind, s.start, s.size]),
    [
      ['usemem', '0x400000000000', '0x17a0000000'],
      ['rounding', '0x4017a0000000', '0x10000000'],
      ['resmem', '0x4017b0000000', '0x40000000'],
    ],
  );
  assert.equal(m.segments.reduce((a, s) => a + s.drawn, 0), 1000);
  const bar2 = v.apertures.find((a) => a.bar === 'BAR2')!;
  assert.equal(bar2.barSize, '0x80000000');
  // 1.25 of 2 GiB backed: 625‰, 0.75 padding: 375‰
  assert.deepEqual(segs(bar2.segments), [
    ['backed', '0x0', '0x50000000', 625],
    ['padding', '0x50000000', '0x30000000', 375],
  ]);
  assert.ok(v.notes.some((n) => n.code === 'ROUNDED_INTO_RESMEM'));
});

test('example H (exactly 128 GiB): 1 GiB of padding in 128 GiB would vanish, the aperture goes log scale', () => {
  const bar4 = view(device({ memphys: BASE, memlength: 128n * GiB })).apertures.find((a) => a.bar === 'BAR4')!;
  assert.equal(bar4.barSize, '0x2000000000');
  assert.equal(bar4.padding, '0x40000000');
  assert.equal(bar4.scale, 'log');
  // weights 1 + log2(127) = 7.9887 and 1 → 888.7‰ and 111.3‰
  assert.deepEqual(bar4.segments.map((s) => s.drawn), [889, 111]);
});

test('example C: the usemem aperture is 64 GiB on 6.13 and 128 GiB on 6.14', () => {
  const c = { memphys: BASE, memlength: 0x10_5000_0000n };
  const old = view(device(c, '6.13'));
  const now = view(device(c, '6.14'));
  assert.equal(old.device.rules, '6.9–6.13 rules');
  assert.equal(now.device.rules, '6.14+ rules');
  assert.equal(old.apertures.find((a) => a.bar === 'BAR4')!.barSize, '0x1000000000');
  assert.equal(now.apertures.find((a) => a.bar === 'BAR4')!.barSize, '0x2000000000');
  // 64 of 64 GiB backed on 6.13: no padding part at all
  assert.deepEqual(old.apertures.find((a) => a.bar === 'BAR4')!.segments.map((s) => [s.kind, s.drawn]), [['backed', 1000]]);
});

test('GB200 (no MIG bug): one band, one aperture, region 2 and 0x18–0x1F belong to the physical BAR', () => {
  const v = view(device({ sku: 'gb200' }, '6.14'));
  assert.deepEqual(v.layout, { ok: true, split: false });
  assert.equal(v.device.migHwBug, false);
  assert.deepEqual(segs(v.memory!.segments), [['usemem', '0x400000000000', '0x2e80000000', 1000]]);
  const bar4 = v.apertures[0];
  assert.equal(v.apertures.length, 1);
  // 186/256 = 726.56‰ backed, 273.44‰ padding
  assert.deepEqual(bar4.segments.map((s) => s.drawn), [727, 273]);
  const r2 = v.fd.find((r) => r.index === 2)!;
  assert.equal(r2.kind, 'physical');
  assert.equal(r2.emulated, false);
  const cfg18 = v.config.find((r) => r.offset === 0x18)!;
  assert.equal(cfg18.emulated, false);
  assert.match(cfg18.note, /no resmem/);
});

test('the fd offset space: region N at N << 40, emulated regions filled to their BAR size', () => {
  const v = view(device({ sku: 'gh200-96gb' }));
  assert.deepEqual(
    v.fd.map((r) => [r.index, r.offset, r.kind]),
    [
      [0, '0x0', 'physical'],
      [1, '0x10000000000', 'upper-half'],
      [2, '0x20000000000', 'resmem'],
      [3, '0x30000000000', 'upper-half'],
      [4, '0x40000000000', 'usemem'],
      [5, '0x50000000000', 'upper-half'],
      [6, '0x60000000000', 'core'],
      [7, '0x70000000000', 'core'],
      [8, '0x80000000000', 'core'],
    ],
  );
  const r4 = v.fd[4];
  // 128 GiB of 1 TiB = 125‰ exactly, to scale
  assert.deepEqual([r4.size, r4.fill, r4.scale, r4.overflows], ['0x2000000000', 125, 'linear', false]);
  const r2 = v.fd[2];
  // 1 GiB of 1 TiB (0.98‰) would vanish: log, weights 1 and 1 + log2(1023) → 83.3‰
  assert.deepEqual([r2.size, r2.fill, r2.scale], ['0x40000000', 83, 'log']);
});

test('a BAR over 1 TiB overflows its fd slot', () => {
  const v = view(device({ memphys: BASE, memlength: 1536n * GiB, migHwBug: false }));
  const r4 = v.fd[4];
  assert.equal(r4.size, '0x20000000000');
  assert.equal(r4.overflows, true);
  assert.equal(r4.fill, 1000);
  assert.match(r4.note, /land in region 5/);
});

test('config registers 0x10–0x27 after open: 0xC / 0x0, and the sizing read-backs of §1.5', () => {
  const v = view(device({ sku: 'gh200-96gb' }));
  assert.deepEqual(
    v.config.map((r) => [r.offset, r.bar, r.half, r.owner, r.value ?? null, r.sizingReadBack ?? null]),
    [
      [0x10, 'BAR0', 'low', 'core', null, null],
      [0x14, 'BAR0', 'high', 'core', null, null],
      [0x18, 'BAR2', 'low', 'resmem', '0xc', '0xc000000c'],
      [0x1c, 'BAR2', 'high', 'resmem', '0x0', '0xffffffff'],
      [0x20, 'BAR4', 'low', 'usemem', '0xc', '0xc'],
      [0x24, 'BAR4', 'high', 'usemem', '0x0', '0xffffffe0'],
    ],
  );
  assert.equal(v.config[2].flags, '0xc: memory, 64-bit, prefetchable');
});

test('probe failures: ENOMEM falls back to core ops (fd and config all core); EINVAL has no device at all', () => {
  const nomem = view(device({ memphys: BASE, memlength: 0n }));
  assert.equal(nomem.layout.ok, false);
  assert.equal(nomem.memory, null);
  assert.deepEqual(nomem.apertures, []);
  assert.equal(nomem.fd.length, 9);
  assert.ok(nomem.fd.every((r) => !r.emulated));
  assert.ok(nomem.config.every((r) => !r.emulated && /fell back/.test(r.note)));
  assert.deepEqual(nomem.playground.sizing, []);
  const inval = view(device({ memphys: BASE, memlength: 0x5000_0000n }));
  assert.deepEqual(inval.layout.ok === false && inval.layout.error, 'EINVAL');
  assert.deepEqual([inval.fd, inval.config], [[], []]);
  assert.deepEqual(inval.window.blocks, []);
  assert.match(inval.window.notes[0], /not placed/);
});

test('MMIO window: two GH200-96 fit the 512 GiB default, three need highmem-mmio-size=1T', () => {
  const gh = (name: string) => device({ name, sku: 'gh200-96gb' });
  const [a, b, c] = [gh('a'), gh('b'), gh('c')];
  const two = view(a, [a, b]).window;
  assert.equal(two.fits, true);
  assert.equal(two.size, '0x8000000000');
  assert.deepEqual(two.blocks.map((x) => [x.name, x.active, x.stride, x.offset, x.drawnStart, x.drawnSize]), [
    ['a', true, '0x4000000000', '0x0', 0, 500],
    ['b', false, '0x4000000000', '0x4000000000', 500, 500],
  ]);
  // 128 GiB usemem + 1 GiB resmem + 16 MiB BAR0 (typical) → a 256 GiB block
  assert.deepEqual(two.blocks[0].bars.map((x) => [x.name, x.size, x.typical]), [
    ['BAR4 (usemem)', '0x2000000000', false],
    ['BAR2 (resmem)', '0x40000000', false],
    ['BAR0 (physical)', '0x1000000', true],
  ]);
  const three = view(a, [a, b, c]).window;
  assert.equal(three.fits, false);
  assert.equal(three.used, '0xc000000000');
  assert.equal(three.neededWindow, '0x10000000000');
  assert.equal(three.suggestion, '-machine virt,highmem-mmio-size=1T');
  // the drawing spans the 768 GiB used: the window ends at 512/768 = 666‰
  assert.equal(three.drawnWindow, 666);
  assert.deepEqual(three.blocks.map((x) => [x.drawnStart, x.drawnSize, x.fits]), [[0, 333, true], [333, 333, true], [666, 334, false]]);
});

test('the shown device joins the window even when the workspace does not list it; unknown BARs are said', () => {
  const custom = device({ name: 'lab', memphys: BASE, memlength: 96n * GiB });
  const w = view(custom, []).window;
  assert.deepEqual(w.blocks.map((b) => b.name), ['lab']);
  // no SKU: only 128 GiB + 1 GiB counted → 256 GiB block
  assert.equal(w.blocks[0].stride, '0x4000000000');
  assert.match(w.notes.join('\n'), /lab: physical BARs unknown/);
});

test('playground setup: the mmap index shift per page size and the BAR sizing sequence', () => {
  const v64 = view(device({ sku: 'gh200-96gb' }));
  assert.equal(v64.playground.pgoffIndexShift, 24);
  assert.equal(view(device({ sku: 'gh200-96gb' }, 'mainline', 4096)).playground.pgoffIndexShift, 28);
  assert.deepEqual(v64.playground.sizing, [
    { op: 'configWrite', offset: 0x18, width: 4, value: '0xffffffff' },
    { op: 'configWrite', offset: 0x1c, width: 4, value: '0xffffffff' },
    { op: 'configRead', offset: 0x18, width: 4 },
    { op: 'configRead', offset: 0x1c, width: 4 },
    { op: 'configWrite', offset: 0x20, width: 4, value: '0xffffffff' },
    { op: 'configWrite', offset: 0x24, width: 4, value: '0xffffffff' },
    { op: 'configRead', offset: 0x20, width: 4 },
    { op: 'configRead', offset: 0x24, width: 4 },
  ]);
  assert.deepEqual(v64.playground.regions.map((r) => r.role), ['core', 'core', 'resmem', 'core', 'usemem', 'core', 'core', 'core', 'core']);
});

test('an end that wraps past 2^64 (example J) has no end address', () => {
  const v = view(device({ memphys: 0xffff_ffe8_2000_0000n, memlength: 96n * GiB }));
  assert.equal(v.layout.ok, true);
  assert.equal(v.memory!.end, undefined);
  assert.ok(v.notes.some((n) => n.code === 'END_WRAPS'));
});

test('a Grace Blackwell SKU on an old kernel: not in its ID table, and the old driver would carve resmem', () => {
  const v = view(device({ sku: 'gb300' }, '6.13'));
  assert.deepEqual(v.notes.map((n) => [n.severity, n.code]).slice(0, 2), [['error', 'NOT_IN_ID_TABLE'], ['warning', 'GB_ON_OLD_DRIVER']]);
  // The table decides modules.alias (libvirt's choice), not an explicit driver_override, which matches any device.
  assert.match(v.notes[0].message, /^GB300 SKU \(10de:31c2\) is not in kernel 6\.13's nvgrace-gpu ID table \(added in 6\.18\): modules\.alias has no line for it, so libvirt .* gives it plain vfio-pci; only an explicit driver_override binds nvgrace-gpu/);
  assert.deepEqual(view(device({ sku: 'gb300' }, '6.19')).notes, []);
  // 6.18 lists it, but its readiness poll still loses a timeout (NVG020).
  assert.deepEqual(view(device({ sku: 'gb300' }, '6.18')).notes.map((n) => n.code), ['READINESS_TIMEOUT_IGNORED']);
  // GB300 also went to 6.17 stable updates (domain §5.1): a bare 6.17 may or may not list it.
  const stable = view(device({ sku: 'gb300' }, '6.17.8')).notes;
  assert.deepEqual(stable.map((n) => [n.severity, n.code]), [['warning', 'NOT_IN_ID_TABLE'], ['info', 'READINESS_TIMEOUT_IGNORED']]);
  assert.match(stable[0].message, /in 6\.17 stable updates: a 6\.17\.y lists it only with the backport \(modules\.alias vfio_pci:v000010DEd000031C2sv\*sd\*bc\*sc\*i\*\)/);
  assert.deepEqual(view(device({ sku: 'gh200-144gb' }, '6.13')).notes.map((n) => n.code), []);
  assert.deepEqual(view(device({ sku: 'gh200-144gb' }, '6.12')).notes.map((n) => n.code), ['NOT_IN_ID_TABLE']);
});

// Region 2 is GB's physical BAR only on 6.14+ (no MIG bug); a 6.13 driver carves
// resmem there (example F': 186 − 1 = 185 GiB usemem → 256 GiB, resmem 1 GiB).
test('MMIO window: the uncounted physical BAR2 note is for Grace Blackwell on 6.14+ only', () => {
  const now = device({ name: 'gb', sku: 'gb200' });
  const ROOT_PORT = 'each GPU is placed as if behind a root port of its own (a power-of-two block); on the root bus (pcie.0) a GPU takes only the sum of its BARs';
  assert.deepEqual(view(now, [now]).window.notes, ['gb: the physical BAR2 of Grace Blackwell is not known here and is not counted', ROOT_PORT]);
  const old = device({ name: 'gb', sku: 'gb200' }, '6.13');
  const w = view(old, [old]).window;
  assert.deepEqual(w.notes, [ROOT_PORT]);
  assert.deepEqual(w.blocks[0].bars.map((b) => [b.name, b.size]), [['BAR4 (usemem)', '0x4000000000'], ['BAR2 (resmem)', '0x40000000'], ['BAR0 (physical)', '0x1000000']]);
});
