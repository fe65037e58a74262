// Worker bootstrap: registers tsx in this thread so the TypeScript worker loads under any parent,
// then the hook that keeps tsx away from pdf.js's own (plain JavaScript) modules.
import { register as registerHook } from 'node:module';
import { register } from 'tsx/esm/api';

register();
registerHook('./plain-modules.mjs', import.meta.url);
await import('./worker.ts');
