// A C file as a row of pieces, one per top-level node of its tree (a
// function, a declaration, a #define, an #if group…), each reaching to the
// next one so that together they cover the text. Everything the analyzer
// finds in a piece depends only on the piece's text, its node type and
// whether it starts a line: an edit re-reads the pieces it touched and
// reuses the facts of the others (see pieceCache.ts).
import type { Node, Tree } from 'web-tree-sitter';

export interface Piece {
  readonly from: number;
  readonly to: number;
  readonly type: string;
  /** Only blanks and comments between the line's start and `from`: a `#` there starts a directive. */
  readonly lineStart: boolean;
}

/** The pieces of a tree, in order; a cursor walk over the root's children, no node objects. */
export function topLevelPieces(tree: Tree, text: string): Piece[] {
  const starts: number[] = [];
  const types: string[] = [];
  const c = tree.walk();
  try {
    if (c.gotoFirstChild()) {
      do {
        starts.push(c.startIndex);
        types.push(c.nodeType);
      } while (c.gotoNextSibling());
    }
  } finally {
    c.delete();
  }
  return starts.map((start, i) => {
    const from = i === 0 ? 0 : start;
    return { from, to: i + 1 < starts.length ? starts[i + 1] : text.length, type: types[i], lineStart: startsLine(text, from) };
  });
}

/** The root's children at these positions (sorted), as nodes. */
export function pieceNodes(tree: Tree, indices: readonly number[]): Node[] {
  const out: Node[] = [];
  if (!indices.length) return out;
  const c = tree.walk();
  try {
    if (!c.gotoFirstChild()) return out;
    let at = 0;
    for (const i of indices) {
      while (at < i && c.gotoNextSibling()) at++;
      out.push(c.currentNode);
    }
  } finally {
    c.delete();
  }
  return out;
}

/** Whether only blanks, line continuations and block comments stand between the line's start and `offset`. */
export function startsLine(text: string, offset: number): boolean {
  let j = offset - 1;
  while (j >= 0) {
    const c = text.charCodeAt(j);
    if (c === 10) {
      if (j > 0 && text.charCodeAt(j - 1) === 92) {
        j -= 2;
        continue;
      }
      return true;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      j--;
      continue;
    }
    if (c === 47 && j > 0 && text.charCodeAt(j - 1) === 42) {
      const open = text.lastIndexOf('/*', j - 2);
      if (open < 0) return false;
      j = open - 1;
      continue;
    }
    return false;
  }
  return true;
}
