// What a layout means as diagnostics, independent of the file it came from:
// the driver's errors and the layout notes, each with its stable code and the
// input (base or size) that causes it. Profile files and ACPI tables place
// these on their own fields.
import type { Severity } from '../analysis';
import { Kernel, Layout, LayoutNote, LayoutOk, NVGRACE, PageSize, hex, human, kernel as kernelNamed, layout, layoutNotes } from '../model';

export type LayoutField = 'memphys' | 'memlength';

export interface LayoutFinding {
  readonly field: LayoutField;
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
}

/** Code and field per layout note; one table for every format. */
const NOTE_CODES: Readonly<Record<LayoutNote['code'], { code: string; field: LayoutField }>> = {
  ROUNDED_INTO_RESMEM: { code: 'NVG005', field: 'memlength' },
  MOSTLY_PADDING: { code: 'NVG150', field: 'memlength' },
  REGION_OVER_1TIB: { code: 'NVG010', field: 'memlength' },
  END_WRAPS: { code: 'NVG008', field: 'memphys' },
  PHYS_OVER_52BIT: { code: 'NVG008', field: 'memphys' },
  UNALIGNED_BASE: { code: 'NVG007', field: 'memphys' },
  UNALIGNED_SIZE: { code: 'NVG007', field: 'memlength' },
  NO_HUGE_FAULTS: { code: 'NVG009', field: 'memphys' },
};

function errorFinding(l: Layout & { ok: false }): LayoutFinding {
  switch (l.error) {
    case 'ENOMEM':
      return { field: 'memlength', code: 'NVG002', severity: 'error', message: l.message };
    case 'EINVAL':
      return { field: 'memlength', code: 'NVG004', severity: 'error', message: l.message };
    case 'EBARSIZE':
      return { field: 'memlength', code: 'NVG010', severity: 'error', message: l.message };
    case 'EOVERFLOW':
      // Two causes: the 1 GiB subtraction underflows (size), or the resmem start wraps (base).
      return l.input.memlength < NVGRACE.RESMEM_SIZE
        ? { field: 'memlength', code: 'NVG003', severity: 'error', message: l.message }
        : { field: 'memphys', code: 'NVG008', severity: 'error', message: l.message };
  }
}

function noteMessage(n: LayoutNote, l: LayoutOk): string {
  if (n.code === 'ROUNDED_INTO_RESMEM' && n.amount !== undefined && l.resmem) {
    return `${human(n.amount)} (${hex(n.amount)}) of device memory goes to the uncached resmem, not to usemem: size − 1 GiB is not a multiple of 512 MiB, and the usemem round-down moves the rest (resmem ${human(l.resmem.memlength)}, BAR ${human(l.resmem.barSize)})`;
  }
  if (n.code === 'MOSTLY_PADDING' && n.amount !== undefined) {
    const r = n.message.startsWith('resmem') ? l.resmem! : l.usemem;
    return `the ${r.role} BAR (${human(r.barSize)}) is at least half padding: ${human(n.amount)} (${hex(n.amount)}) past the ${human(r.memlength)} of device memory reads 0xFF and cannot be mapped, yet the VM must find MMIO space for all of it`;
  }
  return n.message;
}

/** usemem BAR on the other generation, when it differs (the domain's example C). */
function generationDifference(l: Layout): LayoutFinding | undefined {
  const { kernel: k, memphys, memlength, migHwBug } = l.input;
  // Only Grace Hopper splits on both generations; a device without the bug on an old kernel is NVG012's case.
  if (!l.ok || !migHwBug) return undefined;
  const other: Kernel = kernelNamed(k.generation === 'split-always' ? '6.14' : '6.13');
  const o = layout(other, memphys, memlength, true);
  if (!o.ok || o.usemem.barSize === l.usemem.barSize) return undefined;
  const [older, newer] = k.generation === 'split-always' ? [l, o] : [o, l];
  return {
    field: 'memlength',
    code: 'NVG006',
    severity: 'warning',
    message: `the usemem BAR is ${human(older.usemem.barSize)} on kernels 6.9–6.13 but ${human(newer.usemem.barSize)} on 6.14 and later (6.14 sizes it before the 512 MiB round-down): a host kernel upgrade changes what the guest sees`,
  };
}

export function layoutFindings(l: Layout, pageSize: PageSize): LayoutFinding[] {
  if (!l.ok) return [errorFinding(l)];
  const out: LayoutFinding[] = layoutNotes(l, pageSize).map((n) => ({ ...NOTE_CODES[n.code], severity: n.severity, message: noteMessage(n, l) }));
  const gen = generationDifference(l);
  if (gen) out.push(gen);
  return out;
}
