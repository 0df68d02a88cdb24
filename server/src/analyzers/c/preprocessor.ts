// The file's preprocessor directives in order: #define (object- and
// function-like), #undef and the #if groups around them. The semantic part
// (names, bodies, order, branches) is compared across edits so the macro
// table survives edits that touch no directive; locations are refreshed on
// every analysis.
import type { Node, Tree } from 'web-tree-sitter';
import { pieceNodes, topLevelPieces } from './pieces';

/** One step into a conditional group: the group's opening directive and the branch taken (0 = #if part). */
export interface GroupStep {
  readonly group: number;
  readonly branch: number;
}

export type GroupPath = readonly GroupStep[];

interface DirectiveBase {
  readonly ordinal: number;
  readonly path: GroupPath;
}

export type Directive = DirectiveBase &
  (
    | {
        readonly kind: 'define';
        readonly name: string;
        /** Absent for object-like macros. */
        readonly params?: readonly string[];
        readonly variadic?: boolean;
        readonly body: string;
      }
    | { readonly kind: 'undef'; readonly name: string }
    | { readonly kind: 'group'; readonly hasElse: boolean; readonly branches: number }
    | { readonly kind: 'branch'; readonly group: number }
    | { readonly kind: 'other' }
  );

export interface DirectiveLocation {
  readonly start: number;
  readonly end: number;
  /** The macro name (define/undef). */
  readonly nameStart?: number;
  readonly nameEnd?: number;
  /** Start of the replacement list in the document (define). */
  readonly bodyStart?: number;
  readonly bodyEnd?: number;
}

export interface Preprocessor {
  readonly directives: readonly Directive[];
  readonly locations: readonly DirectiveLocation[];
  /** Equal signatures mean equal macro semantics. */
  readonly signature: string;
  /** The first #if group nested past MAX_GROUP_DEPTH (its first line): from there on nothing was read. */
  readonly tooDeep?: { readonly start: number; readonly end: number };
}

/** C requires 63 levels of nested #if; real drivers use a handful. Deeper groups are not read. */
export const MAX_GROUP_DEPTH = 256;

const GROUP_HEADS = new Set(['preproc_if', 'preproc_ifdef']);
const GROUP_TAILS = new Set(['preproc_elif', 'preproc_elifdef', 'preproc_else']);
const DIRECTIVES = new Set(['preproc_def', 'preproc_function_def', 'preproc_call', 'preproc_include', ...GROUP_HEADS, ...GROUP_TAILS]);

/**
 * The directives of one top-level node (see pieces.ts) as if it began the file:
 * ordinals and group references count from 0 within the piece, locations are
 * document offsets. `placeDirectives` puts pieces together.
 */
export interface PieceDirectives {
  readonly directives: readonly Directive[];
  readonly locations: readonly DirectiveLocation[];
  /** Equal signatures mean equal directives (relative to the piece). */
  readonly signature: string;
  readonly tooDeep?: { readonly start: number; readonly end: number };
}

const NO_DIRECTIVES: PieceDirectives = { directives: [], locations: [], signature: '' };
const NO_PATH: GroupPath = [];
const LONE_DIRECTIVES = new Set(['preproc_def', 'preproc_function_def', 'preproc_call', 'preproc_include']);

/** The directives of a tree parsed from `text`. */
export function collectDirectives(tree: Tree, text: string): Preprocessor {
  const pieces = topLevelPieces(tree, text);
  const nodes = pieceNodes(tree, pieces.map((_, i) => i));
  const root = tree.rootNode;
  return placeDirectives(pieces.map((p, i) => pieceDirectives(nodes[i], text, p.from, p.to, root)));
}

/** The whole file's directives from its pieces', in order: ordinals and group references made absolute. */
export function placeDirectives(parts: readonly PieceDirectives[]): Preprocessor {
  const directives: Directive[] = [];
  const locations: DirectiveLocation[] = [];
  const signatures: string[] = [];
  let tooDeep: { start: number; end: number } | undefined;
  for (const p of parts) {
    if (!p.directives.length && !p.tooDeep) continue;
    const base = directives.length;
    for (const d of p.directives) directives.push(base === 0 ? d : moved(d, base));
    locations.push(...p.locations);
    signatures.push(p.signature);
    tooDeep ??= p.tooDeep;
  }
  // A piece's signature and the count of directives before it fix its absolute directives.
  return { directives, locations, signature: signatures.join('\n'), ...(tooDeep ? { tooDeep } : {}) };
}

function moved(d: Directive, base: number): Directive {
  const path = d.path.length ? d.path.map((st) => ({ group: st.group + base, branch: st.branch })) : d.path;
  if (d.kind === 'branch') return { ...d, ordinal: d.ordinal + base, path, group: d.group < 0 ? d.group : d.group + base };
  return { ...d, ordinal: d.ordinal + base, path };
}

/** The directives inside one top-level node (a child of `root`), in document order. */
export function pieceDirectives(top: Node, text: string, from: number, to: number, root: Node): PieceDirectives {
  const nodes: Node[] = [];
  // Directives sit at top level, inside #if groups, or (rarely) inside bodies; skip subtrees with none.
  // Every directive starts with '#': a subtree without one in its range holds none (most function bodies).
  const hashes = hashOffsets(text, from, to);
  if (!hashes.length || !hasOffsetIn(hashes, top.startIndex, top.endIndex) || !mayHoldDirectives(top)) return NO_DIRECTIVES;
  // An explicit stack, not recursion: blocks nested thousands deep must not overflow the call stack.
  // Conditional groups nested past MAX_GROUP_DEPTH are not read (their directives stay unknown).
  let tooDeep: { start: number; end: number } | undefined;
  const topType = top.type;
  // A lone directive (most pieces that hold one) has no directive inside: no walk.
  // Each directive's enclosing groups are worked out on the way down: asking web-tree-sitter for a
  // node's parent walks down from the root again, so climbing parents per directive was cubic in the
  // nesting (256 nested #if in an initializer: 7 s).
  // The piece itself may be a group: its children are inside it. (`top.parent` would search the
  // root's children for it: quadratic over a file of many pieces.)
  const stack: Walk[] = LONE_DIRECTIVES.has(topType) ? [] : [descend({ node: root, depth: 0, rec: null }, top)];
  const within = new Map<Node, Rec | null>();
  const tailHead = new Map<Node, number>();
  if (!stack.length) nodes.push(top);
  while (stack.length) {
    const w = stack.pop()!;
    const n = w.node;
    const inner = GROUP_HEADS.has(n.type) ? w.depth + 1 : w.depth;
    if (inner > MAX_GROUP_DEPTH) {
      const eol = text.indexOf('\n', n.startIndex);
      tooDeep ??= { start: n.startIndex, end: eol < 0 ? text.length : eol };
      continue;
    }
    if (DIRECTIVES.has(n.type)) nodes.push(n);
    const kids = n.namedChildren;
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i];
      if (!c || !hasOffsetIn(hashes, c.startIndex, c.endIndex) || !mayHoldDirectives(c)) continue;
      const child = descend(w, c);
      if (DIRECTIVES.has(c.type)) within.set(c, w.rec);
      if (child.chain && GROUP_TAILS.has(c.type)) tailHead.set(c, child.chain.headStart);
      stack.push({ ...child, depth: inner });
    }
  }
  const ordinalAt = new Map<number, number>(nodes.map((n, i) => [n.startIndex, i]));
  const directives: Directive[] = [];
  const locations: DirectiveLocation[] = [];
  nodes.forEach((n, ordinal) => {
    // A piece is a top-level node: the groups around a directive are inside it.
    const path = n === top ? NO_PATH : resolvePath(within.get(n) ?? null, ordinalAt);
    const loc = { start: n.startIndex, end: n.endIndex };
    switch (n.type) {
      case 'preproc_def':
      case 'preproc_function_def': {
        const name = n.childForFieldName('name');
        const value = n.childForFieldName('value');
        const params = n.childForFieldName('parameters');
        const names = params ? params.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c!.text) : undefined;
        const variadic = params ? params.children.some((c) => c?.type === '...') : undefined;
        directives.push({ ordinal, path, kind: 'define', name: name?.text ?? '', body: value?.text.trimEnd() ?? '', ...(names ? { params: names, variadic } : {}) });
        const bodyStart = value?.startIndex ?? name?.endIndex ?? n.endIndex;
        locations.push({ ...loc, nameStart: name?.startIndex, nameEnd: name?.endIndex, bodyStart, bodyEnd: bodyStart + (value?.text.trimEnd().length ?? 0) });
        return;
      }
      case 'preproc_call': {
        const dir = n.childForFieldName('directive')?.text;
        const arg = n.childForFieldName('argument');
        if (dir === '#undef' && arg) {
          const name = /^\s*([A-Za-z_]\w*)/.exec(arg.text);
          const offset = arg.text.search(/\S/);
          directives.push({ ordinal, path, kind: 'undef', name: name?.[1] ?? '' });
          locations.push({ ...loc, nameStart: arg.startIndex + offset, nameEnd: arg.startIndex + offset + (name?.[1].length ?? 0) });
          return;
        }
        directives.push({ ordinal, path, kind: 'other' });
        locations.push(loc);
        return;
      }
      default:
        if (GROUP_HEADS.has(n.type)) directives.push({ ordinal, path, kind: 'group', ...branches(n) });
        else if (GROUP_TAILS.has(n.type)) directives.push({ ordinal, path, kind: 'branch', group: ordinalAt.get(tailHead.get(n) ?? n.startIndex) ?? -1 });
        else directives.push({ ordinal, path, kind: 'other' });
        locations.push(loc);
    }
  });
  if (!directives.length && !tooDeep) return NO_DIRECTIVES;
  return { directives, locations, signature: JSON.stringify(directives), ...(tooDeep ? { tooDeep } : {}) };
}

function hashOffsets(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  // In the piece's own text: indexOf from `from` over the whole file would run on to the next '#'.
  const own = text.slice(from, to);
  for (let i = own.indexOf('#'); i >= 0; i = own.indexOf('#', i + 1)) out.push(i + from);
  return out;
}

/** Whether a sorted list holds an offset in [start, end). */
function hasOffsetIn(sorted: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < end;
}

function mayHoldDirectives(n: Node): boolean {
  // Expressions and declarations never contain a directive; only statement lists and groups do.
  return !/expression|declarator|literal|identifier|type|argument_list|parameter_list|field_declaration$|^comment$/.test(n.type);
}

function branches(head: Node): { hasElse: boolean; branches: number } {
  let count = 1;
  let hasElse = false;
  for (let alt = head.childForFieldName('alternative'); alt; alt = alt.childForFieldName('alternative')) {
    count++;
    hasElse ||= alt.type === 'preproc_else';
  }
  return { hasElse, branches: count };
}

/**
 * The groups around a node, innermost last, as (start of the group's #if, branch) steps: what
 * groupPath() finds by climbing parents, built top-down. `null` is no group.
 */
interface Rec {
  readonly headStart: number;
  readonly branch: number;
  readonly outer: Rec | null;
}

/** For a group's #if or one of its #elif/#else: the group, this branch, and the groups outside it. */
interface Chain {
  readonly outer: Rec | null;
  readonly headStart: number;
  readonly branch: number;
}

interface Walk {
  readonly node: Node;
  readonly depth: number;
  /** The groups around this node, as groupPath(node) would give them. */
  readonly rec: Rec | null;
  readonly chain?: Chain;
}

function descend(parent: Walk, c: Node): Walk {
  const p = parent.node;
  let chain: Chain | undefined;
  if (GROUP_HEADS.has(c.type)) chain = { outer: parent.rec, headStart: c.startIndex, branch: 0 };
  else if (GROUP_TAILS.has(c.type)) {
    // An #elif/#else hangs off the previous branch; climbing them leads to the group's head.
    chain = parent.chain && GROUP_TAILS.has(p.type)
      ? { outer: parent.chain.outer, headStart: parent.chain.headStart, branch: parent.chain.branch + 1 }
      : { outer: parent.chain && GROUP_HEADS.has(p.type) ? parent.chain.outer : parent.rec, headStart: p.startIndex, branch: 1 };
  }
  const rec = chain ? { headStart: chain.headStart, branch: chain.branch, outer: chain.outer } : parent.rec;
  return { node: c, depth: parent.depth, rec, ...(chain ? { chain } : {}) };
}

function resolvePath(rec: Rec | null, ordinalAt: ReadonlyMap<number, number>): GroupPath {
  if (!rec) return NO_PATH;
  const path: GroupStep[] = [];
  for (let r: Rec | null = rec; r; r = r.outer) {
    const group = ordinalAt.get(r.headStart);
    if (group !== undefined) path.unshift({ group, branch: r.branch });
  }
  return path;
}

/**
 * The preprocessor's view of a document offset: how many directives precede
 * it and which #if branches hold it. Pure data, so it works after the tree
 * that produced the directives is gone.
 */
export function pointAt(pp: Preprocessor, offset: number): { ordinal: number; path: GroupPath } {
  const locs = pp.locations;
  let lo = 0;
  let hi = locs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (locs[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  const path: GroupStep[] = [];
  for (const g of groupIndex(pp)) {
    if (g.start >= offset) break;
    if (g.end <= offset) continue;
    path.push({ group: g.ordinal, branch: g.branchStarts.filter((b) => b <= offset).length });
  }
  return { ordinal: lo, path };
}

interface GroupSpan {
  readonly ordinal: number;
  readonly start: number;
  readonly end: number;
  readonly branchStarts: readonly number[];
}

const groupIndexes = new WeakMap<Preprocessor, GroupSpan[]>();

function groupIndex(pp: Preprocessor): GroupSpan[] {
  let index = groupIndexes.get(pp);
  if (index) return index;
  index = pp.directives
    .filter((d) => d.kind === 'group')
    .map((d) => ({
      ordinal: d.ordinal,
      start: pp.locations[d.ordinal].start,
      end: pp.locations[d.ordinal].end,
      branchStarts: pp.directives.filter((b) => b.kind === 'branch' && b.group === d.ordinal).map((b) => pp.locations[b.ordinal].start),
    }));
  groupIndexes.set(pp, index);
  return index;
}

