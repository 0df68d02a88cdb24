// tree-sitter's C parser overflows its WASM stack on brackets left open by
// the thousand in a declaration (`static #define G f(f(f(…`, 1,500 deep):
// the module's heap is corrupt from then on and every later parse, of any
// file and any language, fails until the server restarts. No real source
// nests brackets more than a few dozen deep, so a text nested past
// MAX_BRACKET_DEPTH is not given to the parser at all.
import { SKIP } from './parserText';

export const MAX_BRACKET_DEPTH = 256;

// Directive lines, comments and literals hold no brackets the parser nests; `(`, `[` and `{` count alike.
const TOKENS = new RegExp(`${SKIP}|[([{]|[)\\]}]`, 'gm');

/** Where `text` first nests brackets past `limit` (outside directives, comments and literals), if it does. */
export function bracketsTooDeep(text: string, limit = MAX_BRACKET_DEPTH): number | undefined {
  if (text.length <= limit) return undefined;
  let depth = 0;
  for (const m of text.matchAll(TOKENS)) {
    const c = m[0];
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > limit) return m.index;
    } else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}
