// The organization's embedding model (admins): the built-in offline model, or a provider. Saving a
// provider embeds one probe text first, so a wrong key or model is a 4xx/502 now, not a silent
// backlog later, and the dimension is known. Changing the model leaves the stored vectors in place;
// the background pass re-embeds every chunk with the new one (retrieval uses only the new one's).
import { eq } from 'drizzle-orm';
import { EmbeddingSettingsInputSchema } from '../../contracts/context';
import { embeddingSettings } from '../db/schema';
import type { ServiceContext } from '../lib/context';
import type { SecretBox } from '../lib/crypto';
import { badRequest, parseInput } from '../lib/errors';
import { requireRole } from '../lib/roles';
import { providerError, PROVIDER_LABELS } from '../assistant/providers';
import { DEFAULT_EMBEDDING_MODELS, modelId, type EmbedderRegistry, type EmbeddingConfig, type EmbeddingProvider } from './embedder';
import { OFFLINE_DIMENSIONS } from './offline-embedder';

type Row = typeof embeddingSettings.$inferSelect;

export function embeddingSettingsService(box: SecretBox, registry: EmbedderRegistry) {
  const load = async (ctx: ServiceContext) => (await ctx.db.select().from(embeddingSettings).where(eq(embeddingSettings.organizationId, ctx.orgId)))[0];

  function present(r: Row | undefined) {
    const provider = (r?.provider ?? 'offline') as EmbeddingProvider;
    const model = r?.model ?? DEFAULT_EMBEDDING_MODELS.offline!;
    return {
      provider,
      model,
      modelId: modelId(provider, model),
      dimensions: provider === 'offline' ? OFFLINE_DIMENSIONS : (r?.dimensions ?? null),
      apiKey: r?.apiKeyLast4 ? `••••${r.apiKeyLast4}` : null,
      baseUrl: r?.baseUrl ?? null,
    };
  }

  return {
    async get(ctx: ServiceContext) {
      requireRole(ctx, 'admin');
      return present(await load(ctx));
    },

    async put(ctx: ServiceContext, input: unknown) {
      requireRole(ctx, 'admin');
      const i = parseInput(EmbeddingSettingsInputSchema, input);
      const existing = await load(ctx);
      const kept = existing?.provider === i.provider ? existing : undefined;
      const model = i.model ?? DEFAULT_EMBEDDING_MODELS[i.provider];
      if (!model) throw badRequest('Name the embedding model of your gateway', [{ path: 'model', message: 'is required for openai-compatible' }]);
      const ownKey = i.apiKey === undefined ? (kept?.apiKeyEncrypted ? box.decrypt(kept.apiKeyEncrypted) : undefined) : (i.apiKey ?? undefined);
      const baseUrl = i.baseUrl === undefined ? (kept?.baseUrl ?? undefined) : (i.baseUrl ?? undefined);
      if (i.provider === 'openai-compatible' && !baseUrl) throw badRequest('baseUrl is required for an OpenAI-compatible provider', [{ path: 'baseUrl', message: 'is required for openai-compatible' }]);

      let dimensions: number | null = null;
      if (i.provider !== 'offline') {
        // Store first without a probe would let a typo sit silently; probe with the same resolution
        // the background pass uses (own key, else the organization's AI key for this provider).
        const probeRow = { organizationId: ctx.orgId, provider: i.provider, model, apiKeyEncrypted: ownKey ? box.encrypt(ownKey) : null, apiKeyLast4: null, baseUrl: baseUrl ?? null, dimensions: null, updatedAt: new Date() };
        const config = await registry.resolveConfig(ctx.db, probeRow);
        if (!config?.apiKey && i.provider !== 'openai-compatible') {
          throw badRequest(`An API key is required for ${PROVIDER_LABELS[i.provider]} embeddings (or set the same provider in Settings → AI)`, [{ path: 'apiKey', message: 'is required for this provider' }]);
        }
        try {
          const [v] = await registry.build(config as EmbeddingConfig).embed(['Meridian CRM'], { priority: 'query' });
          dimensions = v.length;
        } catch (err) {
          throw providerError(err, { provider: i.provider, model, apiKey: config?.apiKey, baseUrl });
        }
      }
      const values = {
        provider: i.provider,
        model,
        apiKeyEncrypted: ownKey ? box.encrypt(ownKey) : null,
        apiKeyLast4: ownKey ? ownKey.slice(-4) : null,
        baseUrl: baseUrl ?? null,
        dimensions,
        updatedAt: new Date(),
      };
      await ctx.db
        .insert(embeddingSettings)
        .values({ organizationId: ctx.orgId, ...values })
        .onConflictDoUpdate({ target: embeddingSettings.organizationId, set: values });
      return present(await load(ctx));
    },
  };
}

export type EmbeddingSettingsService = ReturnType<typeof embeddingSettingsService>;
