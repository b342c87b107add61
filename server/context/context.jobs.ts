// The context layer's background jobs (server/jobs): the search index and the embedding chunks
// follow the outbox, and the embedding pass fills in vectors. Each job is woken by a cheap poll when
// there is work, runs one at a time across all nodes (policy "stately"), and re-queues itself while
// a backlog remains, so a 100k-row import is worked off in bounded slices between other jobs.
import type { Db } from '../db/client';
import type { CrudService } from '../lib/crud';
import type { Logger } from '../lib/logger';
import type { JobDefinition, Jobs } from '../jobs/jobs';
import { chunksPending, syncChunks } from './chunks';
import type { EmbedderRegistry } from './embedder';
import { embedPending, embeddingsPending, vectorsAvailable } from './embeddings';
import { drainSearchIndex, searchIndexPending } from './indexer';

export const INDEX_QUEUE = 'context.index';
export const EMBED_QUEUE = 'context.embed';
/** A provider that failed is left alone this long before it is tried again. */
const FAILURE_BACKOFF_MS = 5 * 60_000;

export function contextJobs(opts: { db: Db; services: CrudService[]; registry: EmbedderRegistry; log: Logger; jobs: () => Jobs | undefined; pollSeconds?: number; budgetMs?: number }) {
  const { db, services, registry, log } = opts;
  const failures = new Map<string, { at: number; error: string }>();
  const every = opts.pollSeconds ?? 2;
  const backingOff = (orgId: string) => (failures.get(orgId)?.at ?? 0) > Date.now() - FAILURE_BACKOFF_MS;

  /** One slice of work: outbox → documents and chunks, then vectors until the budget is spent. */
  async function runEmbedSlice(only?: { orgId: string }) {
    if (!(await vectorsAvailable(db))) return { embedded: 0, more: false, failed: [] };
    await syncChunks(db, services);
    const r = await embedPending(db, registry, { budgetMs: opts.budgetMs, skip: backingOff, only: only?.orgId });
    for (const f of r.failed) {
      failures.set(f.orgId, { at: Date.now(), error: f.error });
      log.warn({ orgId: f.orgId, error: f.error }, 'embedding provider failed; retrying in 5 minutes');
    }
    if (r.more && !only) await opts.jobs()?.send(EMBED_QUEUE);
    return r;
  }

  const definitions: JobDefinition[] = [
    {
      name: INDEX_QUEUE,
      queue: { policy: 'stately', retryLimit: 5, retryDelay: 5, expireInSeconds: 600 },
      work: { pollingIntervalSeconds: 1 },
      poll: { everySeconds: every, when: () => searchIndexPending(db) },
      handler: async () => {
        await drainSearchIndex(db, services);
      },
    },
    {
      name: EMBED_QUEUE,
      queue: { policy: 'stately', retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 600 },
      work: { pollingIntervalSeconds: 1 },
      poll: {
        everySeconds: every,
        when: async () => (await vectorsAvailable(db)) && ((await chunksPending(db)) || (await embeddingsPending(db, backingOff))),
      },
      handler: async () => {
        await runEmbedSlice();
      },
    },
  ];

  return {
    definitions,
    runEmbedSlice,
    /** The last provider failure of an organization, for the status endpoint. */
    lastError: (orgId: string) => failures.get(orgId)?.error,
  };
}
