// `vfio-lens lsp --stdio`: the language server for any LSP editor.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from '../languageServer';
import { UsageError } from './exitCodes';

export function runLsp(argv: string[]): void {
  if (!argv.includes('--stdio')) throw new UsageError('usage: vfio-lens lsp --stdio (stdio is the only transport the CLI offers)');
  // stdout carries JSON-RPC: anything else printed there would corrupt it.
  console.log = console.error;
  console.info = console.error;
  startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
}
