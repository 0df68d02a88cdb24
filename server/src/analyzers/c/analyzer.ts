// The analyzer for VFIO variant driver C source. Per open document it keeps
// an incrementally re-parsed tree, a macro table that survives edits which
// leave the preprocessor directives alone (with its evaluation cache), and
// the facts of each top-level node (pieces.ts), reused while its text stays.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Node, Tree } from 'web-tree-sitter';
import type { AnalysisContext, Analyzer, CodeLensFact, DocumentAnalysis, HoverFact, InlayHintFact } from '../../analysis';
import type { DocumentChange } from '../../documents';
import type { PageSize } from '../../model';
import { ConstEvaluator } from './constEval';
import { idTables } from './deviceIds';
import { opsTables } from './deviceOps';
import { type AbandonedParse, DocumentTrees } from './documentState';
import { EvalAt, buildDriver, pieceModel } from './driver';
import { summarizeFunctions } from './functions';
import { driverHints } from './hints';
import { changedNames, setDifference } from './macroChange';
import { PieceFacts, movedFacts, pieceKey, piecesMentioning, placedModels, placedScan, someName } from './pieceFacts';
import { pieceNodes, topLevelPieces } from './pieces';
import { driverHovers } from './hovers';
import { KERNEL_HELPERS, isKernelName } from './kernelHelpers';
import { driverLenses } from './lenses';
import { MacroTable } from './macroTable';
import { NVGRACE_NAME } from './nvgraceNames';
import { Preprocessor, pieceDirectives, placeDirectives, pointAt } from './preprocessor';
import { driverDiagnostics } from './rules';
import { Span, isWindowHelper, scanPiece } from './scan';

interface Macros {
  readonly signature: string;
  readonly table: MacroTable;
  readonly evaluators: Map<PageSize, ConstEvaluator>;
  /** Function-like macro names, and names whose expansion reaches VFIO_PCI_OFFSET_SHIFT. */
  readonly functionLike: ReadonlySet<string>;
  readonly shifting: ReadonlySet<string>;
  /** What the scan needs of each name, asked once per name and table (see ScanNeeds). */
  readonly asked: Map<string, number>;
  /** The previous table's evaluators and the names whose definitions changed since: evaluations to keep. */
  readonly predecessor?: { readonly evaluators: ReadonlyMap<PageSize, ConstEvaluator>; readonly changed: ReadonlySet<string> };
}

/** Per open document: its macro table and the facts of its pieces, by piece key. */
interface DocumentFacts {
  macros?: Macros;
  pieces: Map<string, PieceFacts>;
}

const NO_NAMES: ReadonlySet<string> = new Set();
const ALIGN_HELPERS = new Set(['round_up', 'round_down', 'ALIGN', 'ALIGN_DOWN', 'IS_ALIGNED']);
const OUT_PARAM = /^check_(add|sub|mul)_overflow$/;

/** Macros whose bodies mention VFIO_PCI_OFFSET_SHIFT, directly or through each other. */
function shiftingNames(table: MacroTable): Set<string> {
  const found = new Set(['VFIO_PCI_OFFSET_SHIFT']);
  const bodies = [...table.names()].map((n) => ({ n, words: new Set(table.definitions(n).flatMap((d) => d.body.match(/[A-Za-z_]\w*/g) ?? [])) }));
  for (let grew = true; grew; ) {
    grew = false;
    for (const b of bodies) {
      if (!found.has(b.n) && [...b.words].some((w) => found.has(w))) {
        found.add(b.n);
        grew = true;
      }
    }
  }
  return found;
}

export const C_ANALYZER_ID = 'c-driver';

function abandoned(doc: TextDocument, parse: AbandonedParse): DocumentAnalysis {
  const at = doc.positionAt(parse.offset);
  return {
    uri: doc.uri,
    version: doc.version,
    analyzer: C_ANALYZER_ID,
    diagnostics: [{
      range: { start: at, end: doc.positionAt(parse.offset + 1) },
      severity: 'warning',
      code: 'NVG116',
      message: `C syntax: ${parse.why}`,
    }],
    hovers: [],
    inlayHints: [],
    codeLenses: [],
  };
}

export class CDriverAnalyzer implements Analyzer {
  readonly id = C_ANALYZER_ID;
  private readonly trees = new DocumentTrees();
  private readonly docs = new Map<string, DocumentFacts>();
  /** Work done so far, to check that edits re-analyse only what they must. */
  get counters(): { readonly fullParses: number; readonly incrementalParses: number; readonly macroTables: number } {
    return { fullParses: this.trees.counters.full, incrementalParses: this.trees.counters.incremental, macroTables: this.tablesBuilt };
  }
  /** Pieces (top-level nodes) whose facts were made afresh, by kind, since the analyzer started. */
  readonly pieceWork = { directives: 0, scans: 0, models: 0, reused: 0 };
  private tablesBuilt = 0;

  accepts(doc: TextDocument): boolean {
    return doc.languageId === 'c';
  }

  didChange(change: DocumentChange): void {
    this.trees.change(change);
  }

  didClose(uri: string): void {
    this.trees.drop(uri);
    this.docs.delete(uri);
  }

  /**
   * The macro table for these directives: the previous one when nothing changed.
   * A new table keeps the previous one's evaluations and piece facts that rest
   * on none of the changed definitions.
   */
  private macroTable(facts: DocumentFacts, pp: Preprocessor, current: readonly PieceFacts[], text: string): Macros {
    const prev = facts.macros;
    if (prev && prev.signature === pp.signature) return prev;
    const table = new MacroTable(pp.directives);
    const functionLike = new Set([...table.names()].filter((n) => table.definitions(n).some((d) => d.params)));
    const changed = prev ? changedNames(prev.table.directives, pp.directives) : undefined;
    const next: Macros = {
      signature: pp.signature,
      table,
      evaluators: new Map(),
      functionLike,
      shifting: shiftingNames(table),
      asked: new Map(),
      ...(prev && changed ? { predecessor: { evaluators: prev.evaluators, changed } } : {}),
    };
    this.tablesBuilt++;
    facts.macros = next;
    if (!prev) return next;
    // Scans depend on which names are macros, function-like or shifting; models on the macros they looked up.
    const needsChanged = new Set<string>();
    setDifference(new Set(prev.table.names()), new Set(table.names()), needsChanged);
    setDifference(prev.functionLike, functionLike, needsChanged);
    setDifference(prev.shifting, next.shifting, needsChanged);
    const rescan = piecesMentioning(text, current, needsChanged);
    current.forEach((f, i) => {
      if (f.scan && rescan.has(i)) {
        f.scan = undefined;
        f.model = undefined;
      } else if (f.model && (!changed || [...changed].some((n) => f.model!.touched.has(n)))) {
        f.model = undefined;
      }
    });
    return next;
  }

  private evaluator(m: Macros, pageSize: PageSize): ConstEvaluator {
    let ev = m.evaluators.get(pageSize);
    if (!ev) {
      const before = m.predecessor?.evaluators.get(pageSize);
      ev = new ConstEvaluator(m.table, pageSize, before && m.predecessor ? { evaluator: before, changed: m.predecessor.changed } : undefined);
      m.evaluators.set(pageSize, ev);
    }
    return ev;
  }

  /**
   * Directives, scan and model facts, piece by piece (top-level nodes): a piece
   * whose text an edit left alone keeps its facts, moved to where it now is.
   */
  private pieceFacts(uri: string, tree: Tree, text: string, pageSize: PageSize) {
    let facts = this.docs.get(uri);
    if (!facts) this.docs.set(uri, (facts = { pieces: new Map() }));
    const pieces = topLevelPieces(tree, text);
    const keys = pieces.map((p) => pieceKey(p, text));
    const current: PieceFacts[] = new Array(pieces.length);
    const fresh: number[] = [];
    pieces.forEach((p, i) => {
      const kept = facts!.pieces.get(keys[i]);
      if (kept) current[i] = kept.from === p.from ? kept : movedFacts(kept, p.from);
      else fresh.push(i);
    });
    const nodes = new Map<number, Node>();
    pieceNodes(tree, fresh).forEach((n, k) => nodes.set(fresh[k], n));
    const root = tree.rootNode;
    for (const i of fresh) {
      const n = nodes.get(i)!;
      current[i] = { key: keys[i], from: pieces[i].from, origin: pieces[i].from, directives: pieceDirectives(n, text, pieces[i].from, pieces[i].to, root), reusable: pieces[i].type !== 'ERROR' && !n.hasError };
      this.pieceWork.directives++;
    }
    const pp = placeDirectives(current.map((f) => f.directives));
    const m = this.macroTable(facts, pp, current, text);
    const table = m.table;
    const needs = {
      interesting: (name: string) => table.mentions(name) || isKernelName(name) || NVGRACE_NAME.has(name) || name.startsWith('VFIO_DEVICE_'),
      detailed: (name: string) => isWindowHelper(name) || ALIGN_HELPERS.has(name) || OUT_PARAM.test(name) || m.functionLike.has(name) || KERNEL_HELPERS.has(name),
      shifting: (name: string) => m.shifting.has(name),
    };
    const unscanned = current.map((f, i) => (f.scan ? -1 : i)).filter((i) => i >= 0 && !nodes.has(i));
    pieceNodes(tree, unscanned).forEach((n, k) => nodes.set(unscanned[k], n));
    const ev = this.evaluator(m, pageSize);
    const point = (offset: number) => pointAt(pp, offset);
    const evalAt: EvalAt = (t, offset, touched) => ev.evaluateText(t, point(offset), touched);
    const next = new Map<string, PieceFacts>();
    let base = 0;
    current.forEach((f, i) => {
      if (!f.scan) {
        f.scan = scanPiece(nodes.get(i)!, text, pieces[i], needs, m.asked);
        f.origin = f.from;
        this.pieceWork.scans++;
      }
      if (!f.model || f.model.base !== base || f.model.pageSize !== pageSize) {
        const touched = new Set<string>();
        // The scan's offsets are where the piece was when it was scanned; points are read where it is.
        const d = f.from - f.origin;
        const here: EvalAt = d === 0 ? evalAt : (t, offset, tt) => evalAt(t, offset + d, tt);
        const made = pieceModel(f.scan, here, touched);
        f.model = { base, pageSize, touched: touched.size ? touched : NO_NAMES, facts: made };
        this.pieceWork.models++;
      } else this.pieceWork.reused++;
      base += f.directives.directives.length;
      if (f.reusable) next.set(f.key, f);
    });
    facts.pieces = next;
    return {
      pp,
      ev,
      scan: placedScan(current),
      models: placedModels(current),
      calls: (test: (name: string) => boolean) => someName(current, 'callSites', test),
      mentions: (test: (name: string) => boolean) => someName(current, 'idents', test),
    };
  }

  analyze(doc: TextDocument, ctx: AnalysisContext): DocumentAnalysis {
    const text = doc.getText();
    const parsed = this.trees.get(doc.uri, doc.version, text);
    if ('abandoned' in parsed) return abandoned(doc, parsed);
    const pageSize = ctx.profile.pageSize;
    const { pp, ev, scan: s, models, calls, mentions } = this.pieceFacts(doc.uri, parsed.tree, text, pageSize);
    const model = buildDriver(pp, ev, s, models, { calls, mentions });
    const ids = idTables(s.tables, model);
    const range = (x: Span) => ({ start: doc.positionAt(x.start), end: doc.positionAt(x.end) });
    const slice = (x: Span) => text.slice(x.start, x.end);
    const diagnostics = driverDiagnostics({
      uri: doc.uri,
      model,
      idTables: ids,
      calls: s.calls,
      variantDriver: calls((name) => name.startsWith('vfio_pci_core_')) || s.tables.some((t) => t.struct === 'vfio_device_ops'),
      ctx,
      range,
      text: slice,
      ...(pp.tooDeep ? { tooDeep: pp.tooDeep } : {}),
    });
    // Diagnostics are pushed after every edit; hovers, hints and lenses are built when first asked for,
    // against a snapshot of this version (the store updates its document in place on the next edit).
    let snapshot: TextDocument | undefined;
    const at = (o: number) => (snapshot ??= TextDocument.create(doc.uri, doc.languageId, doc.version, text)).positionAt(o);
    const later = (x: Span) => ({ start: at(x.start), end: at(x.end) });
    let fns: ReturnType<typeof summarizeFunctions> | undefined;
    let ops: ReturnType<typeof opsTables> | undefined;
    const functions = () => (fns ??= summarizeFunctions(s, model));
    const opsFacts = () => (ops ??= opsTables(s, functions()));
    let hovers: HoverFact[] | undefined;
    let hints: InlayHintFact[] | undefined;
    let lenses: CodeLensFact[] | undefined;
    const profile = ctx.profile;
    return {
      uri: doc.uri,
      version: doc.version,
      analyzer: this.id,
      diagnostics,
      get hovers() {
        return (hovers ??= driverHovers({ model, scan: s, functions: functions(), ops: opsFacts(), ids, profile, range: later, text: slice }));
      },
      get inlayHints() {
        return (hints ??= driverHints(model, profile, at));
      },
      get codeLenses() {
        return (lenses ??= driverLenses(model, functions(), opsFacts(), profile, later));
      },
    };
  }
}
