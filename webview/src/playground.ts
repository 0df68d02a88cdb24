// The playground's forms and step list (markup), and turning form fields
// into ops of the emulate contract. Pure: main.ts wires it to the DOM.
import { deviceOpSchema } from '../../shared/deviceOps';
import type { LayoutView } from '../../shared/layoutView';
import type { DeviceOpJson, EmulateResult } from '../../shared/playground';
import { describeZodError } from '../../shared/u64';
import { diagnosticDocsUrl } from '../../shared/docs';
import { VFIO_REGIONS } from '../../server/src/model/constants';
import { el, esc } from './markup';

type Setup = LayoutView['playground'];
export type Fields = Readonly<Record<string, string>>;

export const DEFAULT_FIELDS: Fields = {
  'cfg-offset': '0x20',
  'cfg-width': '4',
  'cfg-value': '0xffffffff',
  'rg-index': '4',
  'rg-offset': '0x0',
  'rg-count': '0x1000',
  'mm-index': '4',
  'mm-page': '0x0',
  'mm-pages': '1',
};

function field(id: string, label: string, fields: Fields, hint: string): string {
  return el('label', { for: id }, esc(label)) + el('input', { id, name: id, type: 'text', value: fields[id] ?? DEFAULT_FIELDS[id], spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `${id}-hint` }) + el('span', { id: `${id}-hint`, class: 'hint' }, esc(hint));
}

function regionSelect(id: string, label: string, fields: Fields): string {
  const value = fields[id] ?? DEFAULT_FIELDS[id];
  const options = VFIO_REGIONS.map((r) => el('option', { value: r.index, selected: String(r.index) === value }, esc(`${r.index} ${r.name}`))).join('');
  return el('label', { for: id }, esc(label)) + el('select', { id, name: id, 'data-regions': true }, options) + el('span', { class: 'hint' }, 'VFIO region index');
}

function button(action: string, text: string): string {
  return el('button', { type: 'button', 'data-action': action }, esc(text));
}

export function playgroundMarkup(fields: Fields): string {
  const width = fields['cfg-width'] ?? DEFAULT_FIELDS['cfg-width'];
  const widths = [1, 2, 4, 8].map((w) => el('option', { value: w, selected: String(w) === width }, `${w} byte${w > 1 ? 's' : ''}`)).join('');
  return [
    el('p', { class: 'hint' }, 'Each step runs on the same model as <code>vfio-lens emulate</code>, replayed from a freshly opened device.'),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Config space') +
        el('div', { class: 'fields' }, field('cfg-offset', 'offset', fields, 'e.g. 0x20') + el('label', { for: 'cfg-width' }, 'width') + el('select', { id: 'cfg-width', name: 'cfg-width' }, widths) + el('span', { class: 'hint' }, 'access size') + field('cfg-value', 'value', fields, 'for writes')) +
        el('div', { class: 'actions' }, button('cfg-write', 'Write') + button('cfg-read', 'Read') + button('sizing', 'BAR sizing') + button('reset', 'Reset device')),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Region read/write (pread/pwrite)') +
        el('div', { class: 'fields' }, regionSelect('rg-index', 'region', fields) + field('rg-offset', 'offset', fields, 'in the region') + field('rg-count', 'count', fields, 'bytes')) +
        el('div', { class: 'actions' }, button('rg-read', 'Read') + button('rg-write', 'Write') + button('rg-info', 'Region info')),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'mmap') +
        el('div', { class: 'fields' }, regionSelect('mm-index', 'region', fields) + field('mm-page', 'first page', fields, 'in the region') + field('mm-pages', 'pages', fields, 'how many')) +
        el('div', { class: 'actions' }, button('mmap', 'mmap')),
    ),
    el('div', { class: 'actions' }, button('undo', 'Undo last step') + button('clear', 'Clear steps')),
    el('p', { id: 'pg-error', class: 'error', role: 'alert' }),
    el('ol', { id: 'pg-steps', class: 'steps', 'aria-label': 'Steps' }),
  ].join('');
}

/** "0x20", "32", "0X1_000" → bigint, or a message. */
export function parseNumber(text: string, what: string): bigint | string {
  const t = text.trim().replace(/_/g, '');
  if (!/^(0[xX][0-9a-fA-F]+|\d+)$/.test(t)) return `${what}: "${text}" is not a number (hex 0x… or decimal)`;
  return BigInt(t);
}

const hex = (v: bigint) => '0x' + v.toString(16);

export type FormAction = 'cfg-write' | 'cfg-read' | 'reset' | 'rg-read' | 'rg-write' | 'rg-info' | 'mmap';

/** One op from the form, checked against the emulate contract (the message says what is wrong). */
export function opFromFields(action: FormAction, f: Fields, setup: Setup): { op: DeviceOpJson } | { error: string } {
  const num = (id: string, what: string) => parseNumber(f[id] ?? DEFAULT_FIELDS[id], what);
  let op: Record<string, string | number>;
  switch (action) {
    case 'reset':
      op = { op: 'reset' };
      break;
    case 'cfg-write':
    case 'cfg-read': {
      const offset = num('cfg-offset', 'offset');
      const width = num('cfg-width', 'width');
      if (typeof offset === 'string') return { error: offset };
      if (typeof width === 'string') return { error: width };
      if (offset > 4095n) return { error: 'offset: config space ends at 0xfff' };
      op = { op: action === 'cfg-write' ? 'configWrite' : 'configRead', offset: Number(offset), width: Number(width) };
      if (action === 'cfg-write') {
        const value = num('cfg-value', 'value');
        if (typeof value === 'string') return { error: value };
        op.value = hex(value);
      }
      break;
    }
    case 'rg-read':
    case 'rg-write':
    case 'rg-info': {
      const index = Number(f['rg-index'] ?? DEFAULT_FIELDS['rg-index']);
      if (action === 'rg-info') {
        op = { op: 'regionInfo', index };
        break;
      }
      const offset = num('rg-offset', 'offset');
      const count = num('rg-count', 'count');
      if (typeof offset === 'string') return { error: offset };
      if (typeof count === 'string') return { error: count };
      op = { op: action === 'rg-read' ? 'regionRead' : 'regionWrite', index, offset: hex(offset), count: hex(count) };
      break;
    }
    case 'mmap': {
      const index = num('mm-index', 'region');
      const page = num('mm-page', 'first page');
      const pages = num('mm-pages', 'pages');
      if (typeof index === 'string') return { error: index };
      if (typeof page === 'string') return { error: page };
      if (typeof pages === 'string') return { error: pages };
      if (page >= 1n << BigInt(setup.pgoffIndexShift)) return { error: `first page: a region has ${hex(1n << BigInt(setup.pgoffIndexShift))} pages of ${setup.pageSize} bytes` };
      op = { op: 'mmap', pgoff: hex((index << BigInt(setup.pgoffIndexShift)) | page), length: hex(pages * BigInt(setup.pageSize)) };
      break;
    }
  }
  const checked = deviceOpSchema.safeParse(op);
  if (!checked.success) return { error: describeZodError(checked.error) };
  return { op: op as DeviceOpJson };
}

function regionName(index: unknown): string {
  return VFIO_REGIONS[Number(index)]?.name ?? `region ${String(index)}`;
}

/** An op in a few words, as the step list shows it. */
export function describeOp(op: DeviceOpJson, setup?: Setup): string {
  switch (op.op) {
    case 'configWrite':
      return `config write ${op.width} B at ${hex(BigInt(op.offset as number))} ← ${String(op.value)}`;
    case 'configRead':
      return `config read ${op.width} B at ${hex(BigInt(op.offset as number))}`;
    case 'reset':
      return 'VFIO_DEVICE_RESET';
    case 'regionRead':
    case 'regionWrite':
      return `${op.op === 'regionRead' ? 'pread' : 'pwrite'} ${regionName(op.index)} at ${String(op.offset)}, ${String(op.count)} bytes`;
    case 'mmap': {
      const shift = setup ? BigInt(setup.pgoffIndexShift) : undefined;
      const pgoff = BigInt(String(op.pgoff));
      const where = shift !== undefined ? ` (${regionName(Number(pgoff >> shift))} page ${hex(pgoff & ((1n << shift) - 1n))})` : '';
      return `mmap pgoff ${String(op.pgoff)}${where}, ${String(op.length)} bytes`;
    }
    case 'regionInfo':
      return `region info ${regionName(op.index)}`;
    default:
      return String(op.op);
  }
}

/** The step list: every op of the history with its result and rule (or "…" while the server answers). */
export function stepsMarkup(history: readonly DeviceOpJson[], result: EmulateResult | undefined, setup?: Setup): string {
  if (!history.length) return el('li', { class: 'empty' }, 'No steps yet: write a register, read a region, or run the BAR sizing sequence.');
  if (result && !result.ok) return el('li', { class: 'error' }, esc(result.message));
  return history
    .map((op, i) => {
      const step = result?.ok ? result.steps[i] : undefined;
      const summary = step ? el('span', { class: `summary outcome-${step.outcome}` }, esc(step.summary)) : el('span', { class: 'summary' }, '…');
      const code = step?.code ? el('a', { class: 'code', href: diagnosticDocsUrl(step.code), title: `${step.code} in the vfio-lens diagnostics reference` }, esc(step.code)) + ' ' : '';
      return el('li', {}, el('span', { class: 'op' }, esc(describeOp(op, setup))) + ' → ' + summary + (step ? el('div', { class: 'rule' }, code + esc(step.rule)) : ''));
    })
    .join('');
}
