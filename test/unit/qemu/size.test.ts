import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatQemuSize, parseQemuSize } from '../../../server/src/analyzers/qemu/size';

const GiB = 1n << 30n;
const value = (t: string, unit?: 'B' | 'M') => {
  const r = parseQemuSize(t, unit);
  assert.ok(r.ok, `${t}: ${!r.ok && r.message}`);
  return r.value;
};

test('QEMU sizes: one binary unit letter, any case, bytes by default', () => {
  assert.equal(value('1T'), 1n << 40n);
  assert.equal(value('512G'), 512n * GiB);
  assert.equal(value('768g'), 768n * GiB);
  assert.equal(value('8388608k'), 8n * GiB); // libvirt's -m size=8388608k
  assert.equal(value('4096'), 4096n);
  assert.equal(value('0x1000'), 4096n);
  assert.equal(value('1.5G'), 3n * GiB / 2n);
  assert.equal(value('2E'), 2n << 60n);
});

test('-m reads a bare number as MiB', () => {
  assert.equal(value('4096', 'M'), 4n * GiB);
  assert.equal(value('64G', 'M'), 64n * GiB);
});

test('sizes QEMU refuses', () => {
  for (const bad of ['1TB', '1TiB', '1 T', '', 'T', '-1G', '1.5', '0x1G', '16E', '1.5.2G']) {
    const r = parseQemuSize(bad);
    assert.equal(r.ok, false, bad);
  }
});

test('the shortest exact spelling', () => {
  assert.equal(formatQemuSize(1n << 40n), '1T');
  assert.equal(formatQemuSize(2n << 40n), '2T');
  assert.equal(formatQemuSize(768n * GiB), '768G');
  assert.equal(formatQemuSize(512n * GiB), '512G');
  assert.equal(formatQemuSize(1536n * GiB), '1536G');
  assert.equal(formatQemuSize(4097n), '4097');
});
