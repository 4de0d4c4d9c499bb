DROP INDEX "activity_person_idx";--> statement-breakpoint
CREATE INDEX "goal_period_idx" ON "goal" USING btree ("org_id","metric","activity_kind","period_start");--> statement-breakpoint
CREATE INDEX "activity_person_idx" ON "activity" USING btree ("org_id","person_id","occurred_at","kind","count");