// Renders the layout webview exactly as VS Code would load it (the same HTML,
// CSP, bundle and stylesheet) in Debian's Chromium, with a stand-in for the
// extension side that answers from the real model: the view model of the
// sample workspace's GH200 (examples/.vfio-lens.json) and the playground's
// BAR sizing sequence. Writes docs/layout-view.png for the README.
//
//   apt-get install -y chromium && npm run build
//   node --import tsx scripts/screenshot-layout.ts [--width 900] [--theme dark|light|hc] [--out docs/layout-view.png] [--sections DIR]
//
// Fails (exit 1) on any console error, page error or CSP violation.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { layoutHtml } from '../client/src/layout/html';
import { deviceOpSchema } from '../shared/deviceOps';
import { profileFileSchema } from '../shared/profile';
import { describeZodError } from '../shared/u64';
import { ToWebview, WEBVIEW_PROTOCOL_VERSION, WithoutVersion, toExtensionSchema, toWebviewSchema } from '../shared/webviewMessages';
import { resolveDevice } from '../server/src/profiles/activeProfile';
import { buildLayoutView } from '../server/src/views/layoutView';
import { replayOps } from '../server/src/views/playground';

const root = path.resolve(__dirname, '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const width = Number(arg('width', '900'));
const theme = arg('theme', 'dark');
const out = path.resolve(root, arg('out', 'docs/layout-view.png'));

// Colours of VS Code's Dark Modern, Light Modern and High Contrast themes, as a webview receives them.
const THEMES: Record<string, { body: string; vars: Record<string, string> }> = {
  dark: {
    body: 'vscode-dark',
    vars: {
      foreground: '#cccccc', 'editor-background': '#1f1f1f', descriptionForeground: '#9d9d9d', disabledForeground: '#cccccc80',
      errorForeground: '#f85149', 'editorWarning-foreground': '#cca700', 'charts-blue': '#3794ff', 'charts-orange': '#d18616',
      'charts-green': '#89d185', 'charts-red': '#f14c4c', 'button-background': '#0078d4', 'button-foreground': '#ffffff',
      'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
      'button-border': '#ffffff12', 'textLink-foreground': '#4daafc', focusBorder: '#0078d4', 'input-background': '#313131',
      'input-foreground': '#cccccc', 'input-border': '#3c3c3c', 'editorWidget-background': '#202020', 'editorWidget-border': '#313131',
      'panel-border': '#2b2b2b', 'inputValidation-errorBorder': '#be1100',
    },
  },
  light: {
    body: 'vscode-light',
    vars: {
      foreground: '#3b3b3b', 'editor-background': '#ffffff', descriptionForeground: '#616161', disabledForeground: '#61616180',
      errorForeground: '#f85149', 'editorWarning-foreground': '#bf8803', 'charts-blue': '#1a85ff', 'charts-orange': '#d18616',
      'charts-green': '#388a34', 'charts-red': '#e51400', 'button-background': '#005fb8', 'button-foreground': '#ffffff',
      'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
      'button-border': '#0000001a', 'textLink-foreground': '#005fb8', focusBorder: '#005fb8', 'input-background': '#ffffff',
      'input-foreground': '#3b3b3b', 'input-border': '#cecece', 'editorWidget-background': '#f8f8f8', 'editorWidget-border': '#c8c8c8',
      'panel-border': '#e5e5e5', 'inputValidation-errorBorder': '#be1100',
    },
  },
  hc: {
    body: 'vscode-high-contrast',
    vars: {
      foreground: '#ffffff', 'editor-background': '#000000', descriptionForeground: '#ffffffb3', disabledForeground: '#a5a5a5',
      errorForeground: '#f48771', 'editorWarning-foreground': '#ffd370', 'charts-blue': '#3794ff', 'charts-orange': '#d18616',
      'charts-green': '#89d185', 'charts-red': '#f14c4c', 'button-background': '#000000', 'button-foreground': '#ffffff',
      'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff', 'button-border': '#6fc3df',
      'textLink-foreground': '#21a6ff', focusBorder: '#f38518', contrastBorder: '#6fc3df', 'input-background': '#000000',
      'input-foreground': '#ffffff', 'input-border': '#6fc3df', 'editorWidget-background': '#0c141f', 'editorWidget-border': '#6fc3df',
    },
  },
};

// The sample workspace's devices, resolved as the server resolves a profile file.
const file = profileFileSchema.parse(JSON.parse(readFileSync(path.join(root, 'examples', '.vfio-lens.json'), 'utf8')));
const defaults = { kernel: file.kernel ?? 'mainline', pageSize: file.pageSize ?? 65536 };
const uri = `file://${path.join(root, 'examples', '.vfio-lens.json')}`;
const devices = file.devices.map((d) => {
  const r = resolveDevice(d, uri, defaults);
  if (!r.ok) throw new Error(`${d.name}: ${r.message}`);
  return r.device;
});
const found = devices.find((d) => d.preset?.id === 'gh200-96gb');
if (!found) throw new Error('examples/.vfio-lens.json has no GH200 96 GB device');
const shown = found;
const model = buildLayoutView({ device: shown, workspace: devices, context: { uri, fromDocument: true } });

const bundle = path.join(root, 'dist', 'webview');
const server = createServer((req, res) => {
  const origin = `http://${req.headers.host}`;
  if (req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(layoutHtml({ cspSource: origin, nonce: randomBytes(16).toString('base64'), scriptUri: `${origin}/main.js`, styleUri: `${origin}/style.css` }));
    return;
  }
  const name = { '/main.js': 'main.js', '/style.css': 'style.css' }[req.url ?? ''];
  if (!name) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': name.endsWith('.js') ? 'text/javascript' : 'text/css' });
  res.end(readFileSync(path.join(bundle, name)));
});

async function main(): Promise<void> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const problems: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

    const send = async (message: WithoutVersion<ToWebview>) => {
      const checked = toWebviewSchema.parse({ v: WEBVIEW_PROTOCOL_VERSION, ...message });
      await page.evaluate((m) => window.postMessage(m, '*'), checked as unknown);
    };
    // The extension side: answer the webview from the model, checking what it sends.
    const received: string[] = [];
    const waiting = new Map<string, () => void>();
    const arrival = (what: string) => new Promise<void>((resolve) => (received.includes(what) ? resolve() : waiting.set(what, resolve)));
    await page.exposeFunction('__vfioLensHost', async (raw: unknown) => {
      const parsed = toExtensionSchema.safeParse(raw);
      if (!parsed.success) return void problems.push(`webview sent an invalid message: ${describeZodError(parsed.error)}`);
      const m = parsed.data;
      const what = m.type === 'command' ? `command ${m.command}` : m.type;
      received.push(what);
      waiting.get(what)?.();
      if (m.type === 'ready') await send({ type: 'model', model, followed: '.vfio-lens.json' });
      if (m.type === 'emulate') await send({ type: 'emulateResult', requestId: m.requestId, result: replayOps(shown, m.ops.map((o) => deviceOpSchema.parse(o))) });
    });
    const t = THEMES[theme] ?? THEMES.dark;
    // The playground starts with the BAR sizing sequence already run, as a user would after one click.
    const initialState = { v: 1, mode: 'drawing', history: model.playground.sizing, form: {} };
    // A string, not a function: tsx would add helpers to a function's source that the page does not have.
    await page.addInitScript(`
      (() => {
        const vars = ${JSON.stringify(t.vars)};
        // VS Code sets the theme variables on <html> and a theme class on <body>.
        document.addEventListener('DOMContentLoaded', () => {
          const html = document.documentElement.style;
          for (const [k, v] of Object.entries(vars)) html.setProperty('--vscode-' + k, v);
          html.setProperty('--vscode-font-family', 'system-ui, "DejaVu Sans", sans-serif');
          html.setProperty('--vscode-font-size', '13px');
          html.setProperty('--vscode-editor-font-family', '"DejaVu Sans Mono", monospace');
          document.body.classList.add(${JSON.stringify(t.body)});
        });
        document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));
        let saved = ${JSON.stringify(initialState)};
        window.acquireVsCodeApi = () => ({
          postMessage: (m) => window.__vfioLensHost(m),
          getState: () => saved,
          setState: (s) => { saved = s; },
        });
      })();
    `);
    await page.goto(`http://127.0.0.1:${port}/`);
    // Drawn, and the playground's eight steps answered.
    await page.waitForFunction(() => document.querySelectorAll('#pg-steps .rule').length === 8, undefined, { timeout: 10_000 });
    await page.screenshot({ path: out, fullPage: true });
    // --sections DIR: one image per section too, to look at details.
    const sectionsDir = arg('sections', '');
    if (sectionsDir) {
      for (const id of ['memory', 'bars', 'fd', 'config', 'window', 'playground']) await page.locator(`#${id}`).screenshot({ path: path.join(sectionsDir, `${id}.png`) });
    }
    // The toolbar's messages reach the extension side, valid (checked above).
    const sent = Promise.all(['copyMarkdown', 'exportSvg', 'command selectProfile'].map(arrival));
    for (const name of ['Copy as Markdown', 'Export SVG', 'Device…']) await page.getByRole('button', { name, exact: true }).click();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`toolbar messages missing; got ${received.join(', ')}`)), 5000)));
    await Promise.race([sent, late]).finally(() => clearTimeout(timer));
    // A code lens opens the view at a section: the heading gets the focus.
    await send({ type: 'reveal', section: 'config' });
    await page.waitForFunction(() => document.activeElement?.id === 'config-h', undefined, { timeout: 5000 }).catch(() => problems.push('reveal did not focus the config section'));
    const checks = await page.evaluate(() => ({
      svgs: document.querySelectorAll('svg.drawing').length,
      title: document.querySelector('#device')?.textContent ?? '',
    }));
    if (checks.svgs !== 5) problems.push(`expected 5 drawings, found ${checks.svgs}`);
    process.stdout.write(`${path.relative(root, out)}: ${checks.title}\n`);
  } catch (e) {
    problems.unshift((e as Error).message);
  } finally {
    await browser.close();
    server.close();
  }
  if (problems.length) {
    process.stderr.write(problems.join('\n') + '\n');
    process.exitCode = 1;
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  server.close();
  process.exitCode = 1;
});
