// Which model answers: the user's override, else the organization's setting, else the offline
// model. Provider failures become messages a person can act on.
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { APICallError } from 'ai';
import { AppError } from '../lib/errors';
import { entityServices } from '../modules/registry';
import type { Vocabulary } from './offline/grammar';
import { createOfflineModel, OFFLINE_MODEL_ID } from './offline/offline-model';

export const PROVIDERS = ['offline', 'anthropic', 'openai', 'google', 'openai-compatible'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export const DEFAULT_MODELS: Record<ProviderName, string> = {
  offline: OFFLINE_MODEL_ID,
  anthropic: 'claude-sonnet-4-5',
  openai: 'gpt-4.1-mini',
  google: 'gemini-2.5-flash',
  'openai-compatible': 'llama3.1',
};

export const PROVIDER_LABELS: Record<ProviderName, string> = {
  offline: 'Offline command model',
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  google: 'Google',
  'openai-compatible': 'OpenAI-compatible',
};

export interface ModelConfig {
  provider: ProviderName;
  model: string;
  apiKey?: string;
  baseUrl?: string;
  /** Claude extended thinking: its budget in tokens when on (only set for models that support it). */
  thinkingBudget?: number;
}

export interface ResolvedModel {
  model: LanguageModelV4;
  provider: ProviderName;
  modelId: string;
  /** What the UI shows: "Anthropic · claude-sonnet-4-5", "Offline command model". */
  label: string;
}

export function vocabulary(): Vocabulary {
  return {
    types: entityServices.map((s) => s.def.type),
    plural: Object.fromEntries(entityServices.flatMap((s) => [[s.def.resource, s.def.type], [s.def.resource.replace(/-/g, ' '), s.def.type]])),
  };
}

/**
 * `fetch` is the outbound guard's: every provider call goes through it (server/lib/outbound.ts).
 * Each provider's SDK is imported on first use, not at start-up: together they cost the start
 * about half a second, and most organizations use one provider or none.
 */
export async function buildModel(c: ModelConfig, fetch: typeof globalThis.fetch): Promise<ResolvedModel> {
  const label = c.provider === 'offline' ? PROVIDER_LABELS.offline : `${PROVIDER_LABELS[c.provider]} · ${c.model}`;
  const base = { provider: c.provider, modelId: c.model, label };
  switch (c.provider) {
    case 'offline':
      return { ...base, model: createOfflineModel(vocabulary()) };
    case 'anthropic': {
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      return { ...base, model: createAnthropic({ apiKey: c.apiKey, baseURL: c.baseUrl, fetch }).languageModel(c.model) };
    }
    case 'openai': {
      // Chat Completions: the wire format every OpenAI-compatible gateway also speaks.
      const { createOpenAI } = await import('@ai-sdk/openai');
      return { ...base, model: createOpenAI({ apiKey: c.apiKey, baseURL: c.baseUrl, fetch }).chat(c.model) };
    }
    case 'google': {
      const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
      return { ...base, model: createGoogleGenerativeAI({ apiKey: c.apiKey, baseURL: c.baseUrl, fetch }).languageModel(c.model) };
    }
    case 'openai-compatible': {
      const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
      return {
        ...base,
        model: createOpenAICompatible({ name: 'openai-compatible', baseURL: c.baseUrl!, apiKey: c.apiKey, includeUsage: true, fetch }).chatModel(c.model),
      };
    }
  }
}

/**
 * The provider options of a call: Claude extended thinking when the settings turn it on. The AI SDK's
 * Anthropic provider sends `thinking: {type: 'enabled', budget_tokens}`, raises max_tokens by the
 * budget, returns the thinking as reasoning parts (with their signature in providerMetadata) and
 * sends them back in later steps' assistant messages, as Anthropic requires when tools are used.
 */
export function thinkingOptions(c: ModelConfig): Record<string, Record<string, never>> {
  if (c.provider !== 'anthropic' || !c.thinkingBudget) return {};
  return { anthropic: { thinking: { type: 'enabled', budgetTokens: c.thinkingBudget } } as unknown as Record<string, never> };
}

/** A provider failure as an error the person at the keyboard can act on. */
export function providerError(err: unknown, c: ModelConfig): AppError {
  const who = PROVIDER_LABELS[c.provider];
  const e = unwrap(err);
  // The outbound guard's refusal (a blocked address) already says what to do.
  if (e instanceof AppError) return e.code === 'outbound_unresolvable' ? new AppError(502, 'provider_unreachable', `Could not reach ${who}: ${e.message}`) : e;
  if (APICallError.isInstance(e)) {
    const s = e.statusCode;
    if (s === 401 || s === 403) return new AppError(502, 'provider_auth', `${who} rejected the API key (HTTP ${s}). Check the key in Settings → AI.`);
    if (s === 429) return new AppError(502, 'provider_rate_limited', `${who} refused the request: quota or rate limit reached (HTTP 429). Try again later or check your plan.`);
    if (s === 404) return new AppError(502, 'provider_model_not_found', `${who} does not know the model "${c.model}" (HTTP 404). Pick another model in Settings → AI.`);
    if (s === undefined) return unreachable(who, e.url, e);
    return new AppError(502, 'provider_error', `${who} answered with an error (HTTP ${s}).`);
  }
  const name = (e as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new AppError(504, 'provider_timeout', `${who} did not answer in time. Try again, or choose a faster model.`);
  if (e instanceof TypeError || (e as { code?: string })?.code) return unreachable(who, c.baseUrl ?? who, e);
  return new AppError(502, 'provider_error', `${who} failed: ${(e as Error)?.message ?? 'unknown error'}`);
}

function unreachable(who: string, url: string, e: unknown) {
  const cause = (e as { cause?: { code?: string } }).cause?.code;
  return new AppError(502, 'provider_unreachable', `Could not reach ${who} at ${url}${cause ? ` (${cause})` : ''}. Check the base URL and that the service is running.`);
}

function unwrap(err: unknown): unknown {
  // The AI SDK wraps the last failure in RetryError.lastError.
  const last = (err as { lastError?: unknown }).lastError;
  return last ?? err;
}
