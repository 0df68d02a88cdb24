// C analyzer regressions found by the fuzzer once the C analyzer joined it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { initTreeSitter } from '../../../server/src/parsing/treeSitter';
import { CDriverAnalyzer } from '../../../server/src/analyzers/c/analyzer';
import { LanguageService } from '../../../server/src/service';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

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
