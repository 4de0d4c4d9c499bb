ALTER TABLE "goal" ADD COLUMN "pending_target" bigint;--> statement-breakpoint
ALTER TABLE "goal" ADD COLUMN "pending_by" uuid;--> statement-breakpoint
ALTER TABLE "goal" ADD COLUMN "pending_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "goal" ADD CONSTRAINT "goal_pending_change_check" CHECK (("goal"."pending_target" is null and "goal"."pending_by" is null and "goal"."pending_at" is null)
        or ("goal"."pending_target" >= 0 and "goal"."pending_by" is not null and "goal"."pending_at" is not null
            and "goal"."status" = 'agreed'));