// Text in, value out: expand the macros in effect at a point, parse the
// result as a C expression, evaluate it. Results are cached per macro table
// (so an edit that leaves the directives alone keeps them) and carry what a
// hover or a diagnostic needs: the derivation steps, the kernel names used,
// and problems located back in the evaluated text.
import type { PageSize } from '../../model';
import { Eval, EvalEnv, Evaluator, Problem, unknown } from './evaluator';
import { expand, Expansion, Step, XToken } from './expander';
import { parseExpression } from './expr';
import { kernelConstant } from './kernelConstants';
import { KERNEL_HELPERS } from './kernelHelpers';
import type { Lookup, MacroTable, Point } from './macroTable';
import { PPToken, tokenize } from './ppTokens';

export interface LocatedProblem extends Problem {
  /** null when the problem is in the evaluated text itself, else the macro whose body holds it. */
  readonly origin: string | null;
  /** Span in the evaluated text (offsets of its own tokens). */
  readonly textStart: number;
  readonly textEnd: number;
}

export interface Evaluation {
  readonly result: Eval;
  readonly steps: readonly Step[];
  /** Kernel constants and helpers the value rests on. */
  readonly used: readonly string[];
  readonly problems: readonly LocatedProblem[];
  readonly cycles: readonly (readonly string[])[];
  /** The fully expanded text. */
  readonly expanded: string;
  readonly blocked?: string;
}

const CACHE_LIMIT = 50_000;
/** Evaluations of one text kept for different definitions in effect (a name redefined along the file). */
const VARIANTS_PER_TEXT = 8;

/**
 * An evaluation and the macro lookups it made. The same text evaluated at
 * another point gives the same result when every one of those names
 * resolves there as it did here: evaluation reads the file through nothing else.
 */
interface Variant {
  readonly lookups: ReadonlyArray<readonly [string, Lookup]>;
  readonly evaluation: Evaluation;
}

function sameLookup(a: Lookup, b: Lookup): boolean {
  switch (a.kind) {
    case 'none':
      return b.kind === 'none';
    case 'undef':
      return b.kind === 'undef' && b.ordinal === a.ordinal;
    case 'macro':
      return b.kind === 'macro' && b.def === a.def;
    case 'conditional':
      return b.kind === 'conditional' && b.defs.length === a.defs.length && a.defs.every((d, i) => d === b.defs[i]);
  }
}

/**
 * An evaluator made for an earlier macro table of the same file, and the names
 * whose definitions differ between the two (same directives otherwise: same
 * kinds, places and #if groups). Its evaluations that looked up none of those
 * names hold under the new table.
 */
export interface Predecessor {
  readonly evaluator: ConstEvaluator;
  readonly changed: ReadonlySet<string>;
}

export class ConstEvaluator {
  private readonly cache = new Map<string, Variant>();
  private readonly variants = new Map<string, Variant[]>();
  private predecessor: Predecessor | undefined;

  constructor(
    readonly table: MacroTable,
    readonly pageSize: PageSize,
    predecessor?: Predecessor,
  ) {
    // One step back only: the predecessor's own predecessor is dropped (what it had, it took over or lost).
    if (predecessor) predecessor.evaluator.predecessor = undefined;
    this.predecessor = predecessor;
  }

  /**
   * Evaluates source text (an expression or a macro body) as it reads at `at`;
   * adds the macro names the evaluation looked up to `touched`.
   */
  evaluateText(text: string, at: Point, touched?: Set<string>): Evaluation {
    const key = `${at.ordinal}|${at.path.map((s) => `${s.group}.${s.branch}`).join('/')}|${text}`;
    const hit = this.cache.get(key) ?? this.inherited(key);
    if (hit) {
      if (touched) for (const [name] of hit.lookups) touched.add(name);
      return hit.evaluation;
    }
    if (this.cache.size >= CACHE_LIMIT) {
      this.cache.clear();
      this.variants.clear();
    }
    const known = this.variants.get(text);
    const same = known?.find((v) => v.lookups.every(([name, l]) => sameLookup(this.table.lookup(name, at), l)));
    if (same) {
      this.cache.set(key, same);
      if (touched) for (const [name] of same.lookups) touched.add(name);
      return same.evaluation;
    }
    const lookups = new Map<string, Lookup>();
    const lookup = (name: string): Lookup => {
      let l = lookups.get(name);
      if (!l) lookups.set(name, (l = this.table.lookup(name, at)));
      return l;
    };
    const result = this.run(tokenize(text), lookup);
    const variant = { lookups: [...lookups], evaluation: result };
    this.cache.set(key, variant);
    if (touched) for (const name of lookups.keys()) touched.add(name);
    const list = known ?? [];
    if (list.length < VARIANTS_PER_TEXT) list.push(variant);
    if (!known) this.variants.set(text, list);
    return result;
  }

  /** The predecessor's evaluation at the same point, if no name it looked up changed. */
  private inherited(key: string): Variant | undefined {
    const p = this.predecessor;
    const v = p?.evaluator.cache.get(key);
    if (!v || v.lookups.some(([name]) => p!.changed.has(name))) return undefined;
    this.cache.set(key, v);
    return v;
  }

  private run(source: readonly PPToken[], lookup: (name: string) => Lookup): Evaluation {
    const x = expand(source, { lookup });
    const { text, offsets } = join(x.tokens);
    const base = { steps: x.steps, cycles: x.cycles, expanded: text, ...(x.blocked ? { blocked: x.blocked } : {}) };
    if (x.blocked) return { ...base, result: unknown(x.blocked), used: [], problems: [] };
    const parsed = parseExpression(text);
    if (!parsed.ok) return { ...base, result: unknown(parsed.why === 'empty' ? 'empty' : `${text || 'this'} is not a C expression`), used: [], problems: [] };
    const ev = new Evaluator(this.env(x, lookup));
    const result = ev.evaluate(parsed.expr);
    const problems = ev.problems.map((p) => locate(p, x.tokens, offsets));
    return { ...base, result, used: ev.used, problems };
  }

  private env(x: Expansion, lookup: (name: string) => Lookup): EvalEnv {
    const pageSize = this.pageSize;
    // A name the file defines, #undefs or defines per #if branch is the file's, never the kernel's.
    const kernel = (name: string) => lookup(name).kind === 'none';
    return {
      pageSize,
      constant: (name) => (kernel(name) ? kernelConstant(name, pageSize) : undefined),
      helper: (name) => (kernel(name) ? KERNEL_HELPERS.get(name)?.apply : undefined),
      unknownWhy: (name) => {
        const cycle = x.cycles.find((c) => c.includes(name));
        if (cycle) return `${cycle.join(' → ')}: the macro expands to itself`;
        return x.unresolved.get(name);
      },
    };
  }
}

function join(tokens: readonly XToken[]): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  for (const t of tokens) {
    if (text) text += ' ';
    offsets.push(text.length);
    text += t.text;
  }
  return { text, offsets };
}

/** Maps a problem found in the expanded text back to the tokens that produced it. */
function locate(p: Problem, tokens: readonly XToken[], offsets: readonly number[]): LocatedProblem {
  const at = (offset: number) => {
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const anchor = tokens[at(p.anchor)];
  let textStart = Infinity;
  let textEnd = -Infinity;
  for (let i = at(p.start); i <= at(Math.max(p.start, p.end - 1)); i++) {
    textStart = Math.min(textStart, tokens[i].src.start);
    textEnd = Math.max(textEnd, tokens[i].src.end);
  }
  return { ...p, origin: anchor?.origin ?? null, textStart, textEnd };
}
