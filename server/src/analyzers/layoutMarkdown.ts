// The layout of one device as hover Markdown: a title line, what it was
// computed for (kernel, MIG bug, page size), and one compact row per fake BAR.
// Every analyzer that hovers a device renders it here, so all hovers agree.
import { BarRow, Kernel, Layout, LayoutOk, PageSize, barRows, hex, human, hugeMappings, kernelLabel } from '../model';

export interface LayoutMarkdownInput {
  /** Bold first line, e.g. the device name. */
  readonly title: string;
  readonly layout: Layout;
  readonly pageSize: PageSize;
  /** Why the MIG-bug value holds ("SKU gh200-96gb", "active profile …"). */
  readonly migSource?: string;
  /** Lines after the table (assumptions, sources). */
  readonly notes?: readonly string[];
}

export function kernelLine(k: Kernel, pageSize: PageSize): string {
  return `kernel ${kernelLabel(k)} · page size ${human(BigInt(pageSize))}`;
}

export function migLine(l: Layout, source?: string): string {
  const from = source ? ` (${source})` : '';
  if (l.input.kernel.generation === 'split-always') return `MIG hardware bug: not consulted — kernels before 6.14 always carve the 1 GiB resmem${from}`;
  return l.input.migHwBug ? `MIG hardware bug: present (Grace Hopper) — 1 GiB resmem carved${from}` : `MIG hardware bug: absent (Grace Blackwell) — no resmem, region 2 is the physical BAR${from}`;
}

/** How userspace mappings of the device memory are made on this kernel (NVG009's fact). */
export function mmapLine(l: LayoutOk, pageSize: PageSize): string {
  const page = human(BigInt(pageSize));
  const m = hugeMappings(l, pageSize);
  if (m.kind === 'eager') return `mmap: kernels before 6.19 map the whole range at mmap time, in ${page} pages`;
  if (m.offBy === 0n) return `mmap: 6.19+ maps on fault; the base is ${human(m.pmd)}-aligned, so faults can map ${human(m.pmd)} blocks (PMD) where the address aligns too`;
  return `mmap: 6.19+ maps on fault; the base is ${human(m.offBy)} past a ${human(m.pmd)} boundary, so with QEMU's aligned mappings faults fall back to ${page} pages (NVG009)`;
}

function paddingCell(r: BarRow): string {
  if (r.padding === 0n) return '0';
  return `${human(r.padding)} (${(r.paddingPermille / 10).toFixed(1)}%)`;
}

export function barTable(rows: readonly BarRow[]): string {
  const head = '| BAR | region | fd offset | device memory | BAR size | padding | sizing read-back |\n|---|---|---|---|---|---|---|';
  const body = rows.map(
    (r) => `| ${r.bar} ${r.role} | ${r.regionIndex} | \`${hex(r.regionOffset)}\` | \`${hex(r.memlength)}\` ${human(r.memlength)} | \`${hex(r.barSize)}\` ${human(r.barSize)} | ${paddingCell(r)} | \`${hex(r.sizingReadBack)}\` |`,
  );
  return [head, ...body].join('\n');
}

export function layoutMarkdown(i: LayoutMarkdownInput): string {
  const l = i.layout;
  const lines = [
    `**${i.title}** — base \`${hex(l.input.memphys)}\`, size \`${hex(l.input.memlength)}\` (${human(l.input.memlength)})`,
    '',
    kernelLine(l.input.kernel, i.pageSize) + '  ',
    migLine(l, i.migSource) + (l.ok ? '  ' : ''),
    ...(l.ok ? [mmapLine(l, i.pageSize)] : []),
    '',
  ];
  if (l.ok) {
    lines.push(barTable(barRows(l)));
    if (!l.resmem) lines.push('', 'Region 2 is not emulated: the guest sees the physical BAR there.');
  } else {
    lines.push(`**${l.error}**: ${l.message}`);
  }
  if (i.notes?.length) lines.push('', ...i.notes);
  return lines.join('\n');
}
