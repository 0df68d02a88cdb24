// The VFIO device fd's offset space: region N starts at N << 40. Which regions
// nvgrace-gpu emulates, which the core passes through, and how much of its
// 1 TiB slot each fake BAR fills.
import type { FdRegion } from '../../../shared/layoutView';
import { Layout, PhysicalBars, SZ_1T, VFIO_REGIONS, hex, human, memregion, regionOffset } from '../model';
import { shares } from './scale';

function coreRegion(index: number, l: Layout, physical: PhysicalBars): Omit<FdRegion, 'index' | 'name' | 'offset'> {
  const known = physical.get(index);
  const size = known !== undefined ? `, typically ${human(known)}` : '';
  switch (index) {
    case 0:
      return { kind: 'physical', emulated: false, overflows: false, note: `physical BAR0 (registers), passed through by vfio-pci core${size}` };
    case 1:
    case 3:
    case 5:
      return { kind: 'upper-half', emulated: false, overflows: false, note: `upper half of the 64-bit BAR${index - 1}: size 0` };
    case 2:
      return {
        kind: 'physical',
        emulated: false,
        overflows: false,
        note: l.ok ? `physical BAR at config 0x18 (no resmem without the MIG hardware bug)${size}` : 'physical BAR2: the driver fell back to core ops',
      };
    case 4:
      return { kind: 'physical', emulated: false, overflows: false, note: 'physical BAR4: the driver fell back to core ops' };
    case 6:
      return { kind: 'core', emulated: false, overflows: false, note: 'expansion ROM, vfio-pci core' };
    case 7:
      return {
        kind: 'core',
        emulated: false,
        overflows: false,
        note: l.ok ? 'config space: vfio-pci core, with nvgrace-gpu emulating the fake BAR registers' : 'config space: vfio-pci core',
      };
    default:
      return { kind: 'core', emulated: false, overflows: false, note: 'VGA, vfio-pci core (absent for a 3D controller)' };
  }
}

/**
 * Regions 0–8 (VFIO_PCI_NUM_REGIONS); nvgrace-gpu registers no device-specific
 * regions. Empty when probe fails: there is no device fd at all.
 */
export function fdRegions(l: Layout, physical: PhysicalBars): FdRegion[] {
  if (!l.ok && l.error !== 'ENOMEM') return [];
  return VFIO_REGIONS.map((r): FdRegion => {
    const base = { index: r.index, name: r.name, offset: hex(regionOffset(r.index)) };
    const region = l.ok ? memregion(l, r.index) : null;
    if (!region) return { ...base, ...coreRegion(r.index, l, physical) };
    const overflows = region.barSize > SZ_1T;
    const fill = overflows ? { scale: 'linear' as const, drawn: [1000, 0] } : shares([region.barSize, SZ_1T - region.barSize]);
    return {
      ...base,
      kind: region.role,
      emulated: true,
      size: hex(region.barSize),
      fill: fill.drawn[0],
      scale: fill.scale,
      overflows,
      note: overflows
        ? `${region.role}: BAR size ${human(region.barSize)} is larger than the 1 TiB slot: offsets past 2^40 land in region ${r.index + 1}`
        : `${region.role}, emulated by nvgrace-gpu: ${human(region.barSize)} of the 1 TiB slot`,
    };
  });
}
