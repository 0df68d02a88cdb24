// Client commands, declared once: ids and argument schemas. Code lenses from
// the server and menus in package.json name these; the client registers them.
import { z } from 'zod';

/** Parts of the layout view a command or code lens can open at. */
export const layoutSection = z.enum(['memory', 'bars', 'fd', 'config', 'window', 'playground']);
export type LayoutSection = z.infer<typeof layoutSection>;

export const COMMANDS = {
  showLayout: { id: 'vfioLens.showLayout', args: z.tuple([z.object({ section: layoutSection.optional() }).optional()]).or(z.tuple([])) },
  selectProfile: { id: 'vfioLens.selectProfile', args: z.tuple([]) },
  selectKernel: { id: 'vfioLens.selectKernel', args: z.tuple([]) },
  selectPageSize: { id: 'vfioLens.selectPageSize', args: z.tuple([]) },
  restartServer: { id: 'vfioLens.restartServer', args: z.tuple([]) },
} as const;

/** The layout webview's panel type: the serializer and the `onWebviewPanel:` activation event name it. */
export const LAYOUT_VIEW_TYPE = 'vfioLens.layout';
