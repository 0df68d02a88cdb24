// Numbers for people, from the model's hex strings: exact sizes ("95 GiB")
// and hex. The formatting itself lives in the model (one home).
import { hexGrouped, human } from '../../server/src/model/units';

export function big(hexString: string): bigint {
  return BigInt(hexString);
}

export function size(hexString: string): string {
  return human(BigInt(hexString));
}

/** 0x4017_c000_0000: long addresses are easier to read grouped. */
export function addr(hexString: string, minDigits = 0): string {
  return hexGrouped(BigInt(hexString), minDigits);
}

export function dword(hexString: string): string {
  return '0x' + BigInt(hexString).toString(16).padStart(8, '0');
}

export function pageSizeText(pageSize: number): string {
  return pageSize === 4096 ? '4 KiB pages' : '64 KiB pages';
}

export function percent(permille: number): string {
  return `${(permille / 10).toFixed(1)} %`;
}

/** "+0", "+256 GiB": a position from the start of a window. */
export function offsetText(hexString: string): string {
  return hexString === '0x0' ? '+0' : `+${size(hexString)}`;
}
