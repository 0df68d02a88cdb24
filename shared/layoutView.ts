// The layout view's model: what the webview draws and tabulates, as JSON
// (64-bit values are hex strings). Built by server/src/views/layoutView.ts
// from the model; the webview only turns it into SVG, tables and Markdown.
import { z } from 'zod';

const hex = z.string().regex(/^0x[0-9a-f]+$/, { error: 'expected a lowercase hex string "0x…"' });

/** How a bar's parts are drawn: to scale, or on a log scale because one part would vanish. */
export const drawScale = z.enum(['linear', 'log']);
export type DrawScale = z.infer<typeof drawScale>;

/** Share of a drawing's width, in permille; the parts of one bar add up to 1000. */
const drawn = z.number().int().min(0).max(1000);

export const segmentKind = z.enum(['usemem', 'resmem', 'rounding', 'backed', 'padding']);
export type SegmentKind = z.infer<typeof segmentKind>;

export const segmentSchema = z.object({
  kind: segmentKind,
  label: z.string(),
  /** Host physical address (memory band) or offset in the aperture. */
  start: hex,
  size: hex,
  drawn,
});
export type Segment = z.infer<typeof segmentSchema>;

export const memoryBandSchema = z.object({
  start: hex,
  /** memphys + memlength; absent when it wraps past 2^64 (the driver does not check the end). */
  end: hex.optional(),
  scale: drawScale,
  segments: z.array(segmentSchema),
  /** Bytes the 512 MiB round-down moved from usemem into resmem ("0x0" when none). */
  rounding: hex,
});

export const apertureSchema = z.object({
  bar: z.string(),
  role: z.enum(['usemem', 'resmem']),
  regionIndex: z.number().int(),
  configOffset: z.number().int(),
  barSize: hex,
  memlength: hex,
  padding: hex,
  /** Padding in tenths of a percent of the BAR. */
  paddingPermille: z.number().int(),
  cache: z.enum(['wb', 'wc']),
  scale: drawScale,
  segments: z.array(segmentSchema),
});
export type Aperture = z.infer<typeof apertureSchema>;

export const fdRegionKind = z.enum(['usemem', 'resmem', 'physical', 'upper-half', 'core']);
export type FdRegionKind = z.infer<typeof fdRegionKind>;

export const fdRegionSchema = z.object({
  index: z.number().int(),
  name: z.string(),
  /** index << 40 */
  offset: hex,
  kind: fdRegionKind,
  emulated: z.boolean(),
  /** BAR size of an emulated region (its extent in the 1 TiB slot). */
  size: hex.optional(),
  /** Drawn share of the 1 TiB slot an emulated region fills. */
  fill: drawn.optional(),
  scale: drawScale.optional(),
  /** The region is larger than the 2^40 slot: offsets past it land in the next region. */
  overflows: z.boolean(),
  note: z.string(),
});
export type FdRegion = z.infer<typeof fdRegionSchema>;

export const configRegisterSchema = z.object({
  /** Config-space offset of the dword. */
  offset: z.number().int(),
  bar: z.string(),
  half: z.enum(['low', 'high']),
  owner: z.enum(['usemem', 'resmem', 'core']),
  emulated: z.boolean(),
  /** What a 4-byte read returns now (emulated registers only). */
  value: hex.optional(),
  /** The raw stored bytes of this dword (bar_val), before masking. */
  stored: hex.optional(),
  /** Decoded low flag bits of a low dword. */
  flags: z.string().optional(),
  /** The dword a guest reads after writing all ones (the sizing probe). */
  sizingReadBack: hex.optional(),
  note: z.string(),
});
export type ConfigRegister = z.infer<typeof configRegisterSchema>;

export const windowBlockSchema = z.object({
  name: z.string(),
  /** The device the rest of the view shows. */
  active: z.boolean(),
  stride: hex,
  offset: hex,
  fits: z.boolean(),
  bars: z.array(z.object({ name: z.string(), size: hex, typical: z.boolean() })),
  /** Position and width in the drawing, permille of max(window, used). */
  drawnStart: drawn,
  drawnSize: drawn,
});
export type WindowBlock = z.infer<typeof windowBlockSchema>;

export const mmioWindowSchema = z.object({
  size: hex,
  used: hex,
  fits: z.boolean(),
  neededWindow: hex,
  /** The -machine option that holds every GPU, when the default does not. */
  suggestion: z.string().optional(),
  /** Where the window ends in the drawing (permille); 1000 unless the blocks overflow it. */
  drawnWindow: drawn,
  blocks: z.array(windowBlockSchema),
  notes: z.array(z.string()),
});

const opJson = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export const playgroundSetupSchema = z.object({
  pageSize: z.union([z.literal(4096), z.literal(65536)]),
  /** vm_pgoff = index << pgoffIndexShift | page: 40 − PAGE_SHIFT. */
  pgoffIndexShift: z.number().int(),
  regions: z.array(z.object({ index: z.number().int(), name: z.string(), role: z.string() })),
  /** The classic all-ones write and read-back, for every emulated BAR. */
  sizing: z.array(opJson),
});

export const layoutViewSchema = z.object({
  version: z.literal(1),
  device: z.object({
    name: z.string(),
    source: z.string(),
    bdf: z.string().optional(),
    sku: z.string().optional(),
    kernel: z.string(),
    /** "6.9–6.13 rules" or "6.14+ rules". */
    rules: z.string(),
    pageSize: z.union([z.literal(4096), z.literal(65536)]),
    migHwBug: z.boolean(),
    memphys: hex,
    memlength: hex,
  }),
  /** The document the view follows, when it chose the device. */
  context: z.object({ uri: z.string().optional(), fromDocument: z.boolean() }),
  layout: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), split: z.boolean() }),
    z.object({ ok: z.literal(false), error: z.enum(['ENOMEM', 'EOVERFLOW', 'EINVAL', 'EBARSIZE']), message: z.string() }),
  ]),
  steps: z.array(z.object({ what: z.string(), value: hex.optional(), why: z.string() })),
  notes: z.array(z.object({ severity: z.enum(['info', 'warning', 'error']), code: z.string(), message: z.string() })),
  memory: memoryBandSchema.nullable(),
  apertures: z.array(apertureSchema),
  fd: z.array(fdRegionSchema),
  config: z.array(configRegisterSchema),
  window: mmioWindowSchema,
  playground: playgroundSetupSchema,
});

export type LayoutView = z.infer<typeof layoutViewSchema>;
