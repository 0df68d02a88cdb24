// Bundles every entry point into dist/: the extension client (vscode
// external), the language server, the CLI. `--watch` rebuilds on change.
import { context, build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// zod re-exports every locale as z.locales (a quarter MB); nothing uses one but English, which zod imports itself.
// Left out of every bundle: the server and the CLI compile less at each start.
const noZodLocales = { name: 'no-zod-locales', setup: (b) => b.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: 'export {}' })) };

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // Any import() left becomes require(): a vm.Script (server/src/boot) has no loader for import().
  supported: { 'dynamic-import': false },
  // jsonc-parser's UMD build requires its parts at run time; its ESM build bundles.
  // web-tree-sitter's CommonJS build: its ESM build finds itself through import.meta.url and loads
  // node:module with import(), neither of which a bundle run from V8's code cache (server/src/boot) has.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js', 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
  plugins: [noZodLocales],
};


export const targets = [
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...node, entryPoints: ['server/src/server.ts'], outfile: 'dist/server-main.js' },
  { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  // Small launchers that run the two bundles above through V8's code cache.
  { ...node, entryPoints: ['server/src/boot/server.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['server/src/boot/cli.ts'], outfile: 'dist/cli-boot.js' },
  // The layout webview runs in the browser: one script (IIFE) and one stylesheet, alone in dist/webview.
  { bundle: true, platform: 'browser', format: 'iife', target: 'es2020', sourcemap: !production, minify: production, logLevel: 'warning', absWorkingDir: root, entryPoints: { main: 'webview/src/main.ts', style: 'webview/src/style.css' }, outdir: 'dist/webview', plugins: [noZodLocales] },
];

// Grammars and the tree-sitter runtime are WASM files loaded at run time.
const require = createRequire(import.meta.url);
mkdirSync(path.join(root, 'dist', 'grammars'), { recursive: true });
for (const file of ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter-c/tree-sitter-c.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) {
  copyFileSync(require.resolve(file), path.join(root, 'dist', 'grammars', path.basename(file)));
}

if (watch) {
  for (const t of targets) await (await context(t)).watch();
} else {
  await Promise.all(targets.map((t) => build(t)));
}
