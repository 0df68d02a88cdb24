// The thin client: starts the language server and hands it the settings.
// Numbers never come from here; they come from the server's model.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { COMMANDS } from '../../shared/commands';

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
    synchronize: { configurationSection: 'vfioLens' },
    // Ours, not the client's: a client-made channel is disposed by every restart, and with it the log.
    outputChannel,
    initializationOptions: { settings: vscode.workspace.getConfiguration().get('vfioLens') },
  };
  client = new LanguageClient('vfioLens', 'vfio-lens', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.restartServer.id, async () => {
      await client?.restart();
    }),
  );
  await client.start();
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
