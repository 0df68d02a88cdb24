// Imported first by main.ts: zod decides per schema, when the schema is built,
// whether to compile it with `new Function`, and probing that trips the
// strict CSP (a reported violation even though zod catches the error). The
// shared schemas are built when their modules load, so this must run before.
import { z } from 'zod';

z.config({ jitless: true });
