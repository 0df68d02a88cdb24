// Edits arrive as LSP content changes; the analyzer re-parses the edited
// tree and keeps its macro table while no directive changes. Whatever it
// reuses, the answers must equal a from-scratch analysis of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createParser, initTreeSitter } from '../../../server/src/parsing/treeSitter';
import { DocumentStore } from '../../../server/src/documents';
import { LanguageService } from '../../../server/src/service';
import { CDriverAnalyzer } from '../../../server/src/analyzers/c/analyzer';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import type { DocumentAnalysis } from '../../../server/src/analysis';

const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'drivers', 'nvg-6.14.c');

function service(analyzer = new CDriverAnalyzer()) {
  const profiles = new ProfileStore(DEFAULT_SETTINGS);
  return { analyzer, svc: new LanguageService([analyzer], () => ({ settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 })) };
}

/** The first fact that differs, for a readable failure. */
function firstDifference(a: DocumentAnalysis, b: DocumentAnalysis): string | undefined {
  const parts = (x: DocumentAnalysis) => [
    ...x.diagnostics.map((d) => `diagnostic ${JSON.stringify(d)}`),
    ...x.hovers.map((h) => `hover ${JSON.stringify([h.range, h.markdown()])}`),
    ...x.inlayHints.map((h) => `hint ${JSON.stringify([h.position, h.label])}`),
    ...x.codeLenses.map((l) => `lens ${JSON.stringify(l)}`),
  ];
  const pa = parts(a);
  const pb = new Set(parts(b));
  const extra = pa.find((p) => !pb.has(p));
  if (extra) return `only incremental: ${extra}`;
  const pas = new Set(pa);
  const missing = [...pb].find((p) => !pas.has(p));
  return missing ? `only fresh: ${missing}` : undefined;
}

test('random edits, then their undo: the incremental analysis equals a fresh one', async () => {
  await initTreeSitter();
  const parser = createParser('c');
  const { svc } = service();
  const store = new DocumentStore();
  const uri = 'file:///drv/main.c';
  const original = fs.readFileSync(FIXTURE, 'utf8');
  let doc = store.open(uri, 'c', 1, original);
  svc.analysis(doc);
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const pieces = ['x', '\n', 'é', ' SZ_1G ', '#define FOO 3\n', ')', '/* c */', 'RESMEM_REGION_INDEX', '', '\\\n', '"nvidia,'];
  const undo: Array<{ start: number; text: string; length: number }> = [];
  const apply = (start: number, end: number, text: string) => {
    const change = store.change(uri, doc.version + 1, [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text }])!;
    doc = change.document;
    svc.didChange(change);
    // Tree-sitter may recover from a syntax error differently when reparsing; compare where the text is valid.
    const fresh = parser.parse(doc.getText())!;
    const valid = !fresh.rootNode.hasError;
    fresh.delete();
    if (valid) assert.equal(firstDifference(svc.analysis(doc), service().svc.analysis(doc)), undefined, `after an edit to ${JSON.stringify(text)}`);
    else svc.analysis(doc);
  };
  for (let i = 0; i < 40; i++) {
    const text = doc.getText();
    const a = rand(text.length + 1);
    const b = Math.min(text.length, a + rand(6));
    const piece = pieces[rand(pieces.length)];
    undo.push({ start: a, text: text.slice(a, b), length: piece.length });
    apply(a, b, piece);
  }
  for (const u of undo.reverse()) apply(u.start, u.start + u.length, u.text);
  assert.equal(doc.getText(), original);
  assert.equal(firstDifference(svc.analysis(doc), service().svc.analysis(doc)), undefined);
});

test('several changes in one event apply in order', async () => {
  await initTreeSitter();
  const { svc } = service();
  const store = new DocumentStore();
  const uri = 'file:///drv/two.c';
  let doc = store.open(uri, 'c', 1, '#define A SZ_1G\nint x = A;\n');
  svc.analysis(doc);
  const change = store.change(uri, 2, [
    { range: { start: { line: 0, character: 10 }, end: { line: 0, character: 15 } }, text: 'SZ_2G' },
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// sizes\n' },
  ])!;
  doc = change.document;
  svc.didChange(change);
  assert.equal(doc.getText(), '// sizes\n#define A SZ_2G\nint x = A;\n');
  assert.equal(firstDifference(svc.analysis(doc), service().svc.analysis(doc)), undefined);
  assert.deepEqual(svc.analysis(doc).inlayHints.map((h) => [h.position.line, h.label]), [[1, '= 0x80000000 (2 GiB)']]);
});

test('an edit inside a function reuses the tree and the macro table; a #define edit rebuilds the table', async () => {
  await initTreeSitter();
  const { analyzer, svc } = service();
  const store = new DocumentStore();
  const uri = 'file:///drv/main.c';
  const text = fs.readFileSync(FIXTURE, 'utf8');
  let doc = store.open(uri, 'c', 1, text);
  svc.analysis(doc);
  assert.deepEqual(analyzer.counters, { fullParses: 1, incrementalParses: 0, macroTables: 1 });

  const body = doc.positionAt(text.indexOf('return &nd->usemem;'));
  let change = store.change(uri, 2, [{ range: { start: body, end: body }, text: '/* hot path */ ' }])!;
  doc = change.document;
  svc.didChange(change);
  svc.analysis(doc);
  assert.deepEqual(analyzer.counters, { fullParses: 1, incrementalParses: 1, macroTables: 1 });

  const at = doc.getText().indexOf('SZ_512M');
  change = store.change(uri, 3, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + 'SZ_512M'.length) }, text: 'SZ_256M' }])!;
  doc = change.document;
  svc.didChange(change);
  const a = svc.analysis(doc);
  assert.deepEqual(analyzer.counters, { fullParses: 1, incrementalParses: 2, macroTables: 2 });
  assert.deepEqual(a.diagnostics.map((d) => d.code), ['NVG107'], 'the new value is seen');

  svc.didClose(doc);
  doc = store.open(uri, 'c', 1, text);
  svc.analysis(doc);
  assert.equal(analyzer.counters.fullParses, 2, 'closing drops the tree');
});
