// Whether the chosen kernel's nvgrace-gpu binds a device: its ID table gained
// the GPUs one release at a time, and one (GB300) also went to an older
// stable series, where only some point releases carry it.
import { DeviceIdEntry, NVGRACE_DEVICE_IDS } from './constants';
import type { Kernel } from './kernel';
import { atLeast } from './kernel';
import type { SkuPreset } from './presets';

/** 'listed': the kernel binds it; 'stable-backport': only stable updates of that series do. */
export type IdTableSupport = 'listed' | 'stable-backport' | 'missing';

export function idTableSupport(entry: DeviceIdEntry, k: Pick<Kernel, 'major' | 'minor'>): IdTableSupport {
  if (atLeast(k, entry.since)) return 'listed';
  const series = `${k.major}.${k.minor}`;
  return entry.stableBackports?.includes(series) ? 'stable-backport' : 'missing';
}

/**
 * The modules.alias pattern of an ID entry: `vfio_pci:` for an override-only one
 * (PCI_DRIVER_OVERRIDE_DEVICE_VFIO), `pci:` for one that binds automatically.
 */
export function modulesAlias(vendor: number, device: number, bus: 'vfio_pci' | 'pci' = 'vfio_pci'): string {
  const h = (x: number) => x.toString(16).toUpperCase().padStart(8, '0');
  return `${bus}:v${h(vendor)}d${h(device)}sv*sd*bc*sc*i*`;
}

/**
 * The NVG011 finding for a device on a kernel whose ID table may lack it:
 * an error when the series never had it, a warning when only its stable
 * updates do. Undefined when the kernel lists it. The table decides
 * modules.alias (what libvirt reads to pick a variant driver), not whether
 * an explicit driver_override binds: an override matches any device.
 */
export function idTableFinding(entry: DeviceIdEntry, k: Kernel): { severity: 'error' | 'warning'; message: string } | undefined {
  const name = `${entry.name} (10de:${entry.device.toString(16)})`;
  const without = `libvirt (which picks the variant driver from modules.alias) gives it plain vfio-pci; only an explicit driver_override binds nvgrace-gpu (an override matches any device)`;
  switch (idTableSupport(entry, k)) {
    case 'listed':
      return undefined;
    case 'stable-backport':
      return {
        severity: 'warning',
        message: `${name} entered nvgrace-gpu's ID table in ${entry.since} and in ${k.major}.${k.minor} stable updates: a ${k.major}.${k.minor}.y lists it only with the backport (modules.alias ${modulesAlias(entry.vendor, entry.device)}); without it, ${without}`,
      };
    case 'missing':
      return { severity: 'error', message: `${name} is not in kernel ${k.version}'s nvgrace-gpu ID table (added in ${entry.since}): modules.alias has no line for it, so ${without}` };
  }
}

export interface PresetKernelNote {
  readonly severity: 'error' | 'warning';
  readonly code: 'NOT_IN_ID_TABLE' | 'GB_ON_OLD_DRIVER';
  readonly message: string;
}

/** A SKU preset on the chosen kernel: an ID the table lacks (NVG011), Grace Blackwell on a driver that always carves (NVG012). */
export function presetKernelNotes(preset: SkuPreset, k: Kernel): PresetKernelNote[] {
  const notes: PresetKernelNote[] = [];
  const id = NVGRACE_DEVICE_IDS.find((e) => e.device === preset.deviceId);
  const unbound = id ? idTableFinding(id, k) : undefined;
  if (unbound) notes.push({ ...unbound, code: 'NOT_IN_ID_TABLE' });
  if (preset.family === 'GB' && k.generation === 'split-always') {
    notes.push({ severity: 'warning', code: 'GB_ON_OLD_DRIVER', message: `a driver before 6.14 always carves 1 GiB of resmem, which is wrong for Grace Blackwell (no MIG hardware bug): the layout shown is what such a driver would do if bound with driver_override` });
  }
  return notes;
}
