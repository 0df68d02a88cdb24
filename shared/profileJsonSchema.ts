// The JSON Schema of `.vfio-lens.json`, generated from the zod schema so the
// two cannot disagree. Editors read the committed copy in schemas/ (through
// `contributes.jsonValidation`); a unit test fails when that copy drifts.
import { z } from 'zod';
import { profileFileSchema } from './profile';

export const PROFILE_SCHEMA_PATH = 'schemas/vfio-lens.schema.json';

export function profileJsonSchema(): Record<string, unknown> {
  // Input side: what a person writes (strings and numbers), not the bigints zod yields.
  const schema = z.toJSONSchema(profileFileSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'vfio-lens device profiles',
    description: 'Devices vfio-lens computes nvgrace-gpu layouts for: PCI address, SKU or _DSD memory values, kernel and page size.',
  };
}

/** The file's text: stable key order, two-space indent, final newline. */
export function profileJsonSchemaText(): string {
  return JSON.stringify(profileJsonSchema(), null, 2) + '\n';
}
