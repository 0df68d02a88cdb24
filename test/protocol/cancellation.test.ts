// Protocol hygiene over real JSON-RPC: a request cancelled while the server
// is busy (analysing a huge document) is answered "cancelled" without being
// run; requests about closed or unknown documents get empty answers; bad
// params of vfio-lens's own requests are refused and the server carries on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc';
import { emulateRequest, layoutViewRequest } from '../../shared/protocol';
import { fixtures } from '../support/snippets';
import { startServer } from '../support/lspClient';

const RequestCancelled = -32800;
const InvalidParams = -32602;

test('requests cancelled while the server analyses a 1 MB script are answered "cancelled"; the one before them is answered', { timeout: 60_000 }, async (t) => {
  const c = await startServer(t);
  const script = fixtures('qemu').text('gh200-single.sh');
  const huge = script.repeat(Math.ceil(1_000_000 / script.length));
  const uri = 'file:///w/huge.sh';
  await c.open(uri, 'shellscript', huge);
  // A new version: its analysis (hundreds of ms) blocks the server while the next messages arrive.
  void c.change(uri, [{ text: huge + '# edited\n' }]);
  const line = script.split('\n').findIndex((l) => l.includes('node=1'));
  const at = { line, character: script.split('\n')[line].indexOf('node=1') + 5 };
  const first = c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at });
  const source = new CancellationTokenSource();
  const second = c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at }, source.token);
  const view = c.connection.sendRequest(layoutViewRequest.method, { uri }, source.token);
  const hints = c.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: at, end: at } }, source.token);
  source.cancel();
  const answered = (await first) as { contents: { value: string } } | null;
  assert.match(answered?.contents.value ?? '', /Generic initiator: NUMA node 1/);
  for (const cancelledRequest of [second, view, hints]) {
    await assert.rejects(cancelledRequest, (e: unknown) => e instanceof ResponseError && e.code === RequestCancelled);
  }
  // The server goes on answering.
  assert.ok(await c.hover(uri, at));
  await c.stop();
});

test('requests about closed and unknown documents get empty answers, not errors', async (t) => {
  const c = await startServer(t);
  const f = fixtures('qemu');
  const uri = f.uri('gh200-single.sh');
  const whole = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
  const text = f.text('gh200-single.sh');
  await c.open(uri, 'shellscript', text);
  const line = text.split('\n').findIndex((l) => l.includes('node=1'));
  const at = { line, character: text.split('\n')[line].indexOf('node=1') + 5 };
  assert.ok((await c.hover(uri, at)) !== null, 'a hover while open');
  await c.close(uri);
  for (const u of [uri, 'file:///w/never-opened.sh', 'untitled:Untitled-1', 'not a uri at all']) {
    assert.equal(await c.hover(u, at), null, u);
    assert.deepEqual(await c.inlayHints(u, whole), [], u);
    assert.deepEqual(await c.codeLenses(u), [], u);
    assert.deepEqual(await c.codeActions(u, whole, []), [], u);
  }
  // The layout view and the playground of an unknown document show the active device.
  const view = await c.request(layoutViewRequest, { uri: 'file:///w/never-opened.vfio-lens.json' });
  assert.equal(view.device.name, 'GH200 96 GB');
  const played = await c.request(emulateRequest, { uri: 'file:///w/never-opened.sh', ops: [{ op: 'regionInfo', index: 4 }] });
  assert.ok(played.ok);
  assert.equal(played.steps[0].summary.length > 0, true);
  await c.stop();
});

test('vfio-lens requests with bad params are refused with the reason; the server carries on', async (t) => {
  const c = await startServer(t);
  const bad: Array<[string, unknown, RegExp]> = [
    [emulateRequest.method, { ops: [{ op: 'mmap', pgoff: 5, length: '0x1000' }] }, /ops\[0\]/],
    [emulateRequest.method, { ops: [{ op: 'configWrite', offset: 16, width: 4, value: '0x1ffffffff' }] }, /does not fit in 4 byte/],
    [emulateRequest.method, { ops: Array.from({ length: 501 }, () => ({ op: 'reset' })) }, /at most 500/],
    [emulateRequest.method, { ops: 'reset' }, /ops/],
    [layoutViewRequest.method, { uri: 42 }, /uri/],
  ];
  for (const [method, params, why] of bad) {
    await assert.rejects(c.connection.sendRequest(method, params), (e: unknown) => e instanceof ResponseError && e.code === InvalidParams && why.test(e.message), `${method} ${JSON.stringify(params).slice(0, 80)}`);
  }
  const ok = await c.request(emulateRequest, { ops: [{ op: 'configRead', offset: 0x20, width: 4 }] });
  assert.ok(ok.ok && ok.steps.length === 1);
  await c.stop();
});
