// Regression (fuzz): deeply nested scripts took seconds — every command and
// assignment asked tree-sitter for its parents, and each parent lookup costs
// the tree's depth (10,000 nested `$(` took 9.6 s; now well under a second).
// The findings at depth 10,000 are the findings at depth 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ShellAnalyzer } from '../../../server/src/analyzers/shell/shellAnalyzer';
import { initTreeSitter } from '../../../server/src/parsing/treeSitter';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { readSettings } from '../../../shared/settings';
import { withinHangBound } from '../../support/hangBound';

const settings = readSettings({ profile: { name: 'lab', bdf: '0009:01:00.0', sku: 'gh200-96gb' } }).settings;
const profiles = new ProfileStore(settings);
const ctx = { settings, profile: profiles.active(), profiles, revision: 0 };
const BIND = 'echo $GPU > /sys/bus/pci/drivers/vfio-pci/bind';

const SHAPES: Record<string, (depth: number) => string> = {
  'nested assignments': (n) => `GPU=0009:01:00.0\n${Array.from({ length: n }, (_, i) => `A${i}=$(`).join('')}echo${')'.repeat(n)}\n${BIND}\n`,
  'nested command substitutions': (n) => `GPU=0009:01:00.0\nX=${'$('.repeat(n)}echo${')'.repeat(n)}\n${BIND}\n`,
  'nested ifs around the write': (n) => `GPU=0009:01:00.0\n${'if true; then '.repeat(n)}${BIND}${'; fi'.repeat(n)}\n`,
};

function findings(text: string): Array<[string, number, number]> {
  const r = new ShellAnalyzer().analyze(TextDocument.create('file:///w/bind.sh', 'shellscript', 1, text), ctx);
  return r.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]);
}

for (const [shape, make] of Object.entries(SHAPES)) {
  test(`regression (fuzz): ${shape}, 10,000 deep, are analysed in linear time with the same findings as 1 deep`, async () => {
    await initTreeSitter();
    const shallow = findings(make(1));
    assert.equal(shallow.length, 1);
    assert.equal(shallow[0][0], 'NVG014', 'binding the GH200 to plain vfio-pci');
    const deep = withinHangBound(3000, `${shape} 10,000 deep`, () => findings(make(10_000)));
    // The write sits on the same line; in the `if` shape it moves right by the openers.
    assert.deepEqual(deep.map(([c, l]) => [c, l]), shallow.map(([c, l]) => [c, l]));
  });
}
