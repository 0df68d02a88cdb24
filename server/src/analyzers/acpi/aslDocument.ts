// One ASL text, parsed and read once.
import { AslTable, readAslTable } from './aslDsd';
import { parseAsl } from './aslParser';
import type { AslLexError } from './aslTokens';

export interface AslDocument {
  readonly text: string;
  readonly errors: readonly AslLexError[];
  readonly table: AslTable;
}

export function readAslDocument(text: string): AslDocument {
  const p = parseAsl(text);
  return { text, errors: p.errors, table: readAslTable(p.terms) };
}
