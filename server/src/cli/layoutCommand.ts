// `vfio-lens layout`: the split the driver computes for one device.
import { parseArgs } from 'node:util';
import { layoutReport } from '../../../shared/layoutReport';
import { Layout, PresetKernelNote, SKU_PRESETS, barRows, findPreset, hex, human, kernelLabel, layout, parseKernel, presetKernelNotes } from '../model';
import { LayoutFinding, layoutFindings } from '../analyzers/layoutFindings';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from './exitCodes';
import { parsePageSize, parseU64Arg } from './args';
import { renderTable } from './table';

export const LAYOUT_USAGE = `usage: vfio-lens layout (--memphys HEX --memlength HEX | --sku ID) [--kernel VERSION] [--mig-hw-bug|--no-mig-hw-bug] [--page-size 4096|65536] [--json]`;

export function runLayout(argv: string[], out: (s: string) => void): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      sku: { type: 'string' },
      memphys: { type: 'string' },
      memlength: { type: 'string' },
      kernel: { type: 'string', default: 'mainline' },
      'mig-hw-bug': { type: 'boolean' },
      'no-mig-hw-bug': { type: 'boolean' },
      'page-size': { type: 'string', default: '65536' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values['mig-hw-bug'] && values['no-mig-hw-bug']) throw new UsageError('--mig-hw-bug and --no-mig-hw-bug contradict each other');
  const preset = values.sku === undefined ? undefined : findPreset(values.sku);
  if (values.sku !== undefined && !preset) throw new UsageError(`--sku: unknown SKU "${values.sku}" (known: ${SKU_PRESETS.map((p) => p.id).join(', ')})`);
  const memphys = values.memphys === undefined && preset ? preset.memphys : parseU64Arg('--memphys', values.memphys);
  const memlength = values.memlength === undefined && preset ? preset.memlength : parseU64Arg('--memlength', values.memlength);
  const pageSize = parsePageSize(values['page-size']);
  const k = parseKernel(values.kernel);
  if (!k.ok) throw new UsageError(`--kernel: ${k.message}`);
  const migHwBug = values['no-mig-hw-bug'] ? false : values['mig-hw-bug'] ? true : preset ? preset.migHwBug : true;
  const l = layout(k.kernel, memphys, memlength, migHwBug);
  // A SKU names a PCI device: say when the chosen kernel's ID table lacks it (NVG011) or splits it wrongly (NVG012).
  const skuNotes = preset ? presetKernelNotes(preset, k.kernel) : [];
  // The same findings, words and codes as `check` gives for a profile or a _DSD with these values.
  const findings = l.ok ? layoutFindings(l, pageSize) : [];
  if (values.json) {
    const report = layoutReport(l, pageSize);
    out(JSON.stringify({ ...report, notes: [...skuNotes, ...report.notes] }, null, 2));
  } else out(layoutReportText(l, skuNotes, findings));
  // Exit 1 for what `check` would call an error too: a failing layout, or an error note (example J, > 1 TiB, …).
  const errorNote = [...skuNotes, ...findings].some((n) => n.severity === 'error');
  return l.ok && !errorNote ? EXIT_OK : EXIT_FINDINGS;
}

export function layoutReportText(l: Layout, skuNotes: readonly PresetKernelNote[], findings: readonly LayoutFinding[]): string {
  const k = l.input.kernel;
  const bug = k.generation === 'split-always' ? 'always split (no MIG flag before 6.14)' : l.input.migHwBug ? 'present (Grace Hopper)' : 'absent (Grace Blackwell)';
  const lines = [
    `nvgrace-gpu layout — kernel ${kernelLabel(k)}`,
    `device memory  base ${hex(l.input.memphys)}  size ${hex(l.input.memlength)} (${human(l.input.memlength)})`,
    `MIG hw bug     ${bug}`,
    '',
  ];
  for (const n of skuNotes) lines.push(`${n.severity}: ${n.message}`);
  if (skuNotes.length) lines.push('');
  if (!l.ok) {
    lines.push(`error: ${l.error}: ${l.message}`);
    return lines.join('\n');
  }
  const rows = barRows(l).map((r) => [
    r.bar,
    r.role,
    String(r.regionIndex),
    hex(r.regionOffset),
    hex(r.memphys),
    `${hex(r.memlength)} (${human(r.memlength)})`,
    `${hex(r.barSize)} (${human(r.barSize)})`,
    r.padding === 0n ? '0' : `${hex(r.padding)} (${human(r.padding)}, ${(r.paddingPermille / 10).toFixed(1)}%)`,
    r.cache === 'wb' ? 'write-back' : 'write-combine',
  ]);
  lines.push(renderTable(['BAR', 'role', 'index', 'fd offset', 'host base', 'device memory', 'BAR size', 'padding', 'cache'], rows));
  lines.push('');
  lines.push('config space (guest view):');
  for (const r of barRows(l)) {
    lines.push(`  ${hex(r.configOffset)}/${hex(r.configOffset + 4)}  ${r.bar} after reset 0x0000000c/0x00000000, after sizing 0x${r.sizingLow.toString(16).padStart(8, '0')}/0x${r.sizingHigh.toString(16).padStart(8, '0')}`);
  }
  if (findings.length) {
    lines.push('');
    for (const f of findings) lines.push(`${f.severity}: ${f.message} [${f.code}]`);
  }
  return lines.join('\n');
}
