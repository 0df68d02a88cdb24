// A person at a code-server workbench, driven through headless Chromium: the
// installed .vsix, a throw-away profile, and one method per thing a person
// does or reads. Waits are on the page (Playwright's waitFor), never sleeps.
// Selectors hold for VS Code 1.100 (and 1.139, see scripts/editors).
//
//   const wb = await Workbench.open({ folder: EXAMPLES, copy: true, name: 'workbench' });
//   await wb.quickOpen('main.c');
//   assert.match(await wb.mouseHover('USEMEM_REGION_INDEX', /BAR4/), /fd offset 0x40000000000/);
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { launchChromium, openWorkbench } from '../../../scripts/editors/browser.mjs';
import { installExtension, makeProfile, startCodeServer } from '../../../scripts/editors/codeServer.mjs';
import { packageVsix } from '../../../scripts/package.mjs';
import { type Box, wordBox } from './wordBox';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');
export const RESULTS = path.join(ROOT, 'test-results');

type Profile = ReturnType<typeof makeProfile>;
type Server = Awaited<ReturnType<typeof startCodeServer>>;

export interface OpenOptions {
  folder: string;
  /** A .vsix to install; default: `npm run package` into the profile. */
  vsix?: string;
  /**
   * Open a throw-away copy of `folder` (in the profile), so what the test
   * changes — settings the pickers write into .vscode/, saved edits — never
   * reaches the repository.
   */
  copy?: boolean;
  /** User settings on top of the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Prefix of the screenshots in test-results/. */
  name: string;
}

export class Workbench {
  private shots = 0;

  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly profile: Profile,
    private readonly name: string,
    /** The folder the workbench shows (a copy when opened with `copy`). */
    readonly folder: string,
    /** The code-server this workbench started, if it did. */
    private readonly server?: Server,
  ) {}

  static async open(opts: OpenOptions): Promise<Workbench> {
    const profile = makeProfile({ settings: opts.settings ?? {} });
    let server: Server | undefined;
    let browser: Browser | undefined;
    try {
      const folder = opts.copy ? path.join(profile.root, path.basename(opts.folder)) : opts.folder;
      if (opts.copy) fs.cpSync(opts.folder, folder, { recursive: true });
      const vsix = opts.vsix ?? packageVsix(path.join(profile.root, 'vfio-lens.vsix')).file;
      await installExtension(profile, vsix);
      server = await startCodeServer(profile);
      browser = await launchChromium(profile);
      const page = await newPage(browser);
      await openWorkbench(page, server, { folder });
      await workbenchReady(page);
      return new Workbench(page, browser, profile, opts.name, folder, server);
    } catch (e) {
      await browser?.close().catch(() => undefined);
      await server?.stop();
      throw e;
    }
  }

  /** A workbench some other process serves (e.g. `npm start`), at its URL. */
  static async visit(url: string, name: string): Promise<Workbench> {
    const profile = makeProfile(); // only for Chromium's XDG and temp folders
    const browser = await launchChromium(profile);
    try {
      const page = await newPage(browser);
      await page.goto(url);
      await workbenchReady(page);
      return new Workbench(page, browser, profile, name, decodeURIComponent(new URL(url).searchParams.get('folder') ?? ''));
    } catch (e) {
      await browser.close().catch(() => undefined);
      profile.remove();
      throw e;
    }
  }

  /** Stops Chromium and our code-server; the profile goes too unless `keep` (then its log is worth a look). */
  async close(keep = false): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server?.stop();
    if ((keep || process.env.VFIO_LENS_KEEP_PROFILE) && this.server) {
      this.profile.keep();
      process.stderr.write(`code-server log: ${this.server.logFile}\n`);
    } else this.profile.remove();
  }

  /** The files of an installed extension (from the .vsix), relative to its folder, sorted. */
  installedFiles(extensionId: string): string[] {
    const dir = fs.readdirSync(this.profile.extensionsDir).find((d) => d.toLowerCase().startsWith(`${extensionId.toLowerCase()}-`));
    if (!dir) throw new Error(`${extensionId} is not installed in ${this.profile.extensionsDir}`);
    const root = path.join(this.profile.extensionsDir, dir);
    return fs
      .readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name)))
      .sort();
  }

  /** test-results/<name>-<n>-<label>.png */
  async screenshot(label: string): Promise<string> {
    fs.mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `${this.name}-${String(++this.shots).padStart(2, '0')}-${label.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget input');
  }

  private quickRow(text: string | RegExp): Locator {
    return this.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  }

  /**
   * Ctrl+P, the file name, Enter: resolves once its tab is active and its text
   * rendered. An absolute path opens a file outside the workspace.
   */
  async quickOpen(fileName: string): Promise<void> {
    const base = path.basename(fileName);
    await this.dismissHover();
    await this.page.keyboard.press('Control+P');
    await this.quickInput.fill(fileName);
    // Enter opens the focused row: wait until the search has put the file there.
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: base }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: base }).waitFor();
    await this.editorLines.first().waitFor();
  }

  /** Picks the row labelled `label` in the quick pick that is open (e.g. after a status bar click). */
  async pick(label: string | RegExp): Promise<void> {
    await this.quickRow(label).click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** The command palette's entries for `query` (their labels), then closes it. */
  async paletteEntries(query: string): Promise<string[]> {
    await this.page.keyboard.press('F1');
    await this.quickInput.fill(`>${query}`);
    await this.quickRow(query).waitFor();
    const labels = await this.page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return labels.map((l) => l.trim());
  }

  /** F1, the command's title, Enter. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInput.fill(`>${title}`);
    await this.quickRow(title).waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Ctrl+G to a 1-based line and column. */
  async gotoLine(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Control+G');
    await this.quickInput.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  get editorLines(): Locator {
    return this.page.locator('.editor-instance .monaco-editor .view-lines .view-line');
  }

  /** The visible text of the active editor. */
  async editorText(): Promise<string> {
    return (await this.editorLines.allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
  }

  /** The hover on the page that contains `expect`, as one line of text. */
  async hoverText(expect: string | RegExp = /\S/, timeout?: number): Promise<string> {
    const hover = this.page.locator('.monaco-hover:visible', { hasText: expect }).first();
    await hover.waitFor({ timeout });
    return (await hover.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Cursor hover (editor.action.showHover from the palette) at the cursor. */
  async showHover(expect?: string | RegExp): Promise<string> {
    await this.runCommand('Show or Focus Hover');
    return this.hoverText(expect);
  }

  /**
   * Mouse hover over the `nth` rendered occurrence of `word` in the active
   * editor (go to its line first); re-hovers until a hover containing
   * `expect` shows (providers register on activation).
   */
  async mouseHover(word: string, expect: string | RegExp = /\S/, { nth = 0, attempts = 10 } = {}): Promise<string> {
    const line = this.editorLines.filter({ hasText: word }).first();
    return this.hoverOver(async () => (await line.waitFor(), wordBox(this.page, word, nth)), expect, `"${word}" (#${nth})`, attempts);
  }

  /** Mouse hover over the first squiggle of `severity`: the problem's message, as one line. */
  async hoverSquiggle(severity: 'error' | 'warning' | 'info' | 'hint', expect: string | RegExp = /\S/, attempts = 10): Promise<string> {
    const squiggle = this.squiggles(severity).first();
    return this.hoverOver(async () => (await squiggle.waitFor(), squiggle.boundingBox()), expect, `the ${severity} squiggle`, attempts);
  }

  /**
   * Moves the mouse over what `where` finds, until a hover containing `expect`
   * shows; `where` waits on the page for its target (the editor may redraw it
   * between finding and measuring: then it is looked up again).
   */
  private async hoverOver(where: () => Promise<Box | null | undefined>, expect: string | RegExp, what: string, attempts: number): Promise<string> {
    for (let i = 0; i < attempts; i++) {
      const box = await where();
      if (!box) continue;
      await this.hoverAt(box);
      const text = await this.hoverText(expect, 2000).catch(() => undefined);
      if (text) return text;
    }
    throw new Error(`no hover with ${expect} over ${what}`);
  }

  /** Moves the mouse off the editor and closes a hover it left open (hovers keep the keyboard's focus). */
  async dismissHover(): Promise<void> {
    await this.page.mouse.move(1, 1);
    if (await this.page.locator('.monaco-hover:visible').count()) {
      await this.page.keyboard.press('Escape');
      await this.page.locator('.monaco-hover:visible').first().waitFor({ state: 'hidden' });
    }
  }

  /** Moves the mouse away, then to the middle of `box`: a fresh hover. */
  private async hoverAt(box: Box): Promise<void> {
    await this.page.mouse.move(1, 1);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  }

  /** The squiggles drawn in the active editor, by severity. */
  squiggles(severity: 'error' | 'warning' | 'info' | 'hint' = 'error'): Locator {
    return this.page.locator(`.editor-instance .squiggly-${severity}`);
  }

  /** The status bar's problem counts, e.g. "No Problems" or "Errors: 1, Warnings: 0". */
  async problemsStatus(): Promise<string> {
    return (await this.page.locator('#status\\.problems').getAttribute('aria-label')) ?? '';
  }

  /** A status bar entry whose text or label matches. */
  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.statusbar-item', { hasText: text }).first();
  }

  /** Mouse over a status bar entry: its tooltip, as one line. */
  async statusBarTooltip(text: string | RegExp, expect: string | RegExp = /\S/, attempts = 10): Promise<string> {
    const item = this.statusBarItem(text);
    return this.hoverOver(async () => (await item.waitFor(), item.boundingBox()), expect, `status bar item ${text}`, attempts);
  }

  /** A notification with `text`, from its toast or, when toasts are suppressed, the Notification Center. */
  async notification(text: string | RegExp, timeout = 5000): Promise<string> {
    const toast = this.page.locator('.notification-toast', { hasText: text }).first();
    if (await toast.waitFor({ timeout }).then(() => true, () => false)) return toast.innerText();
    await this.runCommand('Notifications: Show Notifications');
    const item = this.page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    await item.waitFor();
    return item.innerText();
  }

  /** The extension's HTML inside the active webview (outer iframe → #active-frame). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** The rows of the webview's tables matching `table` (a CSS selector), each as its cells' text. */
  async webviewTableRows(table: string): Promise<string[][]> {
    const rows = await this.webview().locator(`${table} tbody tr`).all();
    return Promise.all(rows.map(async (r) => (await r.locator('th, td').allTextContents()).map((c) => c.trim())));
  }

  /**
   * Shows an output channel in the panel. A channel exists only once its
   * extension wrote to it, so the picker is reopened until it lists `name`.
   */
  async showOutputChannel(name: string, attempts = 15): Promise<Locator> {
    for (let i = 0; i < attempts; i++) {
      await this.page.keyboard.press('F1');
      await this.quickInput.fill('>Output: Show Output Channels');
      await this.quickRow('Output: Show Output Channels').waitFor();
      await this.page.keyboard.press('Enter');
      await this.quickRow(/./).waitFor();
      const row = this.page.locator('.quick-input-list .monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escape(name)}$`) }) });
      if (await row.first().waitFor({ timeout: 2000 }).then(() => true, () => false)) {
        await row.first().click();
        await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
        return this.outputLines;
      }
      await this.page.keyboard.press('Escape');
    }
    throw new Error(`no output channel "${name}"`);
  }

  /** The rendered lines of the Output panel. */
  get outputLines(): Locator {
    return this.page.locator('.panel .output-view .view-lines .view-line');
  }

  /** Waits until `count` rendered output lines match `pattern`; returns their text. */
  async outputMatching(pattern: RegExp, count = 1): Promise<string[]> {
    // Monaco renders spaces as U+00A0.
    await this.page.waitForFunction(
      ([source, flags, n]) =>
        Array.from(document.querySelectorAll('.panel .output-view .view-lines .view-line')).filter((l) => new RegExp(source as string, flags as string).test((l.textContent ?? '').replace(/\u00a0/g, ' '))).length >=
        (n as number),
      [pattern.source, pattern.flags, count] as const,
    );
    return (await this.outputLines.allInnerTexts()).map((l) => l.replace(/\u00a0/g, ' ')).filter((l) => pattern.test(l));
  }
}

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30000);
  return page;
}

/** The workbench is up and its explorer lists the folder's files. */
async function workbenchReady(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
