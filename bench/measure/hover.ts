// Hover latency over real JSON-RPC: the same positions asked of each server
// in turn (alternating which goes first), one request in flight at a time,
// timed from send to response in this process.
import type { LspTestClient } from '../../test/support/lspClient';
import type { Position } from '../positions';
import { schedTimes } from '../schedstat';

export interface HoverTarget {
  readonly uri: string;
  readonly position: Position;
}

export interface HoverTimes {
  /** Milliseconds per target, one array per client. */
  readonly samples: number[][];
  /** Targets each client answered with some content. */
  readonly answered: number[];
  /** Milliseconds per answered target, per client (the hovers that render Markdown). */
  readonly answeredSamples: number[][];
  /** Per target and client: the server's main thread running, and waiting for a CPU (empty where /proc does not say). */
  readonly serverRun: number[][];
  readonly serverWait: number[][];
}

function hasContent(h: unknown): boolean {
  const c = (h as { contents?: unknown } | null)?.contents;
  if (!c) return false;
  if (Array.isArray(c)) return c.length > 0;
  return typeof c === 'string' ? c.length > 0 : !!(c as { value?: string }).value;
}

export async function timeHovers(clients: readonly LspTestClient[], targets: readonly HoverTarget[], warmup = 0): Promise<HoverTimes> {
  // Warm-up: the same first positions for every client, not counted.
  for (const t of targets.slice(0, warmup)) for (const c of clients) await c.hover(t.uri, t.position);
  const samples = clients.map(() => [] as number[]);
  const answered = clients.map(() => 0);
  const answeredSamples = clients.map(() => [] as number[]);
  const serverRun = clients.map(() => [] as number[]);
  const serverWait = clients.map(() => [] as number[]);
  for (const [i, t] of targets.entries()) {
    const order = clients.map((_, k) => k);
    if (i % 2) order.reverse();
    for (const k of order) {
      const before = schedTimes(clients[k].pid);
      const t0 = performance.now();
      const h = await clients[k].hover(t.uri, t.position);
      const ms = performance.now() - t0;
      const after = schedTimes(clients[k].pid);
      if (before && after) {
        serverRun[k].push(after.runMs - before.runMs);
        serverWait[k].push(after.waitMs - before.waitMs);
      }
      samples[k].push(ms);
      if (hasContent(h)) {
        answered[k]++;
        answeredSamples[k].push(ms);
      }
    }
  }
  return { samples, answered, answeredSamples, serverRun, serverWait };
}
