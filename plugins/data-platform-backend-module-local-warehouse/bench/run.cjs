#!/usr/bin/env node
/* eslint-disable */
// Runs a TypeScript benchmark from this folder through the Backstage CLI's
// node transform (SWC): `node bench/run.cjs <name> [args...]`.
require('@backstage/cli/config/nodeTransform.cjs');
const path = require('node:path');
const name = process.argv[2];
if (!name) {
  console.error('usage: run.cjs <benchmark> [args...]');
  process.exit(2);
}
process.argv.splice(2, 1);
require(path.resolve(__dirname, `${name}.ts`));
