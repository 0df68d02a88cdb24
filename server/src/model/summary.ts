// One row per emulated BAR with everything a person asks about it; the CLI
// table, hovers and the layout view all render these rows.
import { NVGRACE, PCI, PMD_SIZE, REGION_ROLES, RegionRole, SZ_1T, SZ_4K, VFIO_REGIONS } from './constants';
import { sizingReadBack } from './configSpace';
import { KERNEL_CHANGES, Kernel, atLeast, faultMappedMmap, readinessTimeoutIgnored } from './kernel';
import { LayoutOk, MemRegion, padding, regions } from './layout';
import type { PageSize } from './regionAccess';
import { hex, human } from './units';

export interface BarRow {
  readonly role: RegionRole;
  readonly bar: string;
  readonly regionIndex: number;
  readonly regionOffset: bigint;
  /** Config-space offset of the low dword of the emulated BAR register. */
  readonly configOffset: number;
  readonly memphys: bigint;
  readonly memlength: bigint;
  readonly barSize: bigint;
  readonly padding: bigint;
  /** Padding in tenths of a percent of the BAR, rounded to nearest. */
  readonly paddingPermille: number;
  readonly cache: 'wb' | 'wc';
  /** Value read back after writing all ones to both dwords. */
  readonly sizingReadBack: bigint;
  readonly sizingLow: bigint;
  readonly sizingHigh: bigint;
}

export function barRow(r: MemRegion): BarRow {
  const back = sizingReadBack(r.barSize);
  const pad = padding(r);
  return {
    role: r.role,
    bar: VFIO_REGIONS[r.regionIndex].name,
    regionIndex: r.regionIndex,
    regionOffset: r.regionOffset,
    configOffset: VFIO_REGIONS[r.regionIndex].configOffset ?? 0,
    memphys: r.memphys,
    memlength: r.memlength,
    barSize: r.barSize,
    padding: pad,
    paddingPermille: Number((pad * 1000n + r.barSize / 2n) / r.barSize),
    cache: REGION_ROLES[r.role].cache,
    sizingReadBack: back,
    sizingLow: back & 0xffff_ffffn,
    sizingHigh: back >> 32n,
  };
}

export function barRows(l: LayoutOk): BarRow[] {
  return regions(l).map(barRow);
}

/** Facts about a layout that the driver does not check but a person should know. */
export interface LayoutNote {
  readonly code: 'ROUNDED_INTO_RESMEM' | 'MOSTLY_PADDING' | 'REGION_OVER_1TIB' | 'END_WRAPS' | 'PHYS_OVER_52BIT' | 'UNALIGNED_BASE' | 'UNALIGNED_SIZE' | 'NO_HUGE_FAULTS';
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly amount?: bigint;
}

const U64_LIMIT = 1n << 64n;
const PHYS_52 = 1n << 52n;

export function layoutNotes(l: LayoutOk, pageSize: PageSize): LayoutNote[] {
  const notes: LayoutNote[] = [];
  const { memphys, memlength } = l.input;
  if (l.resmem && l.resmem.memlength > NVGRACE.RESMEM_SIZE) {
    const moved = l.resmem.memlength - NVGRACE.RESMEM_SIZE;
    notes.push({ code: 'ROUNDED_INTO_RESMEM', severity: 'info', amount: moved, message: `${human(moved)} (${hex(moved)}) of device memory goes to the uncached resmem, not to usemem: size − 1 GiB is not a multiple of 512 MiB` });
  }
  for (const r of regions(l)) {
    if (r.barSize > SZ_1T) {
      notes.push({ code: 'REGION_OVER_1TIB', severity: 'error', amount: r.barSize, message: `${r.role} BAR (${human(r.barSize)}) is larger than 1 TiB: a VFIO region can only address 2^40 bytes, offsets past it land in the next region` });
    }
    // The driver's rounding keeps padding at most half the BAR; exactly half
    // happens on 6.14+ when the round-down lands on a power of two (example C).
    if (padding(r) * 2n >= r.barSize && padding(r) > 0n) {
      notes.push({ code: 'MOSTLY_PADDING', severity: 'info', amount: padding(r), message: `${r.role} BAR (${human(r.barSize)}) is at least half padding: only its first ${human(r.memlength)} (${hex(r.memlength)}) are device memory` });
    }
  }
  if (memphys + memlength > U64_LIMIT) {
    notes.push({ code: 'END_WRAPS', severity: 'error', message: 'base + size wraps past 2^64: the driver only checks the resmem start, so it accepts a range that cannot exist' });
  } else if (memphys + memlength > PHYS_52) {
    notes.push({ code: 'PHYS_OVER_52BIT', severity: 'error', message: 'device memory ends above 2^52, beyond any arm64 physical address' });
  }
  const page = BigInt(pageSize);
  if (memphys % page !== 0n) {
    notes.push({ code: 'UNALIGNED_BASE', severity: 'error', message: `base is not aligned to the ${pageSize}-byte page: the start PFN truncates, mmap maps the wrong bytes` });
  } else {
    const huge = hugeMappings(l, pageSize);
    if (huge.kind === 'fault' && huge.offBy !== 0n) {
      const page = human(BigInt(pageSize));
      notes.push({
        code: 'NO_HUGE_FAULTS',
        severity: 'info',
        message: `base ${hex(memphys)} is ${human(huge.offBy)} past a ${human(huge.pmd)} boundary (the PMD size with ${page} pages): 6.19+ maps device memory on fault and maps a ${human(huge.pmd)} block only at a ${human(huge.pmd)}-aligned PFN, so with QEMU's aligned mappings every fault falls back to ${page} pages — more faults and TLB misses, and no huge stage-2 mappings for the VM`,
      });
    }
  }
  // Only the region holding the end of the memory can end inside a page: usemem
  // is a multiple of 512 MiB whenever resmem follows it. Domain NVG007: not even
  // 4 KiB-aligned fails on every host (error); 4 KiB- but not 64 KiB-aligned only on 64 KiB hosts (warning).
  if (memlength % page !== 0n) {
    const r = l.resmem ?? l.usemem;
    const tail = r.memlength % page;
    notes.push({
      code: 'UNALIGNED_SIZE',
      severity: memlength % SZ_4K === 0n ? 'warning' : 'error',
      amount: tail,
      message: `size is not a multiple of the ${human(page)} page: ${r.role} (${hex(r.memlength)}) ends ${human(tail)} into its last page, so an mmap of all of it (what QEMU does with the sparse area) rounds up past memlength and fails with -EINVAL; QEMU then traps every access to the region`,
    });
  }
  return notes;
}

export type HugeMappings =
  /** Before 6.19: the whole range at mmap time (remap_pfn_range), base pages only. */
  | { readonly kind: 'eager' }
  /** 6.19+: on fault; `offBy` = how far the base is past a PMD boundary (0: huge mappings possible). */
  | { readonly kind: 'fault'; readonly pmd: bigint; readonly offBy: bigint };

/**
 * How the kernel maps the device memory for userspace. From 6.19 a fault maps
 * a PMD only where the PFN is aligned to it; the resmem base is the base plus
 * a multiple of 512 MiB, so the base alone decides for both regions.
 */
export function hugeMappings(l: LayoutOk, pageSize: PageSize): HugeMappings {
  if (!faultMappedMmap(l.input.kernel)) return { kind: 'eager' };
  const pmd = PMD_SIZE[pageSize];
  return { kind: 'fault', pmd, offBy: l.input.memphys % pmd };
}

export const BAR_REGISTER_FLAGS_TEXT = `0x${(PCI.BASE_ADDRESS_MEM_TYPE_64 | PCI.BASE_ADDRESS_MEM_PREFETCH).toString(16)} = 64-bit | prefetchable memory`;

/** The BAR0 readiness poll at probe (6.14+) and whether its timeout counts (NVG020); undefined before 6.14. */
export function readinessText(k: Kernel): string | undefined {
  if (!atLeast(k, KERNEL_CHANGES.readinessPoll)) return undefined;
  const poll = `kernel ${k.version} polls the GPU's BAR0 readiness registers (C2C link ${hex(NVGRACE.READY_C2C_REG)}, HBM training ${hex(NVGRACE.READY_HBM_REG)}) at probe for up to ${NVGRACE.READY_TIMEOUT_MS / 1000} s`;
  return readinessTimeoutIgnored(k)
    ? `${poll}, but a timeout does not fail probe (the poll's error is lost; ${KERNEL_CHANGES.readinessTimeoutFails} fails probe with -ETIME): a GPU that never becomes ready is bound anyway and its memory offered to VMs`
    : `${poll}; a timeout fails probe with -ETIME`;
}
