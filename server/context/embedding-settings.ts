// The organization's embedding model (admins): the built-in offline model, or a provider. Saving a
// provider embeds one probe text first, so a wrong key or model is a 4xx (422) now, not a silent
// backlog later, and the dimension is known. Changing the model leaves the stored vectors in place;
// the background pass re-embeds every chunk with the new one (retrieval uses only the new one's).
import { eq } from 'drizzle-orm';
import { EmbeddingSettingsInputSchema } from '../../contracts/context';
import { embeddingSettings } from '../db/schema';
import type { ServiceContext } from '../lib/context';
import type { SecretBox } from '../lib/crypto';
import { AppError, badRequest, parseInput } from '../lib/errors';
import type { OutboundGuard } from '../lib/outbound';
import { requireRole } from '../lib/roles';
import { providerError, PROVIDER_LABELS } from '../assistant/providers';
import { DEFAULT_EMBEDDING_MODELS, modelId, type EmbedderRegistry, type EmbeddingConfig, type EmbeddingProvider } from './embedder';
import { OFFLINE_DIMENSIONS } from './offline-embedder';

type Row = typeof embeddingSettings.$inferSelect;

export function embeddingSettingsService(box: SecretBox, registry: EmbedderRegistry, outbound: OutboundGuard) {
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
      const baseUrl = i.baseUrl === undefined ? (kept?.baseUrl ?? undefined) : (i.baseUrl ?? undefined);
      // A stored key only ever goes to the base URL it was saved with (same rule as Settings → AI).
      if (i.apiKey === undefined && kept?.apiKeyEncrypted && (kept.baseUrl ?? undefined) !== baseUrl) {
        throw badRequest('Enter the API key again: a stored key is only sent to the base URL it was saved with', [{ path: 'apiKey', message: 'is required when the base URL changes (null removes the key)' }]);
      }
      const ownKey = i.apiKey === undefined ? (kept?.apiKeyEncrypted ? box.decrypt(kept.apiKeyEncrypted) : undefined) : (i.apiKey ?? undefined);
      if (i.provider === 'openai-compatible' && !baseUrl) throw badRequest('baseUrl is required for an OpenAI-compatible provider', [{ path: 'baseUrl', message: 'is required for openai-compatible' }]);
      if (baseUrl) {
        await outbound.assertField(baseUrl, 'baseUrl');
      }

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
          // The settings sent could not be verified, so nothing is saved: a 422 about this input,
          // not a gateway failure of ours (a chat turn or search that hits a dead provider is 502).
          const e = providerError(err, { provider: i.provider, model, apiKey: config?.apiKey, baseUrl });
          throw new AppError(e.status >= 500 ? 422 : e.status, e.code, e.message, [{ path: PROBE_FIELD[e.code] ?? 'baseUrl', message: e.message }]);
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

/** Which input field a failed probe points at (anything else: the address). */
const PROBE_FIELD: Record<string, string> = { provider_auth: 'apiKey', provider_model_not_found: 'model' };

export type EmbeddingSettingsService = ReturnType<typeof embeddingSettingsService>;
