// 64-bit arithmetic as the kernel does it, on bigint. A JS number never
// carries an address or a size: bases (~2^46) and BAR read-backs exceed 2^53.
import { U64_MAX } from './constants';

export function isU64(x: bigint): boolean {
  return x >= 0n && x <= U64_MAX;
}

export function isPowerOfTwo(x: bigint): boolean {
  return x > 0n && (x & (x - 1n)) === 0n;
}

/** Smallest power of two >= x (x itself when it is one); x must be >= 1. */
export function roundupPowerOfTwo(x: bigint): bigint {
  if (x <= 1n) return 1n;
  return 1n << BigInt((x - 1n).toString(2).length);
}

/** round_down(x, align) for a power-of-two align. */
export function roundDown(x: bigint, align: bigint): bigint {
  return x & ~(align - 1n);
}

export function roundUp(x: bigint, align: bigint): bigint {
  return roundDown(x + align - 1n, align);
}

/** Bitwise NOT within 64 bits. */
export function not64(x: bigint): bigint {
  return ~x & U64_MAX;
}

/** Number of trailing zero bits (x > 0). */
export function ctz(x: bigint): number {
  let n = 0;
  while ((x & 1n) === 0n) {
    x >>= 1n;
    n++;
  }
  return n;
}
