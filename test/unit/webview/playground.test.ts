// The playground's form → op conversion (checked against the emulate
// contract) and its step list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { buildLayoutView } from '../../../server/src/views/layoutView';
import { describeOp, opFromFields, parseNumber, stepsMarkup } from '../../../webview/src/playground';

const store = new ProfileStore(DEFAULT_SETTINGS);
const setup = buildLayoutView({ device: store.active(), workspace: [] }).playground; // 64 KiB pages

test('numbers in hex or decimal, anything else is refused with the field named', () => {
  assert.equal(parseNumber('0x20', 'offset'), 32n);
  assert.equal(parseNumber(' 32 ', 'offset'), 32n);
  assert.equal(parseNumber('0x17_c000_0000', 'offset'), 0x17_c000_0000n);
  assert.equal(parseNumber('-1', 'offset'), 'offset: "-1" is not a number (hex 0x… or decimal)');
  assert.equal(parseNumber('0xg', 'count'), 'count: "0xg" is not a number (hex 0x… or decimal)');
});

test('config accesses from the form, and the contract refuses what the driver could not be asked', () => {
  assert.deepEqual(opFromFields('cfg-write', { 'cfg-offset': '0x1e', 'cfg-width': '2', 'cfg-value': '0xabcd' }, setup), {
    op: { op: 'configWrite', offset: 0x1e, width: 2, value: '0xabcd' },
  });
  assert.deepEqual(opFromFields('cfg-read', { 'cfg-offset': '36', 'cfg-width': '4' }, setup), { op: { op: 'configRead', offset: 36, width: 4 } });
  assert.deepEqual(opFromFields('cfg-write', { 'cfg-offset': '0x20', 'cfg-width': '1', 'cfg-value': '0x100' }, setup), { error: 'value: value 0x100 does not fit in 1 byte(s)' });
  assert.deepEqual(opFromFields('cfg-read', { 'cfg-offset': '0x20', 'cfg-width': '3' }, setup), { error: 'width: width must be 1, 2, 4 or 8' });
  assert.deepEqual(opFromFields('cfg-read', { 'cfg-offset': '0xffe', 'cfg-width': '4' }, setup), { error: 'access of 4 bytes at 4094 runs past the 4096-byte config space' });
  assert.deepEqual(opFromFields('cfg-read', { 'cfg-offset': 'x', 'cfg-width': '4' }, setup), { error: 'offset: "x" is not a number (hex 0x… or decimal)' });
});

test('mmap of a page range: vm_pgoff = index << (40 − PAGE_SHIFT) | first page, length = pages × PAGE_SIZE', () => {
  // 64 KiB pages: BAR2 page 0x10 → pgoff 0x2000010 (the README's example), two pages → 0x20000 bytes
  assert.deepEqual(opFromFields('mmap', { 'mm-index': '2', 'mm-page': '0x10', 'mm-pages': '2' }, setup), { op: { op: 'mmap', pgoff: '0x2000010', length: '0x20000' } });
  assert.match((opFromFields('mmap', { 'mm-index': '2', 'mm-page': '0x1000000', 'mm-pages': '1' }, setup) as { error: string }).error, /a region has 0x1000000 pages of 65536 bytes/);
  assert.equal(describeOp({ op: 'mmap', pgoff: '0x2000010', length: '0x20000' }, setup), 'mmap pgoff 0x2000010 (BAR2 page 0x10), 0x20000 bytes');
});

test('region ops and reset from the form', () => {
  assert.deepEqual(opFromFields('rg-read', { 'rg-index': '4', 'rg-offset': '0x17bffff000', 'rg-count': '8192' }, setup), {
    op: { op: 'regionRead', index: 4, offset: '0x17bffff000', count: '0x2000' },
  });
  assert.deepEqual(opFromFields('rg-info', { 'rg-index': '2' }, setup), { op: { op: 'regionInfo', index: 2 } });
  assert.deepEqual(opFromFields('reset', {}, setup), { op: { op: 'reset' } });
  assert.equal(describeOp({ op: 'regionWrite', index: 4, offset: '0x0', count: '0x10' }), 'pwrite BAR4 at 0x0, 0x10 bytes');
});

test('the step list pairs each op with its result and rule, escaped; pending steps show …', () => {
  const history = [{ op: 'configRead', offset: 32, width: 4 }];
  assert.match(stepsMarkup(history, undefined, setup), /config read 4 B at 0x20<\/span> → <span class="summary">…<\/span>/);
  const html = stepsMarkup(history, { ok: true, device: 'd', registers: [], steps: [{ result: { emulated: true, value: '0xc' }, summary: 'read 0x0000000c', rule: 'a <b> rule', outcome: 'ok' }] }, setup);
  assert.match(html, /<span class="summary outcome-ok">read 0x0000000c<\/span><div class="rule">a &lt;b&gt; rule<\/div>/);
  // A step that shows a domain rule links its code to the diagnostics reference.
  const coded = stepsMarkup(history, { ok: true, device: 'd', registers: [], steps: [{ result: { emulated: true, error: 'EINVAL' }, summary: 'EINVAL', rule: 'past the BAR', outcome: 'error', code: 'NVG024' }] }, setup);
  assert.match(coded, /<div class="rule"><a class="code" href="https:\/\/github\.com\/vfio-lens\/vfio-lens\/blob\/main\/docs\/diagnostics\.md#nvg024" [^>]*>NVG024<\/a> past the BAR<\/div>/);
  assert.doesNotMatch(html, /<a /, 'no link without a code');
  assert.match(stepsMarkup([], undefined, setup), /No steps yet/);
  assert.match(stepsMarkup(history, { ok: false, device: 'd', message: 'EINVAL: usemem rounds down to 0' }), /class="error">EINVAL: usemem rounds down to 0/);
});
