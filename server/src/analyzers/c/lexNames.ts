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
  // Character codes only in this loop: it reads every character of the file.
  let afterMember = false; // the last token was `.` or `->`: a name here is a structure field
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
    const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
    if (c === 92 && next === 10) {
      i += 2;
      continue;
    }
    if (c === 47 && next === 47) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 47 && next === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === 35 && lineStart) {
      // A directive line, with its continuations: the preprocessor analysis reads those.
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 10 && text.charCodeAt(i - 1) !== 92 && !(text.charCodeAt(i - 1) === 13 && text.charCodeAt(i - 2) === 92)) break;
        if (d === 47 && i + 1 < n && text.charCodeAt(i + 1) === 42) {
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
      for (let d = text.charCodeAt(i); i < n && d !== c && d !== 10; d = text.charCodeAt(i)) i += d === 92 ? 2 : 1;
      i = Math.min(n, i + 1);
      if (c === 34 && text.startsWith('"nvidia,', start)) strings.push({ value: text.slice(start + 1, i - 1), start, end: i });
      afterMember = false;
      continue;
    }
    if (isIdStart(c)) {
      const start = i;
      while (i < n && isIdPart(text.charCodeAt(i))) i++;
      let j = i;
      for (let d = text.charCodeAt(j); j < n && (d === 32 || d === 9 || d === 10 || d === 13); d = text.charCodeAt(++j));
      // Never past `to`: what a piece holds must not depend on the text after it.
      const called = j < n && text.charCodeAt(j) === 40;
      if (afterMember) {
        // Keywords are never fields; a field's text is never needed.
        visit(undefined, start, called);
      } else {
        const name = text.slice(start, i);
        if (!KEYWORDS.has(name)) visit(name, start, called);
      }
      afterMember = false;
      continue;
    }
    if (c >= 48 && c <= 57) {
      // Numbers (0x1fULL, 1e3): skip so their letters are not names.
      for (let d = c; i < n && (isIdPart(d) || d === 46 || d === 39); d = text.charCodeAt(i)) i++;
      afterMember = false;
      continue;
    }
    const arrow = c === 45 && next === 62;
    afterMember = arrow || c === 46;
    i += arrow ? 2 : 1;
  }
  return strings;
}
