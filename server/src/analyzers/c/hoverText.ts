// Hover text for names and idioms of driver source. Each builder returns
// short Markdown; the analyzer calls them only when a hover is asked for.
import { ACPI_PROPERTIES, EMULATED_WINDOWS, NVGRACE_DEVICE_IDS, REGION_ROLES, VFIO_REGIONS, hex, human, modulesAlias } from '../../model';
import type { ActiveProfile } from '../../profiles/activeProfile';
import type { Evaluation } from './constEval';
import type { AcpiFact, DecodeFact, DriverModel, MemFieldFact } from './driver';
import type { IdEntryFact } from './deviceIds';
import type { OpsFieldFact, OpsTableFact } from './deviceOps';
import type { FunctionSummary } from './functions';
import { chainText, prefersHex, profileLine, valueText } from './format';
import { profileRegion, regionMarkdown } from './hoverRegion';
import { kernelConstant } from './kernelConstants';
import { KERNEL_HELPERS } from './kernelHelpers';
import type { MacroDef } from './macroTable';
import { NVGRACE_NAME } from './nvgraceNames';
import { VFIO_DEVICE_OPS } from './opsCallbacks';

/** Value, type, derivation and meaning of a macro or constant expression. */
export function macroMarkdown(label: string, e: Evaluation, d: DriverModel, p: ActiveProfile, opts: { def?: MacroDef; regionIndex?: number } = {}): string {
  const lines: string[] = [];
  const hexy = prefersHex(e);
  if (e.result.ok) {
    lines.push(`**${label}** = \`${valueText(e.result.value, hexy)}\` · ${e.result.type.name}`);
  } else {
    lines.push(`**${label}** — value unknown: ${e.result.why}`);
  }
  const chain = chainText(label, e, hexy);
  if (chain) lines.push(chain);
  const single = /^[A-Za-z_]\w*$/.test(label) ? label : undefined;
  const kernel = single && !opts.def ? kernelConstant(single, p.pageSize) : undefined;
  if (kernel) lines.push(`${kernel.meaning} (${kernel.header})`);
  const helper = /^([A-Za-z_]\w*)\(/.exec(label)?.[1];
  const h = helper ? KERNEL_HELPERS.get(helper) : undefined;
  if (h && !d.defines.some((f) => f.def.name === h.name)) lines.push(`\`${h.name}(${h.params.join(', ')})\`: ${h.meaning} (${h.header})`);
  const known = single ? NVGRACE_NAME.get(single) : undefined;
  if (known && opts.def) {
    const same = e.result.ok && e.result.value === known.value;
    lines.push(`nvgrace-gpu: ${known.meaning}${known.fixedBy ? ` — fixed by ${known.fixedBy}` : ''}${same ? '' : ` (nvgrace-gpu uses ${valueText(known.value)})`}`);
  }
  const used = e.used.filter((u) => u !== single && kernelConstant(u, p.pageSize) && !chain?.includes(u)).map((u) => `${u} = ${valueText(kernelConstant(u, p.pageSize)!.value, hexy)}`);
  if (used.length) lines.push(`uses ${used.join(', ')}`);
  if (opts.regionIndex !== undefined) lines.push('', regionMarkdown(opts.regionIndex, d, p));
  else if (kernel && /^PCI_BASE_ADDRESS_[0-5]$/.test(single!) && d.nvgraceLike) lines.push(...configRegisterNote(Number(kernel.value)));
  return lines.join('\n');
}

function configRegisterNote(offset: number): string[] {
  const w = EMULATED_WINDOWS.find((x) => offset >= x.start && offset < x.start + 8);
  if (!w) return [];
  const role = (Object.keys(REGION_ROLES) as Array<keyof typeof REGION_ROLES>).find((k) => REGION_ROLES[k].index === w.regionIndex)!;
  return [`nvgrace-gpu emulates \`${hex(w.start)}\`–\`${hex(w.start + 7)}\` as ${role}'s 64-bit BAR (${VFIO_REGIONS[w.regionIndex].name}); the ${offset === w.start ? 'low' : 'high'} dword is here`];
}

export function functionMacroMarkdown(def: MacroDef): string {
  return `**${def.name}(${def.params!.join(', ')}${def.variadic ? ', …' : ''})** — function-like macro\n\`${def.body.replace(/\s*\\\n\s*/g, ' ')}\``;
}

export function summaryText(s: FunctionSummary, d: DriverModel): string[] {
  const parts: string[] = [];
  const regions = [...s.regions].filter((i) => i !== 7).sort();
  if (regions.length) parts.push(`regions ${regions.map((i) => `${i}${d.roleOf(i) ? ` (${d.roleOf(i)})` : ''}`).join(', ')}`);
  const windows = s.windows.filter((w) => w.register !== undefined).map((w) => `\`${hex(w.register!)}\`–\`${hex(w.register! + (w.length ?? 4) - 1)}\``);
  if (windows.length) parts.push(`config registers ${[...new Set(windows)].join(', ')}`);
  else if (s.regions.has(7)) parts.push('config space');
  if (s.decodes) parts.push('device-fd or mmap offset decoding');
  if (s.ioctls.size) parts.push([...s.ioctls].map((i) => `\`${i}\``).join(', '));
  if (s.memFields.length) parts.push(`sets ${[...new Set(s.memFields.map((m) => `${m.role}.${m.field}`))].join(', ')}`);
  return parts;
}

export function opsFieldMarkdown(f: OpsFieldFact, d: DriverModel): string {
  const cb = f.callback;
  const head = `**.${f.field.field}** = \`${f.field.value.text.trim()}\``;
  if (f.kind === 'name') return `${head} — the ops name in logs`;
  if (f.kind === 'core') return `${head} — vfio-pci core${cb ? `: ${cb.handles}` : ''}`;
  if (f.kind === 'other' || !f.summary) return `${head}${cb ? ` — ${cb.handles}` : ' — not a vfio_device_ops callback vfio-lens knows'}`;
  const lines = [`${head} — overrides ${cb?.core ? `\`${cb.core}\`` : 'the callback'}${cb ? `: ${cb.handles}` : ''}`];
  const handles = summaryText(f.summary, d);
  if (handles.length) lines.push(`Handles here: ${handles.join('; ')}.`);
  const fallback = [...f.summary.coreCalls].filter((c) => VFIO_DEVICE_OPS.some((o) => o.core === c));
  if (fallback.length) lines.push(`Falls back to ${fallback.map((c) => `\`${c}\``).join(', ')}.`);
  return lines.join('\n');
}

export function opsTableMarkdown(t: OpsTableFact): string {
  const list = (xs: readonly { field: { field: string } }[]) => xs.map((x) => `\`${x.field.field}\``).join(', ') || 'none';
  const lines = [`**${t.table.name}** · \`struct vfio_device_ops\`${t.opsName !== undefined ? ` · "${t.opsName}"` : ''}`];
  lines.push(`- overrides: ${list(t.overrides)}`);
  lines.push(`- vfio-pci core: ${list(t.core)}`);
  if (t.unset.length) lines.push(`- not set: ${t.unset.map((c) => `\`${c.field}\``).join(', ')}`);
  return lines.join('\n');
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export function idEntryMarkdown(e: IdEntryFact): string {
  if (e.vendor === undefined || e.device === undefined) return `**Device-ID entry** — vendor or device is not a constant vfio-lens can evaluate`;
  const id = `${hex4(e.vendor)}:${hex4(e.device)}`;
  const lines = [e.known ? `**${id}** — ${e.known.name} (${e.known.family === 'GH' ? 'Grace Hopper' : 'Grace Blackwell'}), in nvgrace-gpu since ${e.known.since}${e.known.stableBackports ? ` (and ${e.known.stableBackports.join(', ')} stable updates)` : ''}` : `**${id}** — not a device vfio-lens knows${e.vendor === NVGRACE_DEVICE_IDS[0].vendor ? '' : ' (vfio-lens models NVIDIA Grace GPUs)'}`];
  if (e.overrideOnly) lines.push(`Binds only through \`driver_override\`: modules.alias line \`${modulesAlias(e.vendor, e.device)}\`, no autobind.`);
  else if (e.form !== 'other') lines.push(`Binds automatically (modules.alias \`${modulesAlias(e.vendor, e.device, 'pci')}\`): a VFIO driver would take the device from its host driver.`);
  return lines.join('\n');
}

export function acpiMarkdown(a: AcpiFact, p: ActiveProfile): string {
  if (!a.known) return `**"${a.str.value}"** — not a property the GPU firmware publishes in its _DSD`;
  const lines = [`**"${a.known.name}"** — _DSD device property: ${a.known.carries}`, `Read by ${a.known.readBy}.`];
  const value = a.known.name === ACPI_PROPERTIES.MEM_BASE ? p.memphys : a.known.name === ACPI_PROPERTIES.MEM_SIZE ? p.memlength : undefined;
  if (value !== undefined) lines.push(`${p.name}: \`${hex(value)}\` (${human(value)})`);
  return lines.join('\n');
}

export function memFieldValue(m: MemFieldFact, p: ActiveProfile): { value?: bigint; why?: string } {
  const r = profileRegion(p, m.role);
  if ('why' in r) return { why: r.why };
  const v = m.field === 'memphys' ? r.region.memphys : m.field === 'memlength' ? r.region.memlength : r.region.barSize;
  return { value: v };
}

export function memFieldMarkdown(m: MemFieldFact, p: ActiveProfile): string {
  const v = memFieldValue(m, p);
  const lines = [v.value !== undefined ? `**${m.role}.${m.field}** after probe: \`${hex(v.value)}\` (${human(v.value)})` : `**${m.role}.${m.field}** — ${v.why}`];
  lines.push(profileLine(p));
  // The value is the selected kernel's nvgrace-gpu, not an evaluation of the code on screen.
  lines.push(`As nvgrace-gpu of the selected kernel computes it; the arithmetic in this file is not evaluated.`);
  if (p.layout.ok || p.layout.steps.length) {
    lines.push('', ...p.layout.steps.map((s) => `- ${s.what}${s.value !== undefined ? ` \`${hex(s.value)}\` (${human(s.value)})` : ''}: ${s.why}`));
  }
  return lines.join('\n');
}

export function decodeMarkdown(x: DecodeFact, d: DriverModel, p: ActiveProfile): string {
  const n = x.amount;
  const pages = `${p.pageSize / 1024} KiB pages`;
  const roles = [...new Set([...d.roles.map((r) => r.index), ...(d.nvgraceLike ? Object.values(REGION_ROLES).map((r) => r.index) : [])])].sort();
  const starts = roles.map((i) => `region ${i}${d.roleOf(i) ? ` (${d.roleOf(i)})` : ''} at ${x.kind.startsWith('pgoff') ? 'vm_pgoff' : 'offset'} \`${hex(BigInt(i) << n)}\``);
  switch (x.kind) {
    case 'pgoff-index':
      return [`**VFIO region index from an mmap page offset**: \`${x.shift.left.text} >> ${n}\` (40 − PAGE_SHIFT, ${pages})`, starts.join(', ')].filter(Boolean).join('\n');
    case 'pgoff-offset':
      return `**Page offset within the region**: the low bits of the mmap page offset, masked by \`${hex(n)}\` (${pages})`;
    case 'fd-index':
      return [`**VFIO region index from a device-fd offset**: \`${x.shift.left.text} >> ${n}\``, starts.join(', ')].filter(Boolean).join('\n');
    case 'index-fd':
      return `**Device-fd offset of a region**: \`${x.shift.left.text} << ${n}\` (each region gets ${human(1n << n)})`;
  }
}
