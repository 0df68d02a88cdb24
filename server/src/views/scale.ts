// How the parts of one bar share its drawn width. To scale when every part
// stays visible; otherwise on a log scale (the view says so on the drawing).
import type { DrawScale } from '../../../shared/layoutView';

/** A part thinner than this share of its bar (3 %) would vanish at narrow widths. */
export const MIN_VISIBLE_PERMILLE = 30n;
const WHOLE = 1000;

export interface Shares {
  readonly scale: DrawScale;
  /** Permille per part, adding up to 1000 (or all 0 when every part is 0). */
  readonly drawn: number[];
}

/** log2 of a positive bigint, precise enough to draw with. */
export function log2Big(x: bigint): number {
  const bits = x.toString(2).length;
  if (bits <= 53) return Math.log2(Number(x));
  const shift = bits - 53;
  return Math.log2(Number(x >> BigInt(shift))) + shift;
}

/** Hamilton's largest-remainder rounding: floors first, the leftover to the largest fractions. */
function apportion(exact: ReadonlyArray<{ floor: number; rest: number }>): number[] {
  const drawn = exact.map((e) => e.floor);
  let left = WHOLE - drawn.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ rest: e.rest, i })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0 && order.length; k = (k + 1) % order.length, left--) drawn[order[k].i]++;
  return drawn;
}

export function shares(sizes: readonly bigint[]): Shares {
  const total = sizes.reduce((a, b) => a + b, 0n);
  if (total === 0n) return { scale: 'linear', drawn: sizes.map(() => 0) };
  const visible = sizes.every((s) => s === 0n || s * BigInt(WHOLE) >= MIN_VISIBLE_PERMILLE * total);
  if (visible) {
    // Exact on bigint: remainders compared as fractions of the same total.
    const exact = sizes.map((s) => ({ floor: Number((s * BigInt(WHOLE)) / total), rest: Number((((s * BigInt(WHOLE)) % total) * 1_000_000n) / total) }));
    return { scale: 'linear', drawn: apportion(exact) };
  }
  // Each part weighs 1 + log2(size / smallest part): the smallest stays readable,
  // a part twice as large is drawn one unit wider.
  const smallest = sizes.filter((s) => s > 0n).reduce((a, b) => (b < a ? b : a));
  const weights = sizes.map((s) => (s === 0n ? 0 : 1 + log2Big(s) - log2Big(smallest)));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => {
    const x = (w / sum) * WHOLE;
    return { floor: Math.floor(x), rest: x - Math.floor(x) };
  });
  return { scale: 'log', drawn: apportion(exact) };
}

/** Position of `offset` on a drawing that spans `total`, in permille (floor). */
export function permilleAt(offset: bigint, total: bigint): number {
  if (total === 0n) return 0;
  const p = (offset * BigInt(WHOLE)) / total;
  return Number(p > BigInt(WHOLE) ? BigInt(WHOLE) : p);
}
