// Hover positions: identifiers outside comments and strings, spread evenly
// over a file, each at the middle of its name (where a mouse rests).

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';

export type { Position };

/** Offset → LSP position in `text` (UTF-16, as LSP counts). */
export function positionsIn(text: string): (offset: number) => Position {
  const doc = TextDocument.create('bench:text', 'c', 0, text);
  return (offset) => doc.positionAt(offset);
}

/** The text with comments and string/char literals blanked out (same length, same line breaks). */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (m) => m.replace(/[^\n]/g, ' '));
}

export function identifierOffsets(text: string): number[] {
  const out: number[] = [];
  for (const m of codeOnly(text).matchAll(/[A-Za-z_]\w*/g)) out.push(m.index + (m[0].length >> 1));
  return out;
}

/** `count` identifier positions spread evenly over the file (all of them when it has fewer). */
export function hoverPositions(text: string, count: number): Position[] {
  const all = identifierOffsets(text);
  const picked = all.length <= count ? all : Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)]);
  const at = positionsIn(text);
  return picked.map(at);
}
