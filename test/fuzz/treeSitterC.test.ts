// The C grammar itself, under what the driver-source analyzer will feed it:
// hostile C (10,000-level nesting, macro cycles, 100 KB lines, huge numbers,
// bytes) parses to a tree, and an incrementally re-parsed tree after random
// edits equals a fresh parse of the final text. (Generated C also goes through
// whatever analyzer accepts `c`, in documents.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Edit, Node, Point, Tree } from 'web-tree-sitter';
import { createParser, initTreeSitter } from '../../server/src/parsing/treeSitter';
import { fixtureSamples } from './corpus';
import { randomChange } from './edits';
import { TEMPLATES, fillTemplate, longLine, macroCycles, nesting, randomBytesText, tokensOf } from './hostile';
import { mutate } from './mutate';
import { Rng, caseSeed } from './rng';
import { SEED } from './bounded';

/** tree-sitter counts rows by \n only, columns in UTF-16 units (web-tree-sitter parses UTF-16). */
function pointAt(text: string, offset: number): Point {
  const before = text.slice(0, offset);
  const row = before.split('\n').length - 1;
  return { row, column: offset - (before.lastIndexOf('\n') + 1) };
}

function cTexts(rng: Rng): string[] {
  const own = fixtureSamples().filter((s) => s.languageId === 'c').map((s) => s.text);
  const bases = [...own, ...TEMPLATES.c.map((t) => fillTemplate(t, rng))];
  const tokens = tokensOf(bases);
  const out: string[] = [];
  for (const depth of [1000, 10_000]) for (let i = 0; i < 7; i++) out.push(nesting('c', depth, rng));
  for (let i = 0; i < 8; i++) out.push(macroCycles(rng));
  for (let i = 0; i < 3; i++) out.push(longLine('c', 100_000, rng));
  for (let i = 0; i < 30; i++) out.push(mutate(rng.pick(bases), rng, { languageId: 'c', tokens }).text);
  for (let i = 0; i < 10; i++) out.push(randomBytesText(rng, rng.size(4000)));
  return out;
}

test('hostile C parses to a tree covering the text', { timeout: 60_000 }, async (t) => {
  await initTreeSitter();
  const parser = createParser('c');
  const rng = new Rng(caseSeed(SEED, 'c-parse', 0));
  let max = 0;
  for (const text of cTexts(rng)) {
    const t0 = performance.now();
    const tree = parser.parse(text);
    max = Math.max(max, performance.now() - t0);
    assert.ok(tree, 'a tree');
    try {
      assert.ok(['translation_unit', 'ERROR'].includes(tree.rootNode.type), tree.rootNode.type);
      assert.ok(tree.rootNode.startIndex >= 0 && tree.rootNode.endIndex <= text.length, 'the tree lies inside the text');
    } finally {
      tree.delete();
    }
  }
  t.diagnostic(`seed ${SEED}: slowest C parse ${max.toFixed(1)} ms`);
});

/**
 * Equal trees, except inside ERROR nodes: there tree-sitter's error recovery may classify a reused
 * token differently from a fresh parse (`(ERROR (primitive_type))` against `(ERROR (identifier))`
 * for the same `int`, seen after 20 random edits of a fixture). An ERROR node must still cover the
 * same text in both, and everything outside ERROR nodes must be identical.
 */
function sameTree(a: Tree, b: Tree): boolean {
  return shape(a.rootNode) === shape(b.rootNode);
}

function shape(n: Node): string {
  if (n.type === 'ERROR') return `(ERROR ${n.startIndex}-${n.endIndex})`;
  const kids: string[] = [];
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i)!;
    kids.push(`${n.fieldNameForChild(i) ?? ''}:${shape(c)}`);
  }
  return `(${n.type} ${n.startIndex}-${n.endIndex}${n.isMissing ? ' MISSING' : ''} ${kids.join(' ')})`;
}

test("macro cycles are plain C to the parser: no syntax error (the cycle is the analyzer's business)", async () => {
  await initTreeSitter();
  const parser = createParser('c');
  const rng = new Rng(caseSeed(SEED, 'c-macros', 0));
  for (let i = 0; i < 20; i++) {
    const text = macroCycles(rng);
    const tree = parser.parse(text)!;
    try {
      assert.equal(tree.rootNode.hasError, false, text.slice(0, 200));
      assert.ok(tree.rootNode.descendantsOfType('preproc_def').length + tree.rootNode.descendantsOfType('preproc_function_def').length >= 2);
    } finally {
      tree.delete();
    }
  }
});

test('incremental C parses after random edits equal a fresh parse of the final text', { timeout: 60_000 }, async () => {
  await initTreeSitter();
  const parser = createParser('c');
  const fresh = createParser('c');
  for (let i = 0; i < 120; i++) {
    const rng = new Rng(caseSeed(SEED, 'c-edits', i));
    const bases = [...fixtureSamples().filter((s) => s.languageId === 'c').map((s) => s.text), ...TEMPLATES.c.map((x) => fillTemplate(x, rng)), nesting('c', 200, rng), macroCycles(rng)];
    let text = rng.pick(bases);
    const src = { tokens: tokensOf(bases) };
    let tree = parser.parse(text)!;
    try {
      for (let s = rng.between(1, 30); s > 0; s--) {
        const { change, next } = randomChange(text, rng, src);
        if (!('range' in change)) {
          // A whole-text replacement: incremental parsers start over.
          tree.delete();
          tree = parser.parse(next)!;
          text = next;
          continue;
        }
        const start = offsetOf(text, change.range.start);
        const oldEnd = offsetOf(text, change.range.end);
        const newEnd = start + change.text.length;
        const edit: Edit = { startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd, startPosition: pointAt(text, start), oldEndPosition: pointAt(text, oldEnd), newEndPosition: pointAt(next, newEnd) };
        tree.edit(edit);
        const old = tree;
        tree = parser.parse(next, old)!;
        old.delete();
        text = next;
      }
      const reference = fresh.parse(text)!;
      try {
        assert.ok(sameTree(tree, reference), `edit sequence ${i} (seed ${SEED}): incremental tree differs from a fresh parse`);
      } finally {
        reference.delete();
      }
    } finally {
      tree.delete();
    }
  }
});

/** LSP position → offset, the way the edit generator counts lines (\r\n, \r, \n). */
function offsetOf(text: string, p: { line: number; character: number }): number {
  let line = 0;
  let i = 0;
  while (line < p.line && i < text.length) {
    const c = text.charCodeAt(i++);
    if (c === 10 || (c === 13 && text.charCodeAt(i) !== 10)) line++;
  }
  return i + p.character;
}
