// The guest's BAR registers 0x10–0x27, dword by dword: who answers each one
// (nvgrace-gpu's emulation or vfio-pci core), what a read returns now, and
// what the all-ones sizing probe reads back.
import type { ConfigRegister } from '../../../shared/layoutView';
import { ConfigReadResult, EmulatedDevice, Layout, PCI, hex, memregion, sizingReadBack } from '../model';

interface Dword {
  readonly offset: number;
  readonly bar: string;
  readonly half: 'low' | 'high';
}

/** The three 64-bit BARs of a Grace GPU, as dwords in config space. */
export const BAR_DWORDS: readonly Dword[] = [
  { offset: PCI.BASE_ADDRESS_0, bar: 'BAR0', half: 'low' },
  { offset: PCI.BASE_ADDRESS_1, bar: 'BAR0', half: 'high' },
  { offset: PCI.BASE_ADDRESS_2, bar: 'BAR2', half: 'low' },
  { offset: PCI.BASE_ADDRESS_3, bar: 'BAR2', half: 'high' },
  { offset: PCI.BASE_ADDRESS_4, bar: 'BAR4', half: 'low' },
  { offset: PCI.BASE_ADDRESS_5, bar: 'BAR4', half: 'high' },
];

const DWORD_MASK = 0xffff_ffffn;

/** "0xc: memory, 64-bit, prefetchable" from the low four bits of a BAR's low dword. */
export function barFlagsText(lowDword: bigint): string {
  const low = Number(lowDword & 0xfn);
  if (low & PCI.BASE_ADDRESS_SPACE_IO) return `${hex(low)}: I/O space`;
  const type = (low >> 1) & 0x3;
  const parts = ['memory', type === PCI.BASE_ADDRESS_MEM_TYPE_64 >> 1 ? '64-bit' : type === 0 ? '32-bit' : 'reserved type', low & PCI.BASE_ADDRESS_MEM_PREFETCH ? 'prefetchable' : 'non-prefetchable'];
  return `${hex(low)}: ${parts.join(', ')}`;
}

function coreNote(l: Layout | null, d: Dword): string {
  if (!l || !l.ok) return 'vfio-pci core: the driver fell back to plain vfio-pci ops, no BAR is emulated';
  if (d.bar === 'BAR0') return 'vfio-pci core: the physical BAR0, virtualized by the core';
  return 'vfio-pci core: the physical BAR2 (no resmem without the MIG hardware bug, so 0x18–0x1F is not emulated)';
}

/** Reads do not change the device: the stored values stay as they are. */
function readDword(device: EmulatedDevice, offset: number): ConfigReadResult {
  const r = device.apply({ op: 'configRead', offset, width: 4 });
  return r.op === 'configRead' ? r.result : { emulated: false };
}

/**
 * The six dwords as a guest reads them from `device` (its stored BAR values);
 * `layout` null or failed means no emulation at all.
 */
export function configRegisters(layout: Layout | null, device: EmulatedDevice | null): ConfigRegister[] {
  return BAR_DWORDS.map((d): ConfigRegister => {
    const base = { offset: d.offset, bar: d.bar, half: d.half };
    const read = layout?.ok && device ? readDword(device, d.offset) : { emulated: false as const };
    if (!read.emulated || !layout?.ok || !device) return { ...base, owner: 'core', emulated: false, note: coreNote(layout, d) };
    const region = memregion(layout, read.regionIndex)!;
    const shift = d.half === 'low' ? 0n : 32n;
    const sizing = (sizingReadBack(region.barSize) >> shift) & DWORD_MASK;
    return {
      ...base,
      owner: region.role,
      emulated: true,
      value: hex(read.value),
      stored: hex((device.stored(read.regionIndex) >> shift) & DWORD_MASK),
      ...(d.half === 'low' ? { flags: barFlagsText(read.value) } : {}),
      sizingReadBack: hex(sizing),
      note:
        d.half === 'low'
          ? `nvgrace-gpu: ${region.role} BAR, reads (stored & ~(BAR size − 1)) | 0xC`
          : `nvgrace-gpu: high dword of the ${region.role} BAR`,
    };
  });
}
