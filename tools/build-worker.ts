/**
 * One of the build's threads (tools/build-pool.ts): keeps the context it is sent, does each job it
 * is sent (tools/build-jobs.ts) and answers with the result, or why it failed.
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type JobContext } from './build-jobs.js';
import type { FromThread, ToThread } from './build-pool.js';

let context: JobContext | null = null;
// One job at a time, in the order sent: the pool sends the next only after the answer.
parentPort?.on('message', (message: ToThread) => {
  if ('context' in message) {
    context = message.context;
    return;
  }
  const { id, job } = message;
  const answer = (reply: FromThread): void => parentPort?.postMessage(reply);
  if (context === null) {
    answer({ id, ok: false, error: 'a job came before the context' });
    return;
  }
  runJob(job, context).then(
    (result) => {
      answer({ id, ok: true, result });
    },
    (error: unknown) => {
      answer({ id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    },
  );
});
