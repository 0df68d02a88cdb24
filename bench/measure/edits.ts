// Edit → diagnostics latency, as a user sees it: a didChange per keystroke
// (typing a statement into a function body, then deleting it), and every
// tenth edit a changed #define value, which rebuilds the macro table. Each
// edit is timed from sending it to the publishDiagnostics of its version.
import type { LspTestClient } from '../../test/support/lspClient';
import { positionsIn } from '../positions';
import { schedTimes } from '../schedstat';

export interface EditTimes {
  readonly all: number[];
  readonly defines: number[];
  /** Per edit, the time the server's main thread ran, and waited for a CPU (empty where /proc does not say). */
  readonly serverRun: number[];
  readonly serverWait: number[];
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly define: boolean;
}

/** The edits, computed against the text as each one finds it; `apply` returns the next text. */
export function* editScript(text: string, count: number): Generator<Edit, void, string> {
  const ret = /\n\treturn -ETIME;\n/g;
  const returns = [...text.matchAll(ret)];
  if (!returns.length) throw new Error('editScript: no "return -ETIME;" line to type next to (use a generated driver)');
  let at = returns[returns.length >> 1].index + 1;
  const typed = '\tgd->doorbell = GV0_QUEUE_DEPTH + 1;\n';
  const define = /^#define \w+_POLL_QUANTUM_MS (\d+)$/m;
  let inserted = 0;
  let deleting = false;
  let current = text;
  for (let k = 0; k < count; k++) {
    let e: Edit;
    if (k % 10 === 9) {
      const m = define.exec(current);
      if (!m) throw new Error('editScript: no POLL_QUANTUM_MS #define to change');
      const start = m.index + m[0].length - m[1].length;
      e = { start, end: start + m[1].length, text: String(100 + k), define: true };
      if (start < at) at += e.text.length - m[1].length;
    } else if (!deleting) {
      e = { start: at + inserted, end: at + inserted, text: typed[inserted], define: false };
      inserted++;
      deleting = inserted === typed.length;
    } else {
      inserted--;
      e = { start: at + inserted, end: at + inserted + 1, text: '', define: false };
      deleting = inserted > 0;
    }
    current = yield e;
  }
}

export async function timeEdits(client: LspTestClient, uri: string, text: string, count: number): Promise<EditTimes> {
  const all: number[] = [];
  const defines: number[] = [];
  const serverRun: number[] = [];
  const serverWait: number[] = [];
  let current = text;
  const script = editScript(text, count);
  for (let step = script.next(current); !step.done; step = script.next(current)) {
    const e = step.value;
    const at = positionsIn(current);
    const range = { start: at(e.start), end: at(e.end) };
    current = current.slice(0, e.start) + e.text + current.slice(e.end);
    const before = schedTimes(client.pid);
    const t0 = performance.now();
    await client.change(uri, [{ range, text: e.text }]);
    const ms = performance.now() - t0;
    const after = schedTimes(client.pid);
    all.push(ms);
    if (e.define) defines.push(ms);
    if (before && after) {
      serverRun.push(after.runMs - before.runMs);
      serverWait.push(after.waitMs - before.waitMs);
    }
  }
  return { all, defines, serverRun, serverWait };
}
