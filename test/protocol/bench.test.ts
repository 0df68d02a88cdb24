// The bench's measurements run against the bundled server on tiny sizes:
// the timing loops count what they claim and see real answers. No timing is
// asserted; `npm run bench` is where the numbers come from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/lspClient';
import { generateDriver } from '../../bench/generate/driver';
import { timeColdStart } from '../../bench/measure/coldStart';
import { timeEdits } from '../../bench/measure/edits';
import { timeHovers } from '../../bench/measure/hover';
import { hoverPositions } from '../../bench/positions';

test('hovers and edits are timed one by one over JSON-RPC', async (t) => {
  const c = await startServer(t);
  const uri = 'file:///bench/tiny.c';
  const text = generateDriver({ lines: 300 });
  await c.open(uri, 'c', text);
  const targets = hoverPositions(text, 40).map((position) => ({ uri, position }));
  const h = await timeHovers([c], targets, 5);
  assert.equal(h.samples[0].length, 40);
  assert.ok(h.answered[0] > 0 && h.answered[0] < 40, `${h.answered[0]} of 40 answered`);
  assert.equal(h.answeredSamples[0].length, h.answered[0]);
  if (process.platform === 'linux') assert.equal(h.serverRun[0].length, 40);
  const e = await timeEdits(c, uri, text, 12);
  assert.equal(e.all.length, 12);
  assert.equal(e.defines.length, 1);
  assert.ok(e.all.every((ms) => ms > 0));
  if (process.platform === 'linux') assert.equal(e.serverRun.length, 12);
  // After the edits the server still answers for the edited text: the #define changed to 109.
  const at = text.indexOf('GV0_POLL_QUANTUM_MS', text.indexOf('msleep('));
  const hover = await c.hover(uri, { line: text.slice(0, at).split('\n').length - 1, character: at - text.lastIndexOf('\n', at) });
  assert.match((hover?.contents as { value: string }).value, /\*\*GV0_POLL_QUANTUM_MS\*\* = `109`/);
});

test('cold start: spawn to initialize answered, next to bare Node and the grammar load', async () => {
  const c = await timeColdStart(1);
  assert.equal(c.initializeMs.length, 1);
  assert.ok(c.initializeMs[0] > 0 && c.bareNodeMs[0] > 0 && c.grammarsMs[0] > 0);
});
