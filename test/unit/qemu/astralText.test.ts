// Regression (fuzz): a character outside the BMP (an emoji: two UTF-16 units)
// in a shell variable's value or an XML character reference was mapped as one
// unit, so ranges after it pointed at NaN; `&#x110000;` threw (no such code point).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LibvirtAnalyzer } from '../../../server/src/analyzers/libvirt/libvirtAnalyzer';
import { decodeValue } from '../../../server/src/analyzers/libvirt/xml';
import { ShellAnalyzer } from '../../../server/src/analyzers/shell/shellAnalyzer';
import { initTreeSitter } from '../../../server/src/parsing/treeSitter';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const profiles = new ProfileStore(DEFAULT_SETTINGS);
const ctx = { settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 };
const integral = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  [r.start.line, r.start.character, r.end.line, r.end.character].every(Number.isInteger);

test('regression (fuzz): an emoji in a variable holding the GPU address gives hover ranges on whole positions', async () => {
  await initTreeSitter();
  const text = 'GPU=00\u{1F600}09:01:00.0\nqemu-system-aarch64 -machine virt -device vfio-pci-nohotplug,host=$GPU,id=gpu0\n';
  const a = new ShellAnalyzer().analyze(TextDocument.create('file:///w/vm.sh', 'shellscript', 1, text), ctx);
  assert.ok(a.hovers.length > 0);
  for (const h of a.hovers) assert.ok(integral(h.range), JSON.stringify(h.range));
  for (const d of a.diagnostics) assert.ok(integral(d.range), JSON.stringify(d.range));
  // The address hover sits on `$GPU`, where the value is used.
  const at = text.indexOf('$GPU');
  assert.ok(a.hovers.some((h) => h.range.start.line === 1 && h.range.start.character <= at - text.indexOf('qemu') && h.range.end.character >= at - text.indexOf('qemu') + 4));
});

test('regression (fuzz): XML character references: an emoji keeps its source span on both units, past U+10FFFF is U+FFFD, not a throw', () => {
  const raw = 'a&#x1F600;b&#x110000;c';
  const doc = TextDocument.create('file:///w/d.xml', 'xml', 1, raw);
  const v = decodeValue(doc, raw, 0);
  assert.equal(v.text, 'a\u{1F600}b\ufffdc');
  assert.deepEqual(v.span(1, 3), { start: 1, end: 10 });
  assert.deepEqual(v.span(3, 4), { start: 10, end: 11 });
  assert.deepEqual(v.span(5, 6), { start: 21, end: 22 });
  const xml = `<domain type='kvm'><devices><hostdev mode='subsystem' type='pci'><source><address domain='0x&#x110000;' bus='0x01' slot='0x00' function='0x0'/></source></hostdev></devices></domain>`;
  const r = new LibvirtAnalyzer().analyze(TextDocument.create('file:///w/d.xml', 'xml', 1, xml), ctx);
  for (const d of r.diagnostics) assert.ok(integral(d.range));
});
