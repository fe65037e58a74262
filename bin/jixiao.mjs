#!/usr/bin/env node
// Entry point of the `jixiao` command: loads the TypeScript sources through tsx, no build step.
import { register as registerHook } from 'node:module';
import { register } from 'tsx/esm/api';

register();
// pdf.js loads as plain JavaScript, not through tsx (pipeline/ingest/plain-modules.mjs says why)
registerHook('../pipeline/ingest/plain-modules.mjs', import.meta.url);
const { main } = await import('../pipeline/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
