// What the webview keeps across reloads (getState/setState): the display
// mode, the playground's op history and form fields. Validated on restore:
// a state saved by another version is replaced, not trusted.
import { z } from 'zod';
import { layoutSection } from '../../shared/commands';
import { MAX_PLAYGROUND_OPS, deviceOpJson } from '../../shared/playground';

export const viewStateSchema = z.object({
  v: z.literal(1),
  mode: z.enum(['drawing', 'table']),
  history: z.array(deviceOpJson).max(MAX_PLAYGROUND_OPS),
  form: z.record(z.string(), z.string().max(200)),
  section: layoutSection.optional(),
});
export type ViewState = z.infer<typeof viewStateSchema>;

export const INITIAL_STATE: ViewState = { v: 1, mode: 'drawing', history: [], form: {} };

export function restoreState(raw: unknown): ViewState {
  const r = viewStateSchema.safeParse(raw);
  return r.success ? r.data : INITIAL_STATE;
}
