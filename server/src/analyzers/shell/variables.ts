// What a script's variables hold, as far as the script alone says: straight-
// line assignments at the top level (`GPU=0009:01:00.0`, `ARGS=(…)`,
// `ARGS+=(…)`, `export X=…`). A variable also set inside a function, a loop, a
// condition, by `read`/`for`/`unset`, or only by the environment is unknown.
import type { Node, Tree } from 'web-tree-sitter';
import type { ArgWord } from '../qemu/argv';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MappedText } from '../qemu/text';
import type { VariableLookup, WordDecoder } from './words';

interface Assignment {
  readonly node: Node;
  readonly append: boolean;
  readonly value: Node | undefined;
}

/** Builtins whose arguments name variables they set. */
const SETTERS = new Set(['read', 'mapfile', 'readarray', 'getopts', 'printf']);

/**
 * Assignments that run at the top level of the script (`X=1`, `export X=1`),
 * found from the root down: asking each assignment for its parents costs the
 * tree's depth every time, quadratic in a deeply nested script.
 */
function topLevelAssignments(root: Node): Set<number> {
  const out = new Set<number>();
  const visit = (n: Node) => {
    for (const c of n.namedChildren) {
      if (c?.type === 'variable_assignment') out.add(c.id);
      else if (c && (c.type === 'variable_assignments' || c.type === 'declaration_command')) visit(c);
    }
  };
  visit(root);
  return out;
}

export class ScriptVariables implements VariableLookup {
  private readonly assignments = new Map<string, Assignment[]>();
  private readonly varies = new Set<string>();
  private readonly scalars = new Map<Node, MappedText | undefined>();
  private readonly arrays = new Map<Node, readonly ArgWord[] | undefined>();
  private decoder!: WordDecoder;
  private topLevel = new Set<number>();
  /** `VAR=x cmd`: assignments that set VAR for one command only. */
  private readonly prefixes = new Set<number>();
  private functions: ReadonlyArray<{ readonly start: number; readonly end: number }> = [];

  constructor(
    private readonly doc: TextDocument,
    tree: Tree,
  ) {
    this.collect(tree.rootNode);
  }

  /** The decoder that reads assignment values (it asks us back for variables). */
  use(decoder: WordDecoder): void {
    this.decoder = decoder;
  }

  private collect(root: Node): void {
    const nodes = root.descendantsOfType(['variable_assignment', 'for_statement', 'c_style_for_statement', 'unset_command', 'command']);
    this.topLevel = topLevelAssignments(root);
    for (const n of nodes) if (n?.type === 'command') for (const c of n.children) if (c?.type === 'variable_assignment') this.prefixes.add(c.id);
    this.functions = root.descendantsOfType('function_definition').flatMap((f) => (f ? [{ start: f.startIndex, end: f.endIndex }] : []));
    for (const n of nodes) {
      if (!n) continue;
      if (n.type === 'variable_assignment') this.assignment(n);
      else if (n.type === 'for_statement' || n.type === 'c_style_for_statement') {
        const v = n.childForFieldName('variable');
        if (v) this.varies.add(v.text);
      } else if (n.type === 'unset_command') {
        for (const c of n.namedChildren) if (c) this.varies.add(c.text);
      } else {
        const name = n.childForFieldName('name')?.text;
        if (name && SETTERS.has(name)) {
          for (const a of n.childrenForFieldName('argument')) if (a && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.text)) this.varies.add(a.text);
        }
      }
    }
    for (const list of this.assignments.values()) list.sort((a, b) => a.node.startIndex - b.node.startIndex);
  }

  private assignment(n: Node): void {
    const nameNode = n.childForFieldName('name');
    if (!nameNode) return;
    if (nameNode.type === 'subscript') {
      this.varies.add(nameNode.childForFieldName('name')?.text ?? nameNode.text);
      return;
    }
    const name = nameNode.text;
    // `VAR=x cmd` sets VAR for that command only.
    if (this.prefixes.has(n.id)) return;
    if (!this.topLevel.has(n.id)) {
      this.varies.add(name);
      return;
    }
    const op = n.children.find((c) => c && (c.type === '=' || c.type === '+='));
    const list = this.assignments.get(name) ?? [];
    list.push({ node: n, append: op?.type === '+=', value: n.childForFieldName('value') ?? undefined });
    this.assignments.set(name, list);
  }

  /** Assignments that have happened before `at`, or undefined when that cannot be known. */
  private before(name: string, at: Node): Assignment[] | undefined {
    if (this.varies.has(name)) return undefined;
    const list = this.assignments.get(name);
    if (!list) return undefined;
    // A function may run after later assignments: only a single assignment is safe there.
    if (this.functions.some((f) => f.start <= at.startIndex && at.endIndex <= f.end)) return list.length === 1 ? list : undefined;
    const done = list.filter((a) => a.node.endIndex <= at.startIndex);
    if (!done.length) return undefined;
    // The value a later `+=` appends to starts at the last plain assignment.
    let first = done.length - 1;
    while (first > 0 && done[first].append) first--;
    if (done[first].append) return undefined;
    return done.slice(first);
  }

  /** The source text of every value the script assigns to `name` (to recognise `QEMU=${QEMU:-qemu-system-aarch64}`). */
  assignedSource(name: string): string {
    return (this.assignments.get(name) ?? []).map((a) => a.value?.text ?? '').join(' ');
  }

  scalar(name: string, at: Node): MappedText | undefined {
    const list = this.before(name, at);
    if (!list) return undefined;
    const key = list[list.length - 1].node;
    if (this.scalars.has(key)) return this.scalars.get(key);
    this.scalars.set(key, undefined); // guards against a value that refers to itself
    let value: MappedText | undefined;
    if (list.some((a) => a.value?.type === 'array')) value = undefined;
    else {
      const parts = list.flatMap((a) => (a.value ? [this.decoder.text(a.value)] : []));
      value = MappedText.concat(this.doc, parts, key.endIndex);
    }
    this.scalars.set(key, value);
    return value;
  }

  array(name: string, at: Node): readonly ArgWord[] | undefined {
    const list = this.before(name, at);
    if (!list || list.some((a) => a.value?.type !== 'array')) return undefined;
    const key = list[list.length - 1].node;
    if (this.arrays.has(key)) return this.arrays.get(key);
    this.arrays.set(key, undefined);
    const words = list.flatMap((a) => a.value!.namedChildren.flatMap((el) => (el ? this.decoder.words(el) : [])));
    this.arrays.set(key, words);
    return words;
  }
}
