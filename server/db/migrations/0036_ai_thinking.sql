ALTER TABLE "ai_settings" ADD COLUMN "thinking" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_settings" ADD COLUMN "thinking_budget" integer;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reasoning" text;