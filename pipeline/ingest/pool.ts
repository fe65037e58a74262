// A pool of long-lived parsing workers fed through p-queue. Parsing (pdf.js above all) is CPU-bound
// and runs on the calling thread in Node, so it goes to workers; the importing thread keeps SQLite.
// A worker that crashes, runs out of memory or overruns the time limit is replaced; only its file fails.
import { Worker } from 'node:worker_threads';
import PQueue from 'p-queue';
import type { Limits } from './limits.ts';
import type { ParseReply, ParseRequest } from './parse-task.ts';

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

interface Slot { worker: Worker; busy: boolean }

export class ParsePool {
  private readonly queue: PQueue;
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly size: number, private readonly limits: Limits) {
    this.queue = new PQueue({ concurrency: size });
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.workerMemoryMb },
    });
    worker.unref();
    const slot = { worker, busy: false };
    this.slots.push(slot);
    return slot;
  }

  private acquire(): Slot {
    const idle = this.slots.find((s) => !s.busy) ?? this.spawn();
    idle.busy = true;
    return idle;
  }

  private retire(slot: Slot): void {
    this.slots.splice(this.slots.indexOf(slot), 1);
    void slot.worker.terminate();
  }

  /** Parses one file's bytes in a worker; never rejects: a failure comes back as a reply. */
  parse(path: string, bytes: Uint8Array): Promise<ParseReply> {
    return this.queue.add(() => this.run(path, bytes)) as Promise<ParseReply>;
  }

  private run(path: string, bytes: Uint8Array): Promise<ParseReply> {
    const id = this.nextId++;
    const slot = this.acquire();
    const request: ParseRequest = { id, path, bytes, limits: this.limits };
    return new Promise<ParseReply>((resolve) => {
      const finish = (reply: ParseReply, healthy: boolean) => {
        clearTimeout(timer);
        slot.worker.off('message', onMessage);
        slot.worker.off('error', onError);
        slot.worker.off('exit', onExit);
        if (healthy) slot.busy = false;
        else this.retire(slot);
        resolve(reply);
      };
      const onMessage = (reply: ParseReply) => { if (reply.id === id) finish(reply, true); };
      const onError = (e: Error) => {
        const oom = /memory|heap/i.test(e.message) || (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        finish({ id, ok: false, reason: oom ? `ran out of memory while parsing (limit ${this.limits.workerMemoryMb} MiB per worker, --worker-memory)` : `parser crashed: ${e.message}` }, false);
      };
      const onExit = (code: number) => finish({ id, ok: false, reason: `parser exited unexpectedly (code ${code})` }, false);
      const timer = setTimeout(() => finish({ id, ok: false, reason: `took longer than ${this.limits.timeoutSeconds} s to parse (--timeout)` }, false), this.limits.timeoutSeconds * 1000);
      slot.worker.on('message', onMessage);
      slot.worker.on('error', onError);
      slot.worker.on('exit', onExit);
      slot.worker.ref();
      // the bytes move to the worker instead of being copied (a view into a shared buffer is copied first)
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
      slot.worker.postMessage({ ...request, bytes: own }, [own.buffer as ArrayBuffer]);
    }).finally(() => { if (!this.closed) slot.worker.unref(); });
  }

  /** Drops the files not yet started. */
  clear(): void { this.queue.clear(); }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.clear();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}
