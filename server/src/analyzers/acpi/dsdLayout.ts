// From two _DSD Integers to a layout: the value the kernel reads (32-bit
// tables truncate), and the assumptions the ASL cannot tell us — Grace
// Hopper or Blackwell (the MIG hardware bug), kernel and page size.
import type { AnalysisContext } from '../../analysis';
import { Kernel, Layout, PageSize, human, layout } from '../../model';
import type { DsdProperty, PropertyValue } from './aslDsd';

const U32_MASK = 0xffff_ffffn;

export interface DeviceMemory {
  /** What the driver reads. */
  readonly value: bigint;
  /** What the ASL says. */
  readonly written: bigint;
  readonly truncated: boolean;
  readonly property: DsdProperty;
}

/** Integers of a revision < 2 table are 32-bit; `Ones` is all ones of that width, not a truncation. */
export function effectiveValue(v: PropertyValue & { kind: 'integer' }, width32: boolean): { value: bigint; truncated: boolean } {
  if (!width32) return { value: v.value, truncated: false };
  if (v.constant === 'Ones') return { value: U32_MASK, truncated: false };
  return { value: v.value & U32_MASK, truncated: v.value > U32_MASK };
}

export interface Assumptions {
  readonly kernel: Kernel;
  readonly pageSize: PageSize;
  readonly migHwBug: boolean;
  /** Why these (shown in the hover). */
  readonly why: string;
  readonly layout: Layout;
}

/**
 * The ASL does not name the GPU. A profile with the same base and size is
 * taken to be this device; otherwise the active device's kind is assumed.
 */
export function chooseAssumptions(memphys: bigint, memlength: bigint, ctx: AnalysisContext): Assumptions {
  const match = ctx.profiles.devices.find((d) => d.memphys === memphys && d.memlength === memlength);
  const from = match ?? ctx.profile;
  const why = match
    ? `from profile "${match.name}", which has the same base and size`
    : `assumed from the active device "${from.name}": the ASL does not say Grace Hopper or Grace Blackwell`;
  return { kernel: from.kernel, pageSize: from.pageSize, migHwBug: from.migHwBug, why, layout: layout(from.kernel, memphys, memlength, from.migHwBug) };
}

/** One line on what the other GPU family would get, where the kernel tells them apart. */
export function otherMigLine(memphys: bigint, memlength: bigint, a: Assumptions): string | undefined {
  if (a.kernel.generation === 'split-always') return undefined;
  const o = layout(a.kernel, memphys, memlength, !a.migHwBug);
  const who = a.migHwBug ? 'Without the MIG hardware bug (Grace Blackwell)' : 'With the MIG hardware bug (Grace Hopper)';
  if (!o.ok) return `${who}: ${o.error}.`;
  const resmem = o.resmem ? `, resmem BAR ${human(o.resmem.barSize)}` : ', no resmem';
  return `${who}: usemem BAR ${human(o.usemem.barSize)}${resmem}.`;
}
