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

export function summarizeFunctions(s: Scan, d: DriverModel): FunctionIndex {
  const direct = new Map<string, FunctionSummary>();
  const defined = new Set(s.functions.map((f) => f.name));
  for (const def of s.functions) {
    const inFn = <T extends { fn?: string }>(xs: readonly T[]) => xs.filter((x) => x.fn === def.name);
    const calls = inFn(s.callSites);
    direct.set(def.name, {
      def,
      regions: new Set(d.regionUses.filter((u) => u.ident.fn === def.name).map((u) => u.index)),
      windows: d.windows.filter((w) => w.call.fn === def.name),
      decodes: d.decodes.some((x) => x.shift.fn === def.name) || calls.some((c) => c.name === 'VFIO_PCI_OFFSET_TO_INDEX'),
      ioctls: new Set(inFn(s.idents).filter((i) => /^VFIO_DEVICE_[A-Z_]+$/.test(i.name)).map((i) => i.name)),
      memFields: d.memFields.filter((m) => m.assignment.fn === def.name),
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
