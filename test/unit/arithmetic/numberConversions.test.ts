// Where 64-bit values live (the model, the layout view's model, the wire
// schemas), every conversion to a JS number is listed here with why it is
// exact. A new Number()/parseInt()/parseFloat() there fails this test until
// it is reviewed and added: a u64 field must stay a bigint or a hex string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../support/lspClient';

const FOLDERS = ['server/src/model', 'server/src/views', 'shared'];
const CONVERSION = /\b(?:Number|parseInt|parseFloat)\s*\(/;

/** Reviewed conversions: file, the exact line, and why the value is small. */
const REVIEWED: ReadonlyArray<readonly [string, string, string]> = [
  ['server/src/model/kernel.ts', "const [major, minor] = version.split('.').map((d) => Number.parseInt(d, 10));", 'kernel version digits'],
  ['server/src/model/regionAccess.ts', 'return { index: Number(pos >> VFIO.PCI_OFFSET_SHIFT), offset: pos & VFIO.PCI_OFFSET_MASK };', 'a u64 offset >> 40 is below 2^24'],
  ['server/src/model/regionAccess.ts', 'const regionIndex = Number(pgoff >> indexShift);', 'a u64 pgoff >> 24 (or 28) is below 2^40'],
  ['server/src/model/summary.ts', 'paddingPermille: Number((pad * 1000n + r.barSize / 2n) / r.barSize),', 'a per-mille in [0, 1000]'],
  ['server/src/views/scale.ts', 'if (bits <= 53) return Math.log2(Number(x));', 'at most 53 bits: exact'],
  ['server/src/views/scale.ts', 'return Math.log2(Number(x >> BigInt(shift))) + shift;', 'shifted down to 53 bits for a drawing scale, never shown as a value'],
  ['server/src/views/scale.ts', 'const exact = sizes.map((s) => ({ floor: Number((s * BigInt(WHOLE)) / total), rest: Number((((s * BigInt(WHOLE)) % total) * 1_000_000n) / total) }));', 'drawn widths in [0, WHOLE] and millionths'],
  ['server/src/views/scale.ts', 'return Number(p > BigInt(WHOLE) ? BigInt(WHOLE) : p);', 'clamped to the drawing width'],
  ['server/src/views/layoutView.ts', 'pgoffIndexShift: Number(VFIO.PCI_OFFSET_SHIFT - pageShift(d.pageSize)),', 'a shift count (24 or 28)'],
  ['server/src/views/configRegisters.ts', 'const low = Number(lowDword & 0xfn);', 'four flag bits'],
];

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath ?? e.path, e.name)));
}

test('every conversion to a JS number where 64-bit values live is a reviewed one', () => {
  const found: Array<[string, string]> = [];
  for (const f of FOLDERS.flatMap(files)) {
    for (const line of fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n')) {
      const code = line.replace(/\/\/.*$/, '').trim();
      if (CONVERSION.test(code)) found.push([f, code]);
    }
  }
  const reviewed = new Set(REVIEWED.map(([f, l]) => `${f}|${l}`));
  const unreviewed = found.filter(([f, l]) => !reviewed.has(`${f}|${l}`)).map(([f, l]) => `${f}: ${l}`);
  assert.deepEqual(unreviewed, [], 'review these: a 64-bit value must stay a bigint (or a hex string on the wire)');
  const stale = REVIEWED.filter(([f, l]) => !found.some(([g, m]) => g === f && m === l)).map(([f, l]) => `${f}: ${l}`);
  assert.deepEqual(stale, [], 'reviewed conversions that no longer exist: remove them from the list');
});

test('the scan sees a conversion when there is one', () => {
  assert.ok(CONVERSION.test('const x = Number(memphys);'));
  assert.ok(CONVERSION.test('parseInt(text, 16)'));
  assert.ok(!CONVERSION.test('Number.isSafeInteger(x)'));
});
