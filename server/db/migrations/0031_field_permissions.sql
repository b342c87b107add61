CREATE TABLE "field_permissions" (
	"organization_id" text NOT NULL,
	"record_type" text NOT NULL,
	"field" text NOT NULL,
	"role" text NOT NULL,
	"access" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_permissions_organization_id_record_type_field_role_pk" PRIMARY KEY("organization_id","record_type","field","role")
);
--> statement-breakpoint
ALTER TABLE "field_permissions" ADD CONSTRAINT "field_permissions_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Every node caches the rules per organization (lib/field-permissions.ts): a change tells them all.
CREATE OR REPLACE FUNCTION field_permissions_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('field_permissions', OLD.organization_id);
  ELSE
    PERFORM pg_notify('field_permissions', NEW.organization_id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER field_permissions_notify AFTER INSERT OR UPDATE OR DELETE ON field_permissions FOR EACH ROW EXECUTE FUNCTION field_permissions_notify();
