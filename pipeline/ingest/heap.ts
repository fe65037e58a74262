// How far V8 lets each heap of an import grow past what it keeps alive.
//
// After every full collection V8 sets the next one's threshold at a multiple of what survived.
// The multiple comes from the heap's size limit: 4 for a limit of 2 GiB or more (the parsing
// workers' default; Node gives the importing thread 4 GiB on the 24 GiB machine measured), less for
// smaller limits. An import keeps little alive (a worker ~30 MiB, the importing thread ~40 MiB),
// but it makes a great deal of garbage that lives a little while: a page's text items, a received
// document waiting to be stored. At 4 each heap fills with it to three or four times its live size,
// and the importing thread's heap grows with the length of the batch: 611 MiB at 100 documents, 740
// at 1000, three quarters of it garbage (scripts/bench.ts; README, "Speed and memory").
//
// A multiple of 2 costs one or two per cent more CPU, in more full collections (a worker does ~10
// over 100 documents instead of ~5, each ~40 ms), and keeps the import under 600 MiB at every
// size. A smaller heap limit would lower the multiple too, but it also halves the young generation
// (measured: 23% more CPU) and makes large documents fail; this changes the multiple only.
//
// V8 reads the setting at every full collection, in every thread of the process, so it is set once,
// by the commands that import (and by scripts/bench.ts, which measures them), not by the library
// functions, which an embedding program may call with heaps of its own choosing.
import { setFlagsFromString } from 'node:v8';

/** Heap growth past the live size after a full collection, in per cent: a multiple of 2. */
export const IMPORT_HEAP_GROWING_PERCENT = 100;

/** Sets V8's heap growing factor for the whole process (every thread, those started later too). */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${IMPORT_HEAP_GROWING_PERCENT}`);
}
