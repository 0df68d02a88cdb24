// The TextMate grammars, run by the same engine VS Code uses (vscode-textmate
// on Oniguruma): the tokens people look at get the scopes themes colour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as onig from 'vscode-oniguruma';
import { INITIAL, IGrammar, Registry, parseRawGrammar } from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..');

let registry: Registry | undefined;
async function grammar(scope: string): Promise<IGrammar> {
  if (!registry) {
    await onig.loadWASM(readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
    registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p) => new onig.OnigScanner(p), createOnigString: (s) => new onig.OnigString(s) }),
      loadGrammar: async (s) => {
        const f = { 'source.asl': 'syntaxes/asl.tmLanguage.json', 'source.lspci': 'syntaxes/lspci.tmLanguage.json' }[s];
        return f ? parseRawGrammar(readFileSync(path.join(ROOT, f), 'utf8'), path.join(ROOT, f)) : null;
      },
    });
  }
  const g = await registry.loadGrammar(scope);
  assert.ok(g, scope);
  return g;
}

/** Each token's text with its innermost scope, for the lines given. */
function scopes(g: IGrammar, text: string): Map<string, string> {
  const out = new Map<string, string>();
  let state = INITIAL;
  for (const line of text.split('\n')) {
    const r = g.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const s = line.slice(t.startIndex, t.endIndex).trim();
      if (s && !out.has(s)) out.set(s, t.scopes[t.scopes.length - 1]);
    }
    state = r.ruleStack;
  }
  return out;
}

test('package.json contributes both grammars for their languages', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.deepEqual(
    pkg.contributes.grammars.map((g: { language: string; scopeName: string }) => [g.language, g.scopeName]),
    [['asl', 'source.asl'], ['lspci', 'source.lspci']],
  );
});

test('ASL: keywords, reserved names, property strings, hex integers, comments', async () => {
  const g = await grammar('source.asl');
  const s = scopes(g, readFileSync(path.join(ROOT, 'examples/acpi/gpu-dsd.asl'), 'utf8'));
  assert.equal(s.get('DefinitionBlock'), 'keyword.other.definition.asl');
  assert.equal(s.get('Device'), 'keyword.other.definition.asl');
  assert.equal(s.get('Package'), 'support.function.asl');
  assert.equal(s.get('_DSD'), 'variable.language.reserved.asl');
  assert.equal(s.get('"nvidia,gpu-mem-base-pa"'), 'string.quoted.double.property.nvidia.asl');
  assert.equal(s.get('0x0000400000000000'), 'constant.numeric.hex.asl');
  assert.equal(s.get('Zero'), 'constant.language.asl');
  assert.equal(s.get('_ADR: Address'), 'comment.line.double-slash.asl');
  assert.equal(s.get('0x19'), 'constant.numeric.hex.asl');
});

test('lspci: address, class, IDs, region labels, sizes, flags and the driver', async () => {
  const g = await grammar('source.lspci');
  const s = scopes(g, readFileSync(path.join(ROOT, 'test/fixtures/lspci/host-bindings.lspci'), 'utf8'));
  assert.equal(s.get('0009:01:00.0'), 'constant.numeric.bdf.lspci');
  assert.equal(s.get('[10de:2342]'), 'constant.numeric.id.lspci');
  assert.equal(s.get('Region 0:'), 'keyword.other.region.lspci');
  assert.equal(s.get('661002000000'), 'constant.numeric.hex.address.lspci');
  assert.equal(s.get('[size=16M]'), 'constant.numeric.size.lspci');
  assert.equal(s.get('[disabled]'), 'markup.deleted.disabled.lspci');
  assert.equal(s.get('vfio-pci'), 'entity.name.function.driver.lspci');
  assert.equal(s.get('Subsystem:'), 'variable.other.field.lspci');
});
