// The context layer's public shapes: search modes, embedding settings and the indexing status.
import { z } from 'zod';

export const SEARCH_MODES = ['hybrid', 'words', 'semantic'] as const;
export const SearchModeSchema = z.enum(SEARCH_MODES).describe('hybrid: words, similar spellings and meaning fused (default); words: no vectors; semantic: meaning only (400 where the database has no pgvector)');

export const EMBEDDING_PROVIDERS = ['offline', 'openai', 'google', 'openai-compatible'] as const;

export const EmbeddingSettingsInputSchema = z.strictObject({
  provider: z.enum(EMBEDDING_PROVIDERS).describe('offline: the built-in model (no network); otherwise a provider embeds through its API'),
  model: z.string().trim().min(1).max(200).optional().describe('Embedding model id; text-embedding-3-small (OpenAI) or gemini-embedding-001 (Google) when omitted; required for openai-compatible'),
  apiKey: z.string().trim().min(1).max(500).nullable().optional().describe("Omit to keep the stored key (or to use the organization's AI key for the same provider); null to remove it"),
  baseUrl: z.url().max(500).nullable().optional().describe('Required for openai-compatible (e.g. http://localhost:11434/v1)'),
});
export type EmbeddingSettingsInput = z.infer<typeof EmbeddingSettingsInputSchema>;

export const EmbeddingSettingsSchema = z.object({
  provider: z.enum(EMBEDDING_PROVIDERS),
  model: z.string(),
  /** The id stored with each vector, e.g. "offline:use-lite" or "openai:text-embedding-3-small". */
  modelId: z.string(),
  dimensions: z.number().nullable(),
  /** Masked ("••••abcd"), or null: no key of its own. */
  apiKey: z.string().nullable(),
  baseUrl: z.string().nullable(),
});

export const SearchStatusSchema = z.object({
  semantic: z.boolean().describe('Whether meaning-based retrieval is possible on this database (pgvector)'),
  reason: z.string().optional(),
  model: z.string().describe('Model id the vectors of this organization are (being) made with'),
  dimensions: z.number().nullable(),
  pendingEvents: z.number().describe('Changes not yet turned into search documents and chunks'),
  chunks: z.object({ total: z.number(), embedded: z.number(), pending: z.number() }),
  progress: z.number().describe('embedded / total chunks, 0–1'),
  lastError: z.string().optional().describe('The last embedding provider failure (retried every 5 minutes)'),
});
