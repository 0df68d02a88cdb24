// The thin client: starts the language server, wires commands, the status
// bar and the layout view. Numbers never come from here; they come from the
// server's model through the requests declared in shared/protocol.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { LAYOUT_VIEW_TYPE } from '../../shared/commands';
import { contextChangedNotification } from '../../shared/protocol';
import { registerCommands } from './commands';
import { LayoutPanel } from './layout/panel';
import { ProfileStatus } from './statusBar';

let client: LanguageClient | undefined;

/** Languages whose documents the server reads. */
export const DOCUMENT_LANGUAGES = ['c', 'json', 'jsonc', 'asl', 'shellscript', 'xml', 'lspci'] as const;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const outputChannel = vscode.window.createOutputChannel('vfio-lens', { log: true });
  context.subscriptions.push(outputChannel);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    // Profile files are watched by the server's own dynamic registration.
    synchronize: { configurationSection: 'vfioLens' },
    // Ours, not the client's: a client-made channel is disposed by every restart, and with it the log.
    outputChannel,
    initializationOptions: { settings: vscode.workspace.getConfiguration().get('vfioLens') },
  };
  const lc = new LanguageClient('vfioLens', 'vfio-lens', serverOptions, clientOptions);
  client = lc;
  const log = (message: string) => lc.outputChannel.appendLine(`[client] ${message}`);

  const status = new ProfileStatus(lc);
  const layout = new LayoutPanel(context.extensionUri, lc, log);
  context.subscriptions.push(
    status,
    layout,
    ...registerCommands({ client: lc, showLayout: (section) => layout.show(section), log }),
    // A layout view open before a window reload comes back through here (activation event onWebviewPanel).
    vscode.window.registerWebviewPanelSerializer(LAYOUT_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => layout.restore(panel),
    }),
  );
  await lc.start();
  const contextChanged = () => {
    void status.refresh();
    layout.refresh();
  };
  context.subscriptions.push(lc.onNotification(contextChangedNotification.method, contextChanged));
  contextChanged();
  return { client: lc };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
