import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker, type Transferable } from 'node:worker_threads';
import type { TaskName, TaskInput, TaskChunk, TaskFeed, TaskResult } from './tasks.js';

/**
 * A small pool of worker threads for CPU-heavy work that would otherwise hold the web process's
 * event loop: reading an uploaded workbook, writing an error report, rendering a certificate PDF.
 * Workers start on first use, are unref'd (an idle pool never keeps the process alive) and are
 * replaced when one dies; a task whose worker dies (out of memory under `resourceLimits`,
 * terminated on abort) fails with WorkerCrashed and the others carry on.
 */
export class WorkerCrashed extends Error {
  override name = 'WorkerCrashed';
  constructor(
    message: string,
    readonly outOfMemory: boolean,
  ) {
    super(message);
  }
}

/** An error thrown inside a task, carried back with its name and own fields. */
export class TaskError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly fields: Record<string, unknown>,
  ) {
    super(message);
  }
}

interface Pending {
  name: string;
  input: unknown;
  transfer: Transferable[];
  /** Called with each chunk; `taken` tells the worker the chunk was taken up (called at once if not kept). */
  onChunk?: (chunk: unknown, taken: () => void) => void;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  channel?: Channel;
}

/**
 * The pieces of input a fed task receives after it starts (feed()): kept until the task has a
 * worker, then posted in order; each piece's send() resolves when the worker takes it up.
 */
class Channel {
  private post: ((message: object) => void) | null = null;
  private readonly waiting: object[] = [];
  private readonly acks: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private over: { error: unknown } | null = null;

  send(piece: unknown): Promise<void> {
    if (this.over) return this.over.error ? Promise.reject(this.over.error) : Promise.resolve();
    return new Promise((resolve, reject) => {
      this.acks.push({ resolve, reject });
      this.deliver({ type: 'piece', data: piece });
    });
  }

  end(): void {
    if (!this.over) this.deliver({ type: 'end' });
  }

  /** The task has its worker: pieces kept so far go out, with the task's id. */
  attach(id: number, post: (message: unknown) => void): void {
    this.post = (m) => post({ ...m, id });
    for (const m of this.waiting.splice(0)) this.post(m);
  }

  ack(): void {
    this.acks.shift()?.resolve();
  }

  /** The task is over: pieces still unacknowledged fail with its error (or are released). */
  settle(error: unknown): void {
    this.over = { error };
    for (const a of this.acks.splice(0)) error ? a.reject(error) : a.resolve();
  }

  private deliver(m: object): void {
    if (this.post) this.post(m);
    else this.waiting.push(m);
  }
}

/** A task fed its input in pieces: send() each (resolves when the worker takes it up), then end(). */
export interface Feeder<N extends TaskName> {
  send(piece: TaskFeed<N>): Promise<void>;
  end(): void;
  result: Promise<TaskResult<N>>;
}

interface Slot {
  worker: Worker;
  task: (Pending & { id: number }) | null;
}

type FromWorker =
  | { id: number; type: 'chunk'; data: unknown }
  | { id: number; type: 'ack' }
  | { id: number; type: 'done'; data: unknown }
  | { id: number; type: 'error'; error: { name: string; message: string; fields: Record<string, unknown> } };

/** The worker's entry: the .ts file under tsx or vitest, the .js file once compiled. */
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './entry.ts' : './entry.js', import.meta.url);

function spawn(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (!ENTRY.pathname.endsWith('.ts')) return new Worker(ENTRY, { resourceLimits });
  // running from TypeScript sources (tsx, vitest): the worker registers tsx's loader itself
  // (a --import in execArgv does not reach a worker's own entry file on Node 20)
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(ENTRY.href)}); })`;
  return new Worker(boot, { eval: true, resourceLimits });
}

export interface PoolOptions {
  size?: number;
  /** Heap limit of each worker: a task that needs more kills its worker only. */
  heapMb?: number;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  readonly size: number;
  readonly heapMb: number;

  constructor(options: PoolOptions = {}) {
    this.size = options.size ?? Math.max(2, Math.min(4, availableParallelism() - 1));
    this.heapMb = options.heapMb ?? 1536;
  }

  /** Runs a task in a worker; chunks it emits go to onChunk, in order, before it resolves. */
  run<N extends TaskName>(
    name: N,
    input: TaskInput<N>,
    options: { transfer?: Transferable[]; onChunk?: (chunk: TaskChunk<N>) => void; signal?: AbortSignal; channel?: Channel } = {},
  ): Promise<TaskResult<N>> {
    const onChunk = options.onChunk;
    return this.runRaw(name, input, { ...options, onChunk: onChunk ? (c, taken) => (onChunk(c as TaskChunk<N>), taken()) : undefined });
  }

  private runRaw<N extends TaskName>(
    name: N,
    input: TaskInput<N>,
    options: { transfer?: Transferable[]; onChunk?: Pending['onChunk']; signal?: AbortSignal; channel?: Channel } = {},
  ): Promise<TaskResult<N>> {
    if (this.closed) return Promise.reject(new Error('worker pool closed'));
    options.signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      this.queue.push({
        name,
        input,
        transfer: options.transfer ?? [],
        onChunk: options.onChunk,
        resolve: resolve as (v: unknown) => void,
        reject,
        signal: options.signal,
        channel: options.channel,
      });
      this.dispatch();
    });
  }

  /**
   * Starts a task whose input also comes in pieces after it starts (rows read from the database
   * while the worker writes them). The producer must end() it, or abort its signal when it fails
   * (the worker is then stopped): a fed task waits for its pieces.
   */
  feed<N extends TaskName>(name: N, input: TaskInput<N>, options: { signal?: AbortSignal } = {}): Feeder<N> {
    const channel = new Channel();
    const result = this.run(name, input, { signal: options.signal, channel }).then(
      (v) => (channel.settle(null), v),
      (e: unknown) => {
        channel.settle(e);
        throw e;
      },
    );
    return { send: (piece) => channel.send(piece), end: () => channel.end(), result };
  }

  /** Like run(), but its chunks as an async iterable; the result is returned by the iterator. */
  async *stream<N extends TaskName>(
    name: N,
    input: TaskInput<N>,
    options: { transfer?: Transferable[]; signal?: AbortSignal } = {},
  ): AsyncGenerator<TaskChunk<N>, TaskResult<N>> {
    const chunks: { chunk: TaskChunk<N>; taken: () => void }[] = [];
    const state: { wake: (() => void) | null; settled: { ok: true; value: TaskResult<N> } | { ok: false; error: unknown } | null } = {
      wake: null,
      settled: null,
    };
    const notify = () => {
      state.wake?.();
      state.wake = null;
    };
    // the worker is told a chunk was taken when the consumer asks for the next one
    let draining = false;
    this.runRaw(name, input, {
      ...options,
      onChunk: (chunk, taken) => {
        if (draining) return taken();
        chunks.push({ chunk: chunk as TaskChunk<N>, taken });
        notify();
      },
    }).then(
      (value) => ((state.settled = { ok: true, value }), notify()),
      (error: unknown) => ((state.settled = { ok: false, error }), notify()),
    );
    let current: (() => void) | null = null;
    try {
      for (;;) {
        if (chunks.length > 0) {
          const next = chunks.shift()!;
          current = next.taken;
          yield next.chunk;
          current = null;
          next.taken();
          continue;
        }
        const s = state.settled;
        if (s) {
          if (s.ok) return s.value;
          throw s.error;
        }
        await new Promise<void>((r) => (state.wake = r));
      }
    } finally {
      // a consumer that stops early must not leave the worker waiting for room
      draining = true;
      current?.();
      for (const c of chunks.splice(0)) c.taken();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('worker pool closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === null);
      if (!slot && this.slots.length < this.size) slot = this.startWorker();
      if (!slot) return;
      const p = this.queue.shift()!;
      if (p.signal?.aborted) {
        p.reject(p.signal.reason);
        continue;
      }
      const task = { ...p, id: this.nextId++ };
      slot.task = task;
      slot.worker.ref();
      const onAbort = () => {
        if (slot!.task?.id === task.id) void slot!.worker.terminate();
      };
      p.signal?.addEventListener('abort', onAbort, { once: true });
      const done = task.resolve;
      const fail = task.reject;
      task.resolve = (v) => (p.signal?.removeEventListener('abort', onAbort), done(v));
      task.reject = (e) => (p.signal?.removeEventListener('abort', onAbort), fail(e));
      slot.worker.postMessage({ type: 'start', id: task.id, name: task.name, input: task.input }, task.transfer);
      const worker = slot.worker;
      task.channel?.attach(task.id, (m) => worker.postMessage(m));
    }
  }

  private startWorker(): Slot {
    const worker = spawn(this.heapMb);
    const slot: Slot = { worker, task: null };
    worker.unref();
    worker.on('message', (m: FromWorker) => {
      const task = slot.task;
      if (!task || task.id !== m.id) return;
      if (m.type === 'ack') {
        task.channel?.ack();
        return;
      }
      if (m.type === 'chunk') {
        const id = m.id;
        if (task.onChunk) task.onChunk(m.data, () => worker.postMessage({ type: 'taken', id }));
        else worker.postMessage({ type: 'taken', id });
        return;
      }
      slot.task = null;
      worker.unref();
      if (m.type === 'done') task.resolve(m.data);
      else task.reject(new TaskError(m.error.name, m.error.message, m.error.fields));
      this.dispatch();
    });
    const lost = (err: Error | null) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      const task = slot.task;
      slot.task = null;
      if (task) {
        const oom = (err as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        if (task.signal?.aborted) task.reject(task.signal.reason);
        else task.reject(new WorkerCrashed(err?.message ?? 'worker stopped', oom));
      }
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (err: Error) => lost(err));
    worker.on('exit', () => lost(null));
    this.slots.push(slot);
    return slot;
  }
}

let shared: WorkerPool | null = null;

/** The process's worker pool (started on first use). */
export function workerPool(): WorkerPool {
  shared ??= new WorkerPool();
  return shared;
}

/** Stops the process's pool (shutdown). */
export async function closeWorkerPool(): Promise<void> {
  const p = shared;
  shared = null;
  await p?.close();
}
