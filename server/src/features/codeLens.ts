// Code-lens facts → LSP code lenses (resolved up front: titles are cheap).
import { CodeLens } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../analysis';

export function codeLenses(a: DocumentAnalysis): CodeLens[] {
  return a.codeLenses.map((l) => ({
    range: l.range,
    command: { title: l.title, command: l.command?.id ?? '', arguments: l.command?.args ? [...l.command.args] : [] },
  }));
}
