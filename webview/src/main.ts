// The layout webview in the browser: receives models from the extension,
// draws them, runs the playground through the extension, keeps its state.
// Every message in and out is checked against shared/webviewMessages.ts.
import './zodJitless';
import type { LayoutSection } from '../../shared/commands';
import type { LayoutView } from '../../shared/layoutView';
import type { EmulateResult } from '../../shared/playground';
import { ToExtension, ToWebview, WEBVIEW_PROTOCOL_VERSION, WithoutVersion, toExtensionSchema, toWebviewSchema } from '../../shared/webviewMessages';
import { describeZodError } from '../../shared/u64';
import { exportSvg } from './exportSvg';
import { SECTIONS, pageMarkup } from './page';
import { FormAction, opFromFields, stepsMarkup } from './playground';
import { DrawnSection, deviceLine, notesMarkup, renderSections } from './render';
import { ViewState, restoreState } from './state';
import { layoutMarkdown } from './tables';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let state: ViewState = restoreState(vscode.getState());
let model: LayoutView | undefined;
let followed: string | undefined;
let result: EmulateResult | undefined;
let requestId = 0;

const app = document.getElementById('app')!;
app.innerHTML = pageMarkup(state.form);
const $ = <T extends HTMLElement = HTMLElement>(sel: string) => app.querySelector<T>(sel)!;

function save(patch: Partial<ViewState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

function post(message: WithoutVersion<ToExtension>): void {
  const checked = toExtensionSchema.safeParse({ v: WEBVIEW_PROTOCOL_VERSION, ...message });
  if (!checked.success) {
    console.warn(`vfio-lens: not sent, invalid message: ${describeZodError(checked.error)}`);
    return;
  }
  vscode.postMessage(checked.data);
}

function announce(text: string): void {
  $('#status').textContent = text;
}

function drawingWidth(): number {
  return Math.max(260, Math.min(900, Math.floor(app.clientWidth) - 4));
}

/** The registers as the playground left them, else as after open. */
function registersNow() {
  return result?.ok ? result.registers : model?.config ?? [];
}

function renderModel(): void {
  if (!model) return;
  $('#device').innerHTML = deviceLine(model, followed);
  const problem = $('#problem');
  problem.textContent = model.layout.ok ? '' : `${model.layout.error}: ${model.layout.message}`;
  problem.hidden = model.layout.ok;
  $('#notes').innerHTML = notesMarkup(model);
  const sections = renderSections(model, drawingWidth(), registersNow());
  for (const [id, s] of Object.entries(sections) as Array<[DrawnSection, { drawing: string; tables: string }]>) {
    $(`[data-drawing="${id}"]`).innerHTML = s.drawing;
    $(`[data-tables="${id}"]`).innerHTML = s.tables;
  }
  const regions = model.playground.regions;
  app.querySelectorAll<HTMLSelectElement>('select[data-regions]').forEach((select) => {
    Array.from(select.options).forEach((option) => {
      const r = regions.find((x) => String(x.index) === option.value);
      if (r) option.textContent = `${r.index} ${r.name}${r.role === 'core' ? '' : ` (${r.role})`}`;
    });
  });
  renderSteps();
}

function renderSteps(): void {
  $('#pg-steps').innerHTML = stepsMarkup(state.history, result, model?.playground);
}

function renderMode(): void {
  document.body.classList.toggle('mode-table', state.mode === 'table');
  const toggle = $('[data-action="toggle-mode"]');
  toggle.setAttribute('aria-pressed', String(state.mode === 'table'));
  toggle.textContent = state.mode === 'table' ? 'Show drawings' : 'Show tables';
}

function reveal(section: LayoutSection): void {
  const target = document.getElementById(section);
  if (!target) return;
  target.scrollIntoView({ block: 'start' });
  document.getElementById(`${section}-h`)?.focus({ preventScroll: true });
  save({ section });
}

function emulate(): void {
  result = undefined;
  renderSteps();
  if (!state.history.length) {
    if (model) renderModel();
    return;
  }
  post({ type: 'emulate', requestId: ++requestId, ops: state.history });
}

function readFields(): Record<string, string> {
  const fields: Record<string, string> = {};
  app.querySelectorAll<HTMLInputElement | HTMLSelectElement>('#playground input, #playground select').forEach((input) => (fields[input.name] = input.value.slice(0, 200)));
  return fields;
}

function runForm(action: FormAction): void {
  if (!model) return;
  const made = opFromFields(action, readFields(), model.playground);
  const error = $('#pg-error');
  if ('error' in made) {
    error.textContent = made.error;
    return;
  }
  error.textContent = '';
  save({ history: [...state.history, made.op] });
  emulate();
}

const ACTIONS: Record<string, () => void> = {
  'pick-device': () => post({ type: 'command', command: 'selectProfile' }),
  'pick-kernel': () => post({ type: 'command', command: 'selectKernel' }),
  'pick-page': () => post({ type: 'command', command: 'selectPageSize' }),
  'toggle-mode': () => {
    save({ mode: state.mode === 'table' ? 'drawing' : 'table' });
    renderMode();
  },
  'copy-md': () => model && post({ type: 'copyMarkdown', markdown: layoutMarkdown(model, registersNow()) }),
  'export-svg': () => model && post({ type: 'exportSvg', svg: exportSvg(model, registersNow()), fileName: `vfio-lens-${model.device.name.replace(/[^\w.-]+/g, '-').slice(0, 60)}.svg` }),
  sizing: () => {
    if (!model) return;
    save({ history: [...state.history, ...model.playground.sizing] });
    emulate();
  },
  undo: () => {
    save({ history: state.history.slice(0, -1) });
    emulate();
  },
  clear: () => {
    save({ history: [] });
    emulate();
  },
};

app.addEventListener('click', (e) => {
  const target = (e.target as HTMLElement).closest<HTMLElement>('[data-action], [data-section]');
  if (!target) return;
  const section = target.dataset.section;
  if (section) return reveal(section as LayoutSection);
  const action = target.dataset.action!;
  if (ACTIONS[action]) return ACTIONS[action]();
  runForm(action as FormAction);
});

app.addEventListener('input', () => save({ form: readFields() }));
// Enter in a playground field runs the form's first action.
app.addEventListener('keydown', (e) => {
  const input = e.target as HTMLElement;
  if (e.key !== 'Enter' || input.tagName !== 'INPUT') return;
  const first = input.closest('fieldset')?.querySelector<HTMLButtonElement>('button[data-action]');
  if (first) {
    e.preventDefault();
    first.click();
  }
});

function receive(message: ToWebview): void {
  switch (message.type) {
    case 'model': {
      // Any change of device, size, kernel or page size can change every result: replay the history.
      const deviceChanged = JSON.stringify(model?.device) !== JSON.stringify(message.model.device);
      model = message.model;
      followed = message.followed;
      if (deviceChanged) result = undefined;
      renderModel();
      if (state.history.length && !result) emulate();
      break;
    }
    case 'unavailable':
      $('#device').textContent = message.message;
      break;
    case 'reveal':
      reveal(message.section);
      break;
    case 'emulateResult': {
      if (message.requestId !== requestId) return;
      result = message.result;
      renderModel();
      const last = result.ok ? result.steps[result.steps.length - 1] : undefined;
      announce(result.ok ? (last ? `Step ${result.steps.length}: ${last.summary}` : '') : result.message);
      break;
    }
    case 'emulateFailed':
      if (message.requestId !== requestId) return;
      $('#pg-error').textContent = message.message;
      break;
    case 'notice':
      announce(message.text);
      break;
  }
}

window.addEventListener('message', (e: MessageEvent) => {
  const parsed = toWebviewSchema.safeParse(e.data);
  if (!parsed.success) {
    console.warn(`vfio-lens: dropped an invalid message: ${describeZodError(parsed.error)}`);
    return;
  }
  receive(parsed.data);
});

// Drawings are laid out for the width they get; redraw when it changes (not the height: redrawing changes it).
let frame = 0;
let drawnWidth = 0;
new ResizeObserver(() => {
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(() => {
    if (drawingWidth() === drawnWidth) return;
    drawnWidth = drawingWidth();
    renderModel();
  });
}).observe(app);

renderMode();
renderSteps();
if (state.section && SECTIONS.some((s) => s.id === state.section)) requestAnimationFrame(() => document.getElementById(state.section!)?.scrollIntoView());
post({ type: 'ready' });
