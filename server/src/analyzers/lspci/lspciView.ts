// How to read one device of an lspci dump: is it a Grace GPU, is this the
// host's view (physical BARs) or a guest's (nvgrace-gpu's fake BARs), which
// profile predicts it, and — when a fake BAR has the wrong size — why.
import type { AnalysisContext } from '../../analysis';
import { DeviceIdEntry, GpuFamily, Kernel, Layout, NVGRACE, NVGRACE_DEVICE_IDS, PCI, RegionRole, SKU_PRESETS, human, kernel as kernelNamed, layout } from '../../model';
import { ResolvedDevice, presetDevice } from '../../profiles/activeProfile';
import type { LspciDevice } from './lspciParse';

export interface GraceGpu {
  readonly family?: GpuFamily;
  readonly entry?: DeviceIdEntry;
  readonly label: string;
}

/** Marketing names lspci's ID database prints (when the dump has no numeric IDs). */
const NAME_HINTS: ReadonlyArray<[RegExp, GpuFamily]> = [
  [/\bGH\s?(?:100|200)\b/i, 'GH'],
  [/\bGB\s?(?:100|102|110|200|300)\b/i, 'GB'],
];

export function graceGpu(d: LspciDevice): GraceGpu | undefined {
  if (d.vendorId === PCI.VENDOR_ID_NVIDIA && d.deviceId !== undefined) {
    const entry = NVGRACE_DEVICE_IDS.find((e) => e.device === d.deviceId);
    if (entry) return { family: entry.family, entry, label: `10de:${entry.device.toString(16)} (${entry.name} in the driver's ID table)` };
  }
  if (d.vendorId !== undefined && d.vendorId !== PCI.VENDOR_ID_NVIDIA) return undefined;
  const hint = NAME_HINTS.find(([re]) => re.test(d.description));
  return hint ? { family: hint[1], label: `${hint[1] === 'GH' ? 'Grace Hopper' : 'Grace Blackwell'} by its name` } : undefined;
}

export const driverName = (name: string) => name.replace(/-/g, '_');

export type Side = 'host' | 'guest';

/**
 * Host: a VFIO driver holds the device, or its PCI domain is not 0 (Grace
 * hosts put GPUs in domains such as 0009; QEMU's virt machine has one
 * segment). Otherwise a guest, whose fake BARs can be checked.
 */
export function sideOf(d: LspciDevice): { side: Side; why: string } {
  const drv = d.driver ? driverName(d.driver.name) : undefined;
  if (drv === NVGRACE.PCI_DRIVER_NAME || drv === 'vfio_pci') return { side: 'host', why: `bound to ${d.driver!.name}: this is the host` };
  if (d.domain && d.domain !== '0000') return { side: 'host', why: `PCI domain ${d.domain}: a host address (QEMU's virt guest has one segment, 0000)` };
  return { side: 'guest', why: `${d.domain ? 'domain 0000' : 'no PCI domain shown'}${d.driver ? `, driver ${d.driver.name}` : ''}: read as a guest's view` };
}

const familyName = (f: GpuFamily) => (f === 'GH' ? 'Grace Hopper' : 'Grace Blackwell');

/**
 * The profile that predicts this device: the one with its BDF; else the
 * active device, unless the dump shows a GPU of the other family — then the
 * preset for its ID (typical values) is the better guess.
 */
export function predictor(d: LspciDevice, gpu: GraceGpu, ctx: AnalysisContext): { device: ResolvedDevice; why: string } {
  const byBdf = ctx.profiles.findByBdf(d.bdf);
  if (byBdf) return { device: byBdf, why: `profile "${byBdf.name}" (same PCI address)` };
  const active = ctx.profile;
  if (!gpu.family || (gpu.family === 'GH') === active.migHwBug) return { device: active, why: `the active device "${active.name}"` };
  const preset = SKU_PRESETS.find((p) => p.deviceId === gpu.entry?.device) ?? SKU_PRESETS.find((p) => p.family === gpu.family)!;
  return {
    device: presetDevice(preset, { kernel: active.kernel.requested, pageSize: active.pageSize }),
    why: `the ${preset.label} preset (typical values; the active device "${active.name}" is not ${familyName(gpu.family)})`,
  };
}

export type RegionKind = RegionRole | 'physical' | 'upper-half';

/** What a VFIO region index is in the VM, for this layout. */
export function regionKind(index: number, l: Layout): RegionKind {
  if (!l.ok) return index % 2 === 1 ? 'upper-half' : 'physical';
  if (index === NVGRACE.USEMEM_REGION_INDEX) return 'usemem';
  if (index === NVGRACE.RESMEM_REGION_INDEX && l.resmem) return 'resmem';
  // BAR1/3/5 are the upper dwords of 64-bit BARs: lspci never lists them on their own.
  return index % 2 === 1 ? 'upper-half' : 'physical';
}

export function fakeBarSize(role: RegionRole, l: Layout): bigint | undefined {
  if (!l.ok) return undefined;
  return role === 'usemem' ? l.usemem.barSize : l.resmem?.barSize;
}

function otherGeneration(k: Kernel): Kernel {
  return kernelNamed(k.generation === 'split-always' ? '6.14' : '6.13');
}

/** Reasons a guest's fake BAR of `seen` bytes differs from `p`'s prediction, most specific first. */
export function likelyCauses(seen: bigint, role: RegionRole, p: ResolvedDevice, gpu: GraceGpu, ctx: AnalysisContext): string[] {
  const causes: string[] = [];
  const size = (l: Layout) => fakeBarSize(role, l);
  const other = otherGeneration(p.kernel);
  if (size(layout(other, p.memphys, p.memlength, p.migHwBug)) === seen) {
    causes.push(`wrong kernel generation: the host's driver follows ${other.generation === 'split-always' ? '6.9–6.13' : '6.14+'} rules, which give ${human(seen)} for this device memory`);
  }
  if (p.kernel.generation === 'mig-aware' && size(layout(p.kernel, p.memphys, p.memlength, !p.migHwBug)) === seen) {
    causes.push(`MIG hardware bug: a device ${p.migHwBug ? 'without' : 'with'} it (${p.migHwBug ? 'Grace Blackwell' : 'Grace Hopper'}) gets ${human(seen)}`);
  }
  if (gpu.family && (gpu.family === 'GH') !== p.migHwBug && p.kernel.generation === 'mig-aware') {
    causes.push(`wrong profile: this GPU is ${familyName(gpu.family)} (${gpu.label}), the profile models a device ${p.migHwBug ? 'with' : 'without'} the MIG bug`);
  }
  const others = [...ctx.profiles.devices, ...presetsOf(ctx)].filter((d) => d !== p && d.name !== p.name && size(d.layout) === seen);
  if (others.length) causes.push(`wrong profile: ${others.slice(0, 3).map((d) => `"${d.name}"`).join(', ')} predict${others.length === 1 ? 's' : ''} ${human(seen)}`);
  if (role === 'usemem' && seen < p.memlength / 2n) {
    causes.push('no fake BAR at all: the host bound plain vfio-pci, or nvgrace-gpu fell back (no or zero _DSD memory size), so the guest sees the physical BARs');
  }
  if (!causes.length) causes.push('wrong device or wrong profile: no profile, kernel generation or MIG setting vfio-lens knows gives this size');
  return causes;
}

function presetsOf(ctx: AnalysisContext): ResolvedDevice[] {
  return SKU_PRESETS.map((p) => presetDevice(p, ctx.settings));
}
