#!/usr/bin/env node
// The CLI is compiled by `npm install` (the root `prepare` script runs `tsc -b`).
import '../dist/cli/main.js';
