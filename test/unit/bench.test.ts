// The benchmark's parts on tiny sizes, so `npm run bench` cannot rot while
// nobody runs it: generators make what the analyzer and the CLI read, the
// statistics and the report compute what they claim. No timing is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDriver } from '../../bench/generate/driver';
import { emulateCases } from '../../bench/generate/emulateCases';
import { writeDriverTree } from '../../bench/generate/tree';
import { writeClangdWorkspace } from '../../bench/clangd';
import { editScript } from '../../bench/measure/edits';
import { hoverPositions } from '../../bench/positions';
import { BenchResults, formatReport, targets } from '../../bench/report';
import { percentile, spread, summarize } from '../../bench/stats';
import { createAnalyzers } from '../../server/src/analyzers';
import { emulateLine } from '../../server/src/cli/emulateCommand';
import { initTreeSitter } from '../../server/src/parsing/treeSitter';
import { ProfileStore } from '../../server/src/profiles/activeProfile';
import { LanguageService } from '../../server/src/service';
import { DEFAULT_SETTINGS } from '../../shared/settings';

test('percentiles by nearest rank, summaries and spreads', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.deepEqual([percentile(hundred, 50), percentile(hundred, 95), percentile(hundred, 99), percentile(hundred, 100)], [50, 95, 99, 100]);
  assert.equal(percentile([7], 99), 7);
  assert.ok(Number.isNaN(percentile([], 50)));
  assert.deepEqual(summarize([3, 1, 2, 10]), { n: 4, p50: 2, p95: 10, p99: 10, max: 10, mean: 4 });
  assert.deepEqual(spread([3, 1, 2]), { median: 2, min: 1, max: 3, runs: [3, 1, 2] });
});

test('the generated driver: whole blocks, deterministic, seeded names', () => {
  const one = generateDriver();
  assert.equal(one.match(/\/\* ---- variant/g)?.length, 1);
  assert.equal(generateDriver(), one);
  const big = generateDriver({ lines: 700 });
  const lines = big.split('\n').length - 1;
  assert.ok(lines >= 700 && lines < 700 + one.split('\n').length, `${lines} lines`);
  assert.ok(generateDriver({ bytes: 20_000 }).length >= 20_000);
  assert.match(generateDriver({ seed: 3 }), /struct vfio_device_ops gv3000_ops/);
});

test('the generated driver reads as a variant driver to the analyzer', async () => {
  await initTreeSitter();
  const profiles = new ProfileStore(DEFAULT_SETTINGS);
  const svc = new LanguageService(createAnalyzers(), () => ({ settings: DEFAULT_SETTINGS, profile: profiles.active(), profiles, revision: 0 }));
  const text = generateDriver();
  const doc = TextDocument.create('file:///bench/main.c', 'c', 1, text);
  // Its IDs are 10de:2342 (GH200) and 10de:2941 (GB200), and it never reads the MIG DVSEC bit: it always splits.
  assert.deepEqual(svc.diagnostics(doc).map((d) => d.code), ['NVG012']);
  const lenses = svc.codeLenses(doc).map((l) => l.command?.title ?? '');
  // GH200 96 GB: 96 GiB − 1 GiB resmem = 95 GiB usemem, in a 128 GiB BAR4.
  assert.ok(lenses.includes('vfio-lens: computes the split · usemem 95 GiB → BAR4 128 GiB · resmem 1 GiB → BAR2 1 GiB (GH200 96 GB, mainline)'), lenses.join('\n'));
  const ops = svc.hover(doc, doc.positionAt(text.indexOf('gv0_ops =') + 2));
  assert.match((ops?.contents as { value: string }).value, /overrides: `read`, `write`, `mmap`/);
});

test('hover positions sit on identifiers in code, spread over the file', () => {
  const text = '/* comment words */\nstatic int alpha = BETA; // gamma\nchar *s = "delta";\nint epsilon(int zeta);\n';
  const all = hoverPositions(text, 100);
  const lines = text.split('\n');
  const wordAt = (line: string, ch: number) => [...line.matchAll(/\w+/g)].find((m) => m.index <= ch && ch < m.index + m[0].length)?.[0];
  const words = all.map((p) => wordAt(lines[p.line], p.character));
  assert.deepEqual(words, ['static', 'int', 'alpha', 'BETA', 'char', 's', 'int', 'epsilon', 'int', 'zeta']);
  assert.deepEqual(hoverPositions(text, 2).map((p) => p.line), [1, 2]);
});

test('the edit script types a statement, deletes it, and changes a #define every tenth edit', () => {
  const text = generateDriver({ lines: 600 });
  const script = editScript(text, 100);
  let current = text;
  let defines = 0;
  for (let step = script.next(current); !step.done; step = script.next(current)) {
    const e = step.value;
    current = current.slice(0, e.start) + e.text + current.slice(e.end);
    if (e.define) defines++;
    else assert.ok(e.text.length + (e.end - e.start) === 1, 'one keystroke');
  }
  assert.equal(defines, 10);
  // 90 keystrokes: the 37-character statement typed twice and deleted twice, then 16 typed again.
  assert.equal(current.length, text.length + 16);
  assert.match(current, /#define GV0_POLL_QUANTUM_MS 199\n/);
});

test('emulate cases follow the JSONL contract; the driver tree and the clangd workspace are written', () => {
  const lines = emulateCases(40).trimEnd().split('\n');
  assert.equal(lines.length, 40);
  for (const [i, l] of lines.entries()) assert.equal(emulateLine(l, i + 1).bad, false, l);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vfio-lens-bench-test-'));
  try {
    const tree = writeDriverTree(path.join(tmp, 'tree'), 3);
    assert.equal(new Set(tree.files.map((f) => fs.readFileSync(f, 'utf8'))).size, 3);
    writeClangdWorkspace(path.join(tmp, 'ws'), [{ name: 'main.c', text: generateDriver() }]);
    assert.match(fs.readFileSync(path.join(tmp, 'ws', 'compile_flags.txt'), 'utf8'), /^-xc\n-std=gnu11\n/);
    for (const h of ['delay', 'io', 'pci', 'sizes', 'vfio_pci_core']) assert.ok(fs.existsSync(path.join(tmp, 'ws', 'include', 'linux', `${h}.h`)), h);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('targets are judged on medians over repeats, and the report says pass, FAIL or not measured', () => {
  const lat = (p50: number, p99: number) => ({ n: 1000, p50, p95: p99, p99, max: p99, mean: p50 });
  const r: BenchResults = {
    date: '2026-01-01',
    machine: { cpu: 'test cpu', cores: 2, node: '20' },
    repeats: 3,
    hover: { positions: 1000, files: [], ours: [lat(0.2, 6), lat(0.3, 4), lat(0.25, 4.5)], clangd: [lat(1, 9), lat(0.5, 9), lat(0.5, 9)], answered: { ours: 0.2, clangd: 0.9 } },
    analysis: { bytes: 750_000, lines: 25_000, parseMs: spread([200]), analysisMs: spread([500]), ratio: spread([2.4, 2.5, 2.6]) },
  };
  const t = targets(r);
  assert.deepEqual(
    t.map((x) => [x.label, x.value, x.pass]),
    [
      ['hover p99', 4.5, true],
      ['hover p50 ours/clangd', 0.5, true], // ratios per repeat 0.2, 0.6, 0.5
      ['edit → diagnostics p95', undefined, undefined],
      ['analysis / raw parse', 2.5, false],
      ['cold start (spawn → initialize)', undefined, undefined],
      ['emulate 100,000 cases', undefined, undefined],
    ],
  );
  const text = formatReport(r);
  assert.match(text, /analysis \/ raw parse +2\.50 × +≤ 1\.5 × +FAIL/);
  assert.match(text, /hover p99 +4\.50 ms +≤ 5 ms +pass/);
  assert.match(text, /cold start \(spawn → initialize\) +n\/a +≤ 150 ms +not measured/);
  assert.match(text, /hover, ours \(1000 positions\) +p50 0\.25 \(0\.20–0\.30\)/);
});
