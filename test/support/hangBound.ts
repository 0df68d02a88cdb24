// Regression tests for inputs that once took seconds (a quadratic walk, a
// parser's error recovery). node:test's timeout cannot stop synchronous work,
// so these measure: the bound is far above the fixed cost (tens of ms) and far
// below the broken one (seconds), a hang and not a benchmark.
import assert from 'node:assert/strict';

export function withinHangBound<T>(boundMs: number, what: string, run: () => T): T {
  const t0 = performance.now();
  const result = run();
  const ms = performance.now() - t0;
  assert.ok(ms < boundMs, `${what} took ${Math.round(ms)} ms (bound ${boundMs} ms: it used to hang for seconds)`);
  return result;
}
