// The extension's end of the layout view (client/src/layout/panel.ts) with a
// stand-in for the `vscode` module: webview messages that fail the schema are
// dropped and logged, never forwarded to the server or run as commands; a
// server answer that fails the protocol reaches the page as "unavailable".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { buildLayoutView } from '../../../server/src/views/layoutView';
import { layoutViewRequest, emulateRequest } from '../../../shared/protocol';

type Listener = (x: unknown) => void;
function event() {
  const listeners: Listener[] = [];
  const on = (l: Listener) => (listeners.push(l), { dispose: () => undefined });
  return Object.assign(on, { fire: (x?: unknown) => listeners.forEach((l) => l(x)) });
}

function fakeVscode() {
  const posted: unknown[] = [];
  let onPost: () => void = () => undefined;
  const messages = event();
  const executed: string[] = [];
  const panel = {
    title: '',
    visible: true,
    webview: {
      html: '',
      options: {},
      cspSource: 'vscode-webview://test',
      asWebviewUri: (u: { path: string }) => ({ toString: () => `vscode-webview://test${u.path}` }),
      onDidReceiveMessage: messages,
      postMessage: async (m: unknown) => {
        posted.push(m);
        onPost();
        return true;
      },
    },
    reveal: () => undefined,
    dispose: () => undefined,
    onDidChangeViewState: event(),
    onDidDispose: event(),
  };
  const uri = (p: string) => ({ path: p, toString: () => `file://${p}` });
  const vscode = {
    window: { activeTextEditor: undefined, onDidChangeActiveTextEditor: event(), createWebviewPanel: () => panel, showSaveDialog: async () => undefined },
    workspace: { onDidChangeTextDocument: event(), onDidChangeConfiguration: event(), workspaceFolders: undefined, fs: { writeFile: async () => undefined } },
    Uri: { joinPath: (u: { path: string }, ...parts: string[]) => uri([u.path, ...parts].join('/')) },
    ViewColumn: { Beside: -2 },
    commands: { executeCommand: async (id: string) => void executed.push(id) },
    env: { clipboard: { writeText: async () => undefined } },
  };
  const nextPost = () => new Promise<void>((resolve) => (onPost = resolve));
  return { vscode, panel, posted, messages, executed, nextPost, uri };
}

function loadPanel(fake: ReturnType<typeof fakeVscode>) {
  const m = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = m._load;
  m._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fake.vscode : load.call(this, request, ...rest);
  };
  // Each test gets its own stand-in: the client modules load afresh.
  for (const k of Object.keys(require.cache)) if (k.includes(`${'client'}/src/`)) delete require.cache[k];
  try {
    return (require('../../../client/src/layout/panel') as typeof import('../../../client/src/layout/panel')).LayoutPanel;
  } finally {
    m._load = load;
  }
}

const store = new ProfileStore(DEFAULT_SETTINGS);
const model = buildLayoutView({ device: store.active(), workspace: store.devices });

test('invalid webview messages are dropped and logged; valid ones reach the server or the command', async () => {
  const fake = fakeVscode();
  const LayoutPanel = loadPanel(fake);
  const requests: Array<[string, unknown]> = [];
  const client = { sendRequest: async (method: string, params: unknown) => (requests.push([method, params]), method === layoutViewRequest.method ? model : { ok: true, device: 'x', steps: [], registers: [] }) };
  const logs: string[] = [];
  const panel = new LayoutPanel(fake.uri('/ext') as never, client as never, (m: string) => logs.push(m));
  panel.show();
  assert.match(fake.panel.webview.html, /Content-Security-Policy/);

  const bad: unknown[] = [
    null,
    { type: 'ready' },
    { v: 2, type: 'ready' },
    { v: 1, type: 'eval', code: 'process.exit()' },
    { v: 1, type: 'command', command: 'workbench.action.terminal.new' },
    { v: 1, type: 'emulate', requestId: 1, ops: [{ op: 'mmap', pgoff: 5, length: '0x1000' }] },
    { v: 1, type: 'emulate', requestId: 1, ops: Array.from({ length: 501 }, () => ({ op: 'reset' })) },
    { v: 1, type: 'exportSvg', svg: '<svg/>', fileName: '../../.bashrc.svg' },
    { v: 1, type: 'copyMarkdown', markdown: 'x'.repeat(500_001) },
  ];
  for (const m of bad) fake.messages.fire(m);
  assert.equal(logs.length, bad.length, logs.join('\n'));
  for (const l of logs) assert.match(l, /^layout view: dropped an invalid message: /);
  assert.equal(requests.length, 0, 'nothing reached the server');
  assert.equal(fake.executed.length, 0, 'no command ran');
  assert.equal(fake.posted.length, 0, 'nothing was answered');

  const modelPosted = fake.nextPost();
  fake.messages.fire({ v: 1, type: 'ready' });
  await modelPosted;
  assert.deepEqual(requests.map(([m]) => m), [layoutViewRequest.method]);
  assert.deepEqual(fake.posted.map((p) => (p as { type: string; v: number }).type), ['model']);
  assert.equal((fake.posted[0] as { v: number }).v, 1);

  const played = fake.nextPost();
  fake.messages.fire({ v: 1, type: 'emulate', requestId: 7, ops: [{ op: 'regionInfo', index: 4 }] });
  await played;
  assert.deepEqual(requests[1], [emulateRequest.method, { uri: undefined, ops: [{ op: 'regionInfo', index: 4 }] }]);
  fake.messages.fire({ v: 1, type: 'command', command: 'selectKernel' });
  assert.deepEqual(fake.executed, ['vfioLens.selectKernel']);
  assert.equal(logs.length, bad.length, 'valid messages are not logged');
  panel.dispose();
});

test('a server answer that breaks the protocol is not passed on as a model: the page is told it is unavailable', async () => {
  const fake = fakeVscode();
  const LayoutPanel = loadPanel(fake);
  const broken = structuredClone(model) as unknown as { apertures: Array<{ barSize: unknown }> };
  broken.apertures[0].barSize = 137438953472; // a number where a hex string belongs
  const client = { sendRequest: async () => broken };
  const panel = new LayoutPanel(fake.uri('/ext') as never, client as never, () => undefined);
  panel.show();
  const posted = fake.nextPost();
  fake.messages.fire({ v: 1, type: 'ready' });
  await posted;
  assert.equal(fake.posted.length, 1);
  const m = fake.posted[0] as { v: number; type: string; message: string };
  assert.equal(m.type, 'unavailable');
  assert.match(m.message, /does not match the protocol: apertures\[0\]\.barSize/);
  panel.dispose();
});
