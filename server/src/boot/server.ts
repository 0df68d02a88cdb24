// dist/server.js: starts the language server bundle (dist/server-main.js)
// through the V8 code cache. Transport flags pass through untouched.
import * as path from 'node:path';
import { runWithCodeCache } from './codeCache';

runWithCodeCache(path.join(__dirname, 'server-main.js'));
