// The page's fixed skeleton: toolbar, section navigation, one section per
// part of the device (drawing + table twin), the playground. Built once;
// main.ts fills the sections when a model arrives.
import type { LayoutSection } from '../../shared/commands';
import { el, esc } from './markup';
import { Fields, playgroundMarkup } from './playground';

export const SECTIONS: ReadonlyArray<{ readonly id: LayoutSection; readonly title: string }> = [
  { id: 'memory', title: 'Host physical memory' },
  { id: 'bars', title: 'Fake BARs' },
  { id: 'fd', title: 'VFIO device fd' },
  { id: 'config', title: 'Config registers' },
  { id: 'window', title: 'QEMU MMIO window' },
  { id: 'playground', title: 'Playground' },
];

function button(action: string, text: string, extra: Record<string, string> = {}): string {
  return el('button', { type: 'button', 'data-action': action, ...extra }, esc(text));
}

export function pageMarkup(fields: Fields): string {
  const toolbar = el(
    'header',
    { class: 'toolbar' },
    el('div', { id: 'device', class: 'device' }, 'Loading the layout…') +
      el(
        'div',
        { class: 'buttons', role: 'toolbar', 'aria-label': 'Layout view' },
        button('pick-device', 'Device…') +
          button('pick-kernel', 'Kernel…') +
          button('pick-page', 'Page size…') +
          button('toggle-mode', 'Show tables', { 'aria-pressed': 'false' }) +
          button('copy-md', 'Copy as Markdown') +
          button('export-svg', 'Export SVG'),
      ),
  );
  const nav = el('nav', { 'aria-label': 'Sections' }, SECTIONS.map((s) => el('button', { type: 'button', 'data-section': s.id }, esc(s.title))).join(''));
  const sections = SECTIONS.map((s) => {
    const body =
      s.id === 'playground'
        ? playgroundMarkup(fields)
        : el('div', { class: 'drawing-box', 'data-drawing': s.id }) + el('div', { class: 'table-twin', 'data-tables': s.id });
    return el('section', { id: s.id, 'aria-labelledby': `${s.id}-h` }, el('h2', { id: `${s.id}-h`, tabindex: '-1' }, esc(s.title)) + body);
  }).join('');
  return (
    toolbar +
    nav +
    el('div', { id: 'problem', class: 'problem', role: 'alert' }) +
    el('ul', { id: 'notes', class: 'notes' }) +
    el('main', {}, sections) +
    el('div', { id: 'status', class: 'sr-only', role: 'status', 'aria-live': 'polite' })
  );
}
