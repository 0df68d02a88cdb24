// The nvgrace-gpu device-memory split: what the driver computes at probe from
// the ACPI base/size, per kernel generation, with errors in the driver's order.
import { NVGRACE, REGION_ROLES, RegionRole, U64_MAX, VFIO } from './constants';
import { Kernel } from './kernel';
import { hex, human } from './units';
import { isU64, roundDown, roundupPowerOfTwo } from './u64';

export interface MemRegion {
  readonly role: RegionRole;
  /** Host physical base of the backing memory. */
  readonly memphys: bigint;
  /** Bytes of device memory behind the BAR (the mmappable part). */
  readonly memlength: bigint;
  /** Power-of-two BAR size reported to userspace. */
  readonly barSize: bigint;
  readonly regionIndex: number;
  /** Offset of the region in the VFIO device fd: index << 40. */
  readonly regionOffset: bigint;
}

/**
 * ENOMEM: size 0 (C2C link down) — the driver falls back to plain vfio-pci ops.
 * EOVERFLOW / EINVAL: probe fails.
 * EBARSIZE: ours — the driver would round a length above 2^63 up to a power
 * of two, which is undefined for a 64-bit value.
 */
export type LayoutErrorCode = 'ENOMEM' | 'EOVERFLOW' | 'EINVAL' | 'EBARSIZE';

/** One step of the computation, for derivation trails in hovers and the CLI. */
export interface LayoutStep {
  readonly what: string;
  readonly value?: bigint;
  readonly why: string;
}

export interface LayoutInput {
  readonly kernel: Kernel;
  readonly memphys: bigint;
  readonly memlength: bigint;
  /** MIG hardware bug (Grace Hopper). Ignored before 6.14: those kernels always split. */
  readonly migHwBug: boolean;
}

export interface LayoutOk {
  readonly ok: true;
  readonly input: LayoutInput;
  /** Whether the driver carved resmem (always true before 6.14). */
  readonly split: boolean;
  readonly usemem: MemRegion;
  readonly resmem: MemRegion | null;
  readonly steps: readonly LayoutStep[];
}

export interface LayoutError {
  readonly ok: false;
  readonly input: LayoutInput;
  readonly error: LayoutErrorCode;
  readonly message: string;
  readonly steps: readonly LayoutStep[];
}

export type Layout = LayoutOk | LayoutError;

const POW2_LIMIT = 1n << 63n;

function region(role: RegionRole, memphys: bigint, memlength: bigint, barSize: bigint): MemRegion {
  const regionIndex = REGION_ROLES[role].index;
  return { role, memphys, memlength, barSize, regionIndex, regionOffset: BigInt(regionIndex) << VFIO.PCI_OFFSET_SHIFT };
}

export function layout(kernel: Kernel, memphys: bigint, memlength: bigint, migHwBug: boolean): Layout {
  if (!isU64(memphys) || !isU64(memlength)) {
    throw new RangeError('memphys and memlength are u64 ACPI properties; validate input before calling layout()');
  }
  const input: LayoutInput = { kernel, memphys, memlength, migHwBug };
  const steps: LayoutStep[] = [];
  const fail = (error: LayoutErrorCode, message: string): LayoutError => ({ ok: false, input, error, message, steps });

  if (memlength === 0n) {
    return fail('ENOMEM', 'nvidia,gpu-mem-size is 0 (firmware reports 0 when the C2C link is down): the driver falls back to plain vfio-pci ops — no fake BARs, no device memory for the VM');
  }

  const split = kernel.generation === 'split-always' || migHwBug;
  const resmemSize = split ? NVGRACE.RESMEM_SIZE : 0n;
  steps.push({
    what: 'resmem carve-out',
    value: resmemSize,
    why: kernel.generation === 'split-always'
      ? 'kernels before 6.14 always carve 1 GiB'
      : migHwBug ? 'MIG hardware bug present (no DVSEC bit): carve 1 GiB' : 'no MIG hardware bug (DVSEC bit set): no carve-out',
  });

  if (memlength < resmemSize) {
    return fail('EOVERFLOW', `device memory ${human(memlength)} is smaller than the 1 GiB resmem carve-out: the subtraction underflows and probe fails with -EOVERFLOW`);
  }
  const unrounded = memlength - resmemSize;

  // 6.14+ sizes the usemem BAR before rounding down to the memblock size.
  let usememBar: bigint | undefined;
  if (kernel.generation === 'mig-aware') {
    if (unrounded > POW2_LIMIT) {
      return fail('EBARSIZE', `usemem length ${hex(unrounded)} exceeds 2^63: its power-of-two round-up does not fit in 64 bits`);
    }
    usememBar = roundupPowerOfTwo(unrounded);
    steps.push({ what: 'usemem BAR size', value: usememBar, why: `roundup_pow_of_two(${hex(unrounded)}), before the 512 MiB round-down (6.14+)` });
    if (!split) {
      steps.push({ what: 'usemem length', value: memlength, why: 'whole device memory, not rounded' });
      return { ok: true, input, split, usemem: region('usemem', memphys, memlength, usememBar), resmem: null, steps };
    }
  }

  const usememLength = roundDown(unrounded, NVGRACE.MEMBLK_SIZE);
  steps.push({ what: 'usemem length', value: usememLength, why: `round_down(${hex(memlength)} − 1 GiB, 512 MiB)` });
  if (usememLength === 0n) {
    return fail('EINVAL', `usemem rounds down to 0: ${human(memlength)} minus the 1 GiB carve-out is below the 512 MiB memblock, probe fails with -EINVAL`);
  }

  const resmemPhys = memphys + usememLength;
  if (resmemPhys > U64_MAX) {
    return fail('EOVERFLOW', `resmem base ${hex(memphys)} + ${hex(usememLength)} wraps past 2^64: probe fails with -EOVERFLOW`);
  }
  const resmemLength = memlength - usememLength;
  steps.push({ what: 'resmem base', value: resmemPhys, why: 'memphys + usemem length' });
  steps.push({ what: 'resmem length', value: resmemLength, why: 'device memory − usemem length (1 GiB + what the round-down moved)' });

  if (usememBar === undefined) {
    if (usememLength > POW2_LIMIT) {
      return fail('EBARSIZE', `usemem length ${hex(usememLength)} exceeds 2^63: its power-of-two round-up does not fit in 64 bits`);
    }
    usememBar = roundupPowerOfTwo(usememLength);
    steps.push({ what: 'usemem BAR size', value: usememBar, why: `roundup_pow_of_two(${hex(usememLength)}), after the 512 MiB round-down (6.9–6.13)` });
  }
  const resmemBar = roundupPowerOfTwo(resmemLength);
  steps.push({ what: 'resmem BAR size', value: resmemBar, why: `roundup_pow_of_two(${hex(resmemLength)})` });

  return {
    ok: true,
    input,
    split,
    usemem: region('usemem', memphys, usememLength, usememBar),
    resmem: region('resmem', resmemPhys, resmemLength, resmemBar),
    steps,
  };
}

/** The region nvgrace-gpu emulates at a VFIO index, like the driver's memregion lookup. */
export function memregion(l: LayoutOk, index: number): MemRegion | null {
  if (index === NVGRACE.USEMEM_REGION_INDEX) return l.usemem;
  if (index === NVGRACE.RESMEM_REGION_INDEX) return l.resmem;
  return null;
}

export function regions(l: LayoutOk): MemRegion[] {
  return l.resmem ? [l.resmem, l.usemem] : [l.usemem];
}

/** BAR bytes past the device memory: they read 0xFF and drop writes, and cannot be mmapped. */
export function padding(r: MemRegion): bigint {
  return r.barSize - r.memlength;
}
