// 64-bit values on the wire: hex strings "0x…". JSON numbers are refused for
// them because JSON.parse has already rounded anything above 2^53.
import { z } from 'zod';

const U64_MAX = (1n << 64n) - 1n;
const HEX = /^0[xX][0-9a-fA-F]{1,64}$/;

/** Accepts "0x…" (any case), yields a bigint in [0, 2^64). */
export const u64Hex = z
  .string({
    error: (iss) =>
      iss.input === undefined
        ? 'missing: a hex string "0x…" is required'
        : 'expected a hex string "0x…" (64-bit values are not JSON numbers: they lose precision above 2^53)',
  })
  .regex(HEX, { error: 'expected a hex string such as "0x1800000000"' })
  .transform((s, ctx) => {
    const v = BigInt(s);
    if (v > U64_MAX) {
      ctx.addIssue({ code: 'custom', message: `${s} does not fit in 64 bits` });
      return z.NEVER;
    }
    return v;
  });

/** Lowercase "0x…", the form every output uses. */
export function toHex(v: bigint | number): string {
  return '0x' + v.toString(16);
}

/** "ops[2].offset: expected …" from a zod error, for messages people can act on. */
export function describeZodError(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => {
      const where = i.path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
      return where ? `${where}: ${i.message}` : i.message;
    })
    .join('; ');
}
