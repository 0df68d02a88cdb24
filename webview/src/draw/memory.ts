// Host physical memory: the device memory as one band, usemem then resmem,
// with the part the 512 MiB round-down moved, addresses at the edges.
import type { LayoutView } from '../../../shared/layoutView';
import { addr, size } from '../format';
import { Canvas, Drawing } from './canvas';

const CACHE: Record<string, string> = {
  usemem: 'cached (write-back), mmapped by the VM',
  resmem: 'non-cached (write-combine)',
  rounding: 'non-cached; usemem lost it to the rounding',
};

export const LOG_NOTE = 'log scale: to scale a part would vanish, so widths grow with log2 of the size';

export function drawMemory(m: LayoutView, width: number): Drawing | null {
  const band = m.memory;
  if (!band) return null;
  const c = new Canvas(width, 'mem');
  c.text(`Device memory: ${size(m.device.memlength)} from ${addr(band.start)}`, 'title');
  if (band.scale === 'log') c.text(LOG_NOTE, 'scale-note');
  const xs = c.bar(band.segments.map((s) => ({ kind: s.kind, drawn: s.drawn, title: `${s.label}: ${size(s.size)} at ${addr(s.start)}` })));
  const labels = band.segments.map((s, i) => ({ text: addr(s.start), x: xs[i] }));
  labels.push({ text: band.end ? addr(band.end) : 'end wraps past 2^64', x: xs[xs.length - 1] });
  c.labels(labels);
  c.gap(6);
  for (const s of band.segments) c.legend(s.kind, `${s.label}: ${size(s.size)} — ${CACHE[s.kind] ?? ''}`);
  const desc = band.segments.map((s) => `${s.label} ${size(s.size)} at ${addr(s.start)}`).join('; ');
  return c.svg('Host physical memory of the device', desc);
}
