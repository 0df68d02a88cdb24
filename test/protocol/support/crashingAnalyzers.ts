// The registered analyzers plus one that always throws, for a server bundle
// built by a test (test/protocol/containment.test.ts): production code has
// no hook for it, the bundler swaps this module in for analyzers/index.ts.
import type { Analyzer } from '../../../server/src/analysis';
import { createAnalyzers as registered } from '../../../server/src/analyzers/index';

export const CRASHING_EXTENSION = '.crash';

class CrashingAnalyzer implements Analyzer {
  readonly id = 'crashing';
  accepts(doc: { uri: string }): boolean {
    return doc.uri.endsWith(CRASHING_EXTENSION);
  }
  analyze(): never {
    throw new Error('injected analyzer failure');
  }
  didChange(): never {
    throw new Error('injected didChange failure');
  }
}

export function createAnalyzers(): Analyzer[] {
  return [new CrashingAnalyzer(), ...registered()];
}
