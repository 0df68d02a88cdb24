// Bad arguments and bad input: a clear message and exit status 2, never a
// stack trace; one bad line or file does not stop the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';
import { cli } from './run';
import { ROOT } from '../support/lspClient';

const BAD_ARGS: Array<[string[], RegExp]> = [
  [['layout', '--memphyss', '1'], /^vfio-lens: Unknown option '--memphyss'/],
  [['layout', '--memlength', '96G'], /^vfio-lens: --memphys is required/],
  [['layout', '--memphys', 'zz', '--memlength', '1'], /^vfio-lens: --memphys: "zz" is not a number/],
  [['layout', '--memphys', '0xffffffffffffffffffff', '--memlength', '1G'], /^vfio-lens: --memphys: 0xffffffffffffffffffff does not fit in 64 bits/],
  [['layout', '--memphys', '0x400000000000', '--memlength', '18446744073709551616'], /^vfio-lens: --memlength: 18446744073709551616 does not fit in 64 bits/],
  [['layout', '--sku', 'gh200-96gb', '--page-size', '8192'], /^vfio-lens: --page-size must be 4096 or 65536/],
  [['layout', '--sku', 'nope'], /^vfio-lens: --sku: unknown SKU "nope"/],
  [['layout', '--sku', 'gh200-96gb', '--kernel', '5.4'], /^vfio-lens: --kernel: kernel 5\.4 has no nvgrace-gpu driver/],
  [['layout', '--sku', 'gb200', '--mig-hw-bug', '--no-mig-hw-bug'], /contradict/],
  [['layout', '--sku', 'gb200', 'extra'], /^vfio-lens: Unexpected argument 'extra'/],
  [['emulate'], /^vfio-lens: usage: vfio-lens emulate --jsonl/],
  [['emulate', '--jsonl', '--fast'], /^vfio-lens: usage: vfio-lens emulate --jsonl/],
  [['lsp'], /^vfio-lens: usage: vfio-lens lsp --stdio/],
  [['frobnicate'], /^vfio-lens: unknown command "frobnicate"/],
  [[], /^vfio-lens \d/],
];

for (const [args, message] of BAD_ARGS) {
  test(`vfio-lens ${args.join(' ') || '(nothing)'}: exit 2 with a clear message`, async () => {
    const r = await cli(args);
    assert.equal(r.code, 2, r.stderr + r.stdout);
    assert.match(args.length ? r.stderr : r.stdout, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
}

test('emulate: bad lines (not JSON, invalid UTF-8 and NULs, JSON numbers, a missing field, > 64 bits, 100 KB) get an error line each; the good ones are answered; exit 2', async () => {
  const good = JSON.stringify({ memphys: '0x400000000000', memlength: '0x1800000000', ops: [{ op: 'regionInfo', index: 4 }] });
  const input = Buffer.concat([
    Buffer.from(good + '\nnot json\n'),
    Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0a]),
    Buffer.from(JSON.stringify({ memphys: 70368744177664, memlength: '0x1800000000' }) + '\n'),
    Buffer.from(JSON.stringify({ memphys: '0xffffffffffffffffffff', memlength: '0x1' }) + '\n'),
    Buffer.from('{"memphys":"' + 'f'.repeat(100_000) + '"}\n'),
    Buffer.from(JSON.stringify({ memlength: '0x1800000000', ops: [] }) + '\n'),
    Buffer.from('\n' + good + '\n'),
  ]);
  const r = await cli(['emulate', '--jsonl'], input);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 8);
  assert.equal(lines[0].layout.usemem.barSize, '0x2000000000');
  assert.match(lines[1].error, /^line 2: not JSON/);
  assert.match(lines[2].error, /^line 3: not JSON/);
  assert.match(lines[3].error, /^line 4: memphys: expected a hex string "0x…" \(64-bit values are not JSON numbers/);
  assert.equal(lines[4].error, 'line 5: memphys: 0xffffffffffffffffffff does not fit in 64 bits');
  assert.match(lines[5].error, /^line 6: memphys: expected a hex string such as "0x1800000000"/);
  assert.equal(lines[6].error, 'line 7: memphys: missing: a hex string "0x…" is required');
  assert.deepEqual(lines[7], lines[0], 'the run went on after the bad lines');
});

test('check: a missing file among good ones is named, the others are still checked, exit 2', async () => {
  const missing = path.join(os.tmpdir(), 'vfio-lens-no-such-file.sh');
  const good = path.join(ROOT, 'test/fixtures/qemu/gb200x4-overflow.sh');
  const r = await cli(['check', missing, good]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, new RegExp(missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.match(r.stdout + r.stderr, /NVG015/, 'the good file was still checked');
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('check: a file of no known language and a bad flag exit 2 with a clear message; a folder of junk is walked; a binary is read, not fatal', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vfio-lens-check-'));
  const binary = path.join(dir, 'garbage.sh');
  fs.writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x0a]));
  const unknown = path.join(dir, 'notes.txt');
  fs.writeFileSync(unknown, 'hello\n');
  // A folder is walked: the unknown notes.txt is skipped, the binary garbage.sh is read as shell.
  const walked = await cli(['check', dir]);
  assert.equal(walked.code, 0, walked.stdout + walked.stderr);
  assert.match(walked.stderr, /1 file checked: 0 errors/);
  for (const args of [[unknown], ['--no-such-flag', binary]]) {
    const r = await cli(['check', ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^vfio-lens: /m);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
  // Invalid UTF-8 and NULs are read, not fatal: the file is checked (no findings in it).
  const r = await cli(['check', binary]);
  assert.notEqual(r.code, 70, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
