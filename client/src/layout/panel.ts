// The layout view's panel: one at a time, restored after a reload by the
// serializer, following the active editor. It asks the server for the model
// and passes messages between the webview and the server, checking both ways.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, LAYOUT_VIEW_TYPE, LayoutSection } from '../../../shared/commands';
import { emulateRequest, layoutViewRequest } from '../../../shared/protocol';
import type { emulateParamsSchema } from '../../../shared/playground';
import type { z } from 'zod';
import { describeZodError } from '../../../shared/u64';
import { ToExtension, ToWebview, WEBVIEW_PROTOCOL_VERSION, WithoutVersion, toExtensionSchema, toWebviewSchema } from '../../../shared/webviewMessages';
import { request } from '../requests';
import { layoutHtml } from './html';

/** The webview's ops were checked against the emulate contract (deviceOpJson); sent as they came. */
type EmulateOps = z.input<typeof emulateParamsSchema>['ops'];
/** Typing bursts are coalesced into one request. */
const DEBOUNCE_MS = 120;

export class LayoutPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private pendingSection: LayoutSection | undefined;
  /** The document the view follows: the last text editor that had focus. */
  private followed: vscode.Uri | undefined = vscode.window.activeTextEditor?.document.uri;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly root: vscode.Uri;

  constructor(
    extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
    private readonly log: (message: string) => void,
  ) {
    this.root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Focus moving to the view itself (or a non-text editor) keeps what it follows.
        if (!editor || editor.document.uri.toString() === this.followed?.toString()) return;
        this.followed = editor.document.uri;
        this.refresh();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.followed?.toString()) this.refresh();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('vfioLens')) this.refresh();
      }),
    );
  }

  show(section?: LayoutSection): void {
    if (section) this.pendingSection = section;
    if (this.panel) {
      this.panel.reveal(undefined, true);
      this.flushSection();
      return;
    }
    const panel = vscode.window.createWebviewPanel(LAYOUT_VIEW_TYPE, 'vfio-lens layout', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options());
    this.attach(panel);
  }

  /** The serializer hands back a panel from before a window reload. */
  restore(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    panel.webview.options = this.options();
    this.attach(panel);
  }

  /** Settings, profiles or the followed document changed. */
  refresh(): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), DEBOUNCE_MS);
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [this.root], enableFindWidget: true };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const webview = panel.webview;
    webview.html = layoutHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.root, 'main.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.root, 'style.css')).toString(),
    });
    const listeners = [
      webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      // Without retainContextWhenHidden the page reloads when shown again; it says "ready" then.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    ];
    panel.onDidDispose(() => {
      listeners.forEach((l) => l.dispose());
      if (this.panel === panel) this.panel = undefined;
    });
  }

  private post(message: WithoutVersion<ToWebview>): void {
    const checked = toWebviewSchema.safeParse({ v: WEBVIEW_PROTOCOL_VERSION, ...message });
    if (!checked.success) {
      this.log(`layout view: not sent, invalid ${message.type} message: ${describeZodError(checked.error)}`);
      return;
    }
    void this.panel?.webview.postMessage(checked.data);
  }

  private flushSection(): void {
    if (!this.ready || !this.pendingSection) return;
    this.post({ type: 'reveal', section: this.pendingSection });
    this.pendingSection = undefined;
  }

  private uri(): string | undefined {
    return this.followed?.toString();
  }

  private async update(): Promise<void> {
    if (!this.panel || !this.ready) return;
    const generation = ++this.generation;
    try {
      const model = await request(this.client, layoutViewRequest, { uri: this.uri() });
      if (generation !== this.generation || !this.panel) return;
      this.panel.title = `Layout: ${model.device.name}`;
      this.post({ type: 'model', model, ...(this.followed ? { followed: path.basename(this.followed.path) } : {}) });
      this.flushSection();
    } catch (e) {
      if (generation === this.generation) this.post({ type: 'unavailable', message: `vfio-lens: no layout (${(e as Error).message})` });
    }
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = toExtensionSchema.safeParse(raw);
    if (!parsed.success) {
      this.log(`layout view: dropped an invalid message: ${describeZodError(parsed.error)}`);
      return;
    }
    const message: ToExtension = parsed.data;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.update();
      case 'emulate':
        try {
          const result = await request(this.client, emulateRequest, { uri: this.uri(), ops: message.ops as EmulateOps });
          this.post({ type: 'emulateResult', requestId: message.requestId, result });
        } catch (e) {
          this.post({ type: 'emulateFailed', requestId: message.requestId, message: (e as Error).message });
        }
        return;
      case 'command':
        await vscode.commands.executeCommand(COMMANDS[message.command].id);
        return;
      case 'copyMarkdown':
        await vscode.env.clipboard.writeText(message.markdown);
        this.post({ type: 'notice', text: 'Copied the layout as Markdown' });
        return;
      case 'exportSvg': {
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const target = await vscode.window.showSaveDialog({
          title: 'Export the layout as SVG',
          filters: { SVG: ['svg'] },
          ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, message.fileName) } : {}),
        });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(message.svg));
        this.post({ type: 'notice', text: `Saved ${path.basename(target.path)}` });
        return;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
