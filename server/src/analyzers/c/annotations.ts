// Kernel annotations that expand to nothing (sparse's address spaces and
// checks, section and hint attributes) are blanked before tree-sitter sees
// the text: `char __user *buf` is otherwise a syntax error, and a tree with
// error nodes in every function re-parses ten times slower after an edit
// (tree-sitter does not reuse subtrees around errors). Same length, same
// lines: every offset and point stays valid. Directive lines, comments and
// literals are left as they are.

const ANNOTATIONS = [
  '__user', '__iomem', '__rcu', '__percpu', '__force', '__bitwise', '__must_check', '__init', '__exit',
  '__initdata', '__maybe_unused', '__always_unused', '__read_mostly', '__cold', '__always_inline', '__packed',
];

// Skipped as wholes: directive lines (with continuations), comments, string and char literals.
const SKIP = String.raw`^[ \t]*#(?:[^\n\\]|\\[^])*|\/\*[^]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'`;
const PATTERN = new RegExp(`${SKIP}|\\b(?:${ANNOTATIONS.join('|')})\\b`, 'gm');

/** The text as the parser gets it: annotations blanked, everything else unchanged. */
export function forParser(text: string): string {
  if (!text.includes('__')) return text;
  return text.replace(PATTERN, (m) => (m.startsWith('__') ? ' '.repeat(m.length) : m));
}
