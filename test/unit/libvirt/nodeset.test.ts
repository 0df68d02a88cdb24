import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseNodeSet } from '../../../server/src/analyzers/libvirt/nodeset';
import { scaledInteger } from '../../../server/src/analyzers/libvirt/units';
import { decodeValue } from '../../../server/src/analyzers/libvirt/xml';

const value = (text: string) => decodeValue(TextDocument.create('file:///d.xml', 'xml', 1, text), text, 0);

test('node sets: ranges, lists, exclusions; each node keeps its token', () => {
  const s = parseNodeSet(value('2-5,9,^4'));
  assert.ok(s.ok);
  assert.deepEqual(s.nodes.map((n) => n.node), [2, 3, 5, 9]);
  assert.equal(s.nodes[3].token.text, '9');
  assert.deepEqual(s.nodes[0].token.span(), { start: 0, end: 3 });
  for (const bad of ['2-', 'a', '5-2', '1,,2']) assert.equal(parseNodeSet(value(bad)).ok, false, bad);
});

test('libvirt scaled integers: KiB by default, k/KiB binary, KB decimal', () => {
  const v = (n: string, u: string | undefined) => {
    const r = scaledInteger(n, u, 'KiB');
    assert.ok(r.ok, n);
    return r.value;
  };
  assert.equal(v('1048576', undefined), 1n << 30n);
  assert.equal(v('512', 'GiB'), 512n << 30n);
  assert.equal(v('512', 'G'), 512n << 30n);
  assert.equal(v('1', 'KB'), 1000n);
  assert.equal(v('2', 'TiB'), 2n << 40n);
  assert.equal(scaledInteger('1.5', 'GiB', 'KiB').ok, false);
  assert.equal(scaledInteger('1', 'parsecs', 'KiB').ok, false);
});

test('attribute values: entities decode, each character keeps its source', () => {
  const t = value('a&apos;b&#x41;');
  assert.equal(t.text, "a'bA");
  assert.deepEqual(t.span(1, 2), { start: 1, end: 7 });
  assert.deepEqual(t.span(3, 4), { start: 8, end: 14 });
  assert.equal(t.editableRange(1, 2), undefined);
  assert.ok(t.editableRange(2, 3));
});

test('regression (fuzz): a node set with a huge node or range end is refused at once instead of looping forever', { timeout: 10_000 }, () => {
  for (const [text, node] of [['99999999999999999999999999999999999999999999999999', '99999999999999999999999999999999999999999999999999'], ['0-4294967295', '4294967295'], ['128', '128'], ['^200', '200']] as const) {
    const s = parseNodeSet(value(text));
    assert.equal(s.ok, false, text);
    if (!s.ok) assert.equal(s.message, `node ${node} is past QEMU's last NUMA node 127`);
  }
  const last = parseNodeSet(value('120-127'));
  assert.ok(last.ok);
  assert.deepEqual(last.nodes.map((n) => n.node), [120, 121, 122, 123, 124, 125, 126, 127]);
});
