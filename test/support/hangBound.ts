// Regression tests for inputs that once took seconds (a quadratic walk, a
// parser's error recovery). node:test's timeout cannot stop synchronous work,
// so these measure: the bound is far above the fixed cost (tens of ms) and far
// below the broken one (seconds), a hang and not a benchmark. They count the
// process's CPU time, not wall time: on a machine shared with other test runs
// the wall time of the same work doubles or triples.
import assert from 'node:assert/strict';

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function withinHangBound<T>(boundMs: number, what: string, run: () => T): T {
  const t0 = cpuMs();
  const result = run();
  const ms = cpuMs() - t0;
  assert.ok(ms < boundMs, `${what} took ${Math.round(ms)} ms of CPU time (bound ${boundMs} ms: it used to hang for seconds)`);
  return result;
}
