// Exact renderings of 64-bit quantities for people: hex and binary units.
// Fractions are computed on bigint and marked "≈" only when not exact.

const UNITS: ReadonlyArray<[string, bigint]> = [
  ['EiB', 1n << 60n],
  ['PiB', 1n << 50n],
  ['TiB', 1n << 40n],
  ['GiB', 1n << 30n],
  ['MiB', 1n << 20n],
  ['KiB', 1n << 10n],
];

/** Lowercase hex with 0x, as the CLI's JSON contract and the kernel print it. */
export function hex(x: bigint | number): string {
  return '0x' + x.toString(16);
}

/** Hex with a `_` every four digits, for tables people read; zero-padded to `minDigits` to line up columns. */
export function hexGrouped(x: bigint, minDigits = 0): string {
  const digits = x.toString(16).padStart(minDigits, '0');
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 4) groups.unshift(digits.slice(Math.max(0, end - 4), end));
  return '0x' + groups.join('_');
}

/**
 * "95 GiB", "94.5 GiB", "≈ 1.333 GiB", "512 B". Picks the largest unit the
 * value reaches; up to `digits` fraction digits, exact when it can be.
 */
export function human(x: bigint, digits = 3): string {
  if (x < 0n) return '-' + human(-x, digits);
  for (const [name, size] of UNITS) {
    if (x >= size) return scaled(x, size, name, digits);
  }
  return `${x} B`;
}

function scaled(x: bigint, unit: bigint, name: string, digits: number): string {
  const whole = x / unit;
  let rem = x % unit;
  let frac = '';
  for (let i = 0; i < digits && rem !== 0n; i++) {
    rem *= 10n;
    frac += (rem / unit).toString();
    rem %= unit;
  }
  frac = frac.replace(/0+$/, '');
  const approx = rem !== 0n ? '≈ ' : '';
  return `${approx}${whole}${frac ? '.' + frac : ''} ${name}`;
}

/** "0x1800000000 (96 GiB)" */
export function hexHuman(x: bigint): string {
  return `${hex(x)} (${human(x)})`;
}
