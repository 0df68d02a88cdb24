#!/usr/bin/env node
'use strict';
// The CLI bundle (built by `npm install`'s prepare or `npm run build`), run through V8's code cache.
require('../dist/cli-boot.js');
