// Random edits as an editor sends them in didChange: ranges in the current
// text (multi-line, at the very end, empty), typed text, pastes, deletions,
// now and then the whole text. The expected text is kept by plain string
// splicing, independently of the server's document store.
import type { Position, Range } from 'vscode-languageserver-types';
import { HUGE_NUMBERS, ODD_PIECES, tokenSoup } from './hostile';
import type { Rng } from './rng';

export type Change = { range: Range; text: string } | { text: string };

/** Offset → LSP position (UTF-16; \r\n, \r and \n end lines). */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    // \r\n ends its line at the \n; a lone \r ends one too.
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

/** Never between the \r and \n of one line ending: no editor points there. */
function settle(text: string, offset: number): number {
  return offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10 ? offset - 1 : offset;
}

export interface EditSource {
  readonly tokens: readonly string[];
}

/** One change and the text after it. */
export function randomChange(text: string, rng: Rng, src: EditSource): { change: Change; next: string } {
  const kind = rng.int(100);
  if (kind < 2) {
    const next = rng.chance(0.5) ? tokenSoup(src.tokens, rng, rng.between(0, 200)) : text.slice(0, rng.int(text.length + 1));
    return { change: { text: next }, next };
  }
  let start: number;
  let end: number;
  let insert: string;
  if (kind < 12) {
    // At the end of the document: typing on, or replacing the tail.
    start = rng.chance(0.5) ? text.length : rng.int(text.length + 1);
    end = text.length;
    insert = tokenSoup(src.tokens, rng, rng.between(0, 8)) + (rng.chance(0.3) ? '\n' : '');
  } else if (kind < 30) {
    // Multi-line: a block replaced by other lines.
    start = rng.int(text.length + 1);
    let lines = rng.between(1, 6);
    end = start;
    while (end < text.length && lines > 0) if (text[end++] === '\n') lines--;
    insert = rng.chance(0.3) ? '' : tokenSoup(src.tokens, rng, rng.between(1, 20)) + '\n' + tokenSoup(src.tokens, rng, rng.between(1, 20));
  } else if (kind < 55) {
    // Typing.
    start = end = rng.int(text.length + 1);
    insert = rng.chance(0.1) ? rng.pick(ODD_PIECES) : tokenSoup(src.tokens, rng, rng.between(1, 3));
  } else if (kind < 75) {
    // Deleting.
    start = rng.int(text.length + 1);
    end = Math.min(text.length, start + rng.size(60) + 1);
    insert = '';
  } else if (kind < 90) {
    // Pasting a piece of the document elsewhere (or over a selection).
    const from = rng.int(text.length + 1);
    insert = text.slice(from, from + rng.size(500));
    start = rng.int(text.length + 1);
    end = rng.chance(0.3) ? Math.min(text.length, start + rng.size(100)) : start;
  } else {
    // A number replaced by a huge one, as if retyped.
    start = rng.int(text.length + 1);
    end = Math.min(text.length, start + rng.between(0, 6));
    insert = rng.pick(HUGE_NUMBERS);
  }
  start = settle(text, start);
  end = settle(text, Math.max(start, end));
  const range = { start: positionAt(text, start), end: positionAt(text, end) };
  return { change: { range, text: insert }, next: text.slice(0, start) + insert + text.slice(end) };
}

/** One didChange notification: 1–3 changes applied in order, each in the text the previous left. */
export function randomNotification(text: string, rng: Rng, src: EditSource): { changes: Change[]; next: string } {
  const changes: Change[] = [];
  let t = text;
  for (let n = rng.chance(0.8) ? 1 : rng.between(2, 3); n > 0; n--) {
    const { change, next } = randomChange(t, rng, src);
    changes.push(change);
    t = next;
  }
  return { changes, next: t };
}
