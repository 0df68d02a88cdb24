import { PageSize } from '../model';
import { UsageError } from './exitCodes';

const U64_MAX = (1n << 64n) - 1n;

/** "0x1800000000", "103079215104" or "96G"-style sizes (K/M/G/T, binary). */
export function parseU64Arg(flag: string, text: string | undefined): bigint {
  if (text === undefined) throw new UsageError(`${flag} is required`);
  const m = /^(0[xX][0-9a-fA-F]+|\d+)([KMGT](?:iB)?)?$/.exec(text.trim().replace(/_/g, ''));
  if (!m) throw new UsageError(`${flag}: "${text}" is not a number (use hex 0x…, decimal, or a size like 96G)`);
  const unit = m[2] ? { K: 10n, M: 20n, G: 30n, T: 40n }[m[2][0] as 'K' | 'M' | 'G' | 'T'] : 0n;
  const v = BigInt(m[1]) << unit;
  if (v > U64_MAX) throw new UsageError(`${flag}: ${text} does not fit in 64 bits`);
  return v;
}

export function parsePageSize(text: string | undefined): PageSize {
  if (text === '4096' || text === '4K') return 4096;
  if (text === '65536' || text === '64K') return 65536;
  throw new UsageError(`--page-size must be 4096 or 65536, not "${text}"`);
}
