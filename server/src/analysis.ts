// What analyzers produce: located facts about one document. Analyzers know
// their format; features (hover, diagnostics, …) know LSP and turn these facts
// into answers. Rendering is lazy: a hover's Markdown is built when asked.
import type { Range, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentChange } from './documents';
import type { ActiveProfile, ProfileSet } from './profiles/activeProfile';
import type { Settings } from '../../shared/settings';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A fix that replaces text; offered as a quick fix on its diagnostic. */
export interface TextFix {
  readonly title: string;
  readonly edits: ReadonlyArray<{ readonly range: Range; readonly newText: string }>;
  /** Preferred fixes can be applied by "auto fix". */
  readonly preferred?: boolean;
}

export interface DiagnosticFact {
  readonly range: Range;
  readonly severity: Severity;
  /** Stable code, e.g. "NVG004"; documented in the README. */
  readonly code: string;
  readonly message: string;
  readonly fixes?: readonly TextFix[];
  /** Other places that explain this one (e.g. the first of two duplicates). */
  readonly related?: ReadonlyArray<{ readonly uri: string; readonly range: Range; readonly message: string }>;
  readonly unnecessary?: boolean;
}

export interface HoverFact {
  readonly range: Range;
  /** Markdown, built only when the hover is requested. */
  readonly markdown: () => string;
}

export interface InlayHintFact {
  readonly position: Position;
  readonly label: string;
  readonly tooltip?: () => string;
  readonly kind?: 'type' | 'parameter';
  readonly paddingLeft?: boolean;
}

export interface CodeLensFact {
  readonly range: Range;
  readonly title: string;
  /** Client command the lens runs, with JSON arguments. */
  readonly command?: { readonly id: string; readonly args?: readonly unknown[] };
}

export interface DocumentAnalysis {
  readonly uri: string;
  readonly version: number;
  readonly analyzer: string;
  readonly diagnostics: readonly DiagnosticFact[];
  readonly hovers: readonly HoverFact[];
  readonly inlayHints: readonly InlayHintFact[];
  readonly codeLenses: readonly CodeLensFact[];
}

/** Everything outside the document that an analysis may depend on. */
export interface AnalysisContext {
  readonly settings: Settings;
  /** The device every number is computed for. */
  readonly profile: ActiveProfile;
  /** All devices the workspace declares (for matching a BDF in a QEMU line, say). */
  readonly profiles: ProfileSet;
  /** Bumped whenever settings or profiles change: analyses keyed on it go stale. */
  readonly revision: number;
}

export interface Analyzer {
  readonly id: string;
  /** Whether this analyzer reads the document (by language id and file name). */
  accepts(doc: TextDocument): boolean;
  analyze(doc: TextDocument, ctx: AnalysisContext): DocumentAnalysis;
  /** Called before analyze() after an edit, for incremental parsers. */
  didChange?(change: DocumentChange): void;
  didClose?(uri: string): void;
}

export function emptyAnalysis(doc: TextDocument, analyzer: string): DocumentAnalysis {
  return { uri: doc.uri, version: doc.version, analyzer, diagnostics: [], hovers: [], inlayHints: [], codeLenses: [] };
}

/** Analyzers of device-profile files add the devices they declare to the workspace. */
export interface ProfileContributor {
  contributeDevices(doc: TextDocument, ctx: AnalysisContext): import('./profiles/activeProfile').ResolvedDevice[];
}

export function isProfileContributor(a: Analyzer): a is Analyzer & ProfileContributor {
  return typeof (a as Partial<ProfileContributor>).contributeDevices === 'function';
}
