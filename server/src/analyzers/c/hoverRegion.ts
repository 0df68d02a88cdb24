// Hover text about VFIO regions and the config registers that mirror them:
// what the region is, the role the driver gives it, and what the active
// device profile makes of it (device memory, BAR size, padding, reads).
import {
  BAR_REGISTER_FLAGS_TEXT,
  EMULATED_WINDOWS,
  LayoutOk,
  MemRegion,
  NVGRACE,
  REGION_ROLES,
  VFIO_REGIONS,
  hex,
  human,
  regionOffset,
} from '../../model';
import type { ActiveProfile } from '../../profiles/activeProfile';
import type { DriverModel, WindowFact } from './driver';
import { paddingText, profileLine, regionRange } from './format';
import { registerTable } from '../barRegisterMarkdown';

type Role = keyof typeof REGION_ROLES;
const isModelRole = (r: string | undefined): r is Role => r === 'usemem' || r === 'resmem';

function regName(offset: number): string {
  const i = VFIO_REGIONS.findIndex((r) => r.configOffset === offset);
  return i < 0 ? '' : i === 6 ? 'PCI_ROM_ADDRESS' : `PCI_BASE_ADDRESS_${i}`;
}

/** The model's region for a role, or why there is none for this profile. */
export function profileRegion(p: ActiveProfile, role: Role): { region: MemRegion; layout: LayoutOk } | { why: string } {
  const l = p.layout;
  if (!l.ok) {
    return { why: l.error === 'ENOMEM' ? `${p.name}: the driver falls back to plain vfio-pci (size 0, ENOMEM): no emulated BARs` : `${p.name}: probe fails with ${l.error}: ${l.message}` };
  }
  const region = role === 'usemem' ? l.usemem : l.resmem;
  if (!region) return { why: `no resmem on ${p.name}: no MIG hardware bug, nothing is carved and region ${NVGRACE.RESMEM_REGION_INDEX} is the physical BAR (vfio-pci core)` };
  return { region, layout: l };
}

function profileBlock(p: ActiveProfile, role: Role): string[] {
  const r = profileRegion(p, role);
  if ('why' in r) return ['', `${profileLine(p)}: ${r.why}`];
  return [
    '',
    `${profileLine(p)}:`,
    `- device memory ${regionRange(r.region)}`,
    `- BAR size \`${hex(r.region.barSize)}\` (${human(r.region.barSize)}), ${paddingText(r.region)}`,
  ];
}

export function regionMarkdown(index: number, d: DriverModel, p: ActiveProfile): string {
  const r = VFIO_REGIONS[index];
  const lines = [`**VFIO region ${index} · ${r.name}** · fd offset \`${hex(regionOffset(index))}\``];
  const role = d.roleOf(index);
  const below = index > 0 ? d.roleOf(index - 1) : undefined;
  if (r.configOffset !== undefined && index < 6) {
    if (role && index % 2 === 0 && d.is64(role)) {
      lines.push(`- config register \`${hex(r.configOffset)}\` (${regName(r.configOffset)}), lower half of a 64-bit BAR; ${VFIO_REGIONS[index + 1]?.name ?? 'no next BAR'} (\`${hex(r.configOffset + 4)}\`) holds the upper half`);
    } else if (index % 2 === 1 && below && d.is64(below)) {
      lines.push(`- config register \`${hex(r.configOffset)}\` (${regName(r.configOffset)}): upper half of ${VFIO_REGIONS[index - 1].name}'s 64-bit BAR; vfio-pci core reports this region with size 0`);
    } else {
      lines.push(`- config register \`${hex(r.configOffset)}\` (${regName(r.configOffset)})`);
    }
  } else if (index === 6) {
    lines.push(`- expansion ROM, register \`${hex(r.configOffset ?? 0)}\``);
  } else if (index === 7) {
    lines.push(`- PCI config space${d.nvgraceLike ? '; nvgrace-gpu emulates the BAR2/BAR4 registers `0x18`–`0x27` in it' : ''}`);
  } else if (index === 8) {
    lines.push('- legacy VGA ranges (absent for a 3D controller)');
  }
  if (isModelRole(role)) {
    const model = REGION_ROLES[role];
    const moved = model.index !== index ? ` (nvgrace-gpu puts it at region ${model.index})` : '';
    lines.push(`- role: **${role}**, ${model.what}${moved}, mmap ${model.cache === 'wb' ? 'write-back' : 'write-combine'}`);
    lines.push(...profileBlock(p, role));
  } else if (role) {
    lines.push(`- role in this driver: **${role}**`);
  }
  return lines.join('\n');
}

/** The role whose register the driver's code answers at `register` (the paired region wins). */
function windowRole(w: WindowFact, d: DriverModel): Role | undefined {
  if (w.paired) {
    const r = w.paired.role ?? d.roleOf(w.paired.index);
    return isModelRole(r) ? r : undefined;
  }
  if (!d.nvgraceLike || w.register === undefined) return undefined;
  const owner = EMULATED_WINDOWS.find((x) => w.register! >= x.start && w.register! < x.start + 8);
  return owner ? (Object.keys(REGION_ROLES) as Role[]).find((k) => REGION_ROLES[k].index === owner.regionIndex) : undefined;
}

export function windowMarkdown(w: WindowFact, d: DriverModel, p: ActiveProfile): string {
  if (w.register === undefined || w.length === undefined) {
    const why = !w.registerEval.result.ok ? w.registerEval.result.why : !w.lengthEval.result.ok ? w.lengthEval.result.why : '';
    return `**Config-window check** — the register window is not a constant vfio-lens can evaluate: ${why}`;
  }
  const last = w.register + w.length - 1;
  const bar = VFIO_REGIONS.findIndex((r) => r.configOffset !== undefined && w.register! >= r.configOffset && w.register! < r.configOffset + 4);
  const what = bar >= 0 && bar < 6 ? `${VFIO_REGIONS[bar].name}${w.length === 8 ? ' as a 64-bit BAR' : ''}` : bar === 6 ? 'the ROM BAR' : 'not a BAR register';
  const lines = [`**Config-window check** — register window \`${hex(w.register)}\`–\`${hex(last)}\` (${w.length} bytes): ${what}`];
  const pairedRole = w.paired ? w.paired.role ?? d.roleOf(w.paired.index) : undefined;
  if (w.paired) lines.push(`This branch answers for region ${w.paired.index} (${VFIO_REGIONS[w.paired.index].name}${pairedRole ? `, ${pairedRole}` : ''}).`);
  const role = windowRole(w, d);
  if (!role) {
    if (!d.nvgraceLike) lines.push('', 'vfio-lens models the register values of nvgrace-gpu’s emulated BARs only.');
    return lines.join('\n');
  }
  const r = profileRegion(p, role);
  if ('why' in r) {
    lines.push('', `${profileLine(p)}: ${r.why}`);
    return lines.join('\n');
  }
  const base = VFIO_REGIONS[r.region.regionIndex].configOffset ?? w.register;
  const regBase = bar >= 0 ? VFIO_REGIONS[bar - (bar % 2)].configOffset ?? base : base;
  const first = Math.max(0, Math.floor((w.register - regBase) / 4));
  const count = Math.max(1, Math.min(2 - first, Math.ceil(w.length / 4)));
  lines.push('', `${profileLine(p)} — ${role} BAR size \`${hex(r.region.barSize)}\` (${human(r.region.barSize)}):`, '');
  lines.push(...registerTable(r.region.barSize, first, count, regBase));
  lines.push('', `read = (stored & ~(BAR size − 1)) | 0xc (${BAR_REGISTER_FLAGS_TEXT})`);
  return lines.join('\n');
}
