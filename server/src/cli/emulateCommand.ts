// `vfio-lens emulate --jsonl`: one JSON case per stdin line, one JSON result
// per stdout line, in order. A bad line gets {"error":…} and the run goes on.
import * as readline from 'node:readline';
import { EXIT_BAD_INPUT } from './exitCodes';
import { describeZodError, } from '../../../shared/u64';
import { EmulateCase, Json, emulateCaseSchema, layoutJson, opResultJson } from '../../../shared/deviceOps';
import { EmulatedDevice, Layout, layout, parseKernel } from '../model';

export interface EmulateOutcome {
  readonly line: Json;
  readonly bad: boolean;
}

/** Layouts repeat across cases; computing one is cheap but not free. */
const layoutCache = new Map<string, Layout>();

function layoutFor(c: EmulateCase): Layout | string {
  const key = `${c.kernel}|${c.memphys}|${c.memlength}|${c.migHwBug}`;
  const hit = layoutCache.get(key);
  if (hit) return hit;
  const k = parseKernel(c.kernel);
  if (!k.ok) return k.message;
  const l = layout(k.kernel, c.memphys, c.memlength, c.migHwBug);
  if (layoutCache.size > 10_000) layoutCache.clear();
  layoutCache.set(key, l);
  return l;
}

export function emulateLine(text: string, lineNo: number): EmulateOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { line: { error: `line ${lineNo}: not JSON: ${(e as Error).message}` }, bad: true };
  }
  const parsed = emulateCaseSchema.safeParse(raw);
  if (!parsed.success) {
    return { line: { error: `line ${lineNo}: ${describeZodError(parsed.error)}` }, bad: true };
  }
  const c = parsed.data;
  const l = layoutFor(c);
  if (typeof l === 'string') return { line: { error: `line ${lineNo}: kernel: ${l}` }, bad: true };
  if (!l.ok) return { line: { layout: layoutJson(l), results: [] }, bad: false };
  const device = new EmulatedDevice(l, c.pageSize);
  const results = c.ops.map((op) => opResultJson(device.apply(op), 'width' in op ? op.width : undefined));
  return { line: { layout: layoutJson(l), results }, bad: false };
}

export async function runEmulate(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<number> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let bad = false;
  let lineNo = 0;
  let buffer: string[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('\n') + '\n';
    buffer = [];
    if (!output.write(chunk)) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
  };
  for await (const text of rl) {
    lineNo++;
    if (text.trim() === '') continue;
    const r = emulateLine(text, lineNo);
    bad ||= r.bad;
    buffer.push(JSON.stringify(r.line));
    if (buffer.length >= 512) await flush();
  }
  await flush();
  return bad ? EXIT_BAD_INPUT : 0;
}
