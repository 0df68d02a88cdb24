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

type Outcome = { readonly error: string } | { readonly layout: Layout; readonly results: Json[] };

function run(text: string, lineNo: number): Outcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { error: `line ${lineNo}: not JSON: ${(e as Error).message}` };
  }
  const parsed = emulateCaseSchema.safeParse(raw);
  if (!parsed.success) return { error: `line ${lineNo}: ${describeZodError(parsed.error)}` };
  const c = parsed.data;
  const l = layoutFor(c);
  if (typeof l === 'string') return { error: `line ${lineNo}: kernel: ${l}` };
  if (!l.ok) return { layout: l, results: [] };
  const device = new EmulatedDevice(l, c.pageSize);
  return { layout: l, results: c.ops.map((op) => opResultJson(device.apply(op), 'width' in op ? op.width : undefined)) };
}

export function emulateLine(text: string, lineNo: number): EmulateOutcome {
  const r = run(text, lineNo);
  return 'error' in r ? { line: { error: r.error }, bad: true } : { line: { layout: layoutJson(r.layout), results: r.results }, bad: false };
}

/** A layout's JSON text, once per layout: cases repeat layouts, and the layout is half of each output line. */
const layoutTexts = new WeakMap<Layout, string>();

/** The output line, the same text as JSON.stringify(emulateLine(…).line). */
function outputLine(text: string, lineNo: number): { line: string; bad: boolean } {
  const r = run(text, lineNo);
  if ('error' in r) return { line: JSON.stringify({ error: r.error }), bad: true };
  let layoutText = layoutTexts.get(r.layout);
  if (layoutText === undefined) layoutTexts.set(r.layout, (layoutText = JSON.stringify(layoutJson(r.layout))));
  return { line: `{"layout":${layoutText},"results":${JSON.stringify(r.results)}}`, bad: false };
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
    const r = outputLine(text, lineNo);
    bad ||= r.bad;
    buffer.push(r.line);
    if (buffer.length >= 512) await flush();
  }
  await flush();
  return bad ? EXIT_BAD_INPUT : 0;
}
