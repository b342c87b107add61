// AI model settings: the organization's (admins) and a user's own override. Keys are encrypted at
// rest and never returned; responses show only the last four characters.
import { and, eq, isNull } from 'drizzle-orm';
import { AiSettingsInputSchema, DEFAULT_THINKING_BUDGET, thinkingSupported } from '../../contracts/assistant';
import { aiSettings } from '../db/schema';
import type { ServiceContext } from '../lib/context';
import type { SecretBox } from '../lib/crypto';
import { badRequest, forbidden, parseInput } from '../lib/errors';
import type { OutboundGuard } from '../lib/outbound';
import { hasRole, requireRole } from '../lib/roles';
import { buildModel, DEFAULT_MODELS, PROVIDER_LABELS, type ModelConfig, type ProviderName } from './providers';

type Row = typeof aiSettings.$inferSelect;
type Scope = 'organization' | 'user';

export function aiSettingsService(box: SecretBox, outbound: OutboundGuard) {
  const where = (ctx: ServiceContext, scope: Scope) =>
    and(eq(aiSettings.organizationId, ctx.orgId), scope === 'user' ? eq(aiSettings.userId, ctx.actor.userId) : isNull(aiSettings.userId));

  async function row(ctx: ServiceContext, scope: Scope): Promise<Row | undefined> {
    const [r] = await ctx.db.select().from(aiSettings).where(where(ctx, scope));
    return r;
  }

  function toConfig(r: Row): ModelConfig {
    const provider = r.provider as ProviderName;
    return {
      provider,
      model: r.model ?? DEFAULT_MODELS[provider],
      apiKey: r.apiKeyEncrypted ? box.decrypt(r.apiKeyEncrypted) : undefined,
      baseUrl: r.baseUrl ?? undefined,
      // Only a model that can think gets the option, whatever is stored.
      thinkingBudget: r.thinking && thinkingSupported(provider, r.model ?? DEFAULT_MODELS[provider]) ? (r.thinkingBudget ?? DEFAULT_THINKING_BUDGET) : undefined,
    };
  }

  function present(r: Row | undefined, scope: Scope | 'default') {
    const provider = (r?.provider ?? 'offline') as ProviderName;
    const model = r?.model ?? DEFAULT_MODELS[provider];
    return {
      provider,
      model,
      apiKey: r?.apiKeyLast4 ? `••••${r.apiKeyLast4}` : null,
      baseUrl: r?.baseUrl ?? null,
      label: provider === 'offline' ? PROVIDER_LABELS.offline : `${PROVIDER_LABELS[provider]} · ${model}`,
      scope,
      thinking: Boolean(r?.thinking) && thinkingSupported(provider, model),
      thinkingBudget: r?.thinkingBudget ?? DEFAULT_THINKING_BUDGET,
      thinkingSupported: thinkingSupported(provider, model),
    };
  }

  /**
   * Validates input against what is stored and returns the config to test or save. The rules that
   * keep a key from going where it should not:
   * - a stored key carries over only while the provider and the base URL stay the same (a new base
   *   URL needs the key typed again, so "Test" cannot ship the org's key to a URL of the caller's choosing);
   * - members and viewers choose provider, model and key for themselves, never the base URL: theirs is
   *   the organization's for the same provider, else the provider's own;
   * - every base URL passes the outbound guard (no loopback/private/metadata unless the operator allows it).
   */
  async function merge(ctx: ServiceContext, scope: Scope, input: unknown, existing: Row | undefined) {
    const i = parseInput(AiSettingsInputSchema, input);
    const kept = existing?.provider === i.provider ? existing : undefined;
    let baseUrl: string | undefined;
    if (scope === 'user' && !hasRole(ctx.role, 'admin')) {
      const org = await row(ctx, 'organization');
      const inherited = org?.provider === i.provider ? (org.baseUrl ?? undefined) : undefined;
      if (i.baseUrl && i.baseUrl !== inherited) throw forbidden('Only admins choose a base URL; your override uses the organization’s for this provider', 'base_url_admin_only');
      baseUrl = inherited;
    } else {
      baseUrl = i.baseUrl === undefined ? (kept?.baseUrl ?? undefined) : (i.baseUrl ?? undefined);
    }
    let apiKey: string | undefined;
    if (i.apiKey !== undefined) apiKey = i.apiKey ?? undefined;
    else if (kept?.apiKeyEncrypted) {
      if ((kept.baseUrl ?? undefined) !== baseUrl) throw badRequest('Enter the API key again: a stored key is only sent to the base URL it was saved with', [{ path: 'apiKey', message: 'is required when the base URL changes (null removes the key)' }]);
      apiKey = box.decrypt(kept.apiKeyEncrypted);
    }
    if (i.provider === 'openai-compatible' && !baseUrl) throw badRequest('baseUrl is required for an OpenAI-compatible provider', [{ path: 'baseUrl', message: 'is required for openai-compatible' }]);
    if (['anthropic', 'openai', 'google'].includes(i.provider) && !apiKey) throw badRequest(`An API key is required for ${PROVIDER_LABELS[i.provider]}`, [{ path: 'apiKey', message: 'is required for this provider' }]);
    if (baseUrl) {
      await outbound.assertField(baseUrl, 'baseUrl');
    }
    const model = i.model ?? DEFAULT_MODELS[i.provider];
    // Thinking: asked for, or kept from what is stored while the model can still think; a model that cannot is a 400.
    const canThink = thinkingSupported(i.provider, model);
    if (i.thinking && !canThink) {
      throw badRequest(`Extended thinking needs an Anthropic model that supports it (Claude 3.7 Sonnet, Sonnet 4, Opus 4, Haiku 4.5); ${PROVIDER_LABELS[i.provider]} · ${model} cannot think`, [
        { path: 'thinking', message: 'is not supported by this provider and model' },
      ]);
    }
    const thinking = canThink && (i.thinking ?? Boolean(kept?.thinking));
    const thinkingBudget = i.thinkingBudget === undefined ? (kept?.thinkingBudget ?? null) : i.thinkingBudget;
    const config: ModelConfig = { provider: i.provider, model, apiKey, baseUrl, thinkingBudget: thinking ? (thinkingBudget ?? DEFAULT_THINKING_BUDGET) : undefined };
    return { config, modelGiven: i.model, thinking, thinkingBudget };
  }

  async function save(ctx: ServiceContext, scope: Scope, input: unknown) {
    const existing = await row(ctx, scope);
    const { config, modelGiven, thinking, thinkingBudget } = await merge(ctx, scope, input, existing);
    const values = {
      provider: config.provider,
      model: modelGiven ?? null,
      apiKeyEncrypted: config.apiKey ? box.encrypt(config.apiKey) : null,
      apiKeyLast4: config.apiKey ? config.apiKey.slice(-4) : null,
      baseUrl: config.baseUrl ?? null,
      thinking,
      thinkingBudget,
      updatedAt: new Date(),
    };
    if (existing) await ctx.db.update(aiSettings).set(values).where(eq(aiSettings.id, existing.id));
    else await ctx.db.insert(aiSettings).values({ ...values, organizationId: ctx.orgId, userId: scope === 'user' ? ctx.actor.userId : null });
    return present(await row(ctx, scope), scope);
  }

  return {
    async getOrg(ctx: ServiceContext) {
      requireRole(ctx, 'admin');
      const r = await row(ctx, 'organization');
      return present(r, r ? 'organization' : 'default');
    },
    putOrg(ctx: ServiceContext, input: unknown) {
      requireRole(ctx, 'admin');
      return save(ctx, 'organization', input);
    },
    /** What answers this user: their override, else the organization's, else offline. */
    async getMine(ctx: ServiceContext) {
      requireRole(ctx, 'viewer');
      const mine = await row(ctx, 'user');
      if (mine) return present(mine, 'user');
      const org = await row(ctx, 'organization');
      return present(org, org ? 'organization' : 'default');
    },
    putMine(ctx: ServiceContext, input: unknown) {
      requireRole(ctx, 'viewer');
      return save(ctx, 'user', input);
    },
    async clearMine(ctx: ServiceContext) {
      requireRole(ctx, 'viewer');
      await ctx.db.delete(aiSettings).where(where(ctx, 'user'));
    },
    async resolve(ctx: ServiceContext): Promise<ModelConfig> {
      const r = (await row(ctx, 'user')) ?? (await row(ctx, 'organization'));
      return r ? toConfig(r) : { provider: 'offline', model: DEFAULT_MODELS.offline };
    },
    /** The config a "Test connection" should try: unsaved input merged with what is stored. */
    async candidate(ctx: ServiceContext, scope: Scope, input: unknown) {
      requireRole(ctx, scope === 'organization' ? 'admin' : 'viewer');
      if (input === undefined || (typeof input === 'object' && input && Object.keys(input).length === 0)) {
        const r = await row(ctx, scope);
        if (!r && scope === 'user') return this.resolve(ctx);
        return r ? toConfig(r) : { provider: 'offline' as const, model: DEFAULT_MODELS.offline };
      }
      return (await merge(ctx, scope, input, await row(ctx, scope))).config;
    },
    buildModel: (c: ModelConfig) => buildModel(c, outbound.fetch),
  };
}

export type AiSettingsService = ReturnType<typeof aiSettingsService>;
