import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from './run';

const CASE = {
  kernel: 'mainline', memphys: '0x400000000000', memlength: '0x1800000000', migHwBug: true, pageSize: 65536,
  ops: [
    { op: 'configWrite', offset: 32, width: 4, value: '0xffffffff' },
    { op: 'configRead', offset: 32, width: 4 },
    { op: 'reset' },
    { op: 'regionRead', index: 4, offset: '0x17ffffff00', count: '0x1000' },
    { op: 'regionWrite', index: 2, offset: '0x0', count: '0x10' },
    { op: 'mmap', pgoff: '0x2000010', length: '0x20000' },
    { op: 'regionInfo', index: 2 },
  ],
};

test('the contract example, every result computed by hand', async () => {
  const r = await cli(['emulate', '--jsonl'], JSON.stringify(CASE) + '\n');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 1);
  assert.deepEqual(JSON.parse(lines[0]), {
    layout: {
      ok: true,
      usemem: { memphys: '0x400000000000', memlength: '0x17c0000000', barSize: '0x2000000000', regionIndex: 4, regionOffset: '0x40000000000' },
      resmem: { memphys: '0x4017c0000000', memlength: '0x40000000', barSize: '0x40000000', regionIndex: 2, regionOffset: '0x20000000000' },
    },
    results: [
      { emulated: true },
      { emulated: true, value: '0xc' },
      {},
      { emulated: true, count: '0x1000', device: '0x0', filled: '0x1000' },
      { emulated: true, count: '0x10', device: '0x10', dropped: '0x0' },
      { emulated: true, pfn: '0x4017c010', cache: 'wc' },
      { emulated: true, offset: '0x20000000000', size: '0x40000000', flags: '0xf', sparse: [{ offset: '0x0', size: '0x40000000' }] },
    ],
  });
});

test('a failing layout has no results; GB without resmem reports BAR2 as not emulated', async () => {
  const input = [
    { kernel: '6.14', memphys: '0x400000000000', memlength: '0x50000000', migHwBug: true, pageSize: 4096, ops: [{ op: 'reset' }] },
    { kernel: '6.14', memphys: '0x400000000000', memlength: '0x2e80000000', migHwBug: false, pageSize: 4096, ops: [{ op: 'configRead', offset: 24, width: 4 }, { op: 'regionInfo', index: 2 }, { op: 'mmap', pgoff: '0x20000000', length: '0x1000' }] },
  ].map((c) => JSON.stringify(c)).join('\n');
  const r = await cli(['emulate', '--jsonl'], input + '\n');
  assert.equal(r.code, 0);
  const [bad, gb] = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(bad.layout.ok, false);
  assert.equal(bad.layout.error, 'EINVAL');
  assert.match(bad.layout.message, /rounds down to 0/);
  assert.deepEqual(bad.results, []);
  assert.equal(gb.layout.resmem, null);
  assert.deepEqual(gb.results, [{ emulated: false }, { emulated: false }, { emulated: false }]);
});

test('malformed lines get a located error, the run goes on, and the exit status is 2', async () => {
  const good = JSON.stringify({ ...CASE, ops: [{ op: 'configRead', offset: 36, width: 4 }] });
  const input = [
    good,
    '{not json',
    JSON.stringify({ ...CASE, memlength: 103079215104 }),
    JSON.stringify({ ...CASE, ops: [{ op: 'configRead', offset: 32, width: 3 }] }),
    JSON.stringify({ ...CASE, ops: [{ op: 'poke', offset: 32 }] }),
    JSON.stringify({ ...CASE, kernel: '5.15' }),
    JSON.stringify({ ...CASE, memlength: '0x10000000000000000' }),
    good,
  ].join('\n');
  const r = await cli(['emulate', '--jsonl'], input);
  assert.equal(r.code, 2);
  const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(out.length, 8, 'one output line per input line, in order');
  assert.deepEqual(out[0].results, [{ emulated: true, value: '0x0' }]);
  assert.match(out[1].error, /^line 2: not JSON/);
  assert.match(out[2].error, /^line 3: memlength: .*hex string/);
  assert.match(out[3].error, /^line 4: ops\[0\]\.width: width must be 1, 2, 4 or 8/);
  assert.match(out[4].error, /^line 5: ops\[0\]\.op: op must be one of/);
  assert.match(out[5].error, /^line 6: kernel: .*merged in 6\.9/);
  assert.match(out[6].error, /^line 7: memlength: .*does not fit in 64 bits/);
  assert.deepEqual(out[7], out[0]);
});

test('partial config accesses say which bytes came from the core and how many were stored', async () => {
  const input = JSON.stringify({ ...CASE, ops: [
    { op: 'configWrite', offset: 20, width: 8, value: '0xffffffffffffffff' },
    { op: 'configRead', offset: 20, width: 8 },
  ] });
  const r = await cli(['emulate', '--jsonl'], input);
  const [line] = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(line.results, [
    { emulated: true, count: 4 },
    { emulated: true, value: '0xc000000c00000000', coreMask: '0xffffffff' },
  ]);
});

test('bad usage exits 2 with a message', async () => {
  for (const args of [['emulate'], ['layout'], ['layout', '--memphys', '0x0', '--memlength', 'lots'], ['layout', '--memphys', '0', '--memlength', '96G', '--kernel', '6.1'], ['frobnicate'], ['lsp']]) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^vfio-lens: /);
    assert.equal(r.stdout, '');
  }
});
