// Numbers and derivations as hovers and hints show them: exact, hex for
// addresses and sizes, decimal for small counts, binary units when exact.
import { MemRegion, hex, human, kernelLabel } from '../../model';
import type { ActiveProfile } from '../../profiles/activeProfile';
import type { Evaluation } from './constEval';
import { parseIntLiteral } from './cTypes';

/** `24`, `0x200bc`, `0x20000000 (512 MiB)`. */
export function valueText(v: bigint, preferHex = false): string {
  if (v < 0n) return v.toString();
  if (v >= 1024n && v % 1024n === 0n) return `${hex(v)} (${human(v)})`;
  if (!preferHex && v < 65536n) return v.toString();
  return hex(v);
}

/** `0x17c0000000 (95 GiB)`, or `≈ …` units only when inexact. */
export function sizeText(v: bigint): string {
  return v === 0n ? '0' : `\`${hex(v)}\` (${human(v)})`;
}

export function profileLine(p: ActiveProfile): string {
  return `${p.name} · kernel ${kernelLabel(p.kernel)} · ${p.pageSize / 1024} KiB pages`;
}

/** The profile's name and kernel in a few words, for hints and lenses. */
export function profileShort(p: ActiveProfile): string {
  return `${p.name}, ${p.kernel.requested === 'mainline' ? 'mainline' : p.kernel.version}`;
}

export function regionRange(r: MemRegion): string {
  return r.memlength === 0n ? 'none' : `\`${hex(r.memphys)}\`–\`${hex(r.memphys + r.memlength - 1n)}\` (${human(r.memlength)})`;
}

export function paddingText(r: MemRegion): string {
  const pad = r.barSize - r.memlength;
  if (pad === 0n) return 'no padding';
  const permille = Number((pad * 1000n + r.barSize / 2n) / r.barSize);
  return `padding \`${hex(pad)}\` (${human(pad)}, ${(permille / 10).toFixed(1)}%: reads 0xff, writes dropped, not mappable)`;
}

/**
 * `A → B → 2` when each step replaces a name by the next one (the last may
 * be any expression); otherwise one line per expansion.
 */
export function chainText(start: string, e: Evaluation, preferHex = false): string | undefined {
  const steps = e.steps;
  if (steps.length === 0) return undefined;
  const linear: string[] = [start];
  let current = start;
  for (const [i, s] of steps.entries()) {
    const last = i === steps.length - 1;
    if (s.name !== current || s.args || (!last && !/^[A-Za-z_]\w*$/.test(s.replacement))) {
      linear.length = 0;
      break;
    }
    linear.push(s.replacement);
    current = s.replacement;
  }
  if (linear.length) {
    if (e.result.ok) {
      const lit = parseIntLiteral(current);
      if (!(lit.ok && lit.value === e.result.value)) linear.push(valueText(e.result.value, preferHex));
    }
    return `\`${linear.join(' → ')}\``;
  }
  const shown = steps.slice(0, 6).map((s) => `\`${s.name}${s.args ? `(${s.args.join(', ')})` : ''} → ${s.replacement}\``);
  if (steps.length > 6) shown.push(`… ${steps.length - 6} more`);
  return shown.join('  \n');
}

/** Hex reads better for offsets, IDs and masks: when the source wrote hex or used a PCI constant. */
export function prefersHex(e: Evaluation): boolean {
  return /0[xX]/.test(e.expanded) || e.used.some((u) => u.startsWith('PCI_') || u.startsWith('VFIO_REGION_INFO'));
}
