// A QEMU argv (words after the binary) → options with parsed arguments.
// Words come from a shell script, an .args file or libvirt's
// <qemu:commandline>; each keeps its source mapping.
import { parseJsonArg } from './jsonArg';
import { Keyval, parseKeyval } from './keyval';
import { OptionSpec, optionSpec } from './options';
import type { MappedText } from './text';

export interface ArgWord {
  readonly text: MappedText;
  /**
   * Stands for an unknown number of words (an unquoted variable we cannot
   * know, `"$@"`, an array built in a loop).
   */
  readonly opaque?: boolean;
}

export interface QemuOption {
  readonly name: string;
  readonly spec: OptionSpec;
  readonly nameText: MappedText;
  readonly arg?: MappedText;
  /** The argument read as properties (key=value or JSON); absent when unknown. */
  readonly props?: Keyval;
}

export interface ArgvProblem {
  readonly code: 'missing-argument' | 'bad-json';
  readonly at: MappedText;
  readonly message: string;
}

export interface QemuArgv {
  readonly options: readonly QemuOption[];
  /** False when some words are unknown: checks about what is absent stay silent. */
  readonly complete: boolean;
  readonly problems: readonly ArgvProblem[];
}

function readProps(spec: OptionSpec, arg: MappedText, problems: ArgvProblem[]): Keyval | undefined {
  if (!spec.keyval) return undefined;
  if (spec.json && arg.text.startsWith('{')) {
    const j = parseJsonArg(arg);
    if (j.ok) return j.props;
    if (arg.known) problems.push({ code: 'bad-json', at: arg.slice(Math.min(j.at, arg.length - 1), Math.min(j.at + 1, arg.length)), message: `-${spec.name} argument is not valid JSON (${j.message}): QEMU refuses it` });
    return undefined;
  }
  return parseKeyval(arg, spec.keyval.impliedKey);
}

export function parseArgv(words: readonly ArgWord[]): QemuArgv {
  const options: QemuOption[] = [];
  const problems: ArgvProblem[] = [];
  let complete = true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.opaque || !w.text.known) {
      // An unknown word where an option belongs could be any option.
      complete = false;
      continue;
    }
    const o = optionSpec(w.text.text);
    if (!o) continue; // a positional argument (a disk image)
    const next = words[i + 1];
    const takesArg = o.takesArg === true || (o.takesArg === 'unless-option' && next !== undefined && !(next.text.known && next.text.text.startsWith('-') && next.text.length > 1));
    if (!takesArg) {
      options.push({ name: o.spec.name, spec: o.spec, nameText: w.text });
      continue;
    }
    if (!next) {
      problems.push({ code: 'missing-argument', at: w.text, message: `-${o.spec.name} needs an argument: QEMU stops with "requires an argument"` });
      continue;
    }
    i++;
    if (next.opaque) {
      complete = false;
      options.push({ name: o.spec.name, spec: o.spec, nameText: w.text, arg: next.text });
      continue;
    }
    const props = readProps(o.spec, next.text, problems);
    if (props && !props.complete) complete = false;
    options.push({ name: o.spec.name, spec: o.spec, nameText: w.text, arg: next.text, ...(props ? { props } : {}) });
  }
  return { options, complete, problems };
}
