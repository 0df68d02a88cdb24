// The analyzer for VFIO variant driver C source. Per open document it keeps
// an incrementally re-parsed tree and a macro table that survives edits
// which leave the preprocessor directives alone (with its evaluation cache).
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisContext, Analyzer, CodeLensFact, DocumentAnalysis, HoverFact, InlayHintFact } from '../../analysis';
import type { DocumentChange } from '../../documents';
import type { PageSize } from '../../model';
import { ConstEvaluator } from './constEval';
import { idTables } from './deviceIds';
import { opsTables } from './deviceOps';
import { type AbandonedParse, DocumentTrees } from './documentState';
import { buildDriver } from './driver';
import { summarizeFunctions } from './functions';
import { driverHints } from './hints';
import { driverHovers } from './hovers';
import { KERNEL_HELPERS, isKernelName } from './kernelHelpers';
import { driverLenses } from './lenses';
import { MacroTable } from './macroTable';
import { NVGRACE_NAME } from './nvgraceNames';
import { collectDirectives } from './preprocessor';
import { driverDiagnostics } from './rules';
import { Span, isWindowHelper, scan } from './scan';

interface Macros {
  readonly signature: string;
  readonly table: MacroTable;
  readonly evaluators: Map<PageSize, ConstEvaluator>;
  /** Function-like macro names, and names whose expansion reaches VFIO_PCI_OFFSET_SHIFT. */
  readonly functionLike: ReadonlySet<string>;
  readonly shifting: ReadonlySet<string>;
}

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
  private readonly macros = new Map<string, Macros>();
  /** Work done so far, to check that edits re-analyse only what they must. */
  get counters(): { readonly fullParses: number; readonly incrementalParses: number; readonly macroTables: number } {
    return { fullParses: this.trees.counters.full, incrementalParses: this.trees.counters.incremental, macroTables: this.tablesBuilt };
  }
  private tablesBuilt = 0;

  accepts(doc: TextDocument): boolean {
    return doc.languageId === 'c';
  }

  didChange(change: DocumentChange): void {
    this.trees.change(change);
  }

  didClose(uri: string): void {
    this.trees.drop(uri);
    this.macros.delete(uri);
  }

  /** The macro table for these directives: the previous one when nothing changed. */
  private macroTable(uri: string, signature: string, directives: ConstructorParameters<typeof MacroTable>[0]): Macros {
    const prev = this.macros.get(uri);
    if (prev && prev.signature === signature) return prev;
    const table = new MacroTable(directives);
    const functionLike = new Set([...table.names()].filter((n) => table.definitions(n).some((d) => d.params)));
    const next = { signature, table, evaluators: new Map<PageSize, ConstEvaluator>(), functionLike, shifting: shiftingNames(table) };
    this.tablesBuilt++;
    this.macros.set(uri, next);
    return next;
  }

  analyze(doc: TextDocument, ctx: AnalysisContext): DocumentAnalysis {
    const text = doc.getText();
    const parsed = this.trees.get(doc.uri, doc.version, text);
    if ('abandoned' in parsed) return abandoned(doc, parsed);
    const pp = collectDirectives(parsed.tree, text);
    const m = this.macroTable(doc.uri, pp.signature, pp.directives);
    const pageSize = ctx.profile.pageSize;
    let ev = m.evaluators.get(pageSize);
    if (!ev) m.evaluators.set(pageSize, (ev = new ConstEvaluator(m.table, pageSize)));
    const table = m.table;
    const s = scan(parsed.tree, text, {
      interesting: (name) => table.mentions(name) || isKernelName(name) || NVGRACE_NAME.has(name) || name.startsWith('VFIO_DEVICE_'),
      detailed: (name) => isWindowHelper(name) || ALIGN_HELPERS.has(name) || OUT_PARAM.test(name) || m.functionLike.has(name) || KERNEL_HELPERS.has(name),
      shifting: (name) => m.shifting.has(name),
    });
    const model = buildDriver(pp, ev, s);
    const ids = idTables(s.tables, model);
    const range = (x: Span) => ({ start: doc.positionAt(x.start), end: doc.positionAt(x.end) });
    const slice = (x: Span) => text.slice(x.start, x.end);
    const diagnostics = driverDiagnostics({
      uri: doc.uri,
      model,
      idTables: ids,
      calls: s.calls,
      variantDriver: s.callSites.some((c) => c.name.startsWith('vfio_pci_core_')) || s.tables.some((t) => t.struct === 'vfio_device_ops'),
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
