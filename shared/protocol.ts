// vfio-lens's own LSP requests and notifications, declared once: method name,
// zod schemas, inferred types. Client, server and tests import these; nothing
// else spells a method name.
import { z } from 'zod';
import { layoutReportSchema } from './layoutReport';
import { layoutViewSchema } from './layoutView';
import { emulateParamsSchema, emulateResultSchema } from './playground';

export interface RequestDecl<P extends z.ZodType, R extends z.ZodType> {
  readonly method: string;
  readonly params: P;
  readonly result: R;
}

function request<P extends z.ZodType, R extends z.ZodType>(method: string, params: P, result: R): RequestDecl<P, R> {
  return { method, params, result };
}

export type ParamsOf<D> = D extends RequestDecl<infer P, z.ZodType> ? z.input<P> : never;
export type ResultOf<D> = D extends RequestDecl<z.ZodType, infer R> ? z.output<R> : never;

export const profileSummarySchema = z.object({
  name: z.string(),
  /** Where it came from: "preset", "settings", or the profile file's URI. */
  source: z.string(),
  kernel: z.string(),
  pageSize: z.union([z.literal(4096), z.literal(65536)]),
  bdf: z.string().optional(),
});

export type ProfileSummary = z.infer<typeof profileSummarySchema>;

/** The active device's layout, as the layout view and the status bar show it. */
export const activeLayoutRequest = request(
  'vfioLens/activeLayout',
  z.object({ uri: z.string().optional() }),
  z.object({ profile: profileSummarySchema, report: layoutReportSchema }),
);

/** Every device the server knows, for the profile picker. */
export const listProfilesRequest = request(
  'vfioLens/listProfiles',
  z.object({}),
  z.object({ active: z.string(), profiles: z.array(profileSummarySchema) }),
);

/** The layout view's model for the active device, or the device a document (a profile file) selects. */
export const layoutViewRequest = request('vfioLens/layoutView', z.object({ uri: z.string().optional() }), layoutViewSchema);

/** The playground: replays the whole op history on a fresh device (stateless), one result per op. */
export const emulateRequest = request('vfioLens/emulate', emulateParamsSchema, emulateResultSchema);

export interface NotificationDecl<P extends z.ZodType> {
  readonly method: string;
  readonly params: P;
}

/** Sent by the server when settings or profiles changed: layouts shown by the client are stale. */
export const contextChangedNotification: NotificationDecl<z.ZodObject<{ revision: z.ZodNumber }>> = {
  method: 'vfioLens/contextChanged',
  params: z.object({ revision: z.number().int() }),
};
