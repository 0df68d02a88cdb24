// Entry point of the bundled server (dist/server.js). The transport comes from
// the command line: --stdio, --node-ipc or --socket=N, as the client chooses.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './languageServer';

startServer(createConnection(ProposedFeatures.all));
