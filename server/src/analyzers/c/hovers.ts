// Where hovers are and what they say: one fact per macro name, kernel name,
// helper call, config-window check, ops table and field, device-ID entry,
// ACPI property string, memory-field assignment and region decode. Markdown
// is built only when the editor asks.
import type { HoverFact } from '../../analysis';
import { VFIO } from '../../model';
import type { Evaluation } from './constEval';
import type { ActiveProfile } from '../../profiles/activeProfile';
import type { DriverModel } from './driver';
import { isWindowHelper } from './scan';
import type { IdTableFact } from './deviceIds';
import type { OpsTableFact } from './deviceOps';
import type { FunctionIndex } from './functions';
import { windowMarkdown } from './hoverRegion';
import {
  acpiMarkdown,
  decodeMarkdown,
  functionMacroMarkdown,
  idEntryMarkdown,
  macroMarkdown,
  memFieldMarkdown,
  opsFieldMarkdown,
  opsTableMarkdown,
  summaryText,
} from './hoverText';
import { KERNEL_HELPERS, isKernelName } from './kernelHelpers';
import type { Point } from './macroTable';
import { PPToken, tokenize } from './ppTokens';
import type { Scan, Span } from './scan';

export interface HoverInput {
  readonly model: DriverModel;
  readonly scan: Scan;
  readonly functions: FunctionIndex;
  readonly ops: readonly OpsTableFact[];
  readonly ids: readonly IdTableFact[];
  readonly profile: ActiveProfile;
  readonly range: (s: Span) => HoverFact['range'];
  readonly text: (s: Span) => string;
}

export function driverHovers(x: HoverInput): HoverFact[] {
  const { model: d, profile: p } = x;
  const out: HoverFact[] = [];
  const add = (s: Span, markdown: () => string) => out.push({ range: x.range(s), markdown });
  const regionUseAt = new Map(d.regionUses.map((u) => [u.ident.start, u]));
  const regionOf = (name: string, at: number) => {
    const u = regionUseAt.get(at);
    return u?.ident.name === name ? u.index : undefined;
  };

  /** A name (or a call of it) as it reads at `point`; empty when it is neither a macro in effect nor a kernel name. */
  const nameHover = (label: string, name: string, point: Point, regionIndex?: number) => () => {
    if (!isKernelName(name) && d.defines.every((f) => f.def.name !== name)) return '';
    const e = d.evalAtPoint(label, point);
    const def = d.defines.find((f) => f.def.name === name && !label.includes('('))?.def;
    if (def?.params && label === name) return functionMacroMarkdown(def);
    const region = regionIndex ?? offsetRegion(e);
    return macroMarkdown(label, e, d, p, { ...(region !== undefined ? { regionIndex: region } : {}) });
  };

  const roleOfDefine = new Map(d.roles.map((r) => [r.define, r]));
  for (const f of d.defines) {
    const role = roleOfDefine.get(f);
    // The name as any later line reads it, so the hover shows the whole derivation.
    add(f.nameSpan, () => (f.def.params ? functionMacroMarkdown(f.def) : macroMarkdown(f.def.name, d.evalAtPoint(f.def.name, f.point), d, p, { def: f.def, ...(role ? { regionIndex: role.index } : {}) })));
    bodyHovers(f.def.body, f.bodySpan.start, f.point, f.def.params ?? [], add, nameHover);
  }

  const calls = new Set(x.scan.calls.map((c) => c.nameSpan.start));
  for (const id of x.scan.idents) {
    if (calls.has(id.start)) continue;
    add(id, nameHover(id.name, id.name, d.pointAt(id.start), regionOf(id.name, id.start)));
  }

  const windowAt = new Map<number, (typeof d.windows)[number]>();
  for (const w of d.windows) if (!windowAt.has(w.call.start)) windowAt.set(w.call.start, w);
  const functionMacros = new Set(d.defines.filter((f) => f.def.params).map((f) => f.def.name));
  for (const c of x.scan.calls) {
    const w = isWindowHelper(c.name) ? windowAt.get(c.start) : undefined;
    if (w) {
      add(c.nameSpan, () => windowMarkdown(w, d, p));
      continue;
    }
    const fileMacro = functionMacros.has(c.name);
    if (!fileMacro && !KERNEL_HELPERS.has(c.name)) continue;
    const label = x.text(c).replace(/\s+/g, ' ');
    add(c.nameSpan, nameHover(label, c.name, d.pointAt(c.start)));
  }

  for (const dec of d.decodes) add(dec.shift, () => decodeMarkdown(dec, d, p));
  for (const t of x.ops) {
    add(t.table.nameSpan, () => opsTableMarkdown(t));
    for (const f of t.fields) add(f.field.fieldSpan, () => opsFieldMarkdown(f, d));
  }
  for (const t of x.ids) for (const e of t.entries) add(e.entry, () => idEntryMarkdown(e));
  for (const a of d.acpi) add(a.str, () => acpiMarkdown(a, p));
  for (const m of d.memFields) add(m.assignment.targetSpan, () => memFieldMarkdown(m, p));
  for (const f of x.scan.functions) {
    // What a function reaches through its callees is merged only when its hover is asked for.
    if (!x.functions.direct.has(f.name)) continue;
    add(f.nameSpan, () => {
      const parts = summaryText(x.functions.reach(f.name)!, d);
      return parts.length ? `**${f.name}** — ${parts.join('; ')}` : '';
    });
  }
  return out;
}

/** `VFIO_PCI_INDEX_TO_OFFSET(RESMEM_REGION_INDEX)` and macros around it: the region whose fd offset this is. */
function offsetRegion(e: Evaluation): number | undefined {
  if (!e.result.ok || !e.used.includes('VFIO_PCI_INDEX_TO_OFFSET')) return undefined;
  const v = e.result.value;
  if ((v & VFIO.PCI_OFFSET_MASK) !== 0n || v >> VFIO.PCI_OFFSET_SHIFT >= BigInt(VFIO.NUM_REGIONS)) return undefined;
  return Number(v >> VFIO.PCI_OFFSET_SHIFT);
}

/** Hovers for the names inside a #define body, as they read right after the #define. */
function bodyHovers(
  body: string,
  base: number,
  point: Point,
  params: readonly string[],
  add: (s: Span, md: () => string) => void,
  nameHover: (label: string, name: string, point: Point) => () => string,
): void {
  const toks = tokenize(body);
  toks.forEach((t, i) => {
    if (t.kind !== 'ident' || params.includes(t.text) || t.text === '__VA_ARGS__') return;
    const close = toks[i + 1]?.text === '(' ? matching(toks, i + 1) : -1;
    const label = close > 0 ? body.slice(t.start, toks[close].end).replace(/\s+/g, ' ') : t.text;
    add({ start: base + t.start, end: base + t.end }, nameHover(label, t.text, point));
  });
}

function matching(toks: readonly PPToken[], open: number): number {
  let depth = 0;
  for (let j = open; j < toks.length; j++) {
    if (toks[j].text === '(') depth++;
    else if (toks[j].text === ')' && --depth === 0) return j;
  }
  return -1;
}
