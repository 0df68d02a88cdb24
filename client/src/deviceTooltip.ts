// The status bar item's tooltip: the device every number is computed for and
// the fake BARs it gets, so a glance tells which sizes the hovers will show.
// Pure (no vscode), so a unit test reads what a person sees.
import type { z } from 'zod';
import type { activeLayoutRequest } from '../../shared/protocol';
import { human } from '../../server/src/model/units';

export type ActiveLayout = z.output<typeof activeLayoutRequest.result>;

/** Markdown: device, kernel, pages and BDF; its BARs, or why probe fails; what a click does. */
export function deviceTooltip({ profile: p, report }: ActiveLayout): string {
  const device = `**vfio-lens**: numbers are computed for **${p.name}** — kernel ${p.kernel}, ${p.pageSize === 4096 ? '4 KiB' : '64 KiB'} pages${p.bdf ? `, ${p.bdf}` : ''}`;
  let bars: string;
  if (!report.layout.ok) bars = `No fake BARs: probe fails with ${report.layout.error} (${report.layout.message})`;
  else {
    bars = report.bars.map((b) => `${b.bar} ${b.role} ${human(BigInt(b.barSize))}`).join(' · ');
    if (!report.layout.resmem) bars += ' · no resmem: region 2 is the physical BAR';
  }
  return `${device}\n\n${bars}\n\nClick to pick another device.`;
}
