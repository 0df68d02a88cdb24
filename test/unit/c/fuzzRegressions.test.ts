// C analyzer regressions found by the fuzzer once the C analyzer joined it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { DocumentStore } from '../../../server/src/documents';
import { initTreeSitter } from '../../../server/src/parsing/treeSitter';
import { CDriverAnalyzer } from '../../../server/src/analyzers/c/analyzer';
import { LanguageService } from '../../../server/src/service';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { withinHangBound } from '../../support/hangBound';

async function service(): Promise<{ svc: LanguageService; crashes: string[] }> {
  await initTreeSitter();
  const profiles = new ProfileStore(DEFAULT_SETTINGS);
  const crashes: string[] = [];
  const svc = new LanguageService([new CDriverAnalyzer()], () => ({ settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 }), { error: (m) => crashes.push(m) });
  return { svc, crashes };
}

const DEPTH = 10_000;

test('regression (fuzz): 10,000 nested parentheses, braces and calls analyse without a stack overflow', async () => {
  const { svc, crashes } = await service();
  const texts = [
    `#define RESMEM_SIZE ${'('.repeat(DEPTH)}SZ_1G${')'.repeat(DEPTH)}\n`,
    `static u64 x = ${'('.repeat(DEPTH)}1${')'.repeat(DEPTH)};\n`,
    `void f(void) ${'{'.repeat(DEPTH)}${'}'.repeat(DEPTH)}\n`,
    `#define G ${'f('.repeat(DEPTH)}x${')'.repeat(DEPTH)}\n`,
  ];
  texts.forEach((text, i) => {
    const doc = TextDocument.create(`file:///deep${i}.c`, 'c', 1, text);
    svc.diagnostics(doc);
    svc.hover(doc, { line: 0, character: 10 });
    svc.inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } });
    svc.codeLenses(doc);
  });
  assert.deepEqual(crashes, []);
  // A too-deep #define body is unknown, with the reason, not a crash.
  const doc = TextDocument.create('file:///deep0b.c', 'c', 1, texts[0]);
  const h = svc.hover(doc, { line: 0, character: 10 });
  assert.match((h?.contents as { value: string }).value, /RESMEM_SIZE/);
});

test('regression (fuzz): 10,000 nested #if groups are read to depth 256 with an NVG115 warning, in well under a second', async () => {
  const { svc, crashes } = await service();
  const text = '#if 1\n'.repeat(DEPTH) + '#define INNER 1\n' + '#endif\n'.repeat(DEPTH) + '#define OUTER 2\n';
  const doc = TextDocument.create('file:///ifs.c', 'c', 1, text);
  const t0 = performance.now();
  const diags = svc.diagnostics(doc);
  const ms = performance.now() - t0;
  assert.deepEqual(crashes, []);
  assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.end.character]), [['NVG115', 256, 5]]);
  // It took 46 s at depth 2,000 (every directive walked its parents); the bound is far from both.
  assert.ok(ms < 5000, `${ms} ms`);
  const outer = svc.hover(doc, { line: 2 * DEPTH + 1, character: 9 });
  assert.match((outer?.contents as { value: string }).value, /OUTER\*\* = `2`/, 'directives after the deep groups are still read');
});

// A 3 KB mutated driver with `#define G f(f(f(…` pasted into a parameter list overflowed tree-sitter's
// WASM stack (1,500 levels): from then on every parse in the process failed, C and shell alike.
const GOOD = '#define RESMEM_REGION_INDEX VFIO_PCI_BAR2_REGION_INDEX\nstatic int nvg_probe(struct pci_dev *pdev, char *buf)\n{\n\treturn 0;\n}\n';
const JUNK = `static int nvg_probe(struct pci_dev *pdev, char *buf#define G ${'f('.repeat(1500)}\n`;
const codesAt = (diags: readonly { code?: string | number; range: { start: { line: number; character: number } } }[]) => diags.map((d) => [d.code, d.range.start.line, d.range.start.character]);

test('regression (fuzz): 1,500 unclosed calls in a declaration are never given to the parser: NVG116 at the 257th bracket, and later files still parse', async () => {
  const { svc, crashes } = await service();
  const junk = TextDocument.create('file:///junk.c', 'c', 1, JUNK);
  const found = svc.diagnostics(junk);
  // `(` of the parameter list is the first; the 257th bracket is the 256th `f(`'s.
  const col = JUNK.indexOf('(') + 1;
  const expected = JUNK.indexOf('f(', JUNK.indexOf('#define')) + 255 * 2 + 1;
  assert.ok(col < expected);
  assert.deepEqual(codesAt(found), [['NVG116', 0, expected]]);
  assert.match(String(found[0].message), /brackets nested more than 256 deep here/);
  assert.equal(svc.hover(junk, { line: 0, character: 12 }), null);
  const good = TextDocument.create('file:///good.c', 'c', 1, GOOD);
  const hover = svc.hover(good, { line: 0, character: 10 });
  assert.match((hover?.contents as { value: string }).value, /RESMEM_REGION_INDEX/, 'the next file is parsed and analysed');
  assert.deepEqual(crashes, []);
});

test('regression (fuzz): junk typed into an open driver is refused with NVG116, and deleting it brings the analysis back', async () => {
  await initTreeSitter();
  const analyzer = new CDriverAnalyzer();
  const profiles = new ProfileStore(DEFAULT_SETTINGS);
  const ctx = { settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 };
  const v1 = TextDocument.create('file:///open.c', 'c', 1, GOOD);
  assert.deepEqual(analyzer.analyze(v1, ctx).diagnostics, []);
  const junk = '#define G ' + 'f('.repeat(1500);
  const insert = { range: { start: { line: 1, character: 52 }, end: { line: 1, character: 52 } }, text: junk };
  const v2 = TextDocument.update(TextDocument.create(v1.uri, 'c', 1, GOOD), [insert], 2);
  analyzer.didChange?.({ document: v2, previous: v1, changes: [insert] });
  assert.deepEqual(codesAt(analyzer.analyze(v2, ctx).diagnostics).map(([c, l]) => [c, l]), [['NVG116', 1]]);
  const remove = { range: { start: { line: 1, character: 52 }, end: { line: 1, character: 52 + junk.length } }, text: '' };
  const v3 = TextDocument.update(TextDocument.create(v1.uri, 'c', 2, v2.getText()), [remove], 3);
  analyzer.didChange?.({ document: v3, previous: v2, changes: [remove] });
  const back = analyzer.analyze(v3, ctx);
  assert.equal(v3.getText(), GOOD);
  assert.deepEqual(back.diagnostics, []);
  assert.ok(back.hovers.some((h) => h.range.start.line === 0), 'hovers are back');
});

test('regression (fuzz): closed calls 256 deep in declarations (exponential error recovery: 0.4 s each, 20 s at 1,500 deep) — the parser gives up within its CPU budget', async () => {
  const { svc, crashes } = await service();
  const text = `static #define G ${'f('.repeat(256)}x${')'.repeat(256)}\n`.repeat(10);
  const found = withinHangBound(5000, 'a 256-deep tangle', () => svc.diagnostics(TextDocument.create('file:///tangle.c', 'c', 1, text)));
  assert.deepEqual(codesAt(found), [['NVG116', 0, 0]]);
  assert.match(String(found[0].message), /the parser gave up on this file after \d+ ms of CPU time/);
  assert.match((svc.hover(TextDocument.create('file:///good2.c', 'c', 1, GOOD), { line: 0, character: 10 })?.contents as { value: string }).value, /RESMEM_REGION_INDEX/);
  assert.deepEqual(crashes, []);
});

// web-tree-sitter finds a node's parent by walking down from the root again: climbing parents per
// directive was cubic in the #if nesting, and asking each top-level piece for its parent quadratic in
// the pieces. A mutated ID table took 5.6 s: 10,000 nested `#if 1` in an initializer, one `#endif${`.
test('regression (fuzz): 10,000 nested #if groups in an ID table with a stray `${` are read in well under a second', async () => {
  const { svc, crashes } = await service();
  const text = '#include <linux/vfio_pci_core.h>\n\nstatic const struct pci_device_id ids[] = {\n\t{ PCI_DRIVER_OVERRIDE_DEVICE_V'
    + '#if 1\n'.repeat(DEPTH) + 'int a;\n' + '#endif\n'.repeat(1903) + '#endif${\n' + '#endif\n'.repeat(DEPTH - 1904)
    + 'FIO(PCI_VENDOR_ID_NVIDIA, 0x2342) },\n\t{}\n};\n#define OUTER 2\n';
  const doc = TextDocument.create('file:///ids.c', 'c', 1, text);
  const found = withinHangBound(2000, 'nested #if groups in an ID table', () => svc.diagnostics(doc));
  assert.deepEqual(found.map((d) => d.code), ['NVG115']);
  const line = text.split('\n').findIndex((l) => l.startsWith('#define OUTER'));
  assert.match((svc.hover(doc, { line, character: 9 })?.contents as { value: string }).value, /OUTER\*\* = `2`/);
  assert.deepEqual(crashes, []);
});

// tree-sitter's error recovery around reused subtrees can differ from a fresh parse's. These 11 edits
// (fuzz seed 20261126, edit sequence 8956) leave a stray `u` in a config-space function of the 6.9
// fixture; the incremental tree put the function's `if` chain elsewhere than a fresh parse, and its
// code lens said "emulates BAR4 registers" where a fresh analysis says "serves BAR2 (resmem)".
const EDITS_8956: TextDocumentContentChangeEvent[][] = [[{"range": {"start": {"line": 89, "character": 11}, "end": {"line": 89, "character": 62}}, "text": ""}], [{"range": {"start": {"line": 2, "character": 28}, "end": {"line": 2, "character": 28}}, "text": "$nvg_fetchgracelens_write"}], [{"range": {"start": {"line": 94, "character": 56}, "end": {"line": 94, "character": 57}}, "text": "00"}, {"range": {"start": {"line": 90, "character": 17}, "end": {"line": 90, "character": 17}}, "text": "windowargszdeadline"}], [{"range": {"start": {"line": 115, "character": 8}, "end": {"line": 115, "character": 12}}, "text": "9007199254740993"}], [{"range": {"start": {"line": 11, "character": 3}, "end": {"line": 14, "character": 0}}, "text": "0x2345\nmatchNVG012fromBAR5nvgGFP_KERNELfactsdifferspfn"}], [{"range": {"start": {"line": 5, "character": 21}, "end": {"line": 9, "character": 0}}, "text": ""}, {"range": {"start": {"line": 109, "character": 26}, "end": {"line": 126, "character": 0}}, "text": "sizesshapeLEGACY_COMMON_LENvfio_pci_core_release_devregisterwhatever\"nd"}], [{"range": {"start": {"line": 73, "character": 1}, "end": {"line": 73, "character": 1}}, "text": "NaN"}], [{"range": {"start": {"line": 98, "character": 27}, "end": {"line": 98, "character": 27}}, "text": "S (PCI"}], [{"range": {"start": {"line": 50, "character": 2}, "end": {"line": 51, "character": 0}}, "text": ""}, {"range": {"start": {"line": 18, "character": 6}, "end": {"line": 21, "character": 3}}, "text": ""}], [{"range": {"start": {"line": 89, "character": 13}, "end": {"line": 89, "character": 13}}, "text": "struct vfio_pci_core_device core;\n\tstruct grace_mem usemem;\n\tstruct grace_mem resmem;\n};\n\nstatic struct grace_mem *grace_mem_"}], [{"range": {"start": {"line": 79, "character": 11}, "end": {"line": 80, "character": 11}}, "text": ""}]];

test('regression (fuzz): after edits that leave a syntax error, the code lenses, hints and diagnostics equal a fresh analysis', async () => {
  await initTreeSitter();
  const profiles = new ProfileStore(DEFAULT_SETTINGS);
  const context = () => ({ settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 });
  const svc = new LanguageService([new CDriverAnalyzer()], context, { error: () => undefined });
  const uri = 'file:///w/nvg-6.9.c';
  const store = new DocumentStore();
  store.open(uri, 'c', 1, fs.readFileSync(path.join(__dirname, '../../fixtures/drivers/nvg-6.9.c'), 'utf8'));
  let version = 1;
  for (const changes of EDITS_8956) {
    const change = store.change(uri, ++version, changes)!;
    svc.didChange(change);
    svc.diagnostics(change.document);
  }
  const doc = store.get(uri)!;
  assert.match(doc.getText(), /\tu\n\tif \(range_intersect_range/, 'the edits left the stray `u`');
  const fresh = new LanguageService([new CDriverAnalyzer()], context, { error: () => undefined });
  const again = TextDocument.create(uri, 'c', doc.version, doc.getText());
  const all = { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } };
  assert.deepEqual(svc.codeLenses(doc), fresh.codeLenses(again));
  assert.deepEqual(svc.inlayHints(doc, all), fresh.inlayHints(again, all));
  assert.deepEqual(svc.diagnostics(doc), fresh.diagnostics(again));
});
