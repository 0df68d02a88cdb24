// Model → the markup of every section (drawing and table twin), and the
// header line. Pure, so tests can check what a user will see.
import type { LayoutSection } from '../../shared/commands';
import type { ConfigRegister, LayoutView } from '../../shared/layoutView';
import { Drawing } from './draw/canvas';
import { drawApertures } from './draw/apertures';
import { drawConfig } from './draw/config';
import { drawFd } from './draw/fd';
import { drawMemory } from './draw/memory';
import { drawWindow } from './draw/window';
import { sectionTables } from './facts';
import { pageSizeText, size } from './format';
import { el, esc } from './markup';
import { tableHtml } from './tables';

export type DrawnSection = Exclude<LayoutSection, 'playground'>;

export const DRAWINGS: Record<DrawnSection, (m: LayoutView, width: number, registers: readonly ConfigRegister[]) => Drawing | null> = {
  memory: drawMemory,
  bars: drawApertures,
  fd: drawFd,
  config: (m, w, registers) => drawConfig(m, w, registers),
  window: drawWindow,
};

export interface SectionMarkup {
  readonly drawing: string;
  readonly tables: string;
}

const NOTHING: Record<DrawnSection, string> = {
  memory: 'No device memory is exposed: the layout failed.',
  bars: 'No fake BARs: the layout failed.',
  fd: 'No device fd: probe fails, the device is not registered.',
  config: 'No config space: probe fails, the device is not registered.',
  window: '',
};

export function renderSections(m: LayoutView, width: number, registers: readonly ConfigRegister[] = m.config): Record<DrawnSection, SectionMarkup> {
  const tables = sectionTables(m, registers);
  const out = {} as Record<DrawnSection, SectionMarkup>;
  for (const id of Object.keys(DRAWINGS) as DrawnSection[]) {
    const d = DRAWINGS[id](m, width, registers);
    out[id] = { drawing: d ? d.markup : el('p', { class: 'empty' }, esc(NOTHING[id])), tables: tables[id].map(tableHtml).join('') };
  }
  return out;
}

export function deviceLine(m: LayoutView, followed?: string): string {
  const d = m.device;
  const parts = [
    el('strong', {}, esc(d.name)),
    esc(`${size(d.memlength)} · kernel ${d.kernel}, ${d.rules} · ${pageSizeText(d.pageSize)} · MIG hardware bug ${d.migHwBug ? 'present' : 'absent'}`),
    d.bdf ? esc(d.bdf) : '',
    followed && m.context.fromDocument ? esc(`from ${followed}`) : esc(`source: ${d.source === 'preset' ? 'preset' : d.source === 'settings' ? 'settings' : 'profile file'}`),
  ];
  return parts.filter(Boolean).join(' · ');
}

export function notesMarkup(m: LayoutView): string {
  return m.notes.map((n) => el('li', { class: `note-${n.severity}` }, esc(`${n.severity}: ${n.message}`))).join('');
}
