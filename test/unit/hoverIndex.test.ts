// The hover at a position comes from a per-line index of the facts; it must
// pick what a scan of every fact in order picks: the smallest range holding
// the position, the first of equals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import type { DocumentAnalysis, HoverFact } from '../../server/src/analysis';
import { createAnalyzers } from '../../server/src/analyzers';
import { contains, hover } from '../../server/src/features/hover';
import { initTreeSitter } from '../../server/src/parsing/treeSitter';
import { ProfileStore } from '../../server/src/profiles/activeProfile';
import { LanguageService } from '../../server/src/service';
import { DEFAULT_SETTINGS } from '../../shared/settings';

/** The rule as a scan over every fact. */
function scanned(hovers: readonly HoverFact[], p: Position): HoverFact | undefined {
  const extent = (r: Range) => (r.end.line - r.start.line) * 1e6 + (r.end.character - r.start.character);
  let best: HoverFact | undefined;
  for (const h of hovers) if (contains(h.range, p) && (!best || extent(h.range) < extent(best.range))) best = h;
  return best;
}

const fact = (sl: number, sc: number, el: number, ec: number, text: string): HoverFact => ({ range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, markdown: () => text });

test('nested, multi-line and equal ranges: the index picks what the scan picks', () => {
  const hovers = [fact(0, 0, 9, 1, 'function'), fact(2, 4, 2, 20, 'call'), fact(2, 10, 2, 14, 'name'), fact(2, 10, 2, 14, 'same name, later'), fact(1, 0, 5, 0, 'block'), fact(7, 2, 7, 2, 'empty')];
  const a = { uri: 'x', version: 1, analyzer: 't', diagnostics: [], hovers, inlayHints: [], codeLenses: [] } as DocumentAnalysis;
  const at = (line: number, character: number) => (hover(a, { line, character })?.contents as { value: string } | undefined)?.value;
  assert.equal(at(2, 12), 'name');
  assert.equal(at(2, 5), 'call');
  assert.equal(at(4, 0), 'block');
  assert.equal(at(8, 0), 'function');
  assert.equal(at(7, 2), 'empty');
  assert.equal(at(10, 0), undefined);
  for (let line = 0; line < 11; line++) {
    for (let character = 0; character < 22; character++) assert.equal(at(line, character), scanned(hovers, { line, character })?.markdown(), `${line}:${character}`);
  }
});

test('every position of the fixture drivers: the index picks what the scan picks', async () => {
  await initTreeSitter();
  const profiles = new ProfileStore(DEFAULT_SETTINGS);
  const svc = new LanguageService(createAnalyzers(), () => ({ settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 }));
  const root = path.join(__dirname, '..', '..');
  for (const f of ['test/fixtures/drivers/nvg-6.14.c', 'examples/driver/main.c']) {
    const text = fs.readFileSync(path.join(root, f), 'utf8');
    const doc = TextDocument.create(`file:///${f}`, 'c', 1, text);
    const a = svc.analysis(doc);
    assert.ok(a.hovers.length > 50, `${f} has hover facts`);
    text.split('\n').forEach((line, l) => {
      for (let c = 0; c <= line.length; c++) {
        const got = hover(a, { line: l, character: c });
        const want = scanned(a.hovers, { line: l, character: c });
        const wantText = want?.markdown();
        assert.deepEqual(got ? [got.range, (got.contents as { value: string }).value] : undefined, wantText ? [want!.range, wantText] : undefined, `${f} ${l}:${c}`);
      }
    });
  }
});
