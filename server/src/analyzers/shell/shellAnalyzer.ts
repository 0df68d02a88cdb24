// Shell scripts and QEMU `.args` files: every QEMU invocation gets the QEMU
// checks and hovers, every sysfs driver write the binding checks. Parsed with
// tree-sitter-bash; nothing in the script is run.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Node, Parser } from 'web-tree-sitter';
import type { AnalysisContext, Analyzer, DiagnosticFact, DocumentAnalysis, HoverFact } from '../../analysis';
import { createParser, parseBudgetMs, parseWithinBudget } from '../../parsing/treeSitter';
import { analyzeVm, argvProblems } from '../qemu/analyzeVm';
import { parseArgv } from '../qemu/argv';
import { vmFromArgv } from '../qemu/fromArgv';
import type { MappedText } from '../qemu/text';
import { commands, qemuArgv } from './commands';
import { bindingChecks, hyphenatedPaths } from './sysfsChecks';
import { sysfsWrites } from './sysfsWrites';
import { ScriptVariables } from './variables';
import { WordDecoder } from './words';

const EXTENSIONS = /\.(sh|bash|args)$/i;

/** The first place tree-sitter could not read, when the script is about what we check. */
function syntaxProblem(doc: TextDocument, root: Node): DiagnosticFact[] {
  const text = doc.getText();
  if (!root.hasError || !/qemu|\/sys\/bus\/pci/.test(text)) return [];
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.shift()!;
    if (n.isError || n.isMissing) {
      // A missing token has no width: underline the character where it was expected.
      const start = Math.min(n.startIndex, Math.max(0, text.length - 1));
      const end = Math.min(text.length, Math.max(n.endIndex, start + 1));
      return [{
        range: { start: doc.positionAt(start), end: doc.positionAt(end) },
        severity: 'warning',
        code: 'NVG259',
        message: n.isMissing ? `shell syntax: ${n.type} missing here; vfio-lens reads the rest as best it can` : 'shell syntax error here (an unclosed quote or bracket?); vfio-lens reads the rest as best it can',
      }];
    }
    for (const c of n.children) if (c?.hasError || c?.isMissing) stack.push(c);
  }
  return [];
}

export class ShellAnalyzer implements Analyzer {
  readonly id = 'shell';
  private parser: Parser | undefined;

  accepts(doc: TextDocument): boolean {
    return doc.languageId === 'shellscript' || EXTENSIONS.test(doc.uri);
  }

  analyze(doc: TextDocument, ctx: AnalysisContext): DocumentAnalysis {
    this.parser ??= createParser('bash');
    // tree-sitter-bash's scanner reads a NUL as the end of input; after a line continuation that sends
    // error recovery into seconds (2,000 lines of `\\`, newline, NUL: 4 s). A NUL means nothing in a
    // script (bash drops it), and a space keeps every offset.
    const text = doc.getText().replaceAll('\0', ' ');
    // tree-sitter-bash's error recovery is quadratic on some junk (16,000 stray `)` take 5 s).
    const budget = parseBudgetMs(text.length);
    const tree = parseWithinBudget(this.parser, text, null, budget);
    const diagnostics: DiagnosticFact[] = [];
    const hovers: HoverFact[] = [];
    if (!tree) {
      diagnostics.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'warning',
        code: 'NVG259',
        message: `shell syntax: the parser gave up on this script after ${Math.round(budget)} ms (thousands of stray or unclosed brackets?); vfio-lens does not check it`,
      });
    }
    if (tree) {
      try {
        const vars = new ScriptVariables(doc, tree);
        const decoder = new WordDecoder(doc, vars);
        vars.use(decoder);
        const cmds = commands(tree, decoder, vars);
        for (const cmd of cmds) {
          const words = qemuArgv(cmd);
          if (!words) continue;
          const argv = parseArgv(words);
          const vm = analyzeVm(vmFromArgv(argv), ctx);
          diagnostics.push(...argvProblems(argv), ...vm.diagnostics);
          hovers.push(...vm.hovers);
        }
        const texts: MappedText[] = cmds.flatMap((c) => c.words.map((w) => w.text));
        const writes = sysfsWrites(cmds, decoder);
        diagnostics.push(...hyphenatedPaths([...texts, ...writes.map((w) => w.path)]), ...bindingChecks(doc, writes, ctx));
        diagnostics.push(...syntaxProblem(doc, tree.rootNode));
      } finally {
        tree.delete();
      }
    }
    return { uri: doc.uri, version: doc.version, analyzer: this.id, diagnostics, hovers, inlayHints: [], codeLenses: [] };
  }
}
