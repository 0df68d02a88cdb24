// Writes schemas/vfio-lens.schema.json from the zod schema: `npm run schema`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROFILE_SCHEMA_PATH, profileJsonSchemaText } from '../shared/profileJsonSchema';

const out = path.resolve(__dirname, '..', PROFILE_SCHEMA_PATH);
writeFileSync(out, profileJsonSchemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
