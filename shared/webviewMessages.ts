// Every message between the layout webview and the extension, both ways,
// declared once. Each end parses what it receives with these schemas and
// drops (and logs) anything else; `v` lets a reloaded webview of another
// version be told apart instead of misread.
import { z } from 'zod';
import { layoutSection } from './commands';
import { layoutViewSchema } from './layoutView';
import { MAX_PLAYGROUND_OPS, deviceOpJson, emulateResultSchema } from './playground';

export const WEBVIEW_PROTOCOL_VERSION = 1;
const v = z.literal(WEBVIEW_PROTOCOL_VERSION);
const requestId = z.number().int().nonnegative();

/** Client commands the view's toolbar may run (a fixed list, never a free command id). */
export const viewCommand = z.enum(['selectProfile', 'selectKernel', 'selectPageSize']);
export type ViewCommand = z.infer<typeof viewCommand>;

export const toExtensionSchema = z.discriminatedUnion('type', [
  /** The webview (re)loaded and wants the current model. */
  z.strictObject({ v, type: z.literal('ready') }),
  /** Replay the playground's whole history on a fresh device. */
  z.strictObject({ v, type: z.literal('emulate'), requestId, ops: z.array(deviceOpJson).max(MAX_PLAYGROUND_OPS) }),
  z.strictObject({ v, type: z.literal('command'), command: viewCommand }),
  z.strictObject({ v, type: z.literal('copyMarkdown'), markdown: z.string().min(1).max(500_000) }),
  z.strictObject({
    v,
    type: z.literal('exportSvg'),
    svg: z.string().startsWith('<svg').max(5_000_000),
    fileName: z.string().regex(/^[\w.-]{1,100}\.svg$/, { error: 'a plain file name ending in .svg' }),
  }),
]);
export type ToExtension = z.infer<typeof toExtensionSchema>;

export const toWebviewSchema = z.discriminatedUnion('type', [
  z.strictObject({
    v,
    type: z.literal('model'),
    model: layoutViewSchema,
    /** File name of the document the view follows, when it chose the device. */
    followed: z.string().optional(),
  }),
  /** No model: the server is not running or failed; the text says why. */
  z.strictObject({ v, type: z.literal('unavailable'), message: z.string() }),
  /** Scroll to a section (a command or code lens asked for it). */
  z.strictObject({ v, type: z.literal('reveal'), section: layoutSection }),
  z.strictObject({ v, type: z.literal('emulateResult'), requestId, result: emulateResultSchema }),
  z.strictObject({ v, type: z.literal('emulateFailed'), requestId, message: z.string() }),
  /** A short confirmation to announce ("Copied as Markdown"). */
  z.strictObject({ v, type: z.literal('notice'), text: z.string() }),
]);
export type ToWebview = z.infer<typeof toWebviewSchema>;

/** Distributes `Omit` over a union, so each message keeps its own fields. */
export type WithoutVersion<T> = T extends unknown ? Omit<T, 'v'> : never;
