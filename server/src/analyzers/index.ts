// Every analyzer the server runs, in the order they are asked to accept a
// document: the first that accepts it reads it.
import type { Analyzer } from '../analysis';
import { CDriverAnalyzer } from './c/analyzer';

export function createAnalyzers(): Analyzer[] {
  return [
    new CDriverAnalyzer(),
  ];
}
