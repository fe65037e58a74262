// Worker bootstrap: registers tsx in this thread so the TypeScript worker loads under any parent.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
