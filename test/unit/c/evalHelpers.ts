// Evaluates C text against the macros of a small source file, as the
// analyzer does: parse, collect directives, expand, evaluate.
import { initTreeSitter, createParser } from '../../../server/src/parsing/treeSitter';
import { collectDirectives, pointAt } from '../../../server/src/analyzers/c/preprocessor';
import { MacroTable } from '../../../server/src/analyzers/c/macroTable';
import { ConstEvaluator, Evaluation } from '../../../server/src/analyzers/c/constEval';
import type { PageSize } from '../../../server/src/model';

/** Evaluates at the end of `source`, or where a `|` marks the point. */
export async function evaluatorFor(marked: string, pageSize: PageSize = 65536): Promise<(text: string) => Evaluation> {
  await initTreeSitter();
  const at = marked.indexOf('|');
  const source = at < 0 ? marked : marked.slice(0, at) + marked.slice(at + 1);
  const tree = createParser('c').parse(source)!;
  const pp = collectDirectives(tree, source);
  tree.delete();
  const ev = new ConstEvaluator(new MacroTable(pp.directives), pageSize);
  const point = pointAt(pp, at < 0 ? source.length : at);
  return (text) => ev.evaluateText(text, point);
}

/** The value, or the reason there is none. */
export function valueOf(e: Evaluation): bigint | string {
  return e.result.ok ? e.result.value : `unknown: ${e.result.why}`;
}
