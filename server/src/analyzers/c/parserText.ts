// The text as tree-sitter gets it. Two kernel idioms are not C to the
// grammar: annotations that expand to nothing (`char __user *buf`, sparse's
// address spaces, section and hint attributes) and a type passed to a macro
// (`container_of(vdev, struct nvg_device, core.vdev)`). Each is a syntax
// error, and a tree with error nodes in every function re-parses ten times
// slower after an edit (tree-sitter reuses no subtree around an error). So
// the annotations and the `struct` of such a type argument are blanked:
// same length, same lines, every offset and point stays valid. Directive
// lines, comments and literals are left as they are; the analysis reads
// names and text from the document itself.

const ANNOTATIONS = [
  '__user', '__iomem', '__rcu', '__percpu', '__force', '__bitwise', '__must_check', '__init', '__exit',
  '__initdata', '__maybe_unused', '__always_unused', '__read_mostly', '__cold', '__always_inline', '__packed',
];

// Skipped as wholes: directive lines (with continuations), comments, string and char literals.
export const SKIP = String.raw`^[ \t]*#(?:[^\n\\]|\\[^])*|\/\*[^]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'`;
// `, struct name,`, `, struct name)` or `(struct name,`: a macro argument that is a type (container_of,
// offsetofend, list_entry); never an expression. `(struct name)` is left alone: a cast, or sizeof's.
const TYPE_ARGUMENT = String.raw`\bstruct(?<=,\s*struct)(?=\s+[A-Za-z_]\w*\s*[,)])|\bstruct(?<=\(\s*struct)(?=\s+[A-Za-z_]\w*\s*,)`;
const PATTERN = new RegExp(`${SKIP}|\\b(?:${ANNOTATIONS.join('|')})\\b|${TYPE_ARGUMENT}`, 'gm');

/** The text for the parser: annotations and type-argument `struct`s blanked, everything else unchanged. */
export function forParser(text: string): string {
  return text.replace(PATTERN, (m) => (m.startsWith('__') || m === 'struct' ? ' '.repeat(m.length) : m));
}
