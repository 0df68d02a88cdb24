// Integer constant evaluation with C's rules on bigint: literal types, the
// usual conversions, -fwrapv wrapping (the kernel builds with it), and a
// problem for every result that does not fit its type or needs more than 64
// bits. Names the evaluator does not know stay unknown.
import type { PageSize } from '../../model';
import { CType, INT, SIZE_T, common, fits, isBool, maxOf, parseCharLiteral, parseIntLiteral, promote, sizeofName, typeFromName, wrap } from './cTypes';
import type { Expr } from './expr';

export type Eval =
  | { readonly ok: true; readonly value: bigint; readonly type: CType }
  | { readonly ok: false; readonly why: string; readonly unknown: readonly string[] };

/**
 * overflow64: needs more than 64 bits, or a 64-bit shift past its width.
 * overflow32: an int or unsigned int result wraps (e.g. 4 * SZ_1G).
 * notPow2: an alignment or rounding helper given a non-power-of-two.
 */
export type ProblemKind = 'overflow64' | 'overflow32' | 'notPow2';

export interface Problem {
  readonly kind: ProblemKind;
  readonly message: string;
  /** Span in the evaluated text. */
  readonly start: number;
  readonly end: number;
  /** The token the problem belongs to (a binary expression's operator, a call's name). */
  readonly anchor: number;
}

export interface KernelConstantValue {
  readonly value: bigint;
  readonly type: CType;
}

export interface HelperApi {
  value(e: Expr): Eval;
  /** The type a macro argument names (`u64`, `unsigned long`), if it names one. */
  typeArg(e: Expr): CType | undefined;
  problem(kind: ProblemKind, message: string): void;
  readonly pageSize: PageSize;
}

export interface EvalEnv {
  readonly pageSize: PageSize;
  constant(name: string): KernelConstantValue | undefined;
  helper(name: string): ((args: readonly Expr[], api: HelperApi) => Eval) | undefined;
  /** Why a name is unknown beyond "not defined" (a macro cycle, a #if alternative…). */
  unknownWhy?(name: string): string | undefined;
}

export const ok = (value: bigint, type: CType): Eval => ({ ok: true, value, type });
export const unknown = (why: string, names: readonly string[] = []): Eval => ({ ok: false, why, unknown: names });

/** Fails with the first unknown operand, merging the names of all unknown ones. */
function both(a: Eval, b: Eval): Eval | undefined {
  if (a.ok && b.ok) return undefined;
  const names = [...(a.ok ? [] : a.unknown), ...(b.ok ? [] : b.unknown)];
  return unknown(!a.ok ? a.why : (b as { why: string }).why, [...new Set(names)]);
}

export class Evaluator {
  readonly problems: Problem[] = [];
  /** Kernel constants and helpers the value depends on, in first-use order. */
  readonly used: string[] = [];

  constructor(private readonly env: EvalEnv) {}

  private use(name: string): void {
    if (!this.used.includes(name)) this.used.push(name);
  }

  private report(kind: ProblemKind, message: string, e: Expr): void {
    this.problems.push({ kind, message, start: e.start, end: e.end, anchor: e.k === 'bin' ? e.opStart : e.start });
  }

  /** The problem class for a result that does not fit `ty`. */
  private overflow(ty: CType): ProblemKind {
    return ty.bits === 64 ? 'overflow64' : 'overflow32';
  }

  evaluate(e: Expr): Eval {
    switch (e.k) {
      case 'num': {
        const lit = parseIntLiteral(e.text);
        if (lit.ok) return ok(lit.value, lit.type);
        if (lit.tooWide) this.report('overflow64', `integer literal ${e.text} does not fit in 64 bits`, e);
        return unknown(lit.why);
      }
      case 'char': {
        const v = parseCharLiteral(e.text);
        return v === undefined ? unknown(`character ${e.text} not understood`) : ok(v, INT);
      }
      case 'str':
        return unknown('a string, not an integer');
      case 'paren':
        return this.evaluate(e.inner);
      case 'id': {
        const c = this.env.constant(e.name);
        if (c) {
          this.use(e.name);
          return ok(c.value, c.type);
        }
        return unknown(this.env.unknownWhy?.(e.name) ?? `${e.name} is not a constant vfio-lens knows`, [e.name]);
      }
      case 'call': {
        const h = this.env.helper(e.name);
        if (!h) return unknown(`${e.name}() is not a constant expression vfio-lens knows`, [e.name]);
        this.use(e.name);
        return h(e.args, {
          value: (x) => this.evaluate(x),
          typeArg: (x) => typeArg(x),
          problem: (kind, message) => this.report(kind, message, e),
          pageSize: this.env.pageSize,
        });
      }
      case 'unary':
        return this.unary(e.op, this.evaluate(e.arg), e);
      case 'bin':
        return this.binary(e);
      case 'cond': {
        const test = this.evaluate(e.test);
        if (!test.ok) return test;
        const a = this.evaluate(e.then);
        const b = this.evaluate(e.else);
        const picked = test.value !== 0n ? a : b;
        if (!picked.ok) return picked;
        const other = picked === a ? b : a;
        const ty = other.ok ? common(a.ok ? a.type : picked.type, b.ok ? b.type : picked.type) : promote(picked.type);
        return ok(wrap(picked.value, ty), ty);
      }
      case 'comma':
        return this.evaluate(e.right);
      case 'cast': {
        const ty = typeFromName(e.type);
        const v = this.evaluate(e.arg);
        if (!ty) return v.ok ? unknown(`cast to ${e.type} is not an integer type vfio-lens knows`, [e.type]) : v;
        if (!v.ok) return v;
        if (isBool(ty)) return ok(v.value !== 0n ? 1n : 0n, ty);
        return ok(wrap(v.value, ty), ty);
      }
      case 'sizeof': {
        const spelled = e.type ?? typeName(e.arg);
        if (spelled !== undefined) {
          const size = sizeofName(spelled);
          return size === undefined ? unknown(`sizeof(${spelled}): not a type vfio-lens knows`, [spelled]) : ok(size, SIZE_T);
        }
        const v = e.arg ? this.evaluate(e.arg) : unknown('sizeof of nothing');
        return v.ok ? ok(BigInt(promote(v.type).bits / 8), SIZE_T) : v;
      }
      case 'opaque':
        return unknown(e.why);
    }
  }

  private unary(op: string, v: Eval, e: Expr): Eval {
    if (!v.ok) return v;
    const ty = promote(v.type);
    switch (op) {
      case '+':
        return ok(v.value, ty);
      case '-': {
        const r = -v.value;
        // Negating an unsigned value is the kernel's way of writing "all ones minus…": well defined.
        if (!ty.unsigned && !fits(r, ty)) this.report(this.overflow(ty), `-(${v.value}) overflows ${ty.name}`, e);
        return ok(wrap(r, ty), ty);
      }
      case '~':
        return ok(wrap(~v.value, ty), ty);
      case '!':
        return ok(v.value === 0n ? 1n : 0n, INT);
      default:
        return unknown(`operator ${op} is not constant`);
    }
  }

  private binary(e: Extract<Expr, { k: 'bin' }>): Eval {
    const op = e.op;
    const l = this.evaluate(e.left);
    // && and || short-circuit: the right side may be unknown when it does not matter.
    if (op === '&&' && l.ok && l.value === 0n) return ok(0n, INT);
    if (op === '||' && l.ok && l.value !== 0n) return ok(1n, INT);
    const r = this.evaluate(e.right);
    const fail = both(l, r);
    if (fail || !l.ok || !r.ok) return fail!;
    if (op === '<<' || op === '>>') return this.shift(op, l, r, e);
    if (op === '&&' || op === '||') return ok(r.value !== 0n ? 1n : 0n, INT);
    const ty = common(l.type, r.type);
    const a = wrap(l.value, ty);
    const b = wrap(r.value, ty);
    const truth = (x: boolean): Eval => ok(x ? 1n : 0n, INT);
    switch (op) {
      case '==': return truth(a === b);
      case '!=': return truth(a !== b);
      case '<': return truth(a < b);
      case '>': return truth(a > b);
      case '<=': return truth(a <= b);
      case '>=': return truth(a >= b);
      case '&': return ok(wrap(a & b, ty), ty);
      case '|': return ok(wrap(a | b, ty), ty);
      case '^': return ok(wrap(a ^ b, ty), ty);
      case '+':
      case '-':
      case '*':
        return this.arith(op, a, b, ty, e);
      case '/':
      case '%':
        if (b === 0n) return unknown('division by zero');
        return this.arith(op, a, b, ty, e);
      default:
        return unknown(`operator ${op} is not constant`);
    }
  }

  private arith(op: string, a: bigint, b: bigint, ty: CType, e: Expr): Eval {
    const exact = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
    const value = wrap(exact, ty);
    if (!fits(exact, ty)) {
      const what = exact < 0n && ty.unsigned ? `goes below zero in ${ty.name}` : ty.bits === 64 ? `needs more than 64 bits (${ty.name})` : `overflows ${ty.name} (32 bits)`;
      this.report(this.overflow(ty), `${hexish(a)} ${op} ${hexish(b)} ${what}: it wraps to ${hexish(value)}`, e);
    }
    return ok(value, ty);
  }

  private shift(op: '<<' | '>>', l: Extract<Eval, { ok: true }>, r: Extract<Eval, { ok: true }>, e: Expr): Eval {
    const ty = promote(l.type);
    const count = r.value;
    if (count < 0n || count >= BigInt(ty.bits)) {
      const fix = ty.bits === 32 ? ` (use ${op === '<<' ? '1ULL << n or BIT_ULL(n)' : 'a 64-bit operand'})` : '';
      this.report(this.overflow(ty), `shift by ${count} is outside 0…${ty.bits - 1} for ${ty.name}: no value in C (UB)${fix}`, e);
      return unknown(`shift by ${count} has no value for ${ty.name} (UB in C)`);
    }
    const v = wrap(l.value, ty);
    if (op === '>>') return ok(v >> count, ty);
    const exact = v << count;
    // Shifting a mask of high ones left is an idiom; shifting a size or a bit out of the type is not.
    const maskIdiom = ty.unsigned && v > maxOf(ty) >> 1n;
    const value = wrap(exact, ty);
    if (!fits(exact, ty) && !maskIdiom && v > 0n) {
      this.report(this.overflow(ty), `${hexish(v)} << ${count} ${ty.bits === 64 ? `needs more than 64 bits (${ty.name})` : `overflows ${ty.name} (32 bits)`}: it wraps to ${hexish(value)}`, e);
    }
    return ok(value, ty);
  }
}

function hexish(v: bigint): string {
  return v >= 0n && v > 9n ? '0x' + v.toString(16) : v.toString();
}

/** The spelled name when an argument is a bare (possibly parenthesized) type name. */
function typeName(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.k === 'paren') return typeName(e.inner);
  if (e.k === 'id' && (typeFromName(e.name) || sizeofName(e.name) !== undefined)) return e.name;
  return undefined;
}

function typeArg(e: Expr): CType | undefined {
  const n = typeName(e);
  return n ? typeFromName(n) : undefined;
}
