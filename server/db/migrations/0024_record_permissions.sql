CREATE TABLE "record_permissions" (
	"organization_id" text NOT NULL,
	"record_type" text NOT NULL,
	"read" text DEFAULT 'all' NOT NULL,
	"edit" text DEFAULT 'all' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_permissions_organization_id_record_type_pk" PRIMARY KEY("organization_id","record_type")
);
--> statement-breakpoint
ALTER TABLE "record_permissions" ADD CONSTRAINT "record_permissions_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "companies_org_owner_idx" ON "companies" USING btree ("organization_id","owner_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_org_owner_idx" ON "contacts" USING btree ("organization_id","owner_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "notes_org_author_idx" ON "notes" USING btree ("organization_id","created_by","created_at") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "projects_org_assignees_idx" ON "projects" USING gin ("assignee_ids") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "deals_org_owner_idx" ON "deals" USING btree ("organization_id","owner_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_org_owner_idx" ON "leads" USING btree ("organization_id","owner_id","created_at","id") WHERE deleted_at is null;