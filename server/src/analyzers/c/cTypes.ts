// C integer types as an arm64 (LP64) kernel build sees them, and the rules
// that pick a literal's type and convert operands. Values are bigint and
// always lie inside their type's range.

export interface CType {
  readonly bits: 8 | 16 | 32 | 64;
  readonly unsigned: boolean;
  /** How the source spells it (for hovers): "int", "unsigned long", "u64"… */
  readonly name: string;
}

export const INT: CType = { bits: 32, unsigned: false, name: 'int' };
export const UINT: CType = { bits: 32, unsigned: true, name: 'unsigned int' };
export const LONG: CType = { bits: 64, unsigned: false, name: 'long' };
export const ULONG: CType = { bits: 64, unsigned: true, name: 'unsigned long' };
export const LLONG: CType = { bits: 64, unsigned: false, name: 'long long' };
export const ULLONG: CType = { bits: 64, unsigned: true, name: 'unsigned long long' };
export const SIZE_T: CType = { bits: 64, unsigned: true, name: 'size_t' };
export const BOOL_INT: CType = INT;

const t = (bits: CType['bits'], unsigned: boolean, name: string): CType => ({ bits, unsigned, name });

/** Kernel typedefs and C spellings of integer types (LP64, arm64: phys_addr_t is 64-bit). */
const NAMED: Readonly<Record<string, CType>> = {
  u8: t(8, true, 'u8'), u16: t(16, true, 'u16'), u32: t(32, true, 'u32'), u64: t(64, true, 'u64'),
  s8: t(8, false, 's8'), s16: t(16, false, 's16'), s32: t(32, false, 's32'), s64: t(64, false, 's64'),
  __u8: t(8, true, '__u8'), __u16: t(16, true, '__u16'), __u32: t(32, true, '__u32'), __u64: t(64, true, '__u64'),
  __s8: t(8, false, '__s8'), __s16: t(16, false, '__s16'), __s32: t(32, false, '__s32'), __s64: t(64, false, '__s64'),
  __le16: t(16, true, '__le16'), __le32: t(32, true, '__le32'), __le64: t(64, true, '__le64'),
  __be16: t(16, true, '__be16'), __be32: t(32, true, '__be32'), __be64: t(64, true, '__be64'),
  uint8_t: t(8, true, 'uint8_t'), uint16_t: t(16, true, 'uint16_t'), uint32_t: t(32, true, 'uint32_t'), uint64_t: t(64, true, 'uint64_t'),
  int8_t: t(8, false, 'int8_t'), int16_t: t(16, false, 'int16_t'), int32_t: t(32, false, 'int32_t'), int64_t: t(64, false, 'int64_t'),
  size_t: SIZE_T, ssize_t: t(64, false, 'ssize_t'), phys_addr_t: t(64, true, 'phys_addr_t'),
  resource_size_t: t(64, true, 'resource_size_t'), dma_addr_t: t(64, true, 'dma_addr_t'),
  loff_t: t(64, false, 'loff_t'), off_t: t(64, false, 'off_t'), pgoff_t: t(64, true, 'pgoff_t'),
  uintptr_t: t(64, true, 'uintptr_t'), ptrdiff_t: t(64, false, 'ptrdiff_t'),
  char: t(8, false, 'char'), short: t(16, false, 'short'), int: INT, long: LONG,
  bool: t(8, true, 'bool'), _Bool: t(8, true, '_Bool'),
};

const KEYWORDS = new Set(['unsigned', 'signed', 'short', 'long', 'int', 'char', 'const', 'volatile']);

/** The integer type a cast or sizeof names, or undefined (pointers, structs, unknown typedefs). */
export function typeFromName(spelled: string): CType | undefined {
  const words = spelled.replace(/\b(const|volatile)\b/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || spelled.includes('*') || spelled.includes('[')) return undefined;
  if (words.length === 1 && NAMED[words[0]]) return NAMED[words[0]];
  if (!words.every((w) => KEYWORDS.has(w))) return undefined;
  const unsigned = words.includes('unsigned');
  const longs = words.filter((w) => w === 'long').length;
  const name = words.join(' ');
  if (words.includes('char')) return t(8, unsigned, name);
  if (words.includes('short')) return t(16, unsigned, name);
  if (longs > 0) return t(64, unsigned, name);
  return t(32, unsigned, name);
}

export function isBool(ty: CType): boolean {
  return ty.name === 'bool' || ty.name === '_Bool';
}

/** sizeof of a named type, in bytes; pointers are 8. */
export function sizeofName(spelled: string): bigint | undefined {
  if (/\*\s*$/.test(spelled.trim())) return 8n;
  const ty = typeFromName(spelled);
  return ty ? BigInt(ty.bits / 8) : undefined;
}

export function minOf(ty: CType): bigint {
  return ty.unsigned ? 0n : -(1n << BigInt(ty.bits - 1));
}

export function maxOf(ty: CType): bigint {
  return ty.unsigned ? (1n << BigInt(ty.bits)) - 1n : (1n << BigInt(ty.bits - 1)) - 1n;
}

export function fits(v: bigint, ty: CType): boolean {
  return v >= minOf(ty) && v <= maxOf(ty);
}

/** Two's-complement wrap into the type (what a cast or a -fwrapv kernel build does). */
export function wrap(v: bigint, ty: CType): bigint {
  const w = BigInt.asUintN(ty.bits, v);
  return ty.unsigned ? w : BigInt.asIntN(ty.bits, v);
}

/** Integer promotion: everything narrower than int becomes int. */
export function promote(ty: CType): CType {
  return ty.bits < 32 ? INT : ty;
}

/** The usual arithmetic conversions for two integer operands (LP64). */
export function common(a: CType, b: CType): CType {
  const x = promote(a);
  const y = promote(b);
  // LP64: a wider type, signed or not, holds every value of a narrower one.
  if (x.bits !== y.bits) return x.bits > y.bits ? x : y;
  if (x.unsigned) return x;
  if (y.unsigned) return y;
  return x;
}

export type LiteralParse =
  | { readonly ok: true; readonly value: bigint; readonly type: CType }
  | { readonly ok: false; readonly why: string; readonly tooWide?: boolean };

const LITERAL = /^(0[xX][0-9a-fA-F']+|0[bB][01']+|0[0-7']*|[1-9][0-9']*)([uUlL]*)$/;

/** A C integer literal's value and type (C11 6.4.4.1 on LP64). */
export function parseIntLiteral(text: string): LiteralParse {
  const m = LITERAL.exec(text);
  if (!m) return { ok: false, why: `"${text}" is not an integer literal` };
  const digits = m[1].replace(/'/g, '');
  const suffix = m[2].toLowerCase();
  if (!['', 'u', 'l', 'ul', 'lu', 'll', 'ull', 'llu'].includes(suffix)) return { ok: false, why: `bad integer suffix "${m[2]}"` };
  const value = /^0[bB]/.test(digits) ? BigInt(digits) : /^0[0-7]+$/.test(digits) ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
  const decimal = /^[1-9]/.test(digits);
  const unsignedSuffix = suffix.includes('u');
  const longs = suffix.replace('u', '').length;
  const candidates: CType[] = [];
  if (longs === 0) candidates.push(...(unsignedSuffix ? [UINT] : decimal ? [INT] : [INT, UINT]));
  if (longs <= 1) candidates.push(...(unsignedSuffix ? [ULONG] : decimal ? [LONG] : [LONG, ULONG]));
  candidates.push(...(unsignedSuffix ? [ULLONG] : decimal ? [LLONG] : [LLONG, ULLONG]));
  for (const c of candidates) if (fits(value, c)) return { ok: true, value, type: c };
  if (decimal && !unsignedSuffix && value <= maxOf(ULONG)) {
    return { ok: false, why: `${text} is too large for a signed type (write ${text}ULL)`, tooWide: true };
  }
  return { ok: false, why: `${text} does not fit in 64 bits`, tooWide: true };
}

/** Literal suffixes of `_AC(x, ULL)`, `UL(x)`, … */
export function typeOfSuffix(suffix: string): CType | undefined {
  switch (suffix.toUpperCase()) {
    case 'U': return UINT;
    case 'L': return LONG;
    case 'UL': return ULONG;
    case 'LL': return LLONG;
    case 'ULL': return ULLONG;
    default: return undefined;
  }
}

export function parseCharLiteral(text: string): bigint | undefined {
  const m = /^'(.*)'$/s.exec(text);
  if (!m) return undefined;
  const body = m[1];
  if (body.length === 1) return BigInt(body.charCodeAt(0));
  const esc: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11 };
  if (body.length === 2 && body[0] === '\\' && esc[body[1]] !== undefined) return BigInt(esc[body[1]]);
  const hex = /^\\x([0-9a-fA-F]{1,2})$/.exec(body);
  if (hex) return BigInt('0x' + hex[1]);
  const oct = /^\\([0-7]{1,3})$/.exec(body);
  if (oct) return BigInt('0o' + oct[1]);
  return undefined;
}
