// A fast pass over the raw text for what the tree would give slowly: every
// identifier outside comments, strings and directive lines (with whether a
// `(` follows it and whether it is a structure field), and the `"nvidia,…"`
// strings. Asking tree-sitter for each identifier node costs far more.
// Names go to a callback as they are found (a large driver has ~100,000):
// no object per name, and no string for a structure field.

/** A name: its text (undefined for a structure field, after `.` or `->`, never a macro), where it starts, whether `(` follows. */
export type NameVisitor = (name: string | undefined, start: number, called: boolean) => void;

export interface StringHit {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const KEYWORDS = new Set(['if', 'while', 'for', 'switch', 'return', 'sizeof', 'do', 'else', 'case', 'goto', 'typeof', '__typeof__', 'defined', '_Alignof', 'alignof']);

function isIdStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}

/**
 * Calls `visit` for each name in order; returns the `"nvidia,…"` strings. Reads
 * `text` from `from` to `to` only (one top-level declaration of a file),
 * starting at the beginning of a line when `lineStart` says so.
 */
export function lexNames(text: string, visit: NameVisitor, from = 0, to = text.length, lineStart = true): StringHit[] {
  const strings: StringHit[] = [];
  const n = to;
  let i = from;
  let prevSignificant = '';
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      i++;
      continue;
    }
    if (c === 92 && i + 1 < n && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === 47 && i + 1 < n && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === 47 && i + 1 < n && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === 35 && lineStart) {
      // A directive line, with its continuations: the preprocessor analysis reads those.
      while (i < n && !(text[i] === '\n' && text[i - 1] !== '\\' && !(text[i - 1] === '\r' && text[i - 2] === '\\'))) {
        if (text[i] === '/' && i + 1 < n && text[i + 1] === '*') {
          const end = text.indexOf('*/', i + 2);
          i = end < 0 ? n : end + 2;
        } else i++;
      }
      continue;
    }
    lineStart = false;
    if (c === 34 || c === 39) {
      const start = i;
      i++;
      while (i < n && text.charCodeAt(i) !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i = Math.min(n, i + 1);
      if (c === 34 && text.startsWith('"nvidia,', start)) strings.push({ value: text.slice(start + 1, i - 1), start, end: i });
      prevSignificant = c === 34 ? '"' : "'";
      continue;
    }
    if (isIdStart(c)) {
      const start = i;
      while (i < n && isIdPart(text.charCodeAt(i))) i++;
      let j = i;
      for (let d = text.charCodeAt(j); j < n && (d === 32 || d === 9 || d === 10 || d === 13); d = text.charCodeAt(++j));
      // Never past `to`: what a piece holds must not depend on the text after it.
      const called = j < n && text.charCodeAt(j) === 40;
      if (prevSignificant === '.' || prevSignificant === '->') {
        // Keywords are never fields; a field's text is never needed.
        visit(undefined, start, called);
      } else {
        const name = text.slice(start, i);
        if (!KEYWORDS.has(name)) visit(name, start, called);
      }
      prevSignificant = 'id';
      continue;
    }
    if (c >= 48 && c <= 57) {
      // Numbers (0x1fULL, 1e3): skip so their letters are not names.
      while (i < n && (isIdPart(text.charCodeAt(i)) || text[i] === '.' || text[i] === "'")) i++;
      prevSignificant = 'num';
      continue;
    }
    prevSignificant = c === 45 && i + 1 < n && text[i + 1] === '>' ? '->' : text[i];
    i += prevSignificant === '->' ? 2 : 1;
  }
  return strings;
}
