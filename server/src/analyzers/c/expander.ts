// Macro expansion as the C preprocessor does it (rescanning, hide sets that
// stop recursion), recording each step for derivation chains. Kernel helper
// names are left in place: the evaluator knows them. A name that comes back
// into its own expansion ends the expansion and is reported as a cycle.
import type { Lookup, MacroDef } from './macroTable';
import { PPKind, PPToken, tokenize } from './ppTokens';

export interface XToken {
  readonly kind: PPKind;
  readonly text: string;
  /** Macros being expanded when this token appeared, outermost first. */
  readonly hide: readonly string[];
  /** The macro whose replacement list produced the token; null for the evaluated text itself. */
  readonly origin: string | null;
  /** Where in the evaluated text the token stands, or stood before a macro replaced it. */
  readonly src: { readonly start: number; readonly end: number };
}

export interface Step {
  readonly name: string;
  /** The replacement after argument substitution, tokens joined by spaces. */
  readonly replacement: string;
  readonly args?: readonly string[];
  /** 0 for names written in the evaluated text, 1 for names in their replacements, … */
  readonly depth: number;
}

export interface Expansion {
  readonly tokens: readonly XToken[];
  readonly steps: readonly Step[];
  /** Each cycle as a path: ["A", "B", "A"]. */
  readonly cycles: readonly (readonly string[])[];
  /** Why expansion stopped early (stringizing, a wrong argument count, runaway size). */
  readonly blocked?: string;
  /** Names left unexpanded because their value depends on an #if, or they were #undef'd. */
  readonly unresolved: ReadonlyMap<string, string>;
}

export interface MacroSource {
  lookup(name: string): Lookup;
}

const MAX_STEPS = 4000;
const MAX_TOKENS = 40_000;

const bodyTokens = new WeakMap<MacroDef, PPToken[]>();
function tokensOf(def: MacroDef): PPToken[] {
  let t = bodyTokens.get(def);
  if (!t) bodyTokens.set(def, (t = tokenize(def.body)));
  return t;
}

/** `#define f f` and `#define f(x) f(x)`: the kernel's way to make `#ifdef f` work for a function. */
function isIdentity(def: MacroDef): boolean {
  const t = tokensOf(def);
  if (!t.length || t[0].text !== def.name) return false;
  if (!def.params) return t.length === 1;
  const inner = t.slice(1).map((x) => x.text).join('');
  return inner === `(${def.params.join(',')})`;
}

export function expand(source: readonly PPToken[], macros: MacroSource): Expansion {
  const steps: Step[] = [];
  const cycles: string[][] = [];
  const unresolved = new Map<string, string>();
  let blocked: string | undefined;

  const run = (input: XToken[]): XToken[] => {
    const out: XToken[] = [];
    let i = 0;
    while (i < input.length) {
      const t = input[i];
      if (blocked || t.kind !== 'ident') {
        out.push(t);
        i++;
        continue;
      }
      const found = macros.lookup(t.text);
      if (found.kind === 'conditional') {
        unresolved.set(t.text, `${t.text} is defined differently in different #if branches`);
      } else if (found.kind === 'undef') {
        unresolved.set(t.text, `${t.text} is #undef'd before this point`);
      }
      if (found.kind !== 'macro') {
        out.push(t);
        i++;
        continue;
      }
      const def = found.def;
      if (t.hide.includes(def.name)) {
        if (!isIdentity(def)) {
          const path = [...t.hide.slice(t.hide.indexOf(def.name)), def.name];
          if (!cycles.some((c) => c.join() === path.join())) cycles.push(path);
        }
        out.push(t);
        i++;
        continue;
      }
      if (steps.length >= MAX_STEPS || input.length > MAX_TOKENS) {
        blocked = 'the expansion is too large to follow';
        out.push(t);
        i++;
        continue;
      }
      const hide = [...t.hide, def.name];
      if (!def.params) {
        const body = tokensOf(def).map((b) => replaced(b, hide, def.name, t.src));
        steps.push({ name: def.name, replacement: joined(body), depth: t.hide.length });
        input.splice(i, 1, ...body);
        continue;
      }
      const call = collectArgs(input, i + 1);
      if (!call) {
        // A function-like macro name without arguments is just a name.
        out.push(t);
        i++;
        continue;
      }
      const params = def.params;
      const args = call.args;
      if (args.length === 1 && args[0].length === 0 && params.length === 0) args.length = 0;
      if (def.variadic ? args.length < params.length : args.length !== params.length) {
        blocked = `${def.name}() takes ${params.length} argument${params.length === 1 ? '' : 's'}, not ${args.length}`;
        out.push(t);
        i++;
        continue;
      }
      const src = { start: t.src.start, end: input[call.end].src.end };
      const body = substitute(def, args, hide, src);
      if (typeof body === 'string') {
        blocked = body;
        out.push(t);
        i++;
        continue;
      }
      steps.push({ name: def.name, replacement: joined(body), args: args.map(joined), depth: t.hide.length });
      input.splice(i, call.end - i + 1, ...body);
    }
    return out;
  };

  const substitute = (def: MacroDef, args: XToken[][], hide: string[], src: XToken['src']): XToken[] | string => {
    const params = def.params!;
    const body = tokensOf(def);
    const out: XToken[] = [];
    const expandedArgs = new Map<number, XToken[]>();
    for (let k = 0; k < body.length; k++) {
      const b = body[k];
      if (b.text === '#' || b.text === '##' || body[k + 1]?.text === '##') {
        return `${def.name} pastes or stringizes tokens (# / ##): vfio-lens does not follow that`;
      }
      const p = b.kind === 'ident' ? (b.text === '__VA_ARGS__' && def.variadic ? params.length : params.indexOf(b.text)) : -1;
      if (p < 0) {
        out.push(replaced(b, hide, def.name, src));
        continue;
      }
      if (!expandedArgs.has(p)) {
        const raw = p === params.length ? args.slice(params.length).flatMap((a, j) => (j ? [comma(a[0]?.src ?? src), ...a] : a)) : args[p];
        expandedArgs.set(p, run([...raw]));
      }
      out.push(...expandedArgs.get(p)!.map((a) => ({ ...a, src })));
    }
    return out;
  };

  const input: XToken[] = source.map((t) => ({ kind: t.kind, text: t.text, hide: [], origin: null, src: { start: t.start, end: t.end } }));
  const tokens = run(input);
  return { tokens, steps, cycles, unresolved, ...(blocked ? { blocked } : {}) };
}

function replaced(b: PPToken, hide: readonly string[], origin: string, src: XToken['src']): XToken {
  return { kind: b.kind, text: b.text, hide, origin, src };
}

function comma(src: XToken['src']): XToken {
  return { kind: 'punct', text: ',', hide: [], origin: null, src };
}

/** Tokens back to text the way people write C: `BIT(0)`, `(30 * 1000)`, `f(a, b)`. */
function joined(tokens: readonly { kind: PPKind; text: string }[]): string {
  let out = '';
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    if (!prev) return void (out += t.text);
    const tight =
      prev.text === '(' || t.text === ')' || t.text === ',' || (t.text === '(' && prev.kind === 'ident') || prev.text === '~' || prev.text === '!' ||
      t.text === '[' || prev.text === '[' || t.text === ']' || t.text === '.' || prev.text === '.' || t.text === '->' || prev.text === '->';
    out += (tight ? '' : ' ') + t.text;
  });
  return out;
}

/** Arguments of a macro call whose `(` is at `open`; null when there is no complete call. */
function collectArgs(input: readonly XToken[], open: number): { args: XToken[][]; end: number } | null {
  if (input[open]?.text !== '(') return null;
  const args: XToken[][] = [[]];
  let depth = 0;
  for (let j = open + 1; j < input.length; j++) {
    const x = input[j];
    if (x.text === '(') depth++;
    if (x.text === ')') {
      if (depth === 0) return { args, end: j };
      depth--;
    }
    if (x.text === ',' && depth === 0) args.push([]);
    else args[args.length - 1].push(x);
  }
  return null;
}
