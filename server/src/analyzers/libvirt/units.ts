// libvirt's scaled integers: `<memory unit='KiB'>`, `<cell memory='…' unit='…'>`,
// `<pcihole64 unit='KiB'>`. "k"/"KiB" are 1024, "KB" is 1000 (and so on up to E).
const BINARY = ['k', 'm', 'g', 't', 'p', 'e'];

export function unitMultiplier(unit: string): bigint | undefined {
  const u = unit.toLowerCase();
  if (u === 'b' || u === 'bytes') return 1n;
  const i = BINARY.indexOf(u[0]);
  if (i < 0) return undefined;
  const rest = u.slice(1);
  if (rest === '' || rest === 'ib') return 1n << BigInt(10 * (i + 1));
  if (rest === 'b') return 1000n ** BigInt(i + 1);
  return undefined;
}

export type Scaled = { readonly ok: true; readonly value: bigint; readonly multiplier: bigint } | { readonly ok: false; readonly message: string };

export function scaledInteger(value: string, unit: string | undefined, defaultUnit: string): Scaled {
  const mul = unitMultiplier(unit ?? defaultUnit);
  if (mul === undefined) return { ok: false, message: `unit "${unit}" is not one libvirt knows (b, KiB, MiB, GiB, TiB, KB, MB, …)` };
  if (!/^\d+$/.test(value.trim())) return { ok: false, message: `"${value}" is not a whole number` };
  return { ok: true, value: BigInt(value.trim()) * mul, multiplier: mul };
}
