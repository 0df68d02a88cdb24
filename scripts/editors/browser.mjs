// Headless Chromium (Debian's, driven by playwright-core) opening a
// code-server workbench.
import { workbenchUrl } from './codeServer.mjs';
import { chromiumPath } from './tools.mjs';

// Quiet on a machine without internet; no sandbox because CI runs as root.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Playwright gives each launch a fresh temporary user-data-dir; the profile's env keeps crash dumps out of $HOME. */
export async function launchChromium(profile) {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed: run `npm run setup:editors`');
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, env: profile?.env ?? process.env });
}

const DEV_KEYS = ['extensionDevelopmentPath', 'extensionTestsPath'];

/**
 * Opens the workbench of `server` at `folder` in `page`; `payload` is VS Code
 * web's URL payload (see codeServer.workbenchUrl).
 * VS Code 1.100 honours extension-development keys in the URL payload as is;
 * newer versions only with developmentOptions.enableSmokeTestDriver, which
 * code-server's CLI cannot set. So, only when the payload has such keys, an
 * init script patches the workbench configuration <meta> before workbench.js
 * reads it. (That mode keeps notifications out of toasts: read the
 * Notification Center instead. Rewriting the HTML through page.route() would
 * make Chromium block the workbench's WebSockets to 127.0.0.1.)
 *
 * @param {import('playwright-core').Page} page
 * @param {{ url: string, authority: string }} server
 * @param {{ folder?: string, payload?: Array<[string, string]> }} [options]
 */
export async function openWorkbench(page, server, { folder, payload = [] } = {}) {
  if (payload.some(([k]) => DEV_KEYS.includes(k))) {
    await page.addInitScript(() => {
      if (window !== window.top) return;
      new MutationObserver((mutations, obs) => {
        for (const m of mutations) {
          for (const n of m.addedNodes) {
            if (n.nodeType !== 1 || n.id !== 'vscode-workbench-web-configuration') continue;
            const cfg = JSON.parse(n.getAttribute('data-settings'));
            cfg.developmentOptions = { ...(cfg.developmentOptions ?? {}), enableSmokeTestDriver: true };
            n.setAttribute('data-settings', JSON.stringify(cfg));
            obs.disconnect();
          }
        }
      }).observe(document, { childList: true, subtree: true });
    });
  }
  await page.goto(workbenchUrl(server, { folder, payload }));
}
