import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tokenizeAsl } from '../../../server/src/analyzers/acpi/aslTokens';
import { parseAsl } from '../../../server/src/analyzers/acpi/aslParser';
import { readAslTable } from '../../../server/src/analyzers/acpi/aslDsd';

test('integers are exact bigints in hex, octal and decimal; strings unescape; comments vanish', () => {
  const { tokens, errors } = tokenizeAsl('0x0000400000000000 017 42 /* c */ "a\\x41\\n" // tail\n0xFFFFFFFFFFFFFFFF');
  assert.deepEqual(errors, []);
  assert.deepEqual(
    tokens.map((t) => t.value ?? t.text),
    [0x4000_0000_0000n, 15n, 42n, 'aA\n', 0xffff_ffff_ffff_ffffn],
  );
  assert.deepEqual(tokens.map((t) => [t.start, t.end]).slice(0, 2), [[0, 18], [19, 22]]);
});

test('an unterminated string or comment is one located error, and the rest still tokenizes', () => {
  const s = tokenizeAsl('Name (X, "abc\nZero)');
  assert.deepEqual(s.errors, [{ start: 9, end: 13, message: 'string is not closed on its line' }]);
  assert.deepEqual(s.tokens.map((t) => t.text), ['Name', '(', 'X', ',', 'Zero', ')']);
  const c = tokenizeAsl('Zero /* never closed');
  assert.deepEqual(c.errors, [{ start: 5, end: 7, message: 'comment is not closed: "*/" missing' }]);
});

test('a _DSD found through Scope paths, a Method returning its Package, and Names declared later', () => {
  const text = `Scope (\\_SB) { Scope (PCI0) { Device (GPU0) {
      Method (_DSD, 0, NotSerialized) { If (One) { Return (Package () { ToUUID ("DAFFD814-6EBA-4D8C-8A91-BC9BBF4AA301"),
        Package () { Package () { "nvidia,gpu-mem-base-pa", ^BASE }, Package () { "nvidia,gpu-mem-size", SIZE } } }) } }
      Name (SIZE, 0x1800000000)
    } Name (BASE, 0x400000000000) } }`;
  const p = parseAsl(text);
  assert.deepEqual(p.errors, []);
  const [dev] = readAslTable(p.terms).devices;
  assert.equal(dev.path, '\\_SB_.PCI0.GPU0');
  assert.deepEqual(
    dev.properties.map((x) => [x.key.text, x.uuid, x.value.kind === 'integer' ? x.value.value : x.value.kind, x.value.kind === 'integer' ? x.value.via : undefined]),
    [
      ['nvidia,gpu-mem-base-pa', 'daffd814-6eba-4d8c-8a91-bc9bbf4aa301', 0x4000_0000_0000n, '\\_SB_.PCI0.BASE'],
      ['nvidia,gpu-mem-size', 'daffd814-6eba-4d8c-8a91-bc9bbf4aa301', 0x18_0000_0000n, '\\_SB_.PCI0.GPU0.SIZE'],
    ],
  );
});

test('the DefinitionBlock revision is its third argument; values the ASL computes are not guessed', () => {
  const p = parseAsl('DefinitionBlock ("x.aml", "DSDT", 1, "O", "T", 2) { Device (G) { Name (_DSD, Package () { ToUUID ("daffd814-6eba-4d8c-8a91-bc9bbf4aa301"), Package () { Package () { "nvidia,gpu-mem-size", Add (1, 2) }, Package () { "nvidia,gpu-mem-base-pa", Local0 + 1 } } }) } }');
  const t = readAslTable(p.terms);
  assert.equal(t.revision?.value, 1n);
  assert.deepEqual(t.devices[0].properties.map((x) => x.value.kind), ['unknown', 'unknown']);
});

test('property: any text parses without throwing, and every error and term lies inside it', () => {
  const alphabet = fc.constantFrom(...'(){},"/*\\^_ .0x9aZ\n'.split(''), 'Package', 'Name', '_DSD', 'ToUUID', 'Device', '0x400000000000', '"nvidia,gpu-mem-size"');
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 80 }), (parts) => {
      const text = parts.join('');
      const p = parseAsl(text);
      for (const e of p.errors) assert.ok(e.start >= 0 && e.end <= text.length && e.start <= e.end);
      for (const term of p.terms) assert.ok(term.start >= 0 && term.end <= text.length);
      readAslTable(p.terms);
    }),
    { numRuns: 500 },
  );
});

test('deep nesting is cut off with an error, not a stack overflow', () => {
  const text = 'Package () {'.repeat(5000);
  const p = parseAsl(text);
  assert.ok(p.errors.some((e) => /nesting deeper than 256/.test(e.message)));
});
