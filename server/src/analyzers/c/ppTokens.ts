// Preprocessing tokens (C11 6.4): what macro expansion works on. Comments
// and line continuations vanish; each token keeps its offset in the text it
// came from so hovers and diagnostics can point into a #define's body.

export type PPKind = 'ident' | 'number' | 'char' | 'string' | 'punct' | 'other';

export interface PPToken {
  readonly kind: PPKind;
  readonly text: string;
  /** Offsets in the tokenized text. */
  readonly start: number;
  readonly end: number;
}

// Longest first, so `<<=` wins over `<<` and `<`.
const PUNCTUATORS = [
  '%:%:', '...', '<<=', '>>=', '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=',
  '+=', '-=', '&=', '^=', '|=', '##', '<:', ':>', '<%', '%>', '%:',
  '[', ']', '(', ')', '{', '}', '.', '&', '*', '+', '-', '~', '!', '/', '%', '<', '>', '^', '|', '?', ':', ';', '=', ',', '#',
];

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;

export function tokenize(text: string): PPToken[] {
  const out: PPToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (IDENT_START.test(c)) {
      while (i < n && IDENT_PART.test(text[i])) i++;
      // L"…", u8'…' and friends are literals, not identifiers.
      if ((text[i] === '"' || text[i] === "'") && /^(L|u|U|u8)$/.test(text.slice(start, i))) {
        const kind = text[i] === '"' ? 'string' : 'char';
        i = quoted(text, i);
        out.push({ kind, text: text.slice(start, i), start, end: i });
        continue;
      }
      out.push({ kind: 'ident', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      i++;
      while (i < n) {
        const d = text[i];
        if ((d === '+' || d === '-') && /[eEpP]/.test(text[i - 1])) i++;
        else if (/[A-Za-z0-9_.']/.test(d)) i++;
        else break;
      }
      out.push({ kind: 'number', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (c === '"' || c === "'") {
      i = quoted(text, i);
      out.push({ kind: c === '"' ? 'string' : 'char', text: text.slice(start, i), start, end: i });
      continue;
    }
    const p = PUNCTUATORS.find((q) => text.startsWith(q, i));
    if (p) {
      i += p.length;
      out.push({ kind: 'punct', text: p, start, end: i });
      continue;
    }
    i++;
    out.push({ kind: 'other', text: c, start, end: i });
  }
  return out;
}

/** End of the quoted literal starting at `i` (unterminated: end of line). */
function quoted(text: string, i: number): number {
  const q = text[i];
  let j = i + 1;
  while (j < text.length && text[j] !== q && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
  return Math.min(text.length, j + 1);
}
