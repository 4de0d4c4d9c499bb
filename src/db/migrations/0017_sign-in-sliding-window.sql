-- Counts of a 15-minute window: dropping them forgets at most one window of failures.
DELETE FROM "sign_in_limit";--> statement-breakpoint
ALTER TABLE "sign_in_limit" ADD COLUMN "attempts" timestamp with time zone[] NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_limit" DROP COLUMN "window_start";--> statement-breakpoint
ALTER TABLE "sign_in_limit" DROP COLUMN "failures";