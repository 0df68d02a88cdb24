// The bounded fuzz run of `npm test`: sizes small enough for CI, a fixed
// default seed (FUZZ_SEED overrides it), and what every test here asserts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import path from 'node:path';
import { createAnalyzers } from '../../server/src/analyzers';
import { ROOT } from './corpus';
import { seedFromEnv } from './rng';
import type { FuzzSummary } from './stats';

export const SEED = seedFromEnv(20260408);

/** Fifteen times the 200 ms budget: a gross excess even on a loaded 2-core CI machine (the slowest fixed-seed case, a script nested 10,000 deep, takes 1–1.5 s there), so the suite does not flake. */
export const GROSS_EXCESS_MS = 3000;

/** The one-line account a test prints: seed, counts, the slowest call and where. */
export function describe(s: FuzzSummary, seed: number): string {
  return `seed ${seed} (FUZZ_SEED=${seed} replays it): ${s.documents} documents, ${s.editSequences} edit sequences (${s.edits} edits), ${s.calls} calls; slowest ${s.maxMs} ms (${s.maxWhat}, ${s.maxCase}); ${s.overBudget} calls over 200 ms`;
}

export function assertClean(s: FuzzSummary, seed: number): void {
  const findings = s.findings.map((f) => `- ${f.case}: ${f.what}: ${f.detail.split('\n').slice(0, 4).join(' | ')}`);
  assert.deepEqual(findings, [], `fuzz findings (${describe(s, seed)}):\n${findings.join('\n')}`);
  const gross = s.slow.filter((x) => x.ms > GROSS_EXCESS_MS);
  assert.deepEqual(gross, [], `calls far over the 200 ms budget (${describe(s, seed)})`);
}

/** Every registered analyzer must have read fuzzed documents: a new one without fixtures is noticed. */
export function assertEveryAnalyzerFuzzed(s: FuzzSummary): void {
  for (const a of createAnalyzers()) assert.ok((s.byAnalyzer[a.id] ?? 0) > 0, `analyzer "${a.id}" read no fuzzed document: add fixtures for it under test/fixtures/`);
}

/** Every code the fuzzer saw has its entry in docs/diagnostics.md. */
export function assertCodesDocumented(s: FuzzSummary): void {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
  for (const c of s.codes) assert.match(doc, new RegExp(`^### ${c}\\b`, 'm'), `${c} appears in answers but has no entry in docs/diagnostics.md`);
}
