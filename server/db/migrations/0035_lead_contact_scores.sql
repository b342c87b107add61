ALTER TABLE "contacts" ADD COLUMN "score" integer;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "score_factors" jsonb;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "score_overridden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "score_factors" jsonb;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "score_overridden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "contacts_org_score_idx" ON "contacts" USING btree ("organization_id","score","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_org_score_idx" ON "leads" USING btree ("organization_id","score","id") WHERE deleted_at is null;