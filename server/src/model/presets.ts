// Typical device-memory sizes for the known SKUs (BAR0: 16 MiB as a GH200
// host's lspci shows it; the Blackwell physical BARs are not known here). Typical, not authoritative:
// the firmware's _DSD value on the host is what the driver uses.
import { GpuFamily, SZ_1G, SZ_1M } from './constants';

export interface SkuPreset {
  readonly id: string;
  readonly label: string;
  readonly family: GpuFamily;
  /** PCI device ID as it appears in the kernel's table. */
  readonly deviceId: number;
  readonly memphys: bigint;
  readonly memlength: bigint;
  /** Grace Hopper has the MIG hardware bug; Grace Blackwell sets the DVSEC bit. */
  readonly migHwBug: boolean;
  /** Physical 64-bit BARs the guest also sees, by VFIO region index (typical sizes). */
  readonly physicalBars: PhysicalBars;
  readonly note: string;
}

/** Physical BAR sizes by VFIO region index. */
export type PhysicalBars = ReadonlyMap<number, bigint>;
export const NO_PHYSICAL_BARS: PhysicalBars = new Map();

const BASE = 0x4000_0000_0000n;
/** BAR0, the registers: 16 MiB on every Grace GPU's host lspci. */
const BAR0_ONLY: PhysicalBars = new Map([[0, 16n * SZ_1M]]);

export const SKU_PRESETS: readonly SkuPreset[] = [
  { id: 'gh200-96gb', label: 'GH200 96 GB', family: 'GH', deviceId: 0x2342, memphys: BASE, memlength: 96n * SZ_1G, migHwBug: true, physicalBars: BAR0_ONLY, note: 'HBM3; 96 GiB as reported by a typical _DSD' },
  { id: 'gh200-144gb', label: 'GH200 144 GB', family: 'GH', deviceId: 0x2348, memphys: BASE, memlength: 144n * SZ_1G, migHwBug: true, physicalBars: BAR0_ONLY, note: 'HBM3e; usable size on a host is usually a little smaller' },
  { id: 'gb200', label: 'GB200', family: 'GB', deviceId: 0x2941, memphys: BASE, memlength: 186n * SZ_1G, migHwBug: false, physicalBars: BAR0_ONLY, note: 'HBM3e, ≈186 GiB per GPU' },
  { id: 'gb300', label: 'GB300', family: 'GB', deviceId: 0x31c2, memphys: BASE, memlength: 288n * SZ_1G, migHwBug: false, physicalBars: BAR0_ONLY, note: 'HBM3e, 288 GiB per GPU' },
];

export function findPreset(id: string): SkuPreset | undefined {
  return SKU_PRESETS.find((p) => p.id === id.toLowerCase());
}
