// A layout in JSON (hex strings for 64-bit values): `vfio-lens layout --json`,
// the server's layout request and the layout view all speak this shape.
import { z } from 'zod';
import { toHex } from './u64';
import { layoutJson } from './deviceOps';
import { BarRow, Layout, barRows, layoutNotes } from '../server/src/model';

const hexString = z.string().regex(/^0x[0-9a-f]+$/);

const regionSchema = z.object({
  memphys: hexString,
  memlength: hexString,
  barSize: hexString,
  regionIndex: z.number().int(),
  regionOffset: hexString,
});

export const layoutSchema = z.union([
  z.object({ ok: z.literal(true), usemem: regionSchema, resmem: regionSchema.nullable() }),
  z.object({ ok: z.literal(false), error: z.enum(['ENOMEM', 'EOVERFLOW', 'EINVAL', 'EBARSIZE']), message: z.string() }),
]);

export const barRowSchema = z.object({
  bar: z.string(),
  role: z.enum(['usemem', 'resmem']),
  regionIndex: z.number().int(),
  regionOffset: hexString,
  configOffset: z.number().int(),
  memphys: hexString,
  memlength: hexString,
  barSize: hexString,
  padding: hexString,
  cache: z.enum(['wb', 'wc']),
  sizingReadBack: hexString,
});

export const layoutReportSchema = z.object({
  kernel: z.string(),
  migHwBug: z.boolean(),
  pageSize: z.union([z.literal(4096), z.literal(65536)]),
  input: z.object({ memphys: hexString, memlength: hexString }),
  layout: layoutSchema,
  bars: z.array(barRowSchema),
  notes: z.array(z.object({ severity: z.enum(['info', 'warning', 'error']), code: z.string(), message: z.string(), amount: hexString.optional() })),
});

export type LayoutReport = z.infer<typeof layoutReportSchema>;

function rowJson(r: BarRow): z.infer<typeof barRowSchema> {
  return {
    bar: r.bar,
    role: r.role,
    regionIndex: r.regionIndex,
    regionOffset: toHex(r.regionOffset),
    configOffset: r.configOffset,
    memphys: toHex(r.memphys),
    memlength: toHex(r.memlength),
    barSize: toHex(r.barSize),
    padding: toHex(r.padding),
    cache: r.cache,
    sizingReadBack: toHex(r.sizingReadBack),
  };
}

export function layoutReport(l: Layout, pageSize: 4096 | 65536): LayoutReport {
  const k = l.input.kernel;
  return {
    kernel: k.requested === 'mainline' ? `mainline (${k.version})` : k.version,
    migHwBug: k.generation === 'split-always' ? true : l.input.migHwBug,
    pageSize,
    input: { memphys: toHex(l.input.memphys), memlength: toHex(l.input.memlength) },
    layout: layoutJson(l) as LayoutReport['layout'],
    bars: l.ok ? barRows(l).map(rowJson) : [],
    notes: l.ok
      ? layoutNotes(l, pageSize).map((n) => ({ severity: n.severity, code: n.code, message: n.message, ...(n.amount !== undefined ? { amount: toHex(n.amount) } : {}) }))
      : [],
  };
}
