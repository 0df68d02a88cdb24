// The HTML VS Code gets for the layout view: a strict CSP, the nonce on
// every script, no inline handlers or styles, nothing remote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutHtml } from '../../../client/src/layout/html';

const input = {
  cspSource: 'vscode-webview://abc123',
  nonce: 'bm9uY2Utb2YtdGhlLXRlc3Q=',
  scriptUri: 'vscode-webview://abc123/dist/webview/main.js',
  styleUri: 'vscode-webview://abc123/dist/webview/style.css',
};

function csp(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(m, 'a CSP meta tag');
  return new Map(
    m[1]
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}

test('the CSP allows nothing by default, scripts only by nonce, styles only from the extension', () => {
  const html = layoutHtml(input);
  const policy = csp(html);
  assert.deepEqual(policy.get('default-src'), ["'none'"]);
  assert.deepEqual(policy.get('script-src'), [`'nonce-${input.nonce}'`]);
  assert.deepEqual(policy.get('style-src'), [input.cspSource]);
  assert.deepEqual([...policy.keys()].sort(), ['default-src', 'script-src', 'style-src']);
  for (const values of policy.values()) {
    for (const v of values) assert.doesNotMatch(v, /unsafe-inline|unsafe-eval|\*|https?:/);
  }
  // The CSP comes before anything that loads.
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'));
});

test('every script carries the nonce and loads from the bundle; nothing inline, nothing remote', () => {
  const html = layoutHtml(input);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([^]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, new RegExp(`nonce="${input.nonce.replace(/[+=/]/g, '\\$&')}"`));
    assert.match(attrs, /src="vscode-webview:\/\/abc123\/dist\/webview\/main\.js"/);
    assert.equal(body.trim(), '', 'no inline script');
  }
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /\sstyle\s*=|<style/i, 'no inline styles');
  assert.doesNotMatch(html, /https?:\/\//, 'no remote URLs');
  for (const m of html.matchAll(/\s(?:src|href)="([^"]+)"/g)) assert.ok(m[1].startsWith('vscode-webview://abc123/dist/webview/'), m[1]);
});

test('a value that could break out of an attribute is refused', () => {
  assert.throws(() => layoutHtml({ ...input, nonce: 'x" onload="alert(1)' }), /nonce must not contain/);
});
