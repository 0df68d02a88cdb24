// What a fuzz run found and measured: every call's latency (the slowest kept
// with its case), findings (a throw, a logged analyzer crash, an answer that
// breaks the protocol's rules), and coverage by analyzer and language.

export interface Finding {
  readonly case: string;
  readonly what: string;
  readonly detail: string;
}

export interface Slow {
  readonly case: string;
  readonly what: string;
  readonly ms: number;
}

/** The requirement: no answer takes longer than this. */
export const LATENCY_BUDGET_MS = 200;

export class FuzzStats {
  calls = 0;
  maxMs = 0;
  maxWhat = '';
  maxCase = '';
  /** Calls over the budget: all counted, the first 100 kept with their case. */
  overBudget = 0;
  readonly slow: Slow[] = [];
  readonly findings: Finding[] = [];
  readonly byAnalyzer = new Map<string, number>();
  readonly byLanguage = new Map<string, number>();
  readonly byKind = new Map<string, number>();
  readonly codes = new Set<string>();
  documents = 0;
  editSequences = 0;
  edits = 0;
  /** The case now running: analyzer crashes logged by the service are charged to it. */
  current = '';

  time(what: string, ms: number): void {
    this.calls++;
    if (ms > this.maxMs) {
      this.maxMs = ms;
      this.maxWhat = what;
      this.maxCase = this.current;
    }
    if (ms <= LATENCY_BUDGET_MS) return;
    this.overBudget++;
    if (this.slow.length < 100) this.slow.push({ case: this.current, what, ms: Math.round(ms) });
  }

  finding(what: string, detail: string): void {
    // One report per distinct problem is enough; the first case reproduces it.
    const key = `${what}|${detail.split('\n')[0]}`;
    if (this.findings.some((f) => `${f.what}|${f.detail.split('\n')[0]}` === key)) return;
    if (this.findings.length < 200) this.findings.push({ case: this.current, what, detail });
  }

  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  /** Folds another run's numbers in (the long run's workers). */
  merge(o: FuzzSummary): void {
    this.calls += o.calls;
    this.overBudget += o.overBudget;
    if (o.maxMs > this.maxMs) Object.assign(this, { maxMs: o.maxMs, maxWhat: o.maxWhat, maxCase: o.maxCase });
    this.slow.push(...o.slow);
    for (const f of o.findings) if (!this.findings.some((g) => g.what === f.what && g.detail === f.detail)) this.findings.push(f);
    for (const [m, from] of [[this.byAnalyzer, o.byAnalyzer], [this.byLanguage, o.byLanguage], [this.byKind, o.byKind]] as const) {
      for (const [k, v] of Object.entries(from)) m.set(k, (m.get(k) ?? 0) + v);
    }
    for (const c of o.codes) this.codes.add(c);
    this.documents += o.documents;
    this.editSequences += o.editSequences;
    this.edits += o.edits;
  }

  summary(): FuzzSummary {
    const obj = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));
    return {
      documents: this.documents,
      editSequences: this.editSequences,
      edits: this.edits,
      calls: this.calls,
      overBudget: this.overBudget,
      maxMs: Math.round(this.maxMs * 10) / 10,
      maxWhat: this.maxWhat,
      maxCase: this.maxCase,
      slow: this.slow,
      findings: this.findings,
      byAnalyzer: obj(this.byAnalyzer),
      byLanguage: obj(this.byLanguage),
      byKind: obj(this.byKind),
      codes: [...this.codes].sort(),
    };
  }
}

export interface FuzzSummary {
  readonly documents: number;
  readonly editSequences: number;
  readonly edits: number;
  readonly calls: number;
  readonly overBudget: number;
  readonly maxMs: number;
  readonly maxWhat: string;
  readonly maxCase: string;
  readonly slow: readonly Slow[];
  readonly findings: readonly Finding[];
  readonly byAnalyzer: Readonly<Record<string, number>>;
  readonly byLanguage: Readonly<Record<string, number>>;
  readonly byKind: Readonly<Record<string, number>>;
  readonly codes: readonly string[];
}
