// Scripts that sent tree-sitter-bash into seconds of error recovery.
// Regression (fuzz): NUL bytes after line continuations made tree-sitter-bash
// spend seconds in error recovery (a 143 KB mutated script took 20 s; 2,000
// lines of `\`, newline, NUL took 4 s, 3,000 more than 8 s). NULs now read as spaces: same offsets,
// same findings as the script without them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ShellAnalyzer } from '../../../server/src/analyzers/shell/shellAnalyzer';
import { initTreeSitter } from '../../../server/src/parsing/treeSitter';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { fixtures } from '../../support/snippets';
import { withinHangBound } from '../../support/hangBound';

const profiles = new ProfileStore(DEFAULT_SETTINGS);
const ctx = { settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 };
const analyze = (text: string) => new ShellAnalyzer().analyze(TextDocument.create('file:///w/vm.sh', 'shellscript', 1, text), ctx);
const summary = (text: string) => analyze(text).diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);

test('regression (fuzz): 3,000 line continuations each followed by a NUL are read at once, as if the NULs were spaces', async () => {
  await initTreeSitter();
  const nul = 'qemu-system-aarch64 -machine virt,highmem-mmio-size=256G ' + '-object x,node=1 \\\n\u0000'.repeat(3000);
  summary('qemu-system-aarch64 -m 1G\n'); // warm up
  const found = withinHangBound(3000, 'a script of 3,000 continuation lines with NULs', () => summary(nul));
  assert.deepEqual(found, summary(nul.replaceAll('\u0000', ' ')));
  assert.ok(found.some(([code]) => code === 'NVG016'), 'the window check still runs');
});

test('NULs sprinkled through a real script change no finding and no position', async () => {
  await initTreeSitter();
  const text = fixtures('qemu').text('gb200x4-overflow.sh');
  const sprinkled = text.replace(/ (?=-)/g, '\u0000');
  assert.deepEqual(summary(sprinkled), summary(text.replace(/ (?=-)/g, ' ')));
});

test('regression (fuzz): 16,000 stray closing brackets no longer take seconds: the parser gives up within its budget and says so', async () => {
  await initTreeSitter();
  const junk = ')'.repeat(16_000) + '\rrivers/nvgrace_gpu_vfio_pci/bind\n';
  const shell = new ShellAnalyzer();
  const read = (text: string) => shell.analyze(TextDocument.create('file:///w/vm.sh', 'shellscript', 1, text), ctx).diagnostics;
  const found = withinHangBound(2000, '16,000 stray brackets', () => read(junk));
  assert.deepEqual(found.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['NVG259', 0, 0]]);
  assert.match(found[0].message, /^shell syntax: the parser gave up on this script after \d+ ms/);
  // The same analyzer reads the next script normally (a cancelled parse does not resume).
  assert.deepEqual(read('qemu-system-aarch64 -machine virt,highmem-mmio-size=256G\n').map((d) => d.code), ['NVG016']);
});
