// QEMU's virt high MMIO window with every GPU's block of BAR apertures
// placed in it (largest first, naturally aligned), and whether they fit.
import type { LayoutView } from '../../../shared/layoutView';
import { offsetText, size } from '../format';
import { Canvas, Drawing } from './canvas';

type Block = LayoutView['window']['blocks'][number];

export function blockBars(b: Block): string {
  return b.bars.map((x) => `${x.name} ${size(x.size)}${x.typical ? ' (typical)' : ''}`).join(' + ');
}

export function blockText(b: Block): string {
  return `${b.name}${b.active ? ' (this device)' : ''}: ${size(b.stride)} block at ${offsetText(b.offset)} = ${blockBars(b)}${b.fits ? '' : ' — outside the window'}`;
}

export function drawWindow(m: LayoutView, width: number): Drawing {
  const w = m.window;
  const c = new Canvas(width, 'win');
  c.text(`QEMU virt high MMIO window: ${size(w.size)}`, 'title');
  c.text(w.fits ? `fits: ${size(w.used)} of ${size(w.size)} used` : `does not fit: the GPUs need ${size(w.used)}`, w.fits ? 'label ok' : 'label error');
  const blocks = [...w.blocks].sort((a, b) => a.drawnStart - b.drawnStart);
  const parts = blocks.map((b) => ({ kind: !b.fits ? 'block-out' : b.active ? 'block-active' : 'block', drawn: b.drawnSize, title: blockText(b) }));
  const usedTo = blocks.reduce((e, b) => Math.max(e, b.drawnStart + b.drawnSize), 0);
  if (usedTo < 1000) parts.push({ kind: 'free', drawn: 1000 - usedTo, title: 'free' });
  const top = c.y;
  const xs = c.bar(parts);
  if (!w.fits) c.rect(c.xAt(w.drawnWindow), top + 4, c.xAt(1000) - c.xAt(w.drawnWindow), 28, 'seg-overflow', 'past the end of the window', true);
  c.raw(`<line x1="${c.xAt(w.drawnWindow)}" y1="${top}" x2="${c.xAt(w.drawnWindow)}" y2="${top + 36}" class="window-end"/>`);
  const labels = blocks.map((b, i) => ({ text: offsetText(b.offset), x: xs[i] }));
  labels.push({ text: `window end ${size(w.size)}`, x: c.xAt(w.drawnWindow) });
  c.labels(labels);
  c.gap(6);
  for (const b of w.blocks) c.legend(!b.fits ? 'block-out' : b.active ? 'block-active' : 'block', blockText(b));
  if (w.suggestion) c.text(`needs ${w.suggestion}`, 'label error');
  for (const n of w.notes) c.text(n, 'note');
  return c.svg('QEMU high MMIO window', w.blocks.map(blockText).join('; ') + (w.fits ? '; everything fits' : `; does not fit, needs ${w.suggestion ?? ''}`));
}
