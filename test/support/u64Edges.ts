// 64-bit values that a JS number cannot hold exactly: around 2^53 (odd values
// round away), 2^63 and 2^64 − 1. Shared by the arithmetic tests of the model,
// the CLI and the server.
import fc from 'fast-check';

export const U64_MAX = (1n << 64n) - 1n;
export const GiB = 1n << 30n;

/** True when a double cannot carry the value: the test values must all be such. */
export function lostInNumber(v: bigint): boolean {
  return BigInt(Number(v)) !== v;
}

/** A 64-bit value within ±2^20 of 2^53, 2^63 or 2^64 − 1, odd so a double cannot hold it (around 2^53, any odd value past it). */
export const inexactU64 = fc
  .tuple(fc.constantFrom(1n << 53n, 1n << 63n, U64_MAX - (1n << 21n)), fc.bigInt({ min: 0n, max: 1n << 20n }))
  .map(([base, k]) => (base + k) | 1n)
  .filter((v) => v <= U64_MAX && lostInNumber(v));

/** Every number in a JSON answer is small enough to be exact: 64-bit values travel as hex strings. */
export function numbersInJson(value: unknown, at = '$'): Array<{ at: string; value: number }> {
  if (typeof value === 'number') return [{ at, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersInJson(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbersInJson(v, `${at}.${k}`));
  return [];
}

export const hex = (v: bigint) => '0x' + v.toString(16);
