// Fuzzed documents through the pure language service: random bytes, mutated
// and truncated fixtures of every format, huge numbers, 10,000-level nesting,
// macro cycles, 100 KB lines, invalid UTF-8 and NULs. Every feature answers
// (or answers empty) within the budget, and every answer keeps the rules.
import { test } from 'node:test';
import { runCampaign } from './campaign';
import { SEED, assertClean, assertCodesDocumented, assertEveryAnalyzerFuzzed, describe } from './bounded';

test('fuzzed documents: every feature answers, nothing throws or crashes an analyzer, nothing is grossly slow', { timeout: 120_000 }, async (t) => {
  const stats = await runCampaign({ seed: SEED, documents: { from: 0, to: 700 }, editSequences: { from: 0, to: 0 } });
  const s = stats.summary();
  t.diagnostic(describe(s, SEED));
  t.diagnostic(`by analyzer ${JSON.stringify(s.byAnalyzer)}; by kind ${JSON.stringify(s.byKind)}`);
  assertClean(s, SEED);
  assertEveryAnalyzerFuzzed(s);
  assertCodesDocumented(s);
});
