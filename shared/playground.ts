// The layout view's playground: a list of device operations (the JSON ops of
// `vfio-lens emulate`) replayed by the server on a fresh device, and what
// each one returned, with the rule of the driver that produced it.
import { z } from 'zod';
import { deviceOpSchema } from './deviceOps';
import { configRegisterSchema } from './layoutView';
import { describeZodError } from './u64';

/** A long session is fine; an unbounded one is not (the server replays all of it). */
export const MAX_PLAYGROUND_OPS = 500;

/** One op as JSON, checked against the emulate contract but kept as sent (hex strings stay strings). */
export const deviceOpJson = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).superRefine((op, ctx) => {
  const r = deviceOpSchema.safeParse(op);
  if (!r.success) ctx.addIssue({ code: 'custom', message: describeZodError(r.error) });
});
export type DeviceOpJson = z.infer<typeof deviceOpJson>;

export const opOutcome = z.enum(['ok', 'error', 'core']);
export type OpOutcome = z.infer<typeof opOutcome>;

export const playgroundStepSchema = z.object({
  /** The op's result exactly as `vfio-lens emulate` prints it. */
  result: z.json(),
  /** The result in a few words: "read 0x0000000c". */
  summary: z.string(),
  /** Why the driver answers so, with this device's numbers. */
  rule: z.string(),
  /** ok; error (an errno); core (not emulated: vfio-pci core answers). */
  outcome: opOutcome,
  /** The domain rule this step shows (docs/diagnostics.md), e.g. NVG023 for an mmap past the device memory. */
  code: z.string().regex(/^NVG\d{3}$/).optional(),
});
export type PlaygroundStep = z.infer<typeof playgroundStepSchema>;

export const emulateParamsSchema = z.object({
  /** The document whose context picks the device, as for the layout view. */
  uri: z.string().optional(),
  ops: z.array(deviceOpSchema).max(MAX_PLAYGROUND_OPS, { error: `at most ${MAX_PLAYGROUND_OPS} operations per replay` }),
});

export const emulateResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    device: z.string(),
    steps: z.array(playgroundStepSchema),
    /** The BAR registers 0x10–0x27 after the last op. */
    registers: z.array(configRegisterSchema),
  }),
  z.object({ ok: z.literal(false), device: z.string(), message: z.string() }),
]);
export type EmulateResult = z.infer<typeof emulateResultSchema>;
