CREATE TABLE "embedding_settings" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"api_key_encrypted" text,
	"api_key_last4" text,
	"base_url" text,
	"dimensions" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "companies_org_name_idx";--> statement-breakpoint
DROP INDEX "contacts_org_name_idx";--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(name || E'\n' || coalesce(domain, ''))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(btrim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) || E'\n' || coalesce(email, ''))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "embedding_settings" ADD CONSTRAINT "embedding_settings_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "companies_search_trgm_idx" ON "companies" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_search_trgm_idx" ON "contacts" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
-- Hand-written (drizzle-kit cannot declare INCLUDE): the name indexes carry search_text, so a list
-- page with `q` sorted by name is an index-only scan that tests each entry with one cheap LIKE.
CREATE INDEX "companies_org_name_idx" ON "companies" ("organization_id", "name", "id") INCLUDE ("search_text") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_org_name_idx" ON "contacts" ("organization_id", "full_name", "id") INCLUDE ("search_text") WHERE deleted_at is null;
