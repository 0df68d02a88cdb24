import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROFILE_SCHEMA_PATH, profileJsonSchemaText } from '../../../shared/profileJsonSchema';
import { profileFileSchema } from '../../../shared/profile';
import { SKU_PRESETS } from '../../../server/src/model';

const ROOT = path.resolve(__dirname, '..', '..', '..');

test('the committed JSON Schema is the one zod generates (run `npm run schema` after changing shared/profile.ts)', () => {
  const committed = readFileSync(path.join(ROOT, PROFILE_SCHEMA_PATH), 'utf8');
  assert.equal(committed, profileJsonSchemaText());
});

test('package.json contributes that schema for both profile file names', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const entry = pkg.contributes.jsonValidation.find((j: { url: string }) => j.url === `./${PROFILE_SCHEMA_PATH}`);
  assert.deepEqual(entry?.fileMatch, ['.vfio-lens.json', '*.vfio-lens.json']);
});

test('the schema lists every SKU preset and the value pattern accepts what the parser accepts', () => {
  const schema = JSON.parse(profileJsonSchemaText());
  const device = schema.properties.devices.items;
  assert.deepEqual(device.properties.sku.enum, SKU_PRESETS.map((p) => p.id));
  const pattern = new RegExp(device.properties.memlength.anyOf[0].pattern);
  for (const ok of ['0x1800000000', '96G', '96GiB', '96 GiB', '0x4000_0000_0000', '1024']) {
    assert.ok(pattern.test(ok), ok);
    assert.equal(profileFileSchema.safeParse({ devices: [{ name: 'x', memlength: ok }] }).success, true, ok);
  }
  for (const bad of ['banana', '-1', '0x', '96 gigs']) assert.ok(!pattern.test(bad), bad);
});

test('examples/.vfio-lens.json is a valid profile file', () => {
  const r = profileFileSchema.safeParse(JSON.parse(readFileSync(path.join(ROOT, 'examples/.vfio-lens.json'), 'utf8')));
  assert.ok(r.success, JSON.stringify(!r.success && r.error.issues));
});
