// The built-in offline embedder: Universal Sentence Encoder lite (512 dimensions, bundled weights,
// pure JavaScript, ~30 short texts/s per core) in a pool of worker threads, so embedding never
// blocks the event loop. Queries jump ahead of background batches: a search waits for at most the
// batch a worker is busy with, not for the whole backlog.
import { Worker } from 'node:worker_threads';
import type { Embedder } from './embedder';

export const OFFLINE_MODEL = 'offline:use-lite';
export const OFFLINE_DIMENSIONS = 512;
/** Texts per worker message: big enough to batch the matrix work, small enough to keep queries quick. */
const WORKER_BATCH = 8;

interface Task {
  texts: string[];
  resolve: (v: number[][]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy?: { id: number; task: Task };
}

export class EmbeddingPool {
  private slots: Slot[] = [];
  private urgent: Task[] = [];
  private background: Task[] = [];
  private seq = 0;
  private closed = false;

  constructor(private readonly size: number) {}

  /** Embeds texts on the pool; `priority: 'query'` goes before queued background work. */
  async embed(texts: string[], priority: 'query' | 'background' = 'background'): Promise<number[][]> {
    if (this.closed) throw new Error('the embedding pool is closed');
    if (texts.length === 0) return [];
    const parts: Promise<number[][]>[] = [];
    for (let i = 0; i < texts.length; i += WORKER_BATCH) {
      parts.push(new Promise<number[][]>((resolve, reject) => {
        (priority === 'query' ? this.urgent : this.background).push({ texts: texts.slice(i, i + WORKER_BATCH), resolve, reject });
      }));
    }
    this.dispatch();
    return (await Promise.all(parts)).flat();
  }

  /** Starts the workers (loading the model) ahead of the first request. */
  warm(): Promise<unknown> {
    return this.embed(['warm up'], 'query');
  }

  get workers() {
    return this.size;
  }

  async close() {
    this.closed = true;
    const error = new Error('the embedding pool is closed');
    for (const t of [...this.urgent, ...this.background]) t.reject(error);
    this.urgent = [];
    this.background = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }

  private dispatch() {
    while (this.urgent.length || this.background.length) {
      const slot = this.idleSlot();
      if (!slot) return;
      const task = (this.urgent.shift() ?? this.background.shift())!;
      const id = ++this.seq;
      slot.busy = { id, task };
      // Only a busy worker keeps the process alive: an idle pool never holds up shutdown.
      slot.worker.ref();
      slot.worker.postMessage({ id, texts: task.texts });
    }
  }

  private idleSlot(): Slot | undefined {
    const idle = this.slots.find((s) => !s.busy);
    if (idle) return idle;
    if (this.slots.length < this.size) return this.spawn();
    return undefined;
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./embed-worker.mjs', import.meta.url));
    const slot: Slot = { worker };
    worker.unref();
    worker.on('message', (msg: { id: number; vectors?: number[][]; error?: string }) => {
      const busy = slot.busy;
      if (!busy || busy.id !== msg.id) return;
      slot.busy = undefined;
      worker.unref();
      if (msg.error) busy.task.reject(new Error(`offline embedding failed: ${msg.error}`));
      else busy.task.resolve(msg.vectors!);
      this.dispatch();
    });
    const fail = (err: Error) => {
      // A dead worker fails its task and gives up its slot; the next task starts a fresh one.
      this.slots = this.slots.filter((s) => s !== slot);
      slot.busy?.task.reject(err);
      slot.busy = undefined;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(new Error(`embedding worker exited (code ${code})`));
    });
    this.slots.push(slot);
    return slot;
  }
}

export function offlineEmbedder(pool: EmbeddingPool): Embedder {
  return {
    model: OFFLINE_MODEL,
    dimensions: OFFLINE_DIMENSIONS,
    embed: (texts, opts) => pool.embed(texts, opts?.priority ?? 'background'),
  };
}
