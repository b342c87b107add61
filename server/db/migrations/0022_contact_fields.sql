ALTER TABLE "companies" ADD COLUMN "billing_address" jsonb;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "shipping_address" jsonb;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "mobile" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "twitter_url" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "github_url" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "website_url" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "email_opt_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "do_not_call" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "preferred_channel" text;