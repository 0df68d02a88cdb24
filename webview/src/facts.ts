// The same facts as the drawings, as tables: the screen-reader twin of each
// drawing and the source of "Copy as Markdown". One table model, two renderings.
import type { LayoutSection } from '../../shared/commands';
import type { ConfigRegister, LayoutView } from '../../shared/layoutView';
import { hex } from '../../server/src/model/units';
import { addr, dword, percent, size } from './format';
import { fdKindText } from './draw/fd';
import { blockBars } from './draw/window';

export interface Table {
  readonly caption: string;
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

const withHex = (h: string): string => `${size(h)} (${h})`;

function memoryTables(m: LayoutView): Table[] {
  if (!m.memory) return [];
  return [
    {
      caption: `Device memory: ${withHex(m.device.memlength)} from ${m.device.memphys}`,
      headers: ['part', 'host physical start', 'size'],
      rows: m.memory.segments.map((s) => [s.label, addr(s.start), withHex(s.size)]),
    },
  ];
}

function apertureTables(m: LayoutView): Table[] {
  if (!m.apertures.length) return [];
  return [
    {
      caption: 'Fake BAR apertures',
      headers: ['BAR', 'role', 'config offset', 'BAR size', 'backed', 'padding', 'cache'],
      rows: m.apertures.map((a) => [
        a.bar,
        a.role,
        hex(a.configOffset),
        withHex(a.barSize),
        withHex(a.memlength),
        `${withHex(a.padding)}, ${percent(a.paddingPermille)}`,
        a.cache === 'wb' ? 'write-back' : 'write-combine',
      ]),
    },
  ];
}

function fdTables(m: LayoutView): Table[] {
  if (!m.fd.length) return [];
  return [{ caption: 'VFIO device fd offset space (region N at N << 40)', headers: ['index', 'offset', 'region', 'what', 'note'], rows: m.fd.map((r) => [String(r.index), r.offset, r.name, fdKindText(r), r.note]) }];
}

export function configTable(registers: readonly ConfigRegister[]): Table {
  return {
    caption: 'Guest BAR registers 0x10–0x27',
    headers: ['offset', 'register', 'answered by', 'reads now', 'stored', 'flags', 'sizing read-back'],
    rows: registers.map((r) => [
      hex(r.offset),
      `${r.bar} ${r.half}`,
      r.emulated ? `nvgrace-gpu (${r.owner})` : 'vfio-pci core',
      r.value ? dword(r.value) : '—',
      r.stored ? dword(r.stored) : '—',
      r.flags ?? '—',
      r.sizingReadBack ? dword(r.sizingReadBack) : '—',
    ]),
  };
}

function windowTables(m: LayoutView): Table[] {
  const w = m.window;
  return [
    {
      caption: `QEMU virt high MMIO window: ${withHex(w.size)}, ${w.fits ? 'everything fits' : `does not fit (needs ${w.suggestion ?? withHex(w.neededWindow)})`}`,
      headers: ['GPU', 'block', 'offset in window', 'fits', 'BARs'],
      rows: w.blocks.map((b) => [b.name + (b.active ? ' (this device)' : ''), withHex(b.stride), b.offset === '0x0' ? '+0' : `+${withHex(b.offset)}`, b.fits ? 'yes' : 'no', blockBars(b)]),
    },
  ];
}

/** Tables per section; `registers` are the playground's current ones when it has run. */
export function sectionTables(m: LayoutView, registers: readonly ConfigRegister[] = m.config): Record<Exclude<LayoutSection, 'playground'>, Table[]> {
  return {
    memory: memoryTables(m),
    bars: apertureTables(m),
    fd: fdTables(m),
    config: registers.length ? [configTable(registers)] : [],
    window: windowTables(m),
  };
}

export function stepsTable(m: LayoutView): Table {
  return { caption: 'How the driver computed it', headers: ['step', 'value', 'why'], rows: m.steps.map((s) => [s.what, s.value ? withHex(s.value) : '—', s.why]) };
}
