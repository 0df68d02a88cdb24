// ASL tokens with offsets. Tolerant: anything it does not know becomes an
// `op` token, an unterminated string or comment becomes one error, and the
// rest of the file still tokenizes. Integers are exact bigints.

export type AslTokenKind = 'name' | 'int' | 'string' | 'open' | 'close' | 'lbrace' | 'rbrace' | 'comma' | 'op';

export interface AslToken {
  readonly kind: AslTokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Integers only. */
  readonly value?: bigint;
}

export interface AslLexError {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

const NAME = /[\\^]*[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*|\\/y;
const HEX = /0[xX][0-9a-fA-F]+/y;
const OCTAL = /0[0-7]+(?![0-9xX])/y;
const DECIMAL = /[0-9]+/y;
const PUNCT: Record<string, AslTokenKind> = { '(': 'open', ')': 'close', '{': 'lbrace', '}': 'rbrace', ',': 'comma' };

function match(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/** ASL string escapes (the C set); the value is only used to compare property names. */
function unescape(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', 0: '\0' } as Record<string, string>)[e] ?? e;
  });
}

export function tokenizeAsl(text: string): { tokens: AslToken[]; errors: AslLexError[] } {
  const tokens: AslToken[] = [];
  const errors: AslLexError[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        errors.push({ start: i, end: i + 2, message: 'comment is not closed: "*/" missing' });
        break;
      }
      i = close + 2;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j >= n || text[j] !== '"') {
        errors.push({ start: i, end: Math.min(j, n), message: 'string is not closed on its line' });
        i = j;
        continue;
      }
      tokens.push({ kind: 'string', text: unescape(text.slice(i + 1, j)), start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    const punct = PUNCT[c];
    if (punct) {
      tokens.push({ kind: punct, text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c >= '0' && c <= '9') {
      const hex = match(HEX, text, i);
      const oct = hex ? undefined : match(OCTAL, text, i);
      const lit = hex ?? oct ?? match(DECIMAL, text, i)!;
      const value = hex ? BigInt(lit) : oct ? BigInt('0o' + lit.slice(1)) : BigInt(lit);
      tokens.push({ kind: 'int', text: lit, start: i, end: i + lit.length, value });
      i += lit.length;
      continue;
    }
    const name = match(NAME, text, i);
    if (name) {
      tokens.push({ kind: 'name', text: name, start: i, end: i + name.length });
      i += name.length;
      continue;
    }
    tokens.push({ kind: 'op', text: c, start: i, end: i + 1 });
    i++;
  }
  return { tokens, errors };
}
