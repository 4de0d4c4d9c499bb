ALTER TABLE "import_run" ADD COLUMN "warnings" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "import_run" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "opportunity" ADD COLUMN "amount_missing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "opportunity_won_without_amount_idx" ON "opportunity" USING btree ("org_id","owner_id","closed_at") WHERE "opportunity"."status" = 'won' and "opportunity"."amount_missing";