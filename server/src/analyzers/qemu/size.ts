// QEMU sizes: `1T`, `512G`, `1.5G`, `8388608k`, plain bytes. Binary units,
// one case-insensitive suffix letter, a decimal fraction allowed with a unit;
// hex only without suffix or fraction. `-m` reads a bare number as MiB.

export type SizeParse = { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly message: string };

const SHIFT: Readonly<Record<string, bigint>> = { B: 0n, K: 10n, M: 20n, G: 30n, T: 40n, P: 50n, E: 60n };
/** QEMU refuses sizes at or above this (they overflow through a double). */
const LIMIT = 0xffff_ffff_ffff_fc00n;

const DECIMAL = /^(\d+)(?:\.(\d+))?([bkmgtpeBKMGTPE])?$/;
const HEX = /^0[xX]([0-9a-fA-F]+)$/;

export function parseQemuSize(text: string, defaultUnit: 'B' | 'M' = 'B'): SizeParse {
  const bad = (why: string): SizeParse => ({ ok: false, message: `"${text}" is not a size QEMU accepts: ${why}` });
  const hex = HEX.exec(text);
  let value: bigint;
  if (hex) {
    value = BigInt('0x' + hex[1]) << SHIFT[defaultUnit];
  } else {
    const m = DECIMAL.exec(text);
    if (!m) return bad('write a number with one unit letter, such as 512G or 1T (B, K, M, G, T, P, E; binary units)');
    const [, whole, frac, unit] = m;
    const shift = SHIFT[(unit ?? defaultUnit).toUpperCase()];
    if (frac !== undefined && shift === 0n) return bad('a fraction needs a unit larger than bytes');
    const mul = 1n << shift;
    value = BigInt(whole) * mul;
    if (frac !== undefined) value += (BigInt(frac) * mul) / 10n ** BigInt(frac.length);
  }
  if (value >= LIMIT) return bad('it does not fit in 64 bits');
  return { ok: true, value };
}

const UNITS: ReadonlyArray<[string, bigint]> = [
  ['E', 60n],
  ['P', 50n],
  ['T', 40n],
  ['G', 30n],
  ['M', 20n],
  ['K', 10n],
];

/** The shortest exact QEMU spelling: 1T, 768G, 4096 (bytes). */
export function formatQemuSize(value: bigint): string {
  for (const [unit, shift] of UNITS) {
    const mul = 1n << shift;
    if (value >= mul && value % mul === 0n) return `${value / mul}${unit}`;
  }
  return value.toString();
}
