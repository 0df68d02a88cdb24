// Tree-sitter grammars (WASM) for the languages we parse for real: C driver
// source and shell scripts. Loading is async; the server awaits it once at
// initialize, after which parsers are created synchronously.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

export type GrammarName = 'c' | 'bash';

const WASM: Record<GrammarName, string> = { c: 'tree-sitter-c.wasm', bash: 'tree-sitter-bash.wasm' };
const PACKAGE: Record<GrammarName, string> = { c: 'tree-sitter-c', bash: 'tree-sitter-bash' };

const languages = new Map<GrammarName, Language>();
let loading: Promise<void> | undefined;

/** dist/grammars next to the bundle; in development, the npm packages. */
function locate(file: string): string {
  const candidates = [
    process.env.VFIO_LENS_GRAMMARS ? path.join(process.env.VFIO_LENS_GRAMMARS, file) : '',
    path.join(__dirname, 'grammars', file),
    path.join(__dirname, '..', '..', '..', 'dist', 'grammars', file),
  ];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  const pkg = (Object.keys(WASM) as GrammarName[]).find((g) => WASM[g] === file);
  return require.resolve(pkg ? `${PACKAGE[pkg]}/${file}` : `web-tree-sitter/${file}`);
}

export function initTreeSitter(): Promise<void> {
  loading ??= (async () => {
    await Parser.init({ locateFile: (name: string) => locate(name) });
    for (const g of Object.keys(WASM) as GrammarName[]) {
      languages.set(g, await Language.load(fs.readFileSync(locate(WASM[g]))));
    }
  })();
  return loading;
}

export function treeSitterReady(): boolean {
  return languages.size === Object.keys(WASM).length;
}

export function language(name: GrammarName): Language {
  const l = languages.get(name);
  if (!l) throw new Error(`tree-sitter grammar "${name}" used before initTreeSitter() finished`);
  return l;
}

export function createParser(name: GrammarName): Parser {
  const p = new Parser();
  p.setLanguage(language(name));
  return p;
}
