// The language service contains a failing analyzer: its documents answer
// empty, each failure is logged once per analyzer and document, and every
// other document is analysed as usual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisContext, Analyzer, DocumentAnalysis } from '../../../server/src/analysis';
import { createAnalyzers } from '../../../server/src/analyzers';
import { initTreeSitter } from '../../../server/src/parsing/treeSitter';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { LanguageService } from '../../../server/src/service';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { fixtures } from '../../support/snippets';

const profiles = new ProfileStore(DEFAULT_SETTINGS);
const ctx: AnalysisContext = { settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 };
const whole = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };

/** Throws in analyze for `.crash` files; for `.badhover` files, analysis works but the hover's Markdown throws. */
const failing: Analyzer & { contributeDevices(): never } = {
  id: 'failing',
  accepts: (d) => /\.(crash|badhover)$/.test(d.uri),
  analyze(doc): DocumentAnalysis {
    if (doc.uri.endsWith('.crash')) throw new Error('analyze blew up');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    return { uri: doc.uri, version: doc.version, analyzer: 'failing', diagnostics: [{ range, severity: 'error', code: 'NVG001', message: 'still here' }], hovers: [{ range, markdown: () => { throw new Error('hover blew up'); } }], inlayHints: [], codeLenses: [] };
  },
  contributeDevices: () => { throw new Error('devices blew up'); },
};

test('a crashing analyzer: empty answers for its documents, one log line per document, other documents unaffected', async () => {
  await initTreeSitter();
  const logs: string[] = [];
  const service = new LanguageService([failing, ...createAnalyzers()], () => ctx, { error: (m) => logs.push(m) });
  const a = TextDocument.create('file:///w/a.crash', 'plaintext', 1, 'abc\n');
  const b = TextDocument.create('file:///w/b.crash', 'plaintext', 1, 'abc\n');
  for (let v = 1; v <= 3; v++) {
    const doc = TextDocument.create(a.uri, 'plaintext', v, 'abc\n'.repeat(v));
    assert.deepEqual(service.diagnostics(doc), []);
    assert.equal(service.hover(doc, { line: 0, character: 1 }), null);
    assert.deepEqual(service.inlayHints(doc, whole), []);
    assert.deepEqual(service.codeLenses(doc), []);
    assert.deepEqual(service.codeActions(doc, whole), []);
    assert.deepEqual(service.devicesOf(doc), []);
  }
  service.diagnostics(b);
  assert.equal(logs.length, 2, logs.join('\n'));
  assert.match(logs[0], /^vfio-lens: analyzer failing failed on file:\/\/\/w\/a\.crash: Error: analyze blew up/);
  assert.match(logs[1], /b\.crash/);

  const q = fixtures('qemu');
  const good = TextDocument.create(q.uri('gb200x4-overflow.sh'), 'shellscript', 1, q.text('gb200x4-overflow.sh'));
  assert.ok(service.diagnostics(good).length > 0, 'the shell analyzer still answers');
  assert.equal(logs.length, 2);
});

test('a hover whose Markdown throws answers null and is logged once; the diagnostics of that document still show', () => {
  const logs: string[] = [];
  const service = new LanguageService([failing], () => ctx, { error: (m) => logs.push(m) });
  const doc = TextDocument.create('file:///w/x.badhover', 'plaintext', 1, 'abc\n');
  assert.deepEqual(service.diagnostics(doc).map((d) => d.message), ['still here']);
  assert.equal(service.hover(doc, { line: 0, character: 1 }), null);
  assert.equal(service.hover(doc, { line: 0, character: 2 }), null);
  assert.equal(logs.length, 1);
  assert.match(logs[0], /analyzer failing\/hover failed on file:\/\/\/w\/x\.badhover: Error: hover blew up/);
});
