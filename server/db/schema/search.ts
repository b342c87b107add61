// The context layer: one searchable document per record, kept current from the outbox.
// Serves global search and the assistant's retrieval. Full-text (tsvector) + trigram.
import { sql } from 'drizzle-orm';
import { customType, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { organization } from './auth';
import { ts } from './columns';

// Drizzle has no tsvector column type; this declares one (read as text, never written by us).
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const searchDocuments = pgTable(
  'search_documents',
  {
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    ownerId: text('owner_id'),
    // 'simple' config: no language stemming, so names and codes match as typed in any language.
    tsv: tsvector('tsv')
      .notNull()
      .generatedAlwaysAs(sql`setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')`),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.entityType, t.entityId] }),
    index('search_documents_tsv_idx').using('gin', t.tsv),
    index('search_documents_title_trgm_idx').using('gin', sql`${t.title} gin_trgm_ops`),
    index('search_documents_body_trgm_idx').using('gin', sql`${t.body} gin_trgm_ops`),
  ],
);

/**
 * Which model embeds an organization's records: none (the built-in offline model) or its provider.
 * Vectors record the model that made them; when this changes they are re-embedded in the background.
 */
export const embeddingSettings = pgTable('embedding_settings', {
  organizationId: text('organization_id')
    .primaryKey()
    .references(() => organization.id, { onDelete: 'cascade' }),
  /** offline | openai | google | openai-compatible */
  provider: text('provider').notNull(),
  model: text('model').notNull(),
  /** AES-256-GCM ciphertext; null: use the organization's AI key when it is for the same provider. */
  apiKeyEncrypted: text('api_key_encrypted'),
  apiKeyLast4: text('api_key_last4'),
  baseUrl: text('base_url'),
  /** Learned from the provider when the setting was saved. */
  dimensions: integer('dimensions'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
