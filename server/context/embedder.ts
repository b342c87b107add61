// One Embedder interface for every source of vectors: the built-in offline model (the default) or
// the organization's provider through the AI SDK's embedMany (OpenAI, Google, any OpenAI-compatible
// gateway). Each vector is stored with `model` (this embedder's id) and its dimension, so vectors
// of different models never meet in one comparison.
import { embedMany } from 'ai';
import type { EMBEDDING_PROVIDERS } from '../../contracts/context';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { aiSettings, embeddingSettings } from '../db/schema';
import type { SecretBox } from '../lib/crypto';
import { EmbeddingPool, OFFLINE_DIMENSIONS, OFFLINE_MODEL, offlineEmbedder } from './offline-embedder';

export interface Embedder {
  /** Recorded with every vector: "offline:use-lite", "openai:text-embedding-3-small", … */
  readonly model: string;
  /** Fixed for the offline model; learned from the first answer for providers. */
  readonly dimensions?: number;
  /** One vector per text, in order. `query` work is served before background batches. */
  embed(texts: string[], opts?: { priority?: 'query' | 'background'; signal?: AbortSignal }): Promise<number[][]>;
}

export type EmbeddingProvider = (typeof EMBEDDING_PROVIDERS)[number];

export const DEFAULT_EMBEDDING_MODELS: Record<EmbeddingProvider, string | undefined> = {
  offline: 'use-lite',
  openai: 'text-embedding-3-small',
  google: 'gemini-embedding-001',
  // A gateway's model names are its own: the admin names one.
  'openai-compatible': undefined,
};

export interface EmbeddingConfig {
  provider: Exclude<EmbeddingProvider, 'offline'>;
  model: string;
  apiKey?: string;
  baseUrl?: string;
  dimensions?: number;
}

export const modelId = (provider: EmbeddingProvider, model: string) => (provider === 'offline' ? OFFLINE_MODEL : `${provider}:${model}`);

/** `fetch` is the outbound guard's: every provider call goes through it (server/lib/outbound.ts). */
export function providerEmbedder(c: EmbeddingConfig, timeoutMs: number, fetch: typeof globalThis.fetch): Embedder {
  // The provider SDK is imported at the first embedding, not at start-up (see assistant/providers.ts).
  let model: Promise<Parameters<typeof embedMany>[0]['model']> | undefined;
  const loadModel = async () =>
    c.provider === 'openai'
      ? (await import('@ai-sdk/openai')).createOpenAI({ apiKey: c.apiKey, baseURL: c.baseUrl, fetch }).embeddingModel(c.model)
      : c.provider === 'google'
        ? (await import('@ai-sdk/google')).createGoogleGenerativeAI({ apiKey: c.apiKey, baseURL: c.baseUrl, fetch }).embeddingModel(c.model)
        : (await import('@ai-sdk/openai-compatible')).createOpenAICompatible({ name: 'openai-compatible', baseURL: c.baseUrl!, apiKey: c.apiKey, fetch }).embeddingModel(c.model);
  return {
    model: modelId(c.provider, c.model),
    dimensions: c.dimensions,
    async embed(texts, opts) {
      if (texts.length === 0) return [];
      const signal = opts?.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
      const { embeddings } = await embedMany({ model: await (model ??= loadModel()), values: texts, maxRetries: 1, maxParallelCalls: 2, abortSignal: signal });
      return embeddings;
    },
  };
}

/**
 * Resolves each organization's embedder from its settings. The offline pool is shared by every
 * organization of the process and started on first use.
 */
export function embedderRegistry(opts: { box: SecretBox; workers: number; timeoutMs: number; fetch: typeof globalThis.fetch }) {
  let pool: EmbeddingPool | undefined;
  const offline = () => offlineEmbedder((pool ??= new EmbeddingPool(opts.workers)));
  const cache = new Map<string, { stamp: number; embedder: Embedder }>();

  /** A settings row as a provider config (null: offline). */
  async function resolveConfig(db: Db, s: typeof embeddingSettings.$inferSelect | undefined): Promise<EmbeddingConfig | null> {
    if (!s || s.provider === 'offline') return null;
    const orgId = s.organizationId;
    let apiKey = s.apiKeyEncrypted ? opts.box.decrypt(s.apiKeyEncrypted) : undefined;
    let baseUrl = s.baseUrl ?? undefined;
    if (!apiKey) {
      // No key of its own: the organization's AI key serves when it is for the same provider.
      const [ai] = await db.select().from(aiSettings).where(and(eq(aiSettings.organizationId, orgId), isNull(aiSettings.userId)));
      // A stored key only ever goes to the base URL it was saved with.
      if (ai?.provider === s.provider && ai.apiKeyEncrypted && (baseUrl === undefined || baseUrl === (ai.baseUrl ?? undefined))) {
        apiKey = opts.box.decrypt(ai.apiKeyEncrypted);
        baseUrl = ai.baseUrl ?? undefined;
      }
    }
    return { provider: s.provider as EmbeddingConfig['provider'], model: s.model, apiKey, baseUrl, dimensions: s.dimensions ?? undefined };
  }

  return {
    offline,
    resolveConfig,
    /** The model id an organization's vectors should have (no decryption, no provider call). */
    async modelFor(db: Db, orgId: string): Promise<string> {
      const [s] = await db.select({ provider: embeddingSettings.provider, model: embeddingSettings.model }).from(embeddingSettings).where(eq(embeddingSettings.organizationId, orgId));
      return s ? modelId(s.provider as EmbeddingProvider, s.model) : OFFLINE_MODEL;
    },
    async forOrg(db: Db, orgId: string): Promise<Embedder> {
      const [row] = await db.select().from(embeddingSettings).where(eq(embeddingSettings.organizationId, orgId));
      const stamp = row?.updatedAt.getTime() ?? 0;
      const hit = cache.get(orgId);
      if (hit && hit.stamp === stamp) return hit.embedder;
      const config = await resolveConfig(db, row);
      const embedder = config ? providerEmbedder(config, opts.timeoutMs, opts.fetch) : offline();
      cache.set(orgId, { stamp, embedder });
      return embedder;
    },
    build: (config: EmbeddingConfig | null) => (config ? providerEmbedder(config, opts.timeoutMs, opts.fetch) : offline()),
    /** Loads the offline model ahead of the first search (a cold load takes 0.5–2.5 s). */
    warm: () => offline().embed(['warm up'], { priority: 'query' }),
    async close() {
      await pool?.close();
      pool = undefined;
    },
    dimensionsOf: (embedder: Embedder) => embedder.dimensions ?? (embedder.model === OFFLINE_MODEL ? OFFLINE_DIMENSIONS : undefined),
  };
}

export type EmbedderRegistry = ReturnType<typeof embedderRegistry>;
