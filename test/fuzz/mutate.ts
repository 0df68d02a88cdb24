// Mutations of a document's text: the half-typed, pasted and truncated states
// an editor sends. Each keeps most of the text so the analyzer still reads
// deep into it.
import { HUGE_NUMBERS, ODD_PIECES, longLine, nesting, tokenSoup } from './hostile';
import type { Rng } from './rng';

export interface MutationContext {
  readonly languageId: string;
  /** Tokens of the language's texts, for insertions that look like the format. */
  readonly tokens: readonly string[];
}

type Mutation = (text: string, rng: Rng, m: MutationContext) => string;

const at = (text: string, rng: Rng) => rng.int(text.length + 1);
const splice = (text: string, start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);

const MUTATIONS: Record<string, Mutation> = {
  flipChar: (t, rng) => {
    const i = at(t, rng);
    return splice(t, i, i + 1, String.fromCharCode(rng.int(rng.chance(0.8) ? 0x80 : 0x10000)));
  },
  deleteRange: (t, rng) => {
    const i = at(t, rng);
    return splice(t, i, i + rng.size(400), '');
  },
  insertTokens: (t, rng, m) => {
    const i = at(t, rng);
    return splice(t, i, i, tokenSoup(m.tokens, rng, rng.between(1, 12)));
  },
  insertOdd: (t, rng) => {
    const i = at(t, rng);
    return splice(t, i, i, rng.pick(ODD_PIECES));
  },
  duplicateRange: (t, rng) => {
    const i = at(t, rng);
    const piece = t.slice(i, i + rng.size(2000));
    const j = at(t, rng);
    return splice(t, j, j, piece);
  },
  swapLines: (t, rng) => {
    const lines = t.split('\n');
    const a = rng.int(lines.length);
    const b = rng.int(lines.length);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    return lines.join('\n');
  },
  truncate: (t, rng) => t.slice(0, at(t, rng)),
  hugeNumber: (t, rng) => {
    const numbers = [...t.matchAll(/0[xX][0-9a-fA-F_]+|\b\d+\b/g)];
    if (!numbers.length) return t;
    const n = rng.pick(numbers);
    return splice(t, n.index, n.index + n[0].length, rng.pick(HUGE_NUMBERS));
  },
  deepNesting: (t, rng, m) => {
    const i = at(t, rng);
    return splice(t, i, i, nesting(m.languageId, rng.pick([100, 1000, 10_000]), rng));
  },
  longLine: (t, rng, m) => {
    const i = t.lastIndexOf('\n', at(t, rng)) + 1;
    return splice(t, i, i, longLine(m.languageId, rng.pick([10_000, 100_000]), rng));
  },
  lineEndings: (t, rng) => t.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r'])),
  nulBytes: (t, rng) => t.replace(/ /g, () => (rng.chance(0.1) ? '\u0000' : ' ')),
};

/** Names of the mutations, for reports. */
export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Rare and expensive mutations (10k nesting, 100 KB lines) are picked less often. */
const WEIGHTS: Record<string, number> = { deepNesting: 1, longLine: 1, lineEndings: 1, nulBytes: 1, truncate: 2 };

function pickMutation(rng: Rng): string {
  const total = MUTATION_NAMES.reduce((s, n) => s + (WEIGHTS[n] ?? 6), 0);
  let r = rng.int(total);
  for (const n of MUTATION_NAMES) {
    r -= WEIGHTS[n] ?? 6;
    if (r < 0) return n;
  }
  return MUTATION_NAMES[0];
}

/** Applies 1–`max` random mutations; returns the text and what was done. */
export function mutate(text: string, rng: Rng, m: MutationContext, max = 6): { text: string; applied: string[] } {
  const applied: string[] = [];
  let t = text;
  for (let i = rng.between(1, max); i > 0; i--) {
    const name = pickMutation(rng);
    t = MUTATIONS[name](t, rng, m);
    applied.push(name);
  }
  return { text: t, applied };
}
