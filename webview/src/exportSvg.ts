// One standalone SVG of the whole view, for a file: the section drawings
// stacked, with fixed light colours (theme variables do not exist outside VS Code).
import type { ConfigRegister, LayoutView } from '../../shared/layoutView';
import { DRAWINGS, DrawnSection } from './render';
import { attrs, el, esc } from './markup';

const EXPORT_WIDTH = 760;

const STYLE = `
text { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; fill: #1f1f1f; }
.title, .strong { font-weight: 600; } .scale-note, .note { fill: #6b5200; font-style: italic; }
.pre { white-space: pre; } .error { fill: #b01b1b; } .ok { fill: #1a7f37; } .addr { fill: #444; }
.seg { stroke: #fff; stroke-width: 1; } .bar-outline { fill: none; stroke: #888; }
.seg-usemem { fill: #3b78c4; } .seg-resmem { fill: #d9822b; } .seg-rounding { fill: #d9822b; }
.seg-padding { fill: #c8c8c8; } .seg-free { fill: #f3f3f3; } .seg-overflow { fill: #e5a0a0; }
.seg-slot-physical, .seg-slot-core, .seg-slot-upper-half { fill: #f3f3f3; }
.seg-block { fill: #8fb3de; } .seg-block-active { fill: #3b78c4; } .seg-block-out { fill: #d46a6a; }
.hatch-line { stroke: #555; stroke-width: 1.5; } .window-end { stroke: #b01b1b; stroke-width: 2; }
.reg { fill: #fafafa; stroke: #888; } .reg-usemem { stroke: #3b78c4; stroke-width: 2; } .reg-resmem { stroke: #d9822b; stroke-width: 2; }
.reg.changed { fill: #fff6d5; } .reg-head { font-weight: 600; }
`;

export function exportSvg(m: LayoutView, registers: readonly ConfigRegister[] = m.config): string {
  let y = 8;
  const parts: string[] = [el('text', { x: 8, y: (y += 16), class: 'title' }, esc(`vfio-lens: ${m.device.name} — kernel ${m.device.kernel}, ${m.device.rules}`))];
  y += 8;
  for (const id of Object.keys(DRAWINGS) as DrawnSection[]) {
    const d = DRAWINGS[id](m, EXPORT_WIDTH - 16, registers);
    if (!d) continue;
    // Nested <svg> keeps each drawing's own coordinates.
    parts.push(d.markup.replace('<svg', `<svg x="8" y="${y}"`));
    y += d.height + 16;
  }
  return (
    `<svg${attrs({ xmlns: 'http://www.w3.org/2000/svg', width: EXPORT_WIDTH, height: y, viewBox: `0 0 ${EXPORT_WIDTH} ${y}` })}>` +
    `<style>${STYLE}</style><rect width="100%" height="100%" fill="#ffffff"/>` +
    parts.join('') +
    '</svg>\n'
  );
}
