// What each function of the driver handles, directly and through the
// functions it calls in the same file: regions, config windows, mmap
// decodes, ioctls, memory fields, and the vfio-pci core functions it falls
// back to. Code lenses and the ops-table hover read these summaries.
import type { DriverModel, MemFieldFact, WindowFact } from './driver';
import type { FunctionDef, Scan } from './scan';
import { isCoreFunction } from './opsCallbacks';

export interface FunctionSummary {
  readonly def: FunctionDef;
  /** Region indices the function names (role macros, VFIO_PCI_*_REGION_INDEX). */
  readonly regions: ReadonlySet<number>;
  readonly windows: readonly WindowFact[];
  /** Decodes a device-fd offset or an mmap page offset into a region. */
  readonly decodes: boolean;
  readonly ioctls: ReadonlySet<string>;
  readonly memFields: readonly MemFieldFact[];
  readonly coreCalls: ReadonlySet<string>;
  /** Functions of this file it calls. */
  readonly callees: ReadonlySet<string>;
}

export interface FunctionIndex {
  readonly direct: ReadonlyMap<string, FunctionSummary>;
  /** The summary of a function merged with everything it reaches in this file. */
  reach(name: string): FunctionSummary | undefined;
}

/** Items grouped by the function holding them, in one pass (a filter per function is quadratic in big files). */
function byFunction<T>(xs: readonly T[], fnOf: (x: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const fn = fnOf(x);
    if (fn === undefined) continue;
    const list = out.get(fn);
    if (list) list.push(x);
    else out.set(fn, [x]);
  }
  return out;
}

export function summarizeFunctions(s: Scan, d: DriverModel): FunctionIndex {
  const direct = new Map<string, FunctionSummary>();
  const defined = new Set(s.functions.map((f) => f.name));
  const callsIn = byFunction(s.callSites, (c) => c.fn);
  const identsIn = byFunction(s.idents, (i) => i.fn);
  const regionsIn = byFunction(d.regionUses, (u) => u.ident.fn);
  const windowsIn = byFunction(d.windows, (w) => w.call.fn);
  const decodesIn = byFunction(d.decodes, (x) => x.shift.fn);
  const memFieldsIn = byFunction(d.memFields, (m) => m.assignment.fn);
  for (const def of s.functions) {
    const calls = callsIn.get(def.name) ?? [];
    direct.set(def.name, {
      def,
      regions: new Set((regionsIn.get(def.name) ?? []).map((u) => u.index)),
      windows: windowsIn.get(def.name) ?? [],
      decodes: decodesIn.has(def.name) || calls.some((c) => c.name === 'VFIO_PCI_OFFSET_TO_INDEX'),
      ioctls: new Set((identsIn.get(def.name) ?? []).filter((i) => /^VFIO_DEVICE_[A-Z_]+$/.test(i.name)).map((i) => i.name)),
      memFields: memFieldsIn.get(def.name) ?? [],
      coreCalls: new Set(calls.filter((c) => isCoreFunction(c.name)).map((c) => c.name)),
      callees: new Set(calls.filter((c) => defined.has(c.name) && c.name !== def.name).map((c) => c.name)),
    });
  }
  const memo = new Map<string, FunctionSummary>();
  const reach = (name: string): FunctionSummary | undefined => {
    const hit = memo.get(name);
    if (hit) return hit;
    const start = direct.get(name);
    if (!start) return undefined;
    const seen = new Set<string>([name]);
    const queue = [...start.callees];
    const parts = [start];
    while (queue.length) {
      const n = queue.shift()!;
      if (seen.has(n)) continue;
      seen.add(n);
      const f = direct.get(n);
      if (!f) continue;
      parts.push(f);
      queue.push(...f.callees);
    }
    const merged: FunctionSummary = {
      def: start.def,
      regions: new Set(parts.flatMap((p) => [...p.regions])),
      windows: parts.flatMap((p) => p.windows),
      decodes: parts.some((p) => p.decodes),
      ioctls: new Set(parts.flatMap((p) => [...p.ioctls])),
      memFields: parts.flatMap((p) => p.memFields),
      coreCalls: new Set(parts.flatMap((p) => [...p.coreCalls])),
      callees: new Set(parts.flatMap((p) => [...p.callees])),
    };
    memo.set(name, merged);
    return merged;
  };
  return { direct, reach };
}
