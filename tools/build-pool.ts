/**
 * The build's threads: one per core, each running the units of work of tools/build-jobs.ts
 * (publishing article files, making pages), so a cold build of an archive uses every core.
 * Starting a thread costs about half a second of loading (tsx, Lit, the templates; less from the
 * bundle `npm run build` runs, tools/run.mjs), so a build
 * with little to do does it on the main thread instead: jobs wait in a queue until there are
 * enough of them to start the threads, and those still waiting when the caller drains the pool
 * are done here. The queue is kept short once the threads run (`room`), so that a cold build
 * does not hold every page's job at once.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { runJob, type Job, type JobContext, type JobResult } from './build-jobs.js';
import { moduleThread } from './runtime.js';

/** Jobs queued before the threads are started: fewer are done on the main thread, as starting them would take longer. */
const THREAD_THRESHOLD = 24;
/** Jobs queued per thread before the caller waits for room. */
const QUEUED_PER_THREAD = 4;

/** A message to a thread: the context, or a job to do. */
export type ToThread = { readonly context: JobContext } | { readonly id: number; readonly job: Job };
/** A thread's answer to a job. */
export type FromThread =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

interface Queued {
  readonly job: Job;
  readonly done: (result: unknown) => void;
  readonly fail: (error: unknown) => void;
}

export class BuildPool {
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private readonly queue: Queued[] = [];
  private running = 0;
  private nextId = 0;
  /** Called when a job ends: wakes a caller waiting for room or for the end. */
  private wake: (() => void) | null = null;
  private failure: unknown = null;

  constructor(
    private context: JobContext,
    private readonly threads = availableParallelism(),
  ) {}

  /** Sets what every job may read from now on (the frame, once the scripts are built). */
  update(context: Partial<JobContext>): void {
    this.context = { ...this.context, ...context };
    for (const worker of this.workers) worker.postMessage({ context: this.context } satisfies ToThread);
  }

  /** Queues a job; its result comes when a thread (or, at `drain`, this one) has done it. */
  submit<J extends Job>(job: J): Promise<JobResult<J>> {
    return new Promise<JobResult<J>>((done, fail) => {
      this.queue.push({ job, done: done as (result: unknown) => void, fail });
      if (this.workers.length === 0 && this.threads > 1 && this.queue.length >= THREAD_THRESHOLD) this.start();
      this.pump();
    });
  }

  /** Waits until the queue is short enough to add to (only while the threads run). */
  async room(): Promise<void> {
    while (this.workers.length > 0 && this.queue.length > this.threads * QUEUED_PER_THREAD) await this.nextEnd();
  }

  /** Does every queued job (here, if the threads were never started) and waits for all to end. */
  async drain(): Promise<void> {
    if (this.workers.length === 0) {
      for (let queued = this.queue.shift(); queued !== undefined; queued = this.queue.shift()) {
        try {
          queued.done(await runJob(queued.job, this.context));
        } catch (error) {
          this.failure ??= error;
          queued.fail(error);
        }
      }
    }
    while (this.queue.length > 0 || this.running > 0) await this.nextEnd();
    const failure = this.failure;
    if (failure !== null)
      throw failure instanceof Error ? failure : new Error('a build job failed', { cause: failure });
  }

  /** Ends the threads. */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    this.idle = [];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private nextEnd(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private ended(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private pump(): void {
    for (let worker = this.idle.pop(); worker !== undefined; worker = this.idle.pop()) {
      const queued = this.queue.shift();
      if (queued === undefined) {
        this.idle.push(worker);
        return;
      }
      this.running += 1;
      this.send(worker, queued.job).then(
        (result) => {
          queued.done(result);
        },
        (error: unknown) => {
          this.failure ??= error;
          queued.fail(error);
        },
      );
    }
  }

  private start(): void {
    for (let thread = 0; thread < this.threads; thread += 1) {
      // A larger young generation: rendering makes much short-lived garbage, and the default's
      // frequent scavenges took a tenth of a thread's time.
      const worker = moduleThread('build-worker', { resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      // A thread waiting for a job must not keep the build alive once it is done.
      worker.unref();
      worker.postMessage({ context: this.context } satisfies ToThread);
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  private send(worker: Worker, job: Job): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((done, fail) => {
      const finish = (): void => {
        worker.off('message', answered);
        worker.off('error', failed);
        this.running -= 1;
        this.idle.push(worker);
        this.pump();
        this.ended();
      };
      const failed = (error: Error): void => {
        finish();
        fail(error);
      };
      const answered = (message: FromThread): void => {
        if (message.id !== id) return;
        finish();
        if (message.ok) done(message.result);
        else fail(new Error(message.error));
      };
      worker.on('message', answered);
      worker.once('error', failed);
      worker.postMessage({ id, job } satisfies ToThread);
    });
  }
}
