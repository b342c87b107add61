-- Optional migration set (own table __drizzle_migrations_vector), applied only where the server
-- offers the pgvector extension (PGlite always; PostgreSQL when pgvector is installed). Without it
-- retrieval is words + trigram over search_documents and these tables never exist.
CREATE EXTENSION IF NOT EXISTS vector;
--> statement-breakpoint
-- The text chunks of every record (its fields, each long text split by length) and their vectors.
-- model is null while a chunk waits to be embedded; a chunk whose model differs from the
-- organization's current one is re-embedded in the background.
CREATE TABLE "search_chunks" (
	"organization_id" text NOT NULL REFERENCES "organization"("id") ON DELETE CASCADE,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"chunk_no" integer NOT NULL,
	"content" text NOT NULL,
	"content_hash" text NOT NULL,
	"model" text,
	"dims" integer,
	"embedding" vector,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_chunks_pk" PRIMARY KEY ("organization_id", "entity_type", "entity_id", "chunk_no")
);
--> statement-breakpoint
CREATE INDEX "search_chunks_org_model_idx" ON "search_chunks" ("organization_id", "model");
--> statement-breakpoint
-- One HNSW index per common dimension: an HNSW index needs a fixed dimension, and the model (so the
-- dimension) is chosen per organization. Other dimensions still work, by exact scan.
CREATE INDEX "search_chunks_hnsw_384_idx" ON "search_chunks" USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE dims = 384;
--> statement-breakpoint
CREATE INDEX "search_chunks_hnsw_512_idx" ON "search_chunks" USING hnsw ((embedding::vector(512)) vector_cosine_ops) WHERE dims = 512;
--> statement-breakpoint
CREATE INDEX "search_chunks_hnsw_768_idx" ON "search_chunks" USING hnsw ((embedding::vector(768)) vector_cosine_ops) WHERE dims = 768;
--> statement-breakpoint
CREATE INDEX "search_chunks_hnsw_1024_idx" ON "search_chunks" USING hnsw ((embedding::vector(1024)) vector_cosine_ops) WHERE dims = 1024;
--> statement-breakpoint
CREATE INDEX "search_chunks_hnsw_1536_idx" ON "search_chunks" USING hnsw ((embedding::vector(1536)) vector_cosine_ops) WHERE dims = 1536;
