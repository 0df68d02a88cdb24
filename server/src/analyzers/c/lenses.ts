// Code lenses: a one-line summary above each vfio_device_ops table and each
// function that computes the split, emulates config registers, maps regions
// or serves them; each opens the layout view at the matching section.
import type { CodeLensFact } from '../../analysis';
import { COMMANDS, LayoutSection } from '../../../../shared/commands';
import { VFIO_REGIONS, barRows, hex, human } from '../../model';
import type { ActiveProfile } from '../../profiles/activeProfile';
import type { DriverModel } from './driver';
import type { OpsTableFact } from './deviceOps';
import type { FunctionIndex } from './functions';
import { profileShort } from './format';
import type { Span } from './scan';

function lens(range: CodeLensFact['range'], title: string, section: LayoutSection): CodeLensFact {
  return { range, title: `vfio-lens: ${title}`, command: { id: COMMANDS.showLayout.id, args: [{ section }] } };
}

/** "BAR2 1 GiB, BAR4 128 GiB (GH200 96 GB, mainline)", or why there are none. */
function bars(p: ActiveProfile): string {
  if (!p.layout.ok) return `${p.layout.error} on ${profileShort(p)}`;
  return `${barRows(p.layout).map((r) => `${r.bar} ${human(r.barSize)}`).join(', ')} (${profileShort(p)})`;
}

function split(p: ActiveProfile): string {
  if (!p.layout.ok) return `probe fails: ${p.layout.error} (${profileShort(p)})`;
  return `${barRows(p.layout).reverse().map((r) => `${r.role} ${human(r.memlength)} → ${r.bar} ${human(r.barSize)}`).join(' · ')} (${profileShort(p)})`;
}

export function driverLenses(d: DriverModel, fns: FunctionIndex, ops: readonly OpsTableFact[], p: ActiveProfile, range: (s: Span) => CodeLensFact['range']): CodeLensFact[] {
  const out: CodeLensFact[] = [];
  // The same profile for every lens of the file: its texts once.
  let barsText: string | undefined;
  const barsOf = () => (barsText ??= bars(p));
  for (const t of ops) {
    const overrides = t.overrides.map((f) => f.field.field);
    const what = overrides.length ? `overrides ${overrides.join(', ')}` : 'all callbacks from vfio-pci core';
    // The fallback table of a driver overrides open/close but serves no fake BAR: no sizes there.
    const emulates = t.overrides.some((f) => f.summary && ([...f.summary.regions].some((i) => d.roleOf(i)) || f.summary.windows.length));
    out.push(lens(range(t.table), d.nvgraceLike && emulates ? `${what} · ${barsOf()}` : what, 'bars'));
  }
  for (const [name, s] of fns.direct) {
    const at = range({ start: s.def.start, end: s.def.start });
    const tail = d.nvgraceLike ? ` · ${barsOf()}` : '';
    const windows = s.windows.filter((w) => w.register !== undefined);
    const pgoff = d.decodes.some((x) => x.kind === 'pgoff-index' && x.shift.fn === name);
    const reach = () => fns.reach(name)!;
    let servedText: string[] | undefined;
    const served = () => (servedText ??= [...reach().regions].filter((i) => d.roleOf(i)).sort().map((i) => `${VFIO_REGIONS[i].name} (${d.roleOf(i)})`));
    if (s.memFields.length && d.nvgraceLike) {
      out.push(lens(at, `computes the split · ${split(p)}`, 'memory'));
    } else if (windows.length) {
      const regs = [...new Set(windows.map((w) => VFIO_REGIONS.findIndex((r) => r.configOffset === w.register)).filter((i) => i >= 0).map((i) => VFIO_REGIONS[i].name))];
      const lo = Math.min(...windows.map((w) => w.register!));
      const hi = Math.max(...windows.map((w) => w.register! + (w.length ?? 4) - 1));
      out.push(lens(at, `emulates ${regs.length ? `${regs.join(', ')} registers` : 'config registers'} (${hex(lo)}–${hex(hi)})${tail}`, 'config'));
    } else if (pgoff && served().length) {
      out.push(lens(at, `maps ${served().join(', ')} by page offset${tail}`, 'fd'));
    } else if (([...s.regions].some((i) => d.roleOf(i)) || s.decodes) && served().length) {
      out.push(lens(at, `serves ${served().join(', ')}${reach().regions.has(7) ? ', config' : ''}${tail}`, 'bars'));
    }
  }
  return out;
}
