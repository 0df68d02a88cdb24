// dist/cli-boot.js: what bin/vfio-lens.js runs; the CLI bundle through the V8 code cache.
import * as path from 'node:path';
import { runWithCodeCache } from './codeCache';

runWithCodeCache(path.join(__dirname, 'cli.js'));
