// Device profiles: what vfio-lens knows about the user's devices. Written in
// `.vfio-lens.json` files or inline in settings; one schema for both.
import { z } from 'zod';
import { KNOWN_KERNELS, parseKernel } from '../server/src/model/kernel';
import { SKU_PRESETS } from '../server/src/model/presets';
import { human } from '../server/src/model/units';

const U64_MAX = (1n << 64n) - 1n;
const SIZE = /^(0[xX][0-9a-fA-F]+|\d+)\s*([KMGT](?:i?B)?)?$/;

/**
 * A 64-bit quantity in a profile: "0x400000000000", "96G", "96GiB", or a JSON
 * integer small enough to be exact (≤ 2^53).
 */
export const u64Value = z
  .union(
    [
      // The pattern is for editors (it lands in the JSON Schema); the transform below is the real check.
      z.string().regex(/^\s*(?:0[xX][0-9a-fA-F_]+|[0-9][0-9_]*)\s*(?:[KMGT](?:i?B)?)?\s*$/, {
        error: (iss) => `"${String(iss.input)}" is not a number: use hex "0x…", decimal, or a size like "96GiB"`,
      }),
      z
        .number()
        .int({ error: (iss) => (iss.code === 'too_big' ? 'JSON numbers above 2^53 lose precision: write 64-bit values as hex strings "0x…"' : 'expected a whole number') })
        .nonnegative({ error: 'sizes and addresses are not negative' }),
    ],
    { error: 'expected a hex string "0x…", a size like "96GiB", or an integer' },
  )
  .transform((v, ctx) => {
    if (typeof v === 'number') return BigInt(v);
    const m = SIZE.exec(v.trim().replace(/_/g, ''));
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a number: use hex "0x…", decimal, or a size like "96GiB"` });
      return z.NEVER;
    }
    const shift = m[2] ? { K: 10n, M: 20n, G: 30n, T: 40n }[m[2][0].toUpperCase() as 'K' | 'M' | 'G' | 'T'] : 0n;
    const value = BigInt(m[1]) << shift;
    if (value > U64_MAX) {
      ctx.addIssue({ code: 'custom', message: `${v} does not fit in 64 bits` });
      return z.NEVER;
    }
    return value;
  });

export const kernelName = z
  .string()
  .superRefine((v, ctx) => {
    const k = parseKernel(v);
    if (!k.ok) ctx.addIssue({ code: 'custom', message: k.message });
  })
  .describe('Kernel whose nvgrace-gpu driver is modelled: "6.9" … "7.0" or "mainline".')
  .meta({ examples: ['mainline', ...KNOWN_KERNELS] });
export const pageSize = z.union([z.literal(4096), z.literal(65536)], { error: 'expected 4096 or 65536' }).describe('Host PAGE_SIZE in bytes.');
export const bdf = z
  .string()
  .regex(/^(?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-1][0-9a-fA-F]\.[0-7]$/, { error: 'expected a PCI address such as "0009:01:00.0"' })
  .describe('PCI address of the GPU on the host (domain:bus:device.function).');

/** The preset ids, from the one table of presets. */
export const skuId = z
  .enum(SKU_PRESETS.map((p) => p.id) as [string, ...string[]])
  .describe('A known SKU: fills in typical memphys/memlength and the MIG hardware bug.')
  .meta({
    enumDescriptions: SKU_PRESETS.map((p) => `${p.label}: typically ${human(p.memlength)} of device memory, MIG hardware bug ${p.migHwBug ? 'present' : 'absent'} (${p.note})`),
  });

export const deviceProfileSchema = z
  .object({
    name: z.string().min(1).describe('A name for the device, shown in pickers and hovers.'),
    bdf: bdf.optional(),
    sku: skuId.optional(),
    memphys: u64Value.optional().describe('nvidia,gpu-mem-base-pa from the _DSD: host physical base of the device memory.').meta({ examples: ['0x400000000000'] }),
    memlength: u64Value.optional().describe('nvidia,gpu-mem-size from the _DSD: bytes of device memory.').meta({ examples: ['0x1800000000', '96GiB'] }),
    migHwBug: z.boolean().optional().describe('MIG hardware bug present (Grace Hopper: true; Grace Blackwell: false). Defaults from the SKU, else true.'),
    kernel: kernelName.optional(),
    pageSize: pageSize.optional(),
  })
  .strict();

export const profileFileSchema = z
  .object({
    $schema: z.string().optional(),
    kernel: kernelName.optional(),
    pageSize: pageSize.optional(),
    devices: z.array(deviceProfileSchema).min(1, { error: 'list at least one device' }),
  })
  .strict();

export type DeviceProfile = z.infer<typeof deviceProfileSchema>;
export type ProfileFile = z.infer<typeof profileFileSchema>;
