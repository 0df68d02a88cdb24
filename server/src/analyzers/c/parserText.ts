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
//
// The same pass measures bracket nesting: tree-sitter's C parser overflows
// its WASM stack on brackets left open by the thousand in a declaration
// (`static #define G f(f(f(…`, 1,500 deep), and from then on the module's
// heap is corrupt: every later parse, of any file and any language, fails
// until the server restarts. No real source nests brackets more than a few
// dozen deep, so a text nested past MAX_BRACKET_DEPTH is never parsed.

export const MAX_BRACKET_DEPTH = 256;

const ANNOTATIONS = [
  '__user', '__iomem', '__rcu', '__percpu', '__force', '__bitwise', '__must_check', '__init', '__exit',
  '__initdata', '__maybe_unused', '__always_unused', '__read_mostly', '__cold', '__always_inline', '__packed',
];

// Skipped as wholes: directive lines (with continuations), comments, string and char literals.
const SKIP = String.raw`^[ \t]*#(?:[^\n\\]|\\[^])*|\/\*[^]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'`;
// `, struct name,`, `, struct name)` or `(struct name,`: a macro argument that is a type (container_of,
// offsetofend, list_entry); never an expression. `(struct name)` is left alone: a cast, or sizeof's.
const TYPE_ARGUMENT = String.raw`\bstruct(?<=,\s*struct)(?=\s+[A-Za-z_]\w*\s*[,)])|\bstruct(?<=\(\s*struct)(?=\s+[A-Za-z_]\w*\s*,)`;
// Directive lines, comments and literals hold no brackets the parser nests; `(`, `[` and `{` count alike.
const PATTERN = new RegExp(`${SKIP}|\\b(?:${ANNOTATIONS.join('|')})\\b|${TYPE_ARGUMENT}|[()[\\]{}]`, 'gm');

export interface ParserInput {
  /** Annotations and type-argument `struct`s blanked, everything else unchanged. */
  readonly text: string;
  /** Where brackets first nest past the limit (outside directives, comments and literals), if they do. */
  readonly tooDeepAt?: number;
}

/** The text for the parser, and whether it may be parsed at all, in one pass. */
export function parserInput(text: string, limit = MAX_BRACKET_DEPTH): ParserInput {
  let depth = 0;
  let tooDeepAt: number | undefined;
  const out = text.replace(PATTERN, (m: string, offset: number) => {
    if (m.length === 1) {
      if (m === '(' || m === '[' || m === '{') {
        if (++depth > limit) tooDeepAt ??= offset;
      } else if ((m === ')' || m === ']' || m === '}') && depth > 0) depth--;
      return m;
    }
    return m.startsWith('__') || m === 'struct' ? ' '.repeat(m.length) : m;
  });
  return tooDeepAt === undefined ? { text: out } : { text: out, tooDeepAt };
}

export function forParser(text: string): string {
  return parserInput(text).text;
}
