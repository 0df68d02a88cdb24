// Tree-sitter grammars (WASM) for the languages we parse for real: C driver
// source and shell scripts. Loading is async; the server awaits it once at
// initialize, after which parsers are created synchronously.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

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

/**
 * Tree-sitter's error recovery is exponential on some junk: a few thousand
 * unclosed `f(` in a C declaration take 20 s and grow the WASM heap until
 * malloc aborts, which leaves the module broken for every later parse; 16,000
 * stray `)` keep tree-sitter-bash busy for 5 s. Real sources parse at well
 * under 1 ms per KB (a 736 KiB driver: ~0.2 s), so a parse past this budget
 * is abandoned. The budget is CPU time, not wall time: a loaded machine must
 * not turn a slow parse into a refused one.
 */
export function parseBudgetMs(length: number): number {
  return 500 + length / 500;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** A parse that gives up past its budget (undefined), leaving the parser ready for a fresh parse. */
export function parseWithinBudget(parser: Parser, text: string, oldTree?: Tree | null, budgetMs = parseBudgetMs(text.length)): Tree | undefined {
  const started = cpuMs();
  let calls = 0;
  // Called every few hundred parse steps; the clock is read on every eighth call (it is a system call).
  const progressCallback = () => (++calls & 7) === 0 && cpuMs() - started > budgetMs;
  const tree = parser.parse(text, oldTree ?? null, { progressCallback });
  if (tree) return tree;
  // A cancelled parse would otherwise resume where it stopped on the next call.
  parser.reset();
  return undefined;
}
