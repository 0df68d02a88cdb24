// The guest's BAR registers 0x10–0x27, a box per dword: who answers it, what
// a read returns now, and the all-ones sizing read-back.
import type { ConfigRegister, LayoutView } from '../../../shared/layoutView';
import { LINE_HEIGHT, el, esc } from '../markup';
import { dword } from '../format';
import { hex } from '../../../server/src/model/units';
import { Canvas, Drawing } from './canvas';

const BOX_LINES = 3;

function boxLines(r: ConfigRegister): string[] {
  const head = `${hex(r.offset)} ${r.half}`;
  if (!r.emulated) return [head, 'vfio-pci core', ''];
  return [head, `reads ${dword(r.value!)}`, `sizing ${dword(r.sizingReadBack!)}`];
}

/** `registers` overrides the model's (the playground's state after its ops). */
export function drawConfig(m: LayoutView, width: number, registers: readonly ConfigRegister[] = m.config): Drawing | null {
  if (!registers.length) return null;
  const c = new Canvas(width, 'cfg');
  c.text('Guest config space 0x10–0x27: the 64-bit BAR registers', 'title');
  const boxW = (c.inner - 8) / 2;
  const boxH = BOX_LINES * LINE_HEIGHT + 8;
  for (let i = 0; i < registers.length; i += 2) {
    const pair = registers.slice(i, i + 2);
    const low = pair[0];
    c.gap(6);
    c.text(low.emulated ? `${low.bar}: ${low.owner}, emulated by nvgrace-gpu` : `${low.bar}: vfio-pci core`, 'label strong');
    const top = c.y + 2;
    pair.forEach((r, k) => {
      const x = c.xAt(0) + k * (boxW + 8);
      const changed = r.emulated && r.stored !== '0x0';
      c.rect(x, top, boxW, boxH, `reg reg-${r.owner}${changed ? ' changed' : ''}`, r.note);
      boxLines(r).forEach((line, n) => {
        if (line) c.raw(el('text', { x: x + 6, y: top + LINE_HEIGHT * (n + 1), class: n === 0 ? 'reg-head' : 'reg-text' }, esc(line)));
      });
    });
    c.y = top + boxH;
    if (low.flags) c.text(`flags ${low.flags}`, 'legend');
  }
  const desc = registers.map((r) => `${hex(r.offset)} ${r.bar} ${r.half}: ${r.emulated ? `reads ${dword(r.value!)}, sizing read-back ${dword(r.sizingReadBack!)}` : 'vfio-pci core'}`).join('; ');
  return c.svg('Guest BAR registers', desc);
}
