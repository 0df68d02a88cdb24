// Helpers for tests inside the extension host: everything goes through the
// public VS Code API, as another extension or a person would, and every wait
// is on an event (activation, server state, diagnostics published, tabs
// changed), never a sleep. The run opens a throw-away copy of the sample
// workspace (examples/); test/fixtures/ files open as loose files. A feature
// test is then one line per step:
//
//   const { uri, document } = await openSample('driver/main.c');
//   assert.match(await hoverText(uri, positionOf(document.getText(), 'USEMEM_REGION_INDEX')), /BAR4/);
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Diagnostic as LspDiagnostic, InlayHint as LspInlayHint } from 'vscode-languageserver-protocol';
import type { z } from 'zod';
import { activeLayoutRequest, type RequestDecl } from '../../../shared/protocol';
import pkg from '../../../package.json';
import { annotated, renderInlayHints } from '../../support/markers';

export { positionOf } from '../../support/markers';

export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const TIMEOUT_MS = 20000;

interface Exports {
  client: LanguageClient;
}

/** Activates vfio-lens (or joins the activation in flight) and returns its exports. */
export async function activate(): Promise<Exports> {
  const ext = vscode.extensions.getExtension<Exports>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
  return ext.activate();
}

export async function client(): Promise<LanguageClient> {
  return (await activate()).client;
}

/**
 * The extension is active and its server has read the workspace's profile
 * files: requests about profiles wait for that first scan, so once one is
 * answered, every analysis sees the workspace's devices.
 */
export async function serverReady(): Promise<void> {
  await request(activeLayoutRequest, {});
}

/** The folder the test run opened: a throw-away copy of examples/, the sample workspace. */
export function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opens a workspace folder');
  return folder.uri.fsPath;
}

/** A file of the sample workspace, e.g. `driver/main.c`. */
export function sampleUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceFolder(), relative));
}

/** A file under test/fixtures/ of the repository (the extension under development), outside the workspace. */
export function fixtureUri(relative: string): vscode.Uri {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
  return vscode.Uri.file(path.join(ext.extensionPath, 'test', 'fixtures', relative));
}

/**
 * Resolves with `probe()`'s first non-undefined value; probes once now and
 * again whenever one of `events` fires. Fails after `timeoutMs` with `what`.
 */
export function until<T>(probe: () => T | undefined | Promise<T | undefined>, events: vscode.Event<unknown>[], what: string, timeoutMs = TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    let busy = false;
    let again = false;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      fn();
    };
    const check = async () => {
      if (busy) return void (again = true);
      busy = true;
      try {
        do {
          again = false;
          const v = await probe();
          if (v !== undefined) return finish(() => resolve(v));
        } while (again && !settled);
      } catch (e) {
        finish(() => reject(e));
      } finally {
        busy = false;
      }
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
    for (const e of events) subscriptions.push(e(() => void check()));
    void check();
  });
}

/**
 * The next diagnostics the editor receives for `uri` (also when they are
 * unchanged, e.g. still empty), or for the first document `uri` accepts.
 * Call it before the action that makes the server publish.
 */
export function nextDiagnostics(uri: vscode.Uri | ((u: vscode.Uri) => boolean), timeoutMs = TIMEOUT_MS): Promise<vscode.Diagnostic[]> {
  const matches = typeof uri === 'function' ? uri : (u: vscode.Uri) => u.toString() === uri.toString();
  let hit: vscode.Uri | undefined;
  const sub = vscode.languages.onDidChangeDiagnostics((e) => (hit ??= e.uris.find(matches)));
  return until(() => (hit ? vscode.languages.getDiagnostics(hit) : undefined), [vscode.languages.onDidChangeDiagnostics], `diagnostics for ${typeof uri === 'function' ? 'a new document' : uri.fsPath}`, timeoutMs).finally(() => sub.dispose());
}

export interface Opened {
  uri: vscode.Uri;
  document: vscode.TextDocument;
  editor: vscode.TextEditor;
  diagnostics: vscode.Diagnostic[];
}

/**
 * Shows a file in an editor, once the server is ready. When this opens the
 * document, it waits for the server's first diagnostics for it; a document
 * some earlier test opened already has them.
 */
export async function openUri(uri: vscode.Uri): Promise<Opened> {
  await serverReady();
  const wasOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  const published = wasOpen ? undefined : nextDiagnostics(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  return { uri, document, editor, diagnostics: published ? await published : vscode.languages.getDiagnostics(uri) };
}

/** A file of the sample workspace in an editor (see openUri). */
export function openSample(relative: string): Promise<Opened> {
  return openUri(sampleUri(relative));
}

/** A file under test/fixtures/ in an editor (see openUri). */
export function openFixture(relative: string): Promise<Opened> {
  return openUri(fixtureUri(relative));
}

const SEVERITY: Record<vscode.DiagnosticSeverity, LspDiagnostic['severity']> = { 0: 1, 1: 2, 2: 3, 3: 4 };

/** A VS Code diagnostic in the LSP shape test/support/markers renders (its code without the docs link). */
export function lspDiagnostic(d: vscode.Diagnostic): LspDiagnostic {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return { range: lspRange(d.range), severity: SEVERITY[d.severity], message: d.message, ...(code !== undefined ? { code } : {}) };
}

function lspRange(r: vscode.Range) {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

/** Only the lines of `document` that carry a diagnostic, each followed by its marks: `^^^^ NVG106 error: …`. */
export function annotatedDiagnostics(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): string {
  return annotated(document.getText(), diagnostics.map(lspDiagnostic));
}

/** The text with every inlay hint written where the editor shows it, `/* label *\/` (see renderInlayHints). */
export function renderHints(document: vscode.TextDocument, hints: readonly vscode.InlayHint[]): string {
  const lsp: LspInlayHint[] = hints.map((h) => ({
    position: { line: h.position.line, character: h.position.character },
    label: typeof h.label === 'string' ? h.label : h.label.map((p) => ({ value: p.value })),
    ...(h.paddingLeft ? { paddingLeft: true } : {}),
    ...(h.paddingRight ? { paddingRight: true } : {}),
  }));
  return renderInlayHints(document.getText(), lsp);
}

type At = vscode.Position | { line: number; character: number };

/**
 * Each hover the providers answer at `position`: its markdown/plain text and
 * the range it covers (other providers, e.g. VS Code's JSON schema hovers in
 * a profile file, answer too).
 */
export async function hovers(uri: vscode.Uri, position: At): Promise<Array<{ text: string; range?: { start: At; end: At } }>> {
  const at = position instanceof vscode.Position ? position : new vscode.Position(position.line, position.character);
  const all = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
  return all.map((h) => ({ text: h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n'), ...(h.range ? { range: lspRange(h.range) } : {}) }));
}

/** Everything the hover providers answer at `position`, as one markdown/plain string. */
export async function hoverText(uri: vscode.Uri, position: At): Promise<string> {
  return (await hovers(uri, position)).map((h) => h.text).join('\n---\n');
}

export async function inlayHints(uri: vscode.Uri, range?: vscode.Range): Promise<vscode.InlayHint[]> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const all = range ?? new vscode.Range(0, 0, doc.lineCount, 0);
  return vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, all);
}

export async function codeLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
}

/** A vfio-lens request sent through the extension's own client, its result checked against the declared schema. */
export async function request<P extends z.ZodType, R extends z.ZodType>(decl: RequestDecl<P, R>, params: z.input<P>): Promise<z.output<R>> {
  const c = await client();
  return decl.result.parse(await c.sendRequest(decl.method, params));
}

type Settings = Record<string, unknown>;

/**
 * Writes `vfioLens.*` user settings (undefined removes one) the way the
 * Settings editor does. Resolves once VS Code has applied them in the
 * extension host; say what the server must then report with `until()`.
 */
export async function setSettings(values: Settings): Promise<void> {
  const config = vscode.workspace.getConfiguration('vfioLens');
  const same = (k: string) => JSON.stringify(config.inspect(k)?.globalValue) === JSON.stringify(values[k]);
  const pending = new Set(Object.keys(values).filter((k) => !same(k)));
  if (!pending.size) return;
  const applied = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      for (const k of [...pending]) if (e.affectsConfiguration(`vfioLens.${k}`)) pending.delete(k);
      if (!pending.size) {
        sub.dispose();
        resolve();
      }
    });
  });
  for (const k of [...pending]) await config.update(k, values[k], vscode.ConfigurationTarget.Global);
  await applied;
}

/** Removes every `vfioLens.*` user setting a test wrote. */
export async function resetSettings(keys: string[]): Promise<void> {
  await setSettings(Object.fromEntries(keys.map((k) => [k, undefined])));
}

/**
 * Re-asks after every diagnostics publish until `probe` answers: the server
 * re-publishes the open documents whenever its settings or profiles change, so
 * this waits for a settings change to reach it (keep a document open).
 */
export function untilServer<T>(probe: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  return until(probe, [vscode.languages.onDidChangeDiagnostics], what);
}

/**
 * The editor tabs showing a webview panel of `viewType`. (VS Code reports a
 * tab's viewType with the "mainThreadWebview-" prefix it gives extension panels.)
 */
export function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && (t.input.viewType === viewType || t.input.viewType === `mainThreadWebview-${viewType}`));
}

/** Waits until a tab of a `viewType` webview has a label matching `label` (panels retitle themselves). */
export function untilWebviewTab(viewType: string, label: string | RegExp): Promise<vscode.Tab> {
  const matches = (t: vscode.Tab) => (typeof label === 'string' ? t.label === label : label.test(t.label));
  return until(() => webviewTabs(viewType).find(matches), [vscode.window.tabGroups.onDidChangeTabs], `a ${viewType} tab labelled ${label}`);
}

/** LanguageClient states (vscode-languageclient's State enum, without bundling the library into tests). */
export const ClientState = { Stopped: 1, Running: 2, Starting: 3, StartFailed: 4 } as const;
