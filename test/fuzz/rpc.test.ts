// The fuzz run over real JSON-RPC (a smaller sample than the service-level
// one): fuzzed documents opened in the bundled server, every request answered
// within the rules; the layout view and the playground on each; random
// incremental didChange sequences whose final state equals a fresh open of
// the final text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic, Position } from 'vscode-languageserver-protocol';
import { emulateRequest, layoutViewRequest } from '../../shared/protocol';
import { describeZodError } from '../../shared/u64';
import { LspTestClient, startServer } from '../support/lspClient';
import { SEED } from './bounded';
import { documentCase, loadCorpus } from './campaign';
import { randomNotification } from './edits';
import { samplePositions, wholeRange } from './exercise';
import { randomOps } from './ops';
import { Rng, caseSeed } from './rng';
import { AnswerRules } from './validate';

const DOCUMENTS = 50;
const SEQUENCES = 12;

class Timer {
  max = 0;
  what = '';
  async time<T>(what: string, p: Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await p;
    } finally {
      const ms = performance.now() - t0;
      if (ms > this.max) Object.assign(this, { max: ms, what });
    }
  }
}

async function answers(c: LspTestClient, uri: string, text: string, diagnostics: Diagnostic[], positions: readonly Position[], timer: Timer) {
  const all = wholeRange(text);
  return {
    diagnostics,
    hovers: await Promise.all(positions.map((p) => timer.time('hover', c.hover(uri, p)))),
    inlayHints: await timer.time('inlayHint', c.inlayHints(uri, all)),
    codeLenses: await timer.time('codeLens', c.codeLenses(uri)),
    codeActions: await timer.time('codeAction', c.codeActions(uri, all, diagnostics)),
  };
}

test('fuzzed documents over JSON-RPC: every request answered within the rules, layout view and playground included', { timeout: 120_000 }, async (t) => {
  const c = await startServer(t);
  const corpus = loadCorpus();
  const timer = new Timer();
  for (let i = 0; i < DOCUMENTS; i++) {
    const d = documentCase(corpus, SEED, 5_000_000 + i);
    const rng = new Rng(caseSeed(SEED, 'rpc-doc', i));
    const where = `doc ${i} (seed ${SEED}, ${d.sample.origin}, ${d.note})`;
    const uri = d.sample.uri;
    const diagnostics = await timer.time('open', c.open(uri, d.sample.languageId, d.text));
    const rules = new AnswerRules(d.text);
    const positions = samplePositions(d.text, rng, 6);
    const a = await answers(c, uri, d.text, diagnostics, positions, timer);
    const problems = [
      ...rules.diagnostics(a.diagnostics),
      ...a.hovers.flatMap((h, k) => rules.hover(h, positions[k])),
      ...rules.inlayHints(a.inlayHints, wholeRange(d.text)),
      ...rules.codeLenses(a.codeLenses),
      ...rules.codeActions(a.codeActions, uri),
    ];
    assert.deepEqual(problems, [], where);
    const view = await timer.time('layoutView', c.connection.sendRequest(layoutViewRequest.method, { uri }));
    const v = layoutViewRequest.result.safeParse(view);
    assert.ok(v.success, `${where}: layout view breaks its schema: ${v.success ? '' : describeZodError(v.error)}`);
    const played = await timer.time('emulate', c.connection.sendRequest(emulateRequest.method, { uri, ops: randomOps(rng, 12).json }));
    const e = emulateRequest.result.safeParse(played);
    assert.ok(e.success, `${where}: playground answer breaks its schema: ${e.success ? '' : describeZodError(e.error)}`);
    await c.close(uri);
  }
  t.diagnostic(`seed ${SEED}: ${DOCUMENTS} documents; slowest round trip ${timer.max.toFixed(1)} ms (${timer.what})`);
  assert.doesNotMatch(c.logs.join('\n'), /failed on/, 'no analyzer failure logged');
  assert.equal(await c.stop(), 0);
});

test('incremental didChange over JSON-RPC equals a fresh open of the final text', { timeout: 120_000 }, async (t) => {
  const c = await startServer(t);
  const corpus = loadCorpus();
  const timer = new Timer();
  let edits = 0;
  for (let i = 0; i < SEQUENCES; i++) {
    const rng = new Rng(caseSeed(SEED, 'rpc-edits', i));
    const sample = rng.pick(corpus.samples);
    const where = `edit sequence ${i} (seed ${SEED}, ${sample.origin})`;
    let text = sample.text;
    await c.open(sample.uri, sample.languageId, text);
    const src = { tokens: corpus.tokens.get(sample.languageId) ?? [] };
    // A fast typist: notifications sent back to back, the server coalesces their analyses.
    let last: Promise<Diagnostic[]> = Promise.resolve([]);
    for (let s = rng.between(1, 25); s > 0; s--) {
      const n = randomNotification(text, rng, src);
      text = n.next;
      last = c.change(sample.uri, n.changes);
      edits++;
    }
    const incrementalDiagnostics = await last;
    const positions = samplePositions(text, rng, 8);
    const incremental = await answers(c, sample.uri, text, incrementalDiagnostics, positions, timer);
    await c.close(sample.uri);
    const fresh = await answers(c, sample.uri, text, await c.open(sample.uri, sample.languageId, text), positions, timer);
    assert.ok(isDeepStrictEqual(incremental, fresh), `${where}: state after ${edits} edits differs from a fresh open:\n${JSON.stringify(incremental).slice(0, 600)}\n${JSON.stringify(fresh).slice(0, 600)}`);
    await c.close(sample.uri);
  }
  t.diagnostic(`seed ${SEED}: ${SEQUENCES} sequences, ${edits} didChange notifications; slowest round trip ${timer.max.toFixed(1)} ms (${timer.what})`);
  assert.equal(await c.stop(), 0);
});
