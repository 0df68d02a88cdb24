// The `vfioLens.*` settings, validated the same way by client and server.
import { z } from 'zod';
import { deviceProfileSchema, kernelName, pageSize } from './profile';

export const settingsSchema = z.object({
  kernel: kernelName.default('mainline'),
  pageSize: pageSize.default(65536),
  inlayHints: z.object({ enabled: z.boolean().default(true) }).default({ enabled: true }),
  /** A device given inline, used when no profile file is open. */
  profile: deviceProfileSchema.optional(),
  /** Name of the device chosen with "Select Device Profile". */
  activeDevice: z.string().optional(),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/**
 * Settings from a client: bad fields are dropped one by one (with a message)
 * instead of rejecting everything, so one typo does not switch off the rest.
 */
export function readSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const obj = raw && typeof raw === 'object' ? { ...(raw as Record<string, unknown>) } : {};
  // VS Code sends null for an object setting nobody set: that is "unset", not a bad value.
  for (const [k, v] of Object.entries(obj)) if (v === null) delete obj[k];
  for (let attempt = 0; attempt < 8; attempt++) {
    const r = settingsSchema.safeParse(obj);
    if (r.success) return { settings: r.data, problems };
    const key = r.error.issues[0]?.path[0];
    if (typeof key !== 'string' || !(key in obj)) break;
    problems.push(`vfioLens.${key}: ${r.error.issues[0].message} — using the default`);
    delete obj[key];
  }
  return { settings: DEFAULT_SETTINGS, problems };
}
