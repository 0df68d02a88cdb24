// Each fake BAR as an aperture of its power-of-two size: the part backed by
// device memory and the padding (reads 0xFF, writes dropped), to scale.
import type { LayoutView } from '../../../shared/layoutView';
import { percent, size } from '../format';
import { hex } from '../../../server/src/model/units';
import { Canvas, Drawing } from './canvas';
import { LOG_NOTE } from './memory';

export function drawApertures(m: LayoutView, width: number): Drawing | null {
  if (!m.apertures.length) return null;
  const c = new Canvas(width, 'bars');
  m.apertures.forEach((a, i) => {
    if (i > 0) c.gap(14);
    const cache = a.cache === 'wb' ? 'write-back' : 'write-combine';
    c.text(`${a.bar} (${a.role}): ${size(a.barSize)} aperture, ${cache}`, 'title');
    if (a.scale === 'log') c.text(LOG_NOTE, 'scale-note');
    // The backed part takes its role's colour, as in the memory band.
    const kindOf = (k: string) => (k === 'backed' ? a.role : k);
    const xs = c.bar(a.segments.map((s) => ({ kind: kindOf(s.kind), drawn: s.drawn, title: `${s.label}: ${size(s.size)}` })));
    const labels = a.segments.map((s, k) => ({ text: hex(BigInt(s.start)), x: xs[k] }));
    labels.push({ text: a.barSize, x: xs[xs.length - 1] });
    c.labels(labels);
    c.gap(6);
    for (const s of a.segments) {
      const share = s.kind === 'padding' ? ` (${percent(a.paddingPermille)} of the BAR)` : '';
      c.legend(kindOf(s.kind), `${s.kind === 'backed' ? 'backed' : 'padding'}: ${size(s.size)}${share} — ${s.kind === 'backed' ? 'device memory, mmappable' : 'reads 0xFF, writes dropped, cannot be mmapped'}`);
    }
  });
  const desc = m.apertures.map((a) => `${a.bar} ${a.role}: ${size(a.memlength)} backed${a.padding === '0x0' ? ', no padding,' : ` + ${size(a.padding)} padding`} in a ${size(a.barSize)} aperture`).join('; ');
  return c.svg('Fake BAR apertures', desc);
}
