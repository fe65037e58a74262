// A parsing worker: answers parse requests from the importing thread, one at a time.
import { parentPort } from 'node:worker_threads';
import { runParseTask, type ParseRequest } from './parse-task.ts';

parentPort!.on('message', async (req: ParseRequest) => {
  parentPort!.postMessage(await runParseTask(req));
});
