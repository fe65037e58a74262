// Vitest setup: pdf.js loads in the test processes as it does under bin/jixiao.mjs and in the parsing
// workers, through the module hook (pipeline/ingest/plain-modules.mjs), so the tests run the parser's
// one-pass path (text with drawing) and not only its fallback.
import { register } from 'node:module';

register('../pipeline/ingest/plain-modules.mjs', import.meta.url);
