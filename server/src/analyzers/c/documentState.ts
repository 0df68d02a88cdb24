// One parse tree per open C document, kept in step with the editor: each
// content change becomes a tree-sitter edit and the next parse reuses the
// old tree. Documents the analyzer sees without change events (the CLI, a
// version jump) are parsed from scratch.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Parser, Point as TsPoint, Tree } from 'web-tree-sitter';
import type { DocumentChange } from '../../documents';
import { createParser, parseBudgetMs, parseWithinBudget } from '../../parsing/treeSitter';
import { MAX_BRACKET_DEPTH, parserInput } from './parserText';

export interface ParsedDocument {
  readonly tree: Tree;
  readonly text: string;
  readonly version: number;
}

/** Text the parser was not given (see nesting.ts) or gave up on (see parseBudgetMs): nothing of it is read. */
export interface AbandonedParse {
  readonly abandoned: true;
  readonly offset: number;
  readonly why: string;
}

/** Tree-sitter points count UTF-16 code units in web-tree-sitter, like LSP positions. */
function pointAt(text: string, offset: number): TsPoint {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

function offsetAt(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : nl;
  return Math.min(offset + character, lineEnd);
}

/**
 * Where an edited tree has syntax errors, tree-sitter's error recovery around reused subtrees can
 * differ from a fresh parse's (a token read as a type in one, an identifier in the other; a
 * statement inside an ERROR node or not), and so would everything read from it. The top-level
 * nodes holding an error are marked edited and parsed again, which re-reads them from the same
 * state a fresh parse starts them in; the rest of the tree is still reused.
 */
function settleErrors(parser: Parser, text: string, tree: Tree): Tree | undefined {
  if (!tree.rootNode.hasError) return tree;
  const spans: Array<{ start: number; end: number; startPosition: TsPoint; endPosition: TsPoint }> = [];
  const c = tree.walk();
  try {
    if (c.gotoFirstChild()) {
      do {
        const n = c.currentNode;
        if (n.hasError) spans.push({ start: n.startIndex, end: n.endIndex, startPosition: n.startPosition, endPosition: n.endPosition });
      } while (c.gotoNextSibling());
    }
  } finally {
    c.delete();
  }
  if (!spans.length) return tree;
  // `tree` is the caller's fresh parse, replaced by the result: it is edited in place.
  for (const x of spans) {
    tree.edit({ startIndex: x.start, oldEndIndex: x.end, newEndIndex: x.end, startPosition: x.startPosition, oldEndPosition: x.endPosition, newEndPosition: x.endPosition });
  }
  return parseWithinBudget(parser, text, tree);
}

export class DocumentTrees {
  /** How often a document was parsed from scratch or from its edited tree (for tests and benchmarks). */
  readonly counters = { full: 0, incremental: 0 };
  private readonly docs = new Map<string, { parser: Parser; tree: Tree; text: string; version: number }>();

  /** The tree for exactly this text, parsing (incrementally when possible) if needed. */
  get(uri: string, version: number, text: string): ParsedDocument | AbandonedParse {
    const s = this.docs.get(uri);
    if (s && s.text === text) {
      s.version = version;
      return s;
    }
    const input = parserInput(text);
    if (input.tooDeepAt !== undefined) {
      this.drop(uri);
      return { abandoned: true, offset: input.tooDeepAt, why: `brackets nested more than ${MAX_BRACKET_DEPTH} deep here: vfio-lens does not parse this file (tree-sitter's C parser can crash on such text)` };
    }
    const parser = s?.parser ?? createParser('c');
    const budgetMs = parseBudgetMs(text.length);
    const tree = parseWithinBudget(parser, input.text, null, budgetMs);
    this.counters.full++;
    if (!tree) {
      if (s) this.drop(uri);
      else parser.delete();
      return { abandoned: true, offset: 0, why: `the parser gave up on this file after ${Math.round(budgetMs)} ms of CPU time (deeply nested or unbalanced brackets?); vfio-lens does not check it` };
    }
    s?.tree.delete();
    const next = { parser, tree, text, version };
    this.docs.set(uri, next);
    return next;
  }

  /** Applies an editor change to the stored tree; the next get() reparses only what changed. */
  change(change: DocumentChange): void {
    const uri = change.document.uri;
    const s = this.docs.get(uri);
    if (!s || s.text !== change.previous.getText()) {
      this.drop(uri);
      return;
    }
    let text = s.text;
    let tree = s.tree;
    for (const c of change.changes) {
      if (!('range' in c) || !c.range) {
        // A whole-document replacement: nothing to reuse.
        this.drop(uri);
        return;
      }
      text = this.edit(tree, text, c);
    }
    const input = parserInput(text);
    if (input.tooDeepAt !== undefined) {
      // The next get() says why, without ever giving this text to the parser.
      this.drop(uri);
      return;
    }
    const first = parseWithinBudget(s.parser, input.text, tree);
    this.counters.incremental++;
    const next = first && settleErrors(s.parser, input.text, first);
    if (first && first !== next) first.delete();
    if (!next) {
      this.drop(uri);
      return;
    }
    tree.delete();
    this.docs.set(uri, { parser: s.parser, tree: next, text, version: change.document.version });
  }

  private edit(tree: Tree, text: string, c: Extract<TextDocumentContentChangeEvent, { range: unknown }>): string {
    const start = offsetAt(text, c.range.start.line, c.range.start.character);
    const oldEnd = offsetAt(text, c.range.end.line, c.range.end.character);
    const next = text.slice(0, start) + c.text + text.slice(oldEnd);
    const newEnd = start + c.text.length;
    tree.edit({
      startIndex: start,
      oldEndIndex: oldEnd,
      newEndIndex: newEnd,
      startPosition: pointAt(text, start),
      oldEndPosition: pointAt(text, oldEnd),
      newEndPosition: pointAt(next, newEnd),
    });
    return next;
  }

  drop(uri: string): void {
    const s = this.docs.get(uri);
    if (!s) return;
    s.tree.delete();
    s.parser.delete();
    this.docs.delete(uri);
  }
}
