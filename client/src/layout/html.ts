// The layout webview's HTML page: a strict CSP (scripts only by nonce,
// styles only from the extension's own resources, nothing else), one
// stylesheet, one script. Pure, so a test can read exactly what VS Code gets.

export interface LayoutHtmlInput {
  /** webview.cspSource */
  readonly cspSource: string;
  /** Fresh per page load. */
  readonly nonce: string;
  /** webview.asWebviewUri of dist/webview/main.js and style.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
}

const ATTR = /["<>&]/;

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
}

export function layoutHtml(i: LayoutHtmlInput): string {
  for (const [k, v] of Object.entries(i)) {
    if (ATTR.test(v)) throw new Error(`layoutHtml: ${k} must not contain quotes or markup`);
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(i.cspSource, i.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${i.styleUri}">
<title>vfio-lens layout</title>
</head>
<body>
<div id="app"><p>Loading the layout…</p></div>
<script nonce="${i.nonce}" src="${i.scriptUri}"></script>
</body>
</html>
`;
}
