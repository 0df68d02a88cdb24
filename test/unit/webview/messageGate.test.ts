// The webview's own end (the real dist/webview/main.js bundle, run in a VM
// with a stand-in DOM): a message that fails the schema is dropped and logged
// with console.warn, a valid one is acted on, and what the page sends is
// checked before it leaves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { ROOT } from '../../support/lspClient';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { ProfileStore } from '../../../server/src/profiles/activeProfile';
import { buildLayoutView } from '../../../server/src/views/layoutView';

interface Stub {
  readonly sets: Record<string, unknown>;
}

/** An element that accepts anything: property writes are recorded, methods do nothing. */
function element(registry: Map<string, Stub & Record<string, unknown>>, name: string): Stub & Record<string, unknown> {
  const sets: Record<string, unknown> = {};
  const base: Record<string, unknown> = { sets, textContent: '', innerHTML: '', hidden: false, dataset: {}, clientWidth: 800, options: [] };
  const proxy = new Proxy(base, {
    get(t, k: string) {
      if (k in t) return t[k];
      if (k === 'classList') return { toggle() {}, add() {}, remove() {} };
      if (k === 'querySelectorAll') return () => [];
      if (k === 'querySelector') return (sel: string) => lookup(registry, sel);
      if (k === 'closest') return () => null;
      return () => undefined;
    },
    set(t, k: string, v) {
      t[k] = v;
      sets[k] = v;
      return true;
    },
  });
  registry.set(name, proxy as Stub & Record<string, unknown>);
  return proxy as Stub & Record<string, unknown>;
}

function lookup(registry: Map<string, Stub & Record<string, unknown>>, sel: string) {
  return registry.get(sel) ?? element(registry, sel);
}

function loadWebview() {
  const bundle = fs.readFileSync(path.join(ROOT, 'dist/webview/main.js'), 'utf8');
  const registry = new Map<string, Stub & Record<string, unknown>>();
  const posted: unknown[] = [];
  const warnings: string[] = [];
  const listeners: Array<(e: { data: unknown }) => void> = [];
  const app = element(registry, 'app');
  const document = { getElementById: (id: string) => (id === 'app' ? app : null), body: { classList: { toggle() {} } } };
  const window = { addEventListener: (type: string, l: (e: { data: unknown }) => void) => type === 'message' && listeners.push(l) };
  const sandbox = {
    document,
    window,
    console: { ...console, warn: (m: string) => warnings.push(m), log() {} },
    acquireVsCodeApi: () => ({ postMessage: (m: unknown) => posted.push(m), getState: () => undefined, setState() {} }),
    ResizeObserver: class { observe() {} },
    requestAnimationFrame: () => 0,
    cancelAnimationFrame() {},
  };
  // The page's CSP has no 'unsafe-eval': code from strings (eval, new Function) is refused here as there.
  const context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  vm.runInContext(bundle, context, { filename: 'main.js' });
  // postMessage structured-clones into the page's realm: build each message there.
  const send = (data: unknown) => listeners.forEach((l) => l({ data: vm.runInContext(`(${JSON.stringify(data)})`, context) }));
  return { registry, posted: () => JSON.parse(JSON.stringify(posted)) as unknown[], warnings, send, listening: listeners.length };
}

test('the page says ready (a valid, versioned message) and listens for the extension', () => {
  const w = loadWebview();
  assert.deepEqual(w.posted(), [{ v: 1, type: 'ready' }]);
  assert.equal(w.listening, 1);
});

test('messages that fail the schema are dropped and logged; valid ones are acted on', () => {
  const w = loadWebview();
  const bad: unknown[] = [
    null,
    'notice',
    { type: 'notice', text: 'no version' },
    { v: 2, type: 'notice', text: 'another version' },
    { v: 1, type: 'notice', text: 'extra key', html: '<img src=x onerror=alert(1)>' },
    { v: 1, type: 'eval', code: 'alert(1)' },
    { v: 1, type: 'reveal', section: 'everything' },
    { v: 1, type: 'unavailable' },
    { v: 1, type: 'model', model: { device: 'not a model' } },
  ];
  for (const m of bad) w.send(m);
  assert.equal(w.warnings.length, bad.length, w.warnings.join('\n'));
  for (const warning of w.warnings) assert.match(warning, /^vfio-lens: dropped an invalid message: /);
  assert.equal(w.registry.get('#status')?.sets.textContent, undefined, 'nothing was shown');
  assert.equal(w.registry.get('#device')?.sets.textContent, undefined);

  w.send({ v: 1, type: 'notice', text: 'Copied the layout as Markdown' });
  assert.equal(w.registry.get('#status')?.sets.textContent, 'Copied the layout as Markdown');
  w.send({ v: 1, type: 'unavailable', message: 'vfio-lens: no layout (server stopped)' });
  assert.equal(w.registry.get('#device')?.sets.textContent, 'vfio-lens: no layout (server stopped)');
  assert.equal(w.warnings.length, bad.length, 'valid messages are not warned about');
  assert.deepEqual(w.posted(), [{ v: 1, type: 'ready' }], 'nothing sent back in reply to junk');
});

test('a real model is drawn without code from strings (the CSP forbids eval): the device line and the drawings are filled', () => {
  const w = loadWebview();
  const store = new ProfileStore(DEFAULT_SETTINGS);
  const model = buildLayoutView({ device: store.active(), workspace: store.devices });
  w.send({ v: 1, type: 'model', model, followed: 'main.c' });
  assert.deepEqual(w.warnings, []);
  assert.match(String(w.registry.get('#device')?.sets.innerHTML), /GH200 96 GB/);
  assert.match(String(w.registry.get('[data-drawing="bars"]')?.sets.innerHTML), /<svg/);
});
