import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createParser, initTreeSitter } from '../../../server/src/parsing/treeSitter';
import { commands, qemuArgv } from '../../../server/src/analyzers/shell/commands';
import { ScriptVariables } from '../../../server/src/analyzers/shell/variables';
import { WordDecoder } from '../../../server/src/analyzers/shell/words';
import { UNKNOWN } from '../../../server/src/analyzers/qemu/text';

async function decode(script: string) {
  await initTreeSitter();
  const doc = TextDocument.create('file:///t.sh', 'shellscript', 1, script);
  const tree = createParser('bash').parse(script)!;
  const vars = new ScriptVariables(doc, tree);
  const decoder = new WordDecoder(doc, vars);
  vars.use(decoder);
  const cmds = commands(tree, decoder, vars);
  // Commands in order, skipping those inside command substitutions.
  const top = cmds.filter((c) => !c.node.parent || c.node.parent.type !== 'command_substitution');
  return { doc, cmds: top, show: (i: number) => top[i].words.map((w) => (w.opaque ? '<opaque>' : w.text.text.replaceAll(UNKNOWN, '?'))) };
}

test('quotes, escapes and line continuations come out as the shell passes them', async () => {
  const { show } = await decode(`qemu-system-aarch64 -name "a\\"b" 'x y'"z" \\\n  a\\ b $'t\\tu' "\\$HOME" -device 'vfio-pci,host=0009:01:00.0'\n`);
  assert.deepEqual(show(0), ['qemu-system-aarch64', '-name', 'a"b', 'x yz', 'a b', 't\tu', '$HOME', '-device', 'vfio-pci,host=0009:01:00.0']);
});

test('characters inside quotes map to their own columns', async () => {
  const script = `qemu-system-aarch64 -machine 'virt,highmem-mmio-size=768G'\n`;
  const { cmds } = await decode(script);
  const arg = cmds[0].words[2].text;
  const at = arg.text.indexOf('768G');
  assert.equal(script.slice(arg.span(at, at + 4).start, arg.span(at, at + 4).end), '768G');
  assert.ok(arg.editableRange(at, at + 4));
});

test('variables the script sets are known; the environment, loops and functions are not', async () => {
  const script = [
    'GPU=0009:01:00.0',
    'SIZE=${SIZE:-1T}',
    'OPTS="-m 64G"',
    'for d in a b; do LOOP=$d; done',
    'qemu-system-aarch64 -device vfio-pci,host=$GPU $OPTS "$OPTS" -x ${GPU} -y $LOOP -z $HOME -w $(date) -v ${GPU%.*}',
    'GPU=0008:01:00.0',
    'qemu-system-aarch64 -device vfio-pci,host="$GPU"',
  ].join('\n');
  const { show } = await decode(script);
  const q = show(0);
  assert.deepEqual(q.slice(0, 6), ['qemu-system-aarch64', '-device', 'vfio-pci,host=0009:01:00.0', '-m', '64G', '-m 64G']);
  assert.deepEqual(q.slice(6), ['-x', '0009:01:00.0', '-y', '<opaque>', '-z', '<opaque>', '-w', '?', '-v', '<opaque>']);
  assert.deepEqual(show(1), ['qemu-system-aarch64', '-device', 'vfio-pci,host=0008:01:00.0'], 'the assignment closest before the use');
});

test('arrays: "${A[@]}" gives the elements, each mapped to where it is written; += appends', async () => {
  const script = 'ARGS=(-m 64G "-device" \'vfio-pci,id=gpu0\')\nARGS+=(-numa node,nodeid=1)\nsudo qemu-system-aarch64 "${ARGS[@]}" "${NOPE[@]}"\n';
  const { cmds, show } = await decode(script);
  assert.deepEqual(show(0), ['sudo', 'qemu-system-aarch64', '-m', '64G', '-device', 'vfio-pci,id=gpu0', '-numa', 'node,nodeid=1', '<opaque>']);
  const argv = qemuArgv(cmds[0])!;
  assert.equal(argv[0].text.text, '-m');
  const dev = argv[3].text;
  assert.equal(script.slice(dev.startOffset, dev.endOffset), 'vfio-pci,id=gpu0');
});

test('an array built in a loop is unknown', async () => {
  const { show } = await decode('A=()\nfor i in 1 2; do A+=(-numa node,nodeid=$i); done\nqemu-system-aarch64 "${A[@]}"\n');
  assert.deepEqual(show(0), ['qemu-system-aarch64', '<opaque>']);
});
