// Tables as HTML (the twin of each drawing) and as Markdown (for the clipboard).
import type { LayoutView, ConfigRegister } from '../../shared/layoutView';
import { el, esc } from './markup';
import { Table, sectionTables, stepsTable } from './facts';
import { size } from './format';

export function tableHtml(t: Table): string {
  const head = el('tr', {}, t.headers.map((h) => el('th', { scope: 'col' }, esc(h))).join(''));
  const body = t.rows.map((r) => el('tr', {}, r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, esc(c)) : el('td', {}, esc(c)))).join(''))).join('');
  return el('table', {}, el('caption', {}, esc(t.caption)) + el('thead', {}, head) + el('tbody', {}, body));
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function tableMarkdown(t: Table): string {
  const line = (cells: readonly string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [`**${mdCell(t.caption)}**`, '', line(t.headers), line(t.headers.map(() => '---')), ...t.rows.map(line)].join('\n');
}

/** The whole view as Markdown: a heading, the device, every table, the notes. */
export function layoutMarkdown(m: LayoutView, registers: readonly ConfigRegister[] = m.config): string {
  const d = m.device;
  const out = [
    `## vfio-lens layout: ${d.name}`,
    '',
    `Kernel ${d.kernel} (${d.rules}), ${d.pageSize === 4096 ? '4 KiB' : '64 KiB'} pages, MIG hardware bug ${d.migHwBug ? 'present' : 'absent'}; memphys ${d.memphys}, memlength ${d.memlength} (${size(d.memlength)}).`,
  ];
  if (!m.layout.ok) out.push('', `**${m.layout.error}**: ${m.layout.message}`);
  const tables = sectionTables(m, registers);
  for (const t of [...tables.memory, ...tables.bars, ...tables.fd, ...tables.config, ...tables.window, stepsTable(m)]) out.push('', tableMarkdown(t));
  const notes = [...m.notes.map((n) => `${n.severity}: ${n.message}`), ...m.window.notes];
  if (notes.length) out.push('', ...notes.map((n) => `- ${n}`));
  return out.join('\n') + '\n';
}
