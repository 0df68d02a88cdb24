#!/usr/bin/env node
'use strict';
// The CLI lives in the bundle built by `npm install` (prepare) or `npm run build`.
require('../dist/cli.js');
