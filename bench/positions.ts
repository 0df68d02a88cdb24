// Hover positions: identifiers outside comments and strings, spread evenly
// over a file, each at the middle of its name (where a mouse rests).

export interface Position {
  readonly line: number;
  readonly character: number;
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

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

/** `count` identifier positions spread evenly over the file (all of them when it has fewer). */
export function hoverPositions(text: string, count: number): Position[] {
  const all = identifierOffsets(text);
  const picked = all.length <= count ? all : Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)]);
  return picked.map((o) => positionAt(text, o));
}
