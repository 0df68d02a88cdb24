// The VFIO device fd's offset space: one 1 TiB slot per region index at
// index << 40, the emulated regions filled to their BAR size.
import type { FdRegion, LayoutView } from '../../../shared/layoutView';
import { addr, size } from '../format';
import { CHAR_WIDTH, textWidth } from '../markup';
import { Canvas, Drawing } from './canvas';

export function fdKindText(r: FdRegion): string {
  switch (r.kind) {
    case 'usemem':
    case 'resmem':
      return `${r.kind}, emulated: ${size(r.size!)}${r.overflows ? ' — overflows its slot' : ''}`;
    case 'physical':
      return 'physical, vfio-pci core';
    case 'upper-half':
      return 'upper half, size 0';
    case 'core':
      return 'vfio-pci core';
  }
}

export function drawFd(m: LayoutView, width: number): Drawing | null {
  if (!m.fd.length) return null;
  const c = new Canvas(width, 'fd');
  c.text('VFIO device fd: region N starts at N << 40 (a 1 TiB slot each)', 'title');
  if (m.fd.some((r) => r.scale === 'log')) c.text('fills marked "log" are on a log scale: to scale they would vanish in the 1 TiB slot', 'scale-note');
  // Columns line up in the monospace font (class pre keeps the spaces); narrow, the "what" goes below.
  const digits = Math.max(...m.fd.map((r) => r.offset.length - 2));
  const nameWidth = Math.max(...m.fd.map((r) => r.name.length));
  for (const r of m.fd) {
    c.gap(4);
    const head = `${r.index}  ${addr(r.offset, digits)}  ${r.name.padEnd(nameWidth)}`;
    const what = `${fdKindText(r)}${r.scale === 'log' ? ' (log)' : ''}`;
    const cls = r.overflows ? 'label pre error' : 'label pre';
    if (textWidth(`${head}  ${what}`) <= c.inner) c.text(`${head}  ${what}`, cls);
    else {
      c.text(head, cls);
      c.text(what, cls, 3 * CHAR_WIDTH);
    }
    const fill = r.fill ?? 0;
    const parts = r.emulated
      ? [{ kind: r.overflows ? 'overflow' : r.kind, drawn: fill, title: r.note }, { kind: 'free', drawn: 1000 - fill, title: 'unused offsets of the slot' }]
      : [{ kind: `slot-${r.kind}`, drawn: 1000, title: r.note }];
    c.bar(parts, 10);
  }
  const desc = m.fd.map((r) => `region ${r.index} ${r.name} at ${r.offset}: ${fdKindText(r)}`).join('; ');
  return c.svg('VFIO device fd offset space', desc);
}
