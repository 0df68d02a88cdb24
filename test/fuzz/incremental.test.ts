// Incremental = full, at the service level: after random incremental
// didChange sequences (multi-line ranges, edits at the end, several changes
// per notification), the text, diagnostics, hovers at sampled places, inlay
// hints and code lenses equal a fresh analysis of the final text.
import { test } from 'node:test';
import { runCampaign } from './campaign';
import { SEED, assertClean, describe } from './bounded';

test('random edit sequences: the state after incremental edits equals a fresh analysis of the final text', { timeout: 120_000 }, async (t) => {
  const stats = await runCampaign({ seed: SEED, documents: { from: 0, to: 0 }, editSequences: { from: 0, to: 150 } });
  const s = stats.summary();
  t.diagnostic(describe(s, SEED));
  assertClean(s, SEED);
});
