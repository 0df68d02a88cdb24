// Helpers for tests over config snippets (QEMU scripts, libvirt XML): read a
// fixture, show only the annotated lines, apply a quick fix's edits.
import * as fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MappedText, MappedTextBuilder } from '../../server/src/analyzers/qemu/text';
import { ROOT } from './lspClient';

export function fixtures(dir: string): { text(name: string): string; uri(name: string): string } {
  const base = path.join(ROOT, 'test', 'fixtures', dir);
  return { text: (name) => fs.readFileSync(path.join(base, name), 'utf8'), uri: (name) => `file://${path.join(base, name)}` };
}

export { annotated } from './markers';

/** The text after the edits (ranges in the original text, applied from the end). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((a, l) => a + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

/** A hover's Markdown (fails the test when there is none). */
export function markdown(h: unknown): string {
  const c = (h as { contents?: { value?: string } } | null)?.contents;
  assert.ok(c?.value, 'a hover');
  return c.value;
}

/** Words written on one line, separated by single spaces, mapped to their columns; `?` stands for an unknown value. */
export function lineWords(line: string): MappedText[] {
  const doc = TextDocument.create('file:///line', 'plaintext', 1, line);
  const out: MappedText[] = [];
  let at = 0;
  for (const w of line.split(' ')) {
    const b = new MappedTextBuilder(doc);
    for (let i = 0; i < w.length; i++) {
      if (w[i] === '?') b.unknown(at + i, at + i + 1);
      else b.push(w[i], at + i, at + i + 1, true);
    }
    out.push(b.build(at));
    at += w.length + 1;
  }
  return out;
}
